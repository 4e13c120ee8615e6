#!/usr/bin/env bash
# Gives the libLibTorchSharp.so copies in one output folder what they need on a libstdc++ older than GCC 13's.
#
# TorchSharp 0.107's libLibTorchSharp.so needs GLIBCXX_3.4.32 for one symbol, std::ios_base_library_init(). Debian 12
# ships GCC 12's libstdc++ (up to GLIBCXX_3.4.30), so torch fails to initialise there. Where the system libstdc++
# lacks that version, each copy in the output folder is replaced (never written through: it may be a hard link into
# the NuGet cache) by one that
#   - needs libgml_ios_base_init.so, our definition of that function, placed beside it,
#   - looks the symbol up without a version, and
#   - marks its GLIBCXX_3.4.32 version need weak, so the loader accepts the older libstdc++.
# Where libstdc++ is new enough nothing is done. Needs g++ and patchelf (./build.sh setup installs them).
#   patch-libtorchsharp.sh OUTPUT_FOLDER
set -euo pipefail
out=${1:?usage: patch-libtorchsharp.sh OUTPUT_FOLDER}
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../build/libstdcxx-compat
version=GLIBCXX_3.4.32
symbol=_ZSt21ios_base_library_initv
shim=libgml_ios_base_init.so

targets=$(find "$out" -name libLibTorchSharp.so -type f 2>/dev/null || true)
[ -n "$targets" ] || exit 0

libstdcxx=$(/sbin/ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }')
if [ -z "$libstdcxx" ] || grep -q "$version" "$libstdcxx"; then exit 0; fi

for tool in g++ gcc patchelf; do
  command -v $tool >/dev/null || {
    echo "error: $libstdcxx lacks $version, which TorchSharp needs; fixing that needs $tool (run ./build.sh setup, or apt-get install g++ patchelf)" >&2
    exit 1
  }
done

# Build the two helpers once per checkout; again only when their sources change.
mkdir -p "$tools"
if [ ! -f "$tools/$shim" ] || [ "$here/ios_base_library_init.cpp" -nt "$tools/$shim" ]; then
  g++ -shared -fPIC -O2 -Wl,-soname,$shim -o "$tools/$shim.tmp" "$here/ios_base_library_init.cpp"
  mv "$tools/$shim.tmp" "$tools/$shim"
fi
if [ ! -x "$tools/weaken_version_need" ] || [ "$here/weaken_version_need.c" -nt "$tools/weaken_version_need" ]; then
  gcc -O2 -Wall -o "$tools/weaken_version_need.tmp" "$here/weaken_version_need.c"
  mv "$tools/weaken_version_need.tmp" "$tools/weaken_version_need"
fi

for lib in $targets; do
  dir=$(dirname "$lib")
  cmp -s "$tools/$shim" "$dir/$shim" || cp "$tools/$shim" "$dir/$shim"
  if patchelf --print-needed "$lib" | grep -qx "$shim"; then continue; fi
  tmp=$(mktemp "$dir/.libLibTorchSharp.XXXXXX")
  cp "$lib" "$tmp"
  patchelf --add-needed "$shim" "$tmp"
  patchelf --clear-symbol-version "$symbol" "$tmp"
  "$tools/weaken_version_need" "$tmp" "$version"
  chmod 755 "$tmp"
  mv -f "$tmp" "$lib"
done
