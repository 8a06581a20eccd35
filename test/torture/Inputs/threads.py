# Eight threads churn dicts, lists, strings and bytes at once; each returns
# a figure that depends only on its input, so the output is the same run
# after run while the allocator sees the threads interleave.
import hashlib
import sys
import threading

def churn(seed, rounds, results):
    table = {}
    total = 0
    for i in range(rounds):
        key = "k%d-%d" % (seed, i % 997)
        value = [seed * i + j for j in range(i % 37)]
        table[key] = value
        if i % 3 == 0:
            table.pop("k%d-%d" % (seed, (i * 7) % 997), None)
        blob = bytes(str(value), "ascii") * (1 + i % 5)
        total = (total + len(blob) + sum(value)) % 1000000007
    digest = hashlib.sha256(repr(sorted(table.items())).encode()).hexdigest()
    results[seed] = (total, len(table), digest[:16])

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
results = {}
threads = [threading.Thread(target=churn, args=(seed, rounds, results))
           for seed in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for seed in sorted(results):
    print(seed, *results[seed])
