#!/usr/bin/env bash
# Runs libFuzzer harnesses of tests/fuzz for a number of minutes each.
#
#   scripts/fuzz.sh NAME [MINUTES]      one harness (fuzz-NAME.c), 5 minutes by default
#   scripts/fuzz.sh all [MINUTES]       every harness in turn
#   scripts/fuzz.sh --list              the harnesses
#
# Builds them with clang, libFuzzer, ASan and UBSan in build-fuzz/ (or
# $FUZZ_BUILD_DIR). Inputs that find new paths go to
# build-fuzz/fuzz-work/NAME/corpus; crashes to build-fuzz/fuzz-work/NAME/ as
# crash-*, leak-*, timeout-*: add those to tests/fuzz/corpus/NAME/ once
# fixed. Extra libFuzzer flags can be given in $FUZZ_ARGS.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$top/build-fuzz}

harnesses() {
  local file
  for file in "$top"/tests/fuzz/fuzz-*.c; do
    file=${file##*/fuzz-}
    echo "${file%.c}"
  done
}

if [ $# -lt 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
if [ "$1" = --list ]; then
  harnesses
  exit 0
fi

minutes=${2:-5}
case $minutes in
  ''|*[!0-9]*) echo "fuzz.sh: MINUTES must be a whole number" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
  CC=${CC_FUZZ:-clang} meson setup "$build" --buildtype=debugoptimized \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dintrospection=disabled -Dvapi=disabled -Dpython_package=disabled \
    -Dbrowser_tests=disabled -Ddocs=false -Dman=false
fi

run_one() {
  local name=$1 work="$build/fuzz-work/$1" status=0
  [ -f "$top/tests/fuzz/fuzz-$name.c" ] || { echo "fuzz.sh: no harness fuzz-$name.c" >&2; return 2; }
  ninja -C "$build" "tests/fuzz/fuzz-$name"
  mkdir -p "$work/corpus"
  echo "== fuzz-$name for $minutes minute(s)"
  # shellcheck disable=SC2086  # FUZZ_ARGS holds several flags
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp} \
  G_DEBUG=fatal-criticals G_SLICE=always-malloc \
    "$build/tests/fuzz/fuzz-$name" -max_total_time=$((minutes * 60)) -print_final_stats=1 \
      -artifact_prefix="$work/" ${FUZZ_ARGS:-} "$work/corpus" "$top/tests/fuzz/corpus/$name" || status=$?
  return $status
}

if [ "$1" = all ]; then
  failed=0
  for name in $(harnesses); do
    run_one "$name" || failed=1
  done
  exit $failed
fi
run_one "$1"
