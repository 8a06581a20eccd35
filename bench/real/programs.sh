# The real programs of the bench: programs nobody here wrote, built from
# Debian's source packages (bench/real/fetch.sh) with the baseline's
# compiler and with tmcc, and run on inputs of ours.  Sourced by
# bench/run.sh and bench/real/fetch.sh.
#
#   lua      the Lua 5.4 interpreter (lua5.4), running bench/real/alloc.lua
#   sqlite   the sqlite3 shell over the amalgamation (sqlite3), running
#            bench/real/workload.sql on an in-memory database
#   jsoncpp  JsonCpp's library (libjsoncpp) under bench/real/jsoncpp_driver.cpp

# The programs as the workload table names them, and their packages.
real_programs=(lua sqlite3 jsoncpp)
real_packages=(lua5.4 sqlite3 libjsoncpp)
# Fetched beside them for the tests only (test/bench/jq-wrappers.test):
# jq, whose every block goes through the wrappers of jv_alloc.c.
test_packages=(jq)
real_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The unpacked source tree of a package in the sources directory $1.
real_tree() {
  local tree
  for tree in "$1/$2"-[0-9]*/; do
    [[ -d $tree ]] && { echo "${tree%/}"; return; }
  done
  echo "bench: no source tree of $2 in $1 (bench/real/fetch.sh $1)" >&2
  return 1
}

# Builds jq from the sources directory $1 into $2 with C compiler $3 and
# the flags that follow, as its makefile would without oniguruma (no
# regular expressions): its lexer and parser come generated, its builtins'
# source is made into a C string and its version header written here.
test_build_jq() {
  local tree output=$2 cc=$3 src
  tree=$(real_tree "$1" jq) || return 1
  shift 3
  src=$tree/src
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' \
    "$src/builtin.jq" >"$src/builtin.inc"
  echo "#define JQ_VERSION \"${tree##*/jq-}\"" >"$src/version.h"
  local files=()
  for f in "$src"/*.c; do [[ $f == */inject_errors.c ]] || files+=("$f"); done
  "$cc" -std=gnu99 -D_GNU_SOURCE -DIEEE_8087 -w "$@" -I"$tree" -o "$output" "${files[@]}" -lm
}

# What the packages' own builds generate before compiling, done once
# after the fetch: Lua's multiarch header (debian/rules writes it) and
# SQLite's amalgamation and shell source (its makefile, with tclsh).
real_prepare() {
  local sources=$1 lua sqlite
  lua=$(real_tree "$sources" lua5.4)
  echo "#define DEB_HOST_MULTIARCH \"$(dpkg-architecture -qDEB_HOST_MULTIARCH)\"" \
    >"$lua/src/lua5.4-deb-multiarch.h"
  command -v tclsh >/dev/null ||
    { echo "bench: tclsh is missing; install the Debian package: apt-get install tcl" >&2; return 1; }
  sqlite=$(real_tree "$sources" sqlite3)
  mkdir -p "$sqlite/bld"
  (cd "$sqlite/bld" && CC=clang-19 ../configure --disable-tcl >configure.log 2>&1 &&
     make sqlite3.c shell.c >make.log 2>&1) ||
    { echo "bench: generating SQLite's amalgamation failed (logs in $sqlite/bld)" >&2; return 1; }
}

# Builds real program $1 from the sources directory $2 into $3 with C
# compiler $4 and C++ compiler $5 and the flags that follow.
real_build() {
  local name=$1 sources=$2 output=$3 cc=$4 cxx=$5 tree
  shift 5
  case $name in
    lua)
      tree=$(real_tree "$sources" lua5.4)
      local files=()
      for f in "$tree"/src/*.c; do [[ $f == */luac.c ]] || files+=("$f"); done
      "$cc" -std=gnu99 "$@" -DLUA_USE_LINUX -o "$output" "${files[@]}" -lm -ldl ;;
    sqlite3)
      tree=$(real_tree "$sources" sqlite3)
      "$cc" "$@" -o "$output" "$tree/bld/shell.c" "$tree/bld/sqlite3.c" -lpthread -lm -ldl ;;
    jsoncpp)
      tree=$(real_tree "$sources" libjsoncpp)
      "$cxx" -std=c++17 "$@" -I"$tree/include" -o "$output" "$real_dir/jsoncpp_driver.cpp" \
        "$tree"/src/lib_json/*.cpp ;;
    *) echo "bench: no real program $name" >&2; return 1 ;;
  esac
}

# Sets `args` to the arguments of real program $1 on input $2.
real_args() {
  case $1 in
    lua) args=("$real_dir/alloc.lua" "$2") ;;
    sqlite3) args=(-batch :memory: "CREATE TABLE input AS SELECT $2 AS rows" ".read $real_dir/workload.sql") ;;
    jsoncpp) args=("$2") ;;
  esac
}
