#!/usr/bin/env bash
# Builds accredit for the browser: the library and its binding (web/binding/) compiled to
# WebAssembly with Debian's emscripten, and the static page (web/page/) beside it, into
# build/web/ (or $1): a folder of four static files that any web server can serve (web/serve.sh
# does, locally), and that also runs opened from the disk (a double-click on index.html).
#
#   web/build.sh                 # build/web/index.html, style.css, page.js, accredit.js
#   web/serve.sh                 # serves build/web/ on http://localhost:8080/
#
# Needs Debian's emscripten, node-acorn and dpkg-dev (.ci/install-deps installs them). The
# libraries the library uses (zlib, expat, libzip, fmt, yaml-cpp, simdjson, libxlsxwriter) are
# compiled from their Debian source packages (apt-get source; the script enables deb-src when
# run as root and it is not), once, into build/wasm/deps/: nothing is vendored or downloaded
# from elsewhere. Later runs reuse them and need no network.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/build/web}")
work=$root/build/wasm
src=$work/src
prefix=$work/deps
jobs=${JOBS:-$(nproc)}
# Debian's emscripten needs acorn from node-acorn, found through NODE_PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
# C++ exceptions are WebAssembly's own (-fwasm-exceptions): emscripten's JavaScript exceptions
# route every call that may throw through JavaScript and made evaluating five times slower.
# Debian's cache of emscripten's system libraries has them built for both (libc++-except.a is
# the WebAssembly one), so it is used as it is.
flags="-O2 -fwasm-exceptions"

say() { echo "web/build.sh: $*" >&2; }
need() {
  command -v "$1" >/dev/null || { say "$1 not found: install $2 (.ci/install-deps does)"; exit 1; }
}
need emcc emscripten
need emcmake emscripten
need dpkg-source dpkg-dev
[ -e /usr/share/nodejs/acorn ] || { say "acorn not found: install node-acorn"; exit 1; }

# --- Debian source packages -------------------------------------------------------------
enable_deb_src() {
  local list=/etc/apt/sources.list.d/debian.sources legacy=/etc/apt/sources.list
  if grep -qs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources ||
    grep -qs '^deb-src' "$legacy" /etc/apt/sources.list.d/*.list; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    say "apt has no deb-src entries: as root, add deb-src beside deb (Types: deb deb-src in"
    say "$list, or a deb-src line for each deb line of $legacy), then apt-get update"
    exit 1
  fi
  if [ -f "$list" ]; then
    say "enabling deb-src in $list"
    sed -i 's/^Types: deb$/Types: deb deb-src/' "$list"
  elif grep -qs '^deb ' "$legacy"; then
    say "enabling deb-src in $legacy"
    sed -n 's/^deb /deb-src /p' "$legacy" >>"$legacy"
  else
    say "no apt sources found to add deb-src to"
    exit 1
  fi
  apt-get update -qq
}

# fetch PACKAGE: unpacks the Debian source of PACKAGE (its patches applied) into
# $src/PACKAGE. The newest version first; a security update whose source the mirror lacks
# falls back to the release's own version.
fetch() {
  local package=$1
  [ -f "$src/$package/.unpacked" ] && return 0
  enable_deb_src
  rm -rf "${src:?}/$package" "$src/download-$package"
  mkdir -p "$src/download-$package"
  local version fetched=
  for version in $(apt-cache showsrc "$package" | awk '/^Version:/ {print $2}' | sort -rV -u); do
    if (cd "$src/download-$package" &&
      apt-get source -qq --download-only "$package=$version" >/dev/null 2>&1); then
      fetched=$version
      break
    fi
    rm -f "$src/download-$package"/*
  done
  [ -n "$fetched" ] || { say "could not fetch the Debian source of $package"; exit 1; }
  dpkg-source -x "$src/download-$package"/*.dsc "$src/$package" >/dev/null
  echo "$fetched" >"$src/$package/.unpacked"
  say "$package $fetched"
}

# cmake_dep NAME SOURCE-DIR [CMAKE-ARGS...]: builds and installs one library into $prefix.
cmake_dep() {
  local name=$1 dir=$2
  shift 2
  [ -f "$prefix/.built-$name" ] && return 0
  say "building $name"
  emcmake cmake -S "$dir" -B "$work/build-$name" -G Ninja -Wno-dev \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_ROOT_PATH="$prefix" \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=OFF \
    -DCMAKE_C_FLAGS="-O2" -DCMAKE_CXX_FLAGS="$flags" "$@" >"$work/$name.log" 2>&1 &&
    cmake --build "$work/build-$name" -j"$jobs" >>"$work/$name.log" 2>&1 &&
    cmake --install "$work/build-$name" >>"$work/$name.log" 2>&1 ||
    { tail -30 "$work/$name.log" >&2; say "building $name failed: $work/$name.log"; exit 1; }
  touch "$prefix/.built-$name"
}

mkdir -p "$src" "$prefix"
for package in zlib expat libzip fmtlib yaml-cpp simdjson libxlsxwriter; do
  fetch "$package"
done

# zlib by its own configure: Debian's source drops the win32/ folder its CMake wants.
if [ ! -f "$prefix/.built-zlib" ]; then
  say "building zlib"
  rm -rf "$work/build-zlib" && cp -r "$src/zlib" "$work/build-zlib"
  (cd "$work/build-zlib" && CFLAGS=-O2 emconfigure ./configure --static --prefix="$prefix" &&
    emmake make -j"$jobs" libz.a && emmake make install) >"$work/zlib.log" 2>&1 ||
    { tail -30 "$work/zlib.log" >&2; say "building zlib failed: $work/zlib.log"; exit 1; }
  touch "$prefix/.built-zlib"
fi
# Debian's security patches test `#if XML_DTD == 1`, as its autotools build defines it; the
# CMake build (the source has no configure script) must define it the same way.
sed -i 's/^#cmakedefine XML_DTD$/#cmakedefine XML_DTD 1/' "$src/expat/expat/expat_config.h.cmake"
cmake_dep expat "$src/expat/expat" -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
  -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF \
  -DEXPAT_BUILD_FUZZERS=OFF -DEXPAT_BUILD_PKGCONFIG=ON
# CMake's check_type_size misreads emscripten's objects (every size came out as 9): the sizes
# of wasm32 are given.
sizes=()
for pair in __int8: int8_t:1 uint8_t:1 __int16: int16_t:2 uint16_t:2 __int32: int32_t:4 \
  uint32_t:4 __int64: int64_t:8 uint64_t:8 short:2 int:4 long:4 long_long:8; do
  var=$(echo "${pair%%:*}" | tr a-z A-Z)_LIBZIP
  if [ -n "${pair#*:}" ]; then
    sizes+=("-DHAVE_$var=TRUE" "-D$var=${pair#*:}")
  else
    sizes+=("-DHAVE_$var=FALSE" "-D$var=")
  fi
done
cmake_dep libzip "$src/libzip" "${sizes[@]}" -DHAVE_SIZEOF_OFF_T=TRUE -DSIZEOF_OFF_T=8 \
  -DHAVE_SIZEOF_SIZE_T=TRUE -DSIZEOF_SIZE_T=4 -DZLIB_ROOT="$prefix" -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF \
  -DENABLE_ZSTD=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF \
  -DENABLE_COMMONCRYPTO=OFF -DENABLE_WINDOWS_CRYPTO=OFF -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF \
  -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
cmake_dep fmt "$src/fmtlib" -DFMT_TEST=OFF -DFMT_DOC=OFF
cmake_dep yaml-cpp "$src/yaml-cpp" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
  -DYAML_BUILD_SHARED_LIBS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF
cmake_dep simdjson "$src/simdjson" -DSIMDJSON_ENABLE_THREADS=OFF -DSIMDJSON_DEVELOPER_MODE=OFF
cmake_dep xlsxwriter "$src/libxlsxwriter" -DZLIB_ROOT="$prefix" -DUSE_SYSTEM_MINIZIP=OFF \
  -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DUSE_STANDARD_TMPFILE=ON
say "dependencies in $prefix"

# --- the library and the binding ---------------------------------------------------------
say "building the library to WebAssembly"
export PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig PKG_CONFIG_PATH=
emcmake cmake -S "$root" -B "$work/accredit" -G Ninja -Wno-dev \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_ROOT_PATH="$prefix" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_CXX_FLAGS_RELEASE="-DNDEBUG" \
  -DACCREDIT_BUILD_TESTS=OFF -DACCREDIT_MICROBENCH=OFF -DACCREDIT_WERROR=ON \
  ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} \
  >"$work/accredit.log" 2>&1 ||
  { tail -30 "$work/accredit.log" >&2; say "configuring failed: $work/accredit.log"; exit 1; }
cmake --build "$work/accredit" -j"$jobs" ||
  { say "building the library to WebAssembly failed"; exit 1; }

# --- the page ----------------------------------------------------------------------------
mkdir -p "$out"
cp "$root"/web/page/index.html "$root"/web/page/style.css "$out"/
node "$root/web/bundle.mjs" "$root/web/page/app.js" "$out/page.js"
cp "$work/accredit/web/accredit.js" "$out"/
# What an earlier build put there and this one does not.
rm -f "$out/accredit.wasm"
for module in "$root"/web/page/*.js; do rm -f "$out/$(basename "$module")"; done
say "built $out: serve it with web/serve.sh (or any web server) and open the address it gives"
