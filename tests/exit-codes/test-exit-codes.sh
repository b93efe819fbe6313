#!/usr/bin/env bash
# One exit-status table for sharokey, pass sharokey and git-credential-sharokey
# (docs/exit-codes.md): each tool, against the real server, with a bad token,
# a missing secret, an unreachable server and a usage error.
#
# Needs what tests/pass/setup.sh needs, and SHAROKEY_GIT_CREDENTIAL.
# Prints TAP.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/../pass/setup.sh"
require_tools
command -v git >/dev/null || skip_all "git is not installed"
[[ -x $SHAROKEY_GIT_CREDENTIAL ]] || bail_out "SHAROKEY_GIT_CREDENTIAL is not executable"
setup_store
setup_server

printf 'entry-secret\n' | insert_entry 'web/site'

# git: credential-store supplies the credential to share.
export PATH="${SHAROKEY_GIT_CREDENTIAL%/*}:$PATH" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
export XDG_STATE_HOME="$SCRATCH/state"
printf 'https://bob:s3cret@git.example.com\n' >"$SCRATCH/git-store"
chmod 600 "$SCRATCH/git-store"
git config --global credential.helper "store --file $SCRATCH/git-store"
GIT_LINK="$(git credential-sharokey share https://git.example.com 2>"$SCRATCH/git-share.err")" ||
	bail_out "git credential-sharokey share failed: $(cat "$SCRATCH/git-share.err")"
GIT_SLUG="${GIT_LINK##*/s/}"
GIT_SLUG="${GIT_SLUG%%#*}"

UNREACHABLE="http://127.0.0.1:$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')/api/v1"

# expect_status WHAT STATUS COMMAND...: COMMAND exits with STATUS and says
# why in one line on stderr.
expect_status() {
	local what="$1" want="$2" status=0 err
	shift 2
	"$@" >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null || status=$?
	err="$(cat "$SCRATCH/err")"
	expect_eq "$what: exit status (stderr: $err)" "$want" "$status"
	[[ -n $err ]] || { echo "$what: nothing on stderr" >&2; return 1; }
}

test_bad_token() {
	export SHAROKEY_TOKEN=wrong-token
	expect_status "sharokey list" 3 "$REAL_SHAROKEY" list
	expect_status "pass sharokey" 3 "$PASS" sharokey web/site
	expect_status "pass sharokey list" 3 "$PASS" sharokey list
	expect_status "git credential-sharokey list" 3 git credential-sharokey list
	expect_not_contains "git list prints no table" "$(cat "$SCRATCH/out")" "$GIT_SLUG"
	expect_status "git credential-sharokey revoke" 3 git credential-sharokey revoke https://git.example.com
}

test_missing_secret() {
	expect_status "sharokey get" 4 "$REAL_SHAROKEY" get no-such-slug
	expect_status "sharokey delete-request" 4 "$REAL_SHAROKEY" delete-request no-such-token
	expect_status "pass sharokey get" 4 "$PASS" sharokey get no-such-slug
	expect_status "pass sharokey, missing entry" 4 "$PASS" sharokey web/none
	# The helper never answers 4: a link gone from the server is "gone" in
	# its list, and as good as revoked.
	"$REAL_SHAROKEY" delete "$GIT_SLUG" >/dev/null
	local out
	out="$(git credential-sharokey list https://git.example.com)"
	expect_contains "git list of a deleted link" "$out" "$GIT_SLUG"
	expect_contains "git list of a deleted link" "$out" " expired "
}

test_unreachable() {
	export SHAROKEY_API_URL="$UNREACHABLE"
	expect_status "sharokey stats" 5 "$REAL_SHAROKEY" stats
	expect_status "pass sharokey" 5 "$PASS" sharokey web/site
	expect_status "git credential-sharokey list" 5 git credential-sharokey list
	expect_not_contains "git list prints no table" "$(cat "$SCRATCH/out")" "$GIT_SLUG"
	expect_status "git credential-sharokey share" 5 git credential-sharokey share https://git.example.com
}

test_usage() {
	expect_status "sharokey create" 2 "$REAL_SHAROKEY" create
	expect_status "sharokey lsit" 2 "$REAL_SHAROKEY" lsit
	expect_status "sharokey --hours 1y" 2 "$REAL_SHAROKEY" create x --hours 1y
	expect_status "pass sharokey --line 0" 2 "$PASS" sharokey --line 0 web/site
	expect_status "pass sharokey lsit" 2 "$PASS" sharokey lsit
	expect_status "pass sharokey --hours 1y" 2 "$PASS" sharokey --hours 1y web/site
	expect_status "git credential-sharokey shar" 2 git credential-sharokey shar https://git.example.com
	expect_status "git credential-sharokey share" 2 git credential-sharokey share
	expect_status "git credential-sharokey --hours 1y" 2 git credential-sharokey share https://git.example.com --hours 1y
}

run_test "a bad token is status 3 everywhere" test_bad_token
run_test "a missing secret or entry is status 4" test_missing_secret
run_test "an unreachable server is status 5 everywhere" test_unreachable
run_test "a usage error is status 2 everywhere" test_usage
finish_tests
