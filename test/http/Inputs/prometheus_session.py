"""prometheus_session.py PORT: starts a real Prometheus server (Debian's
`prometheus`) on a free loopback port, with a temporary storage
directory, scraping the endpoint at 127.0.0.1:PORT every second, and asks
its HTTP API (/api/v1/query) for the series the test checks; prints each
query's result as `name{labels} value`, then stops Prometheus."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

target = f"127.0.0.1:{sys.argv[1]}"
queries = ["tracemalloc_traced_blocks",
           'tracemalloc_site_live_bytes{file="serve.c",line="15"}',
           'tracemalloc_site_live_blocks{file="serve.c",line="15"}',
           'tracemalloc_site_live_bytes{file="serve.c",line="17"}',
           "up"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


workdir = tempfile.mkdtemp(prefix="prometheus-")
config = os.path.join(workdir, "prometheus.yml")
with open(config, "w") as f:
    f.write(f"""global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: traced
    static_configs:
      - targets: ['{target}']
""")
web = f"127.0.0.1:{free_port()}"
log = open(os.path.join(workdir, "log"), "w")
server = subprocess.Popen(
    [shutil.which("prometheus"), f"--config.file={config}",
     f"--storage.tsdb.path={workdir}/data", f"--web.listen-address={web}"],
    stdout=log, stderr=log)


def query(expression):
    url = f"http://{web}/api/v1/query?" + urllib.parse.urlencode(
        {"query": expression})
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)["data"]["result"]


try:
    results = {}
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and len(results) < len(queries):
        time.sleep(1)
        for q in queries:
            try:
                found = query(q)
            except OSError:
                break  # not up yet
            if found:
                results[q] = found
    for q in queries:
        for series in results.get(q, []):
            labels = ",".join(f'{k}="{v}"' for k, v in
                              sorted(series["metric"].items())
                              if k not in ("instance", "job"))
            print(f"{q.split('{')[0]}{{{labels}}} {series['value'][1]}")
        if q not in results:
            print(f"{q}: no result within 90 s")
            print(open(os.path.join(workdir, "log")).read()[-2000:])
finally:
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(workdir, ignore_errors=True)
