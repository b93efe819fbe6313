#!/usr/bin/env bash
# Builds the project and runs the whole test suite: plain, then the C unit
# suites under valgrind memcheck, then everything again with ASan+UBSan.
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

build=${BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debugoptimized
fi
ninja -C "$build"
meson test -C "$build" --print-errorlogs --num-processes 2

meson test -C "$build" --setup=valgrind --suite memcheck --print-errorlogs --num-processes 2

sanitize=${SANITIZE_BUILD_DIR:-build-sanitize}
if [ ! -f "$sanitize/build.ninja" ]; then
  meson setup "$sanitize" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dintrospection=disabled -Dvapi=disabled -Dpython_package=disabled
fi
ninja -C "$sanitize"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions="$top/tests/lsan.supp" \
  meson test -C "$sanitize" --suite memcheck --print-errorlogs --num-processes 2
