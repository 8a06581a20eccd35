#!/usr/bin/env bash
# Run every test (lit + FileCheck: pass, driver, runtime, unit tests) against
# the build tree, building first if needed.  Ends with "N passed, N failed",
# and ", N skipped" when a test's tool is missing.
set -uo pipefail
cd "$(dirname "$0")/.."

[[ -f build/build.ninja ]] || scripts/setup.sh --no-demo || exit 1
mkdir -p build
cmake --build build --target check 2>&1 | tee build/test.log
status=${PIPESTATUS[0]}

# lit's summary lines: "  Passed: 84 (100.00%)", "  Timed Out: 1 (1.19%)".
count() {
  awk -F: -v k="$1" '{ key = $1; gsub(/^ +| +$/, "", key) }
                      key == k { split($2, n, " "); sum += n[1] }
                      END { print sum + 0 }' build/test.log
}
passed=$(count Passed)
failed=$(( $(count Failed) + $(count Unresolved) + $(count "Timed Out") ))
skipped=$(count Unsupported)
if (( skipped > 0 )); then
  echo "test: lit's notes above say what the skipped tests lack"
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
if (( status == 0 && passed == 0 )); then
  echo "test: no test ran" >&2
  exit 1
fi
exit "$status"
