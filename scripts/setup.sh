#!/usr/bin/env bash
# Set up tracemalloc for C on Debian bookworm: install the Debian packages
# that are missing (as root; otherwise print the command to run), build
# everything into build/, and run the demo (examples/leak.c).
#
#   scripts/setup.sh            install, build, run the demo
#   scripts/setup.sh --no-demo  install and build only
set -euo pipefail
cd "$(dirname "$0")/.."

# The toolchain, the build, what the benchmark suite compares against, and
# the other allocators the runtime tests forward to; zlib for tmreport
# pprof, and Go for the `go tool pprof` its test reads the profile with;
# Chromium, in which the test of tmreport html renders the page; xmllint,
# the XML parser that checks the SVG files of tmreport; the real programs
# and the allocators (mimalloc too) that test/torture/ runs with the
# runtime preloaded; dpkg-dev and tcl, which unpack the bench's real
# programs from Debian's source packages and generate SQLite's
# amalgamation; pkgconf and groff-base, with which the tests read the
# installed pkg-config file and man pages; python3-jsonschema, with
# which the tests check files against speedscope's schema (from npm);
# prometheus, the real server that test/http scrapes the endpoint with.
packages=(clang-19 llvm-19-dev llvm-19-tools libclang-rt-19-dev
          cmake ninja-build make python3 heaptrack valgrind
          libjemalloc-dev libgoogle-perftools-dev zlib1g-dev golang-go
          chromium lld-19 libxml2-utils
          gcc g++ git perl gzip xz-utils sqlite3 nodejs libmimalloc2.0
          dpkg-dev tcl pkgconf groff-base
          python3-jsonschema prometheus)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
cmake --build build

# The sources of the bench's real programs (bench/real/programs.sh), from
# Debian's source packages; without a Debian mirror their tests are
# skipped, nothing else.
bench/real/fetch.sh build/bench/sources ||
  echo "setup: no Debian source packages: the tests of the real programs are skipped" >&2

# speedscope's file-format schema, from its npm package, against which the
# test of tmreport speedscope validates the files it writes; without the
# npm registry that check is skipped, nothing else.
if [[ ! -f build/speedscope/file-format-schema.json ]]; then
  tmp=$(mktemp -d)
  if (cd "$tmp" && npm pack --silent speedscope@1.25.0 >/dev/null 2>&1 &&
      tar -xzf speedscope-1.25.0.tgz package/dist/release/file-format-schema.json); then
    mkdir -p build/speedscope
    mv "$tmp/package/dist/release/file-format-schema.json" build/speedscope/
  else
    echo "setup: no npm registry: speedscope's schema is not checked" >&2
  fi
  rm -rf "$tmp"
fi

[[ ${1:-} == --no-demo ]] && exit 0
# The build compiled examples/ with tmcc -O2, as a user would.
echo
echo "demo: examples/leak.c, built with tmcc -O2 (build/examples/leak):"
build/examples/leak
