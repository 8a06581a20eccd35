#!/usr/bin/env bash
# Remakes the images of docs/guide.md's "Reading a report": the flame graph
# and the timeline of examples/word-index.c, traced at exit, as tmreport
# draws them.  Uses build/ as scripts/setup.sh makes it.  The bytes are the
# same on every run; the timeline's times are those of this machine's run.
#
#   scripts/report-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x build/examples/word-index || ! -x build/bin/tmreport ]]; then
  echo "report-images: build first (scripts/setup.sh --no-demo)" >&2
  exit 1
fi
dump=$(mktemp --suffix=.tmd)
trap 'rm -f "$dump"' EXIT

TRACEMALLOC=8 TRACEMALLOC_DUMP="$dump" build/examples/word-index > /dev/null
build/bin/tmreport flamegraph "$dump" -o docs/images/word-index-flamegraph.svg \
  --title "word-index: live bytes at exit, by traceback"
build/bin/tmreport timeline "$dump" -o docs/images/word-index-timeline.svg \
  --title "word-index: traced memory over time"
