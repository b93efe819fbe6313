#!/bin/sh
# keyring-session.sh MODE COMMAND [ARGS...]: runs COMMAND in a throw-away
# HOME (and XDG directories) so that the user's keyring is never touched,
# with, per MODE:
#   keyring            a private session bus (dbus-run-session) with a real
#                      gnome-keyring-daemon, unlocked with a throw-away password
#   no-secret-service  a private session bus on which no Secret Service runs
#                      or can be started
#   no-bus             no session bus at all
# Exits 77 (skipped) only when gnome-keyring-daemon or dbus-run-session is
# not installed.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

mode=$1
shift
for program in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "1..0 # SKIP $program is not installed"
    exit 77
  fi
done

root=$(mktemp -d "${TMPDIR:-/tmp}/sharokey-keyring-XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
mkdir -m 700 "$root/home" "$root/data" "$root/config" "$root/cache" "$root/run"
# Set before the bus starts: the services it launches inherit them.
export HOME="$root/home" XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" \
       XDG_CACHE_HOME="$root/cache" XDG_RUNTIME_DIR="$root/run"
export SHAROKEY_KEYRING_TEST_ROOT="$root"
unset DBUS_SESSION_BUS_ADDRESS SHAROKEY_TOKEN SHAROKEY_API_URL SHAROKEY_TIMEOUT

here=$(cd "$(dirname "$0")" && pwd)
status=0
case $mode in
  keyring)
    # The password goes through a pipe from a shell builtin: never argv.
    dbus-run-session -- sh -c '
      head -c 24 /dev/urandom | od -An -tx1 | tr -d " \n" |
        gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
      exec "$@"' sh "$@" || status=$?
    ;;
  no-secret-service)
    dbus-run-session --config-file="$here/session-without-secret-service.conf" -- "$@" || status=$?
    ;;
  no-bus)
    "$@" || status=$?
    ;;
  *)
    echo "keyring-session.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac
exit "$status"
