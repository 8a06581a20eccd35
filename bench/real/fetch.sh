#!/usr/bin/env bash
# Fetch the sources of the real programs the bench builds (bench/real/
# programs.sh) from Debian's source packages, with Debian's patches
# applied, into a directory of their own:
#
#   bench/real/fetch.sh DIR
#
# apt runs with a private state under DIR/apt (its own deb-src list and
# package lists), so the system's apt configuration is neither needed nor
# changed; the mirror is the one the system's own list names for bookworm
# (or $BENCH_DEBIAN_MIRROR).  Needs apt-get and dpkg-source (Debian's
# dpkg-dev).  Writes DIR/versions, one "package version" line each, and
# DIR/complete last, so that an interrupted fetch is done again.
set -euo pipefail

die() { echo "fetch: $*" >&2; exit 1; }
(($# == 1)) || die "usage: bench/real/fetch.sh DIR"
dir=$(realpath -m "$1") # absolute: apt runs from inside it
source "$(dirname "$0")/programs.sh"
[[ -e $dir/complete ]] && exit 0

command -v apt-get >/dev/null || die "apt-get is missing: this needs Debian"
command -v dpkg-source >/dev/null ||
  die "dpkg-source is missing; install the Debian package: apt-get install dpkg-dev"

# The mirror the system's own sources name, in either format (or none).
system_mirror() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    sed -n -e 's|^URIs: *\([^ ]*/debian\)$|\1|p' \
           -e 's|^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*/debian\) .*|\2|p' | head -1
}
mirror=${BENCH_DEBIAN_MIRROR:-$(system_mirror || true)}
mirror=${mirror:-http://deb.debian.org/debian}

rm -rf "$dir"
mkdir -p "$dir/apt/lists/partial" "$dir/apt/archives/partial"
echo "deb-src $mirror bookworm main" >"$dir/apt/sources.list"
apt_options=(-o Dir::Etc::SourceList="$dir/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o Dir::State::Lists="$dir/apt/lists" -o Dir::Cache::Archives="$dir/apt/archives"
             -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")
echo "fetch: Debian source packages from $mirror into $dir" >&2
apt-get "${apt_options[@]}" -qq update ||
  die "cannot read the source package lists from $mirror"
packages=("${real_packages[@]}" "${test_packages[@]}")
(cd "$dir" && apt-get "${apt_options[@]}" -qq source "${packages[@]}" >apt/source.log 2>&1) ||
  { tail -n 20 "$dir/apt/source.log" >&2; die "apt-get source ${packages[*]} failed"; }
for package in "${real_packages[@]}"; do
  version=$(sed -n 's/^Version: //p' "$dir/${package}_"*.dsc | head -1)
  [[ -n $version ]] || die "no .dsc for $package"
  echo "$package $version"
done >"$dir/versions"
real_prepare "$dir"
touch "$dir/complete"
