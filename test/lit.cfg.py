# lit configuration for the tracemalloc test suites.
import os
import shutil
import subprocess
import lit.formats

config.name = "tracemalloc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".ll", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tm_obj_root, "test")

bindir = os.path.join(config.tm_obj_root, "bin")
libdir = os.path.join(config.tm_obj_root, "lib")
llvm = config.llvm_tools_dir

config.substitutions.append(("%tmcc", os.path.join(bindir, "tmcc")))
config.substitutions.append(("%tmcxx", os.path.join(bindir, "tmc++")))
config.substitutions.append(("%tmctl", os.path.join(bindir, "tmctl")))
config.substitutions.append(("%clangxx", os.path.join(llvm, "clang++")))
config.substitutions.append(("%clang", os.path.join(llvm, "clang")))
config.substitutions.append(("%opt", os.path.join(llvm, "opt")))
config.substitutions.append(("%plugin", os.path.join(libdir, "TraceMalloc.so")))
config.substitutions.append(("%bindir", bindir))
config.substitutions.append(("%libdir", libdir))
config.substitutions.append(("%includedir", os.path.join(config.tm_obj_root, "include")))
config.substitutions.append(("%srcroot", config.tm_src_root))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))

# FileCheck, not and count come from LLVM; the project's binaries come next.
config.environment["PATH"] = os.pathsep.join(
    [llvm, bindir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# A traced test program must not inherit tracing settings from the caller.
for var in ("TRACEMALLOC", "TRACEMALLOC_TOP", "TRACEMALLOC_TOP_FILE",
            "TRACEMALLOC_DUMP", "TRACEMALLOC_DUMP_SIGNAL",
            "TRACEMALLOC_PEAK_DUMP", "TRACEMALLOC_PEAK_DUMP_GROWTH",
            "TRACEMALLOC_SNAPSHOT_AT", "TRACEMALLOC_SYMBOLIZER",
            "TRACEMALLOC_SYMBOLIZER_TIMEOUT", "TRACEMALLOC_LIVE",
            "TRACEMALLOC_LIVE_KEEP", "TRACEMALLOC_CONTROL",
            "TRACEMALLOC_CONTROL_SIGNAL", "TRACEMALLOC_HTTP",
            "TRACEMALLOC_METRICS_SITES", "LD_PRELOAD",
            "TMCC_CLANG", "TMCC_PLUGIN", "TMCC_RUNTIME_DIR"):
    config.environment.pop(var, None)
# The live files of the suite's programs go to a directory of the build
# tree, not /dev/shm: the programs the suite kills leave theirs behind.
live_dir = os.path.join(config.tm_obj_root, "test", "live-files")
shutil.rmtree(live_dir, ignore_errors=True)
os.makedirs(live_dir)
config.environment["TRACEMALLOC_LIVE_DIR"] = live_dir

# heaptrack (scripts/setup.sh installs it): the tests that run a program
# under it are skipped without it.
if shutil.which("heaptrack") and shutil.which("heaptrack_print"):
    config.available_features.add("heaptrack")
else:
    lit_config.note("heaptrack not found: the tests under it are skipped "
                    "(install Debian's heaptrack, as scripts/setup.sh does)")

# Link-time optimisation needs LLVM's own linker, of the same version as the
# compiler (lld-19; scripts/setup.sh installs it, so CI always runs it).
if os.path.exists(os.path.join(llvm, "ld.lld")):
    config.available_features.add("lld")
else:
    lit_config.note("ld.lld not found next to clang: the LTO tests are "
                    "skipped (install Debian's lld-19, as scripts/setup.sh "
                    "does)")

# setuid.c runs a root-owned set-user-ID copy of a test program as nobody:
# it needs root, setpriv (util-linux), the user nobody, and a /tmp that
# honours set-user-ID bits.
def can_test_setuid():
    import pwd, shutil
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        return False
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return False
    # The test's directory is made under /tmp: it must honour the bits.
    return not os.statvfs("/tmp").f_flag & os.ST_NOSUID

if can_test_setuid():
    config.available_features.add("setuid")
else:
    lit_config.note("not root, no setpriv, or a nosuid /tmp: the "
                    "set-user-ID test is skipped")

# test/http/prometheus.test runs Debian's Prometheus server, which
# scripts/setup.sh installs.
if shutil.which("prometheus"):
    config.available_features.add("prometheus")
else:
    lit_config.note("prometheus not found: the test of a real Prometheus "
                    "scraping the endpoint is skipped (install Debian's "
                    "prometheus, as scripts/setup.sh does)")

# The bench's real programs are built from Debian's source packages, which
# scripts/setup.sh fetches into build/bench/sources (bench/real/fetch.sh).
real_sources = os.path.join(config.tm_obj_root, "bench", "sources")
config.substitutions.append(("%realsources", real_sources))
if os.path.exists(os.path.join(real_sources, "complete")):
    config.available_features.add("real-sources")
else:
    lit_config.note("no Debian sources in " + real_sources + ": the bench's "
                    "real programs are not tested (scripts/setup.sh fetches "
                    "them with bench/real/fetch.sh)")
# jq's, fetched beside them since bench/real/fetch.sh also fetches the
# tests' own packages (a sources directory fetched before lacks it).
import glob
if glob.glob(os.path.join(real_sources, "jq-[0-9]*", "src", "jv_alloc.c")):
    config.available_features.add("jq-sources")
else:
    lit_config.note("no jq sources in " + real_sources + ": jq's wrapper "
                    "test is skipped (remove the directory and run "
                    "scripts/setup.sh to fetch them again)")

# speedscope's file-format schema, which scripts/setup.sh fetches from the
# npm registry, and the Debian Python that has jsonschema.
schema = os.path.join(config.tm_obj_root, "speedscope", "file-format-schema.json")
config.substitutions.append(("%speedscope_schema", schema))
if os.path.exists(schema) and os.path.exists("/usr/bin/python3") and \
        subprocess.call(["/usr/bin/python3", "-c", "import jsonschema"],
                        stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("speedscope-schema")
else:
    lit_config.note("no " + schema + " or no jsonschema for /usr/bin/python3: "
                    "speedscope's files are not checked against its schema "
                    "(scripts/setup.sh fetches it)")
