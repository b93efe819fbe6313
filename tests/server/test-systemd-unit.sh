#!/bin/bash
# test-systemd-unit.sh: the systemd user unit starts a working server.
#
# Usage: test-systemd-unit.sh UNIT BINDIR
# The unit's ExecStart must name the installed binary; run as the unit
# would run it (with %E, $XDG_CONFIG_HOME, expanded), the server reads the
# tokens file described in the unit, keeps its database under
# $XDG_DATA_HOME and serves a secret that opens. Prints TAP.
# Environment: SHAROKEY_SERVER, SHAROKEY_TEST_MAKE_SECRET, SHAROKEY_TEST_OPEN.
# shellcheck disable=SC2317 # functions run through the EXIT trap and check()
set -euo pipefail

unit=$1 bindir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/sharokey-unit-XXXXXX")
pid=
n=0 failed=0

cleanup() {
  if [ -n "$pid" ]; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

check() { # NAME COMMAND...
  local name=$1
  shift
  n=$((n + 1))
  if "$@" >"$work/check.log" 2>&1; then
    echo "ok $n - $name"
  else
    failed=1
    echo "not ok $n - $name"
    sed 's/^/# /' "$work/check.log"
  fi
}

exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
read -r -a argv <<<"$exec_start"
check "ExecStart runs the installed sharokey-server" \
  test "${argv[0]}" = "$bindir/sharokey-server"

if command -v systemd-analyze >/dev/null; then
  sed "s|^ExecStart=[^ ]*|ExecStart=$SHAROKEY_SERVER|" "$unit" >"$work/sharokey-server.service"
  if systemd-analyze verify --man=no "$work/sharokey-server.service" >"$work/verify.log" 2>&1; then
    n=$((n + 1))
    echo "ok $n - systemd-analyze verify"
  elif grep -q 'Failed to initialize manager\|Failed to lookup RuntimeDirectory' "$work/verify.log"; then
    n=$((n + 1))
    echo "ok $n - systemd-analyze verify # SKIP no systemd manager here"
  else
    n=$((n + 1))
    failed=1
    echo "not ok $n - systemd-analyze verify"
    sed 's/^/# /' "$work/verify.log"
  fi
fi

# Set up what the unit's comment tells the user to set up.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data HOME=$work/home
mkdir -p "$XDG_CONFIG_HOME/sharokey-server" "$HOME"
install -m 600 /dev/null "$XDG_CONFIG_HOME/sharokey-server/tokens"
echo "unit-test-token-0123456789 bob@example.com" >>"$XDG_CONFIG_HOME/sharokey-server/tokens"

args=()
for arg in "${argv[@]:1}"; do
  args+=("${arg//%E/$XDG_CONFIG_HOME}")
done
# The unit's own port (8080) may be taken here: pick a free one instead.
"$SHAROKEY_SERVER" "${args[@]}" --port 0 --port-file "$work/port" \
  >"$work/stdout" 2>"$work/server.log" &
pid=$!
for _ in $(seq 1500); do
  [ -s "$work/port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.01
done
check "the server starts with the unit's command line" test -s "$work/port"
if [ ! -s "$work/port" ]; then
  sed 's/^/# /' "$work/server.log"
  echo "1..$n"
  exit 1
fi
api=$(head -n 1 "$work/stdout")

share() {
  printf 'from the unit' | SHAROKEY_TOKEN=unit-test-token-0123456789 \
    "$SHAROKEY_TEST_MAKE_SECRET" --post "$api" >"$work/link" &&
    [ "$("$SHAROKEY_TEST_OPEN" <"$work/link")" = "from the unit" ]
}
check "a token of the tokens file shares a secret that opens" share
check "the database is under \$XDG_DATA_HOME, private" \
  test "$(stat -c %a "$XDG_DATA_HOME/sharokey-server/sharokey.db")" = 600

stopped() {
  kill -TERM "$pid"
  local status=0
  wait "$pid" || status=$?
  pid=
  [ "$status" = 0 ]
}
check "SIGTERM (systemctl stop) exits with status 0" stopped

echo "1..$n"
exit "$failed"
