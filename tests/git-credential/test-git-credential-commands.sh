#!/bin/bash
# git-credential-sharokey's command line: mistyped commands are usage errors
# with a suggestion, git's own actions and unknown helper actions are not,
# and --hours takes durations. Real git and a real sharokey-server.
#
# Usage: test-git-credential-commands.sh PLUGIN_BUILD_DIR
# Prints TAP.
# shellcheck disable=SC2317  # functions run through the EXIT trap
# The expected messages have typographic quotes:
# shellcheck disable=SC1111

set -u
set -o pipefail

plugin_dir=$1
srcdir=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gitcred-commands.XXXXXX")
cleanup () {
  stop_sharokey_server >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source-path=SCRIPTDIR source=../common/test-server.sh
. "${SHAROKEY_TEST_SERVER_SH:-$srcdir/common/test-server.sh}"

n=0
failed=0
check () {
  local desc=$1
  shift
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; failed=$((failed + 1)); sed 's/^/# /' "$tmp/err" 2>/dev/null; fi
}

export PATH="$plugin_dir:$PATH"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
export GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
unset GIT_ASKPASS SSH_ASKPASS GIT_CONFIG_GLOBAL GIT_CONFIG_PARAMETERS
mkdir -p "$HOME"
printf 'https://bob:s3cret@git.example.com\n' > "$tmp/store"
chmod 600 "$tmp/store"
git config --global credential.helper "store --file $tmp/store"

# run STDIN-TEXT ARGS...: the helper with STDIN-TEXT on a pipe; sets rc, out.
run () {
  local input=$1
  shift
  out=$(printf '%s' "$input" | git credential-sharokey "$@" 2>"$tmp/err"); rc=$?
}

# --- what is a command, what is git's ------------------------------------------

run '' shar https://git.example.com
check "a mistyped command with its URL: usage error with a suggestion" \
  test "$rc" = 2 -a -z "$out" -a "$(cat "$tmp/err")" = "git-credential-sharokey: unknown command “shar”; did you mean “share”?"
run '' lsit
check "a mistyped command alone, even from a pipe: usage error" \
  test "$rc" = 2 -a "$(cat "$tmp/err")" = "git-credential-sharokey: unknown command “lsit”; did you mean “list”?"
run '' frobnicate https://git.example.com
check "an unknown word with arguments: usage error, no suggestion" \
  bash -c "test '$rc' = 2 && grep -q 'unknown command “frobnicate”' '$tmp/err' && ! grep -q 'did you mean' '$tmp/err'"
run '' --bogus
check "an unknown option alone: usage error" \
  bash -c "test '$rc' = 2 && grep -q 'unknown option “--bogus”' '$tmp/err'"
run $'protocol=https\nhost=git.example.com\n\n' frobnicate
check "an unknown helper action from git (a pipe): ignored silently" \
  test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"
run $'protocol=https\nhost=git.example.com\n\n' --some-option capability
check "an unknown action after options from credential.helper: ignored" \
  test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"
run $'protocol=https\nhost=git.example.com\n\n' --some-option get
check "get after options: git's action" test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"
# A person at a terminal gets an error even for a word far from every command.
script -qec "git-credential-sharokey frobnicate" /dev/null > "$tmp/tty" 2>&1; rc=$?
check "an unknown word typed at a terminal: usage error" \
  bash -c "test '$rc' = 2 && grep -q 'unknown command “frobnicate”' '$tmp/tty'"

# --- durations ---------------------------------------------------------------------

# shellcheck disable=SC2119  # no extra server arguments
start_sharokey_server > "$tmp/server.log" 2>&1 || { echo "Bail out! sharokey-server did not start"; exit 1; }

hours_left () {
  local slug=${1##*/s/}
  slug=${slug%%#*}
  python3 -c '
import datetime, json, os, sys, urllib.request
request = urllib.request.Request(os.environ["SHAROKEY_API_URL"] + "/secrets/" + sys.argv[1],
                                 headers={"Authorization": "Bearer " + os.environ["SHAROKEY_TOKEN"]})
data = json.load(urllib.request.urlopen(request, timeout=20))["data"]
left = datetime.datetime.fromisoformat(data["expiration"].replace("Z", "+00:00")) - datetime.datetime.now(datetime.timezone.utc)
print(round(left.total_seconds() / 3600))' "$slug"
}

for spec in 3:3 2d:48 1w:168 12h:12; do
  link=$(git credential-sharokey share https://git.example.com --hours "${spec%%:*}" 2>"$tmp/err"); rc=$?
  check "share --hours ${spec%%:*}: ${spec##*:} hours" \
    test "$rc" = 0 -a "$(hours_left "$link")" = "${spec##*:}"
done
for bad in 0 1y 366d 53w 1.5d -2h; do
  run '' share https://git.example.com --hours "$bad"
  check "share --hours $bad: usage error before anything is asked or sent" \
    bash -c "test '$rc' = 2 && grep -q '^git-credential-sharokey: --hours' '$tmp/err'"
done
run '' request https://git.example.com --email-to a@example.com --request-hours 2w --hours 1d
check "request --request-hours 2w --hours 1d" test "$rc" = 0 -a -n "$out"
run '' request https://git.example.com --email-to a@example.com --request-hours 400d
check "request --request-hours 400d: usage error" \
  bash -c "test '$rc' = 2 && grep -q -- '--request-hours must be between' '$tmp/err'"

echo "1..$n"
test "$failed" = 0
