#!/bin/sh
# Runs Debian's Chromium headless on one page, with what it needs to work
# as root, offline and unattended, and a fresh profile each time:
#
#   headless_chromium.sh --dump-dom file:///.../page.html > dom.html
#   headless_chromium.sh --screenshot=shot.png --window-size=1200,900 URL
#
# --no-sandbox: the sandbox refuses to run as root.  --disable-gpu: no GPU
# here.  --disable-background-networking, --disable-component-update and
# --disable-sync: without them Chromium waits for servers that a closed
# network never answers.  --no-first-run: no first-run dialogs.  The
# profile is a new directory (mktemp), removed afterwards, so that no state
# carries over from one run to the next.  After 60 s Chromium is stopped.
# Its stderr (D-Bus and GPU complaints) is shown only when it fails.
profile=$(mktemp -d) || exit 1
log="$profile.log"
timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" "$@" 2> "$log"
status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 124 ] && echo "headless_chromium: timed out after 60 s" >&2
  cat "$log" >&2
fi
rm -rf "$profile" "$log"
exit "$status"
