// RUN: rm -rf %t && mkdir %t
// RUN: cd %S && %tmcc -O1 json.c -o %t/prog && %t/prog %t/old.dump %t/new.dump
// RUN: %tmreport top --json %t/new.dump > %t/top.json
// RUN: python3 -m json.tool %t/top.json > /dev/null
// RUN: FileCheck %s --check-prefix=TOP -DDIR=%t < %t/top.json
// RUN: %tmreport diff --json -n 1 %t/old.dump %t/new.dump > %t/diff.json
// RUN: python3 -m json.tool %t/diff.json > /dev/null
// RUN: FileCheck %s --check-prefix=DIFF < %t/diff.json
// RUN: %tmreport top --json --key traceback --exclude '*json.c' %t/new.dump > %t/none.json
// RUN: python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["statistics"] == [] and d["total"] == {"size": 0, "count": 0}, d' %t/none.json
// RUN: %tmreport top --json --cumulative %t/new.dump | FileCheck %s --check-prefix=CUMULATIVE
// tmreport top --json and diff --json: the statistics the text shows, as
// one JSON document with exact byte counts (1000 blocks of 64 B are 64000,
// which the text rounds to 62.5 KiB), the traceback of each, the totals of
// every statistic whatever -n shows (none with --cumulative, which counts
// a block once per frame), and the differences for diff.
#include <stdlib.h>
#include <tracemalloc.h>

static void *blocks[1003];

int main(int argc, char **argv) {
  tm_start(1);
  for (int i = 0; i < 3; i++)
    blocks[i] = malloc(100); // line 25
  tm_snapshot *old = tm_take_snapshot();
  tm_snapshot_dump(old, argv[1]);
  for (int i = 3; i < 1003; i++)
    blocks[i] = malloc(64); // line 29
  tm_snapshot *now = tm_take_snapshot();
  tm_snapshot_dump(now, argv[2]);
  tm_snapshot_free(old);
  tm_snapshot_free(now);
  return 0;
}

// TOP:      {"key": "lineno", "cumulative": false, "dumps": ["[[DIR]]/new.dump"],
// TOP-NEXT:  "total": {"size": 64300, "count": 1003},
// TOP-NEXT:  "statistics": [
// TOP-NEXT:   {"size": 64000, "count": 1000, "traceback": [{"filename": "json.c", "lineno": 29, "function": "main"}], "total_nframe": 1, "wrappers": []},
// TOP-NEXT:   {"size": 300, "count": 3, "traceback": [{"filename": "json.c", "lineno": 25, "function": "main"}], "total_nframe": 1, "wrappers": []}
// TOP-NEXT:  ]}

// DIFF:      "total": {"size": 64300, "count": 1003, "size_diff": 64000, "count_diff": 1000},
// DIFF-NEXT: "statistics": [
// DIFF-NEXT:   {"size": 64000, "count": 1000, "size_diff": 64000, "count_diff": 1000, "traceback": [{"filename": "json.c", "lineno": 29, "function": "main"}], "total_nframe": 1, "wrappers": []}
// DIFF-NEXT: ]}

// CUMULATIVE:      {"key": "lineno", "cumulative": true,
// CUMULATIVE-NEXT: "statistics": [
