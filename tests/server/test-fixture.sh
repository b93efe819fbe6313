#!/usr/bin/env bash
# The shell fixture (tests/common/test-server.sh) starts a usable server,
# which reads its token from a private file, links open with
# sharokey-test-open, and stopping cleans up.
set -euo pipefail
# shellcheck source=tests/common/test-server.sh
. "$SHAROKEY_TEST_SERVER_SH"

fail() { echo "FAIL: $*" >&2; exit 1; }

start_sharokey_server --rate-limit 500
trap stop_sharokey_server EXIT

[[ "$SHAROKEY_API_URL" =~ ^http://127\.0\.0\.1:[0-9]+/api/v1$ ]] || fail "bad SHAROKEY_API_URL $SHAROKEY_API_URL"
[ "$SHAROKEY_TOKEN" = test-token-0123456789 ] || fail "bad SHAROKEY_TOKEN"
kill -0 "$SHAROKEY_SERVER_PID" || fail "server not running"
# The token reaches the server in a private file, not on its command line.
cmdline=$(tr '\0' ' ' <"/proc/$SHAROKEY_SERVER_PID/cmdline")
[[ "$cmdline" == *" --tokens-file "* && "$cmdline" != *"$SHAROKEY_TOKEN"* ]] || fail "server command line: $cmdline"
[ "$(stat -c %a "$SHAROKEY_SERVER_DIR/tokens")" = 600 ] || fail "tokens file mode"

health=$(/usr/bin/python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/health", timeout=10).read().decode())' "$SHAROKEY_API_URL")
[[ "$health" == *'"status":"ok"'* ]] || fail "health: $health"

text=$'two lines\nand ünïcödé, no trailing newline'
url=$(printf '%s' "$text" | "$SHAROKEY_TEST_MAKE_SECRET" --views 1 --post "$SHAROKEY_API_URL")
[[ "$url" == "$SHAROKEY_SERVER_URL"/s/*#* ]] || fail "bad share url $url"
opened=$(printf '%s\n' "$url" | "$SHAROKEY_TEST_OPEN"; echo x)
[ "${opened%x}" = "$text" ] || fail "opened text differs: ${opened%x}"

status=0
printf '%s\n' "$url" | "$SHAROKEY_TEST_OPEN" >/dev/null 2>&1 || status=$?
[ "$status" -eq 4 ] || fail "second open: exit $status, expected 4"

status=0
printf 'not a url\n' | "$SHAROKEY_TEST_OPEN" >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "bad input: exit $status, expected 1"

pid=$SHAROKEY_SERVER_PID
dir=$SHAROKEY_SERVER_DIR
stop_sharokey_server
trap - EXIT
if kill -0 "$pid" 2>/dev/null; then fail "server still running"; fi
[ ! -e "$dir" ] || fail "temporary directory left behind"
echo "ok"
