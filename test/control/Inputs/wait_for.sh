# wait_for FILE: waits up to 20 s for the program to create FILE.
wait_for() {
  for _ in $(seq 2000); do
    [ -e "$1" ] && return 0
    sleep 0.01
  done
  echo "timed out waiting for $1" >&2
  exit 1
}
