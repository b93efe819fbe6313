#!/usr/bin/env bash
# Secret requests answered sealed to the requester, end to end: the real
# sharokey-server, its response page in headless Chromium, pass with a
# throwaway GnuPG key, the sharokey tool and git-credential-sharokey with the
# real git. The answers never show in a command line, an environment, a log
# or a file (the pass store aside, encrypted), and open once. Every pass,
# sharokey, git and git-credential-sharokey process records its own command
# line and environment (record_children), however short it is.
#
# Needs, beside setup.sh's: GIT_CREDENTIAL_SHAROKEY_DIR (the helper's build
# directory); node and /usr/bin/chromium, else the test is skipped.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/setup.sh"
require_tools
command -v node >/dev/null || skip_all "node is not installed"
[[ -x /usr/bin/chromium ]] || skip_all "chromium is not installed"
ANSWER_JS="$(cd "$(dirname "$0")/../server" && pwd)/answer-request.mjs"
[[ -x $GIT_CREDENTIAL_SHAROKEY_DIR/git-credential-sharokey ]] ||
	bail_out "GIT_CREDENTIAL_SHAROKEY_DIR ($GIT_CREDENTIAL_SHAROKEY_DIR) has no git-credential-sharokey"
setup_store
setup_server
export XDG_DATA_HOME="$HOME/.local/share"
KEYS="$XDG_DATA_HOME/sharokey/requests"
INDEX="$XDG_DATA_HOME/sharokey/pass-requests"
record_children "git=$(command -v git)" \
	"git-credential-sharokey=$GIT_CREDENTIAL_SHAROKEY_DIR/git-credential-sharokey"

# Every process's command line, sampled until the end of the test: the
# others (the browser step, gpg).
(
	while [[ ! -e $SCRATCH/stop-sampling ]]; do
		cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\0' ' ' >>"$SCRATCH/cmdlines"
		echo >>"$SCRATCH/cmdlines"
		sleep 0.05
	done
) &
SAMPLER=$!

SECRETS=( )
# new_secret VARIABLE NAME: a fresh answer in VARIABLE, remembered for the
# final checks. Called at the top level: a test runs in a subshell, and a
# command substitution would be one too, where SECRETS would not grow.
new_secret() {
	local -n variable="$1"
	variable="$(random_text "$2-é-")"
	SECRETS+=( "$variable" )
}

# answer URL TEXT: a person answers on the response page (TEXT on stdin).
answer() {
	printf '%s' "$2" | node "$ANSWER_JS" "$1"
}

# The token at the end of our server's request link.
token_of() {
	printf '%s' "${1##*/}"
}

new_secret PASS_SECRET pass-answer
test_pass_request_and_receive() {
	local url token out status
	url="$("$PASS" sharokey request --email-to bob@example.com team/db 2>"$SCRATCH/hint")"
	token="$(token_of "$url")"
	printf '%s' "$token" >"$SCRATCH/pass-token"
	expect_contains "hint" "$(cat "$SCRATCH/hint")" "receive-request $token"
	expect_eq "index" "$token"$'\t'"team/db" "$(cat "$INDEX")"
	expect_eq "key mode" 600 "$(stat -c %a "$KEYS/$token.key")"
	expect_eq "key directory mode" 700 "$(stat -c %a "$KEYS")"

	# Not answered yet: its own status, nothing stored, the key kept.
	status=0
	out="$("$PASS" sharokey receive-request "$token" 2>&1)" || status=$?
	expect_eq "status before the answer" 6 "$status"
	expect_contains "message" "$out" "has not been answered yet"
	[[ ! -e $PASSWORD_STORE_DIR/team/db.gpg && -e $KEYS/$token.key ]]

	answer "$url" "$PASS_SECRET"
	"$PASS" sharokey receive-request "$token"
	expect_eq "stored" "$PASS_SECRET" "$("$PASS" show team/db)"
	[[ ! -e $KEYS/$token.key ]] || { echo "the key is still there" >&2; return 1; }
	expect_eq "index" "" "$(cat "$INDEX")"

	# An answer opens once; the entry stays as it was.
	status=0
	out="$("$PASS" sharokey receive-request --force "$token" team/db 2>&1)" || status=$?
	expect_eq "second receive" 4 "$status"
	expect_contains "message" "$out" "no longer available"
	expect_eq "entry kept" "$PASS_SECRET" "$("$PASS" show team/db)"
}

new_secret REPLACED_SECRET replaced
test_pass_receive_refuses_existing_entry_first() {
	local url token status=0
	url="$("$PASS" sharokey request team/db 2>/dev/null)"
	token="$(token_of "$url")"
	answer "$url" "$REPLACED_SECRET"
	"$PASS" sharokey receive-request "$token" 2>"$SCRATCH/err" || status=$?
	expect_eq "status" 1 "$status"
	expect_contains "message" "$(cat "$SCRATCH/err")" "already exists"
	# Nothing was opened: --force still gets the answer (named by its link).
	"$PASS" sharokey receive-request -f "$url"
	expect_eq "replaced" "$REPLACED_SECRET" "$("$PASS" show team/db)"
}

new_secret CLI_SECRET cli-answer
test_sharokey_open_request() {
	local url token out status=0
	url="$("$SHAROKEY_CLI" create-request --description 'for the CLI')"
	token="$(token_of "$url")"
	answer "$url" "$CLI_SECRET"
	out="$("$SHAROKEY_CLI" list-requests)"
	expect_contains "list" "$(grep -F "$token" <<<"$out")" "fulfilled"
	# The request link names it as well as its token.
	out="$("$SHAROKEY_CLI" open-request "$url")"
	expect_eq "printed" "$CLI_SECRET" "$out"
	[[ ! -e $KEYS/$token.key ]] || { echo "the key is still there" >&2; return 1; }
	out="$("$SHAROKEY_CLI" open-request "$token" 2>&1)" || status=$?
	expect_eq "second open" 4 "$status"
	expect_contains "message" "$out" "no longer available"
}

new_secret KEYLESS_SECRET keyless
test_sharokey_open_request_without_key() {
	local url token out status=0
	url="$("$SHAROKEY_CLI" create-request)"
	token="$(token_of "$url")"
	answer "$url" "$KEYLESS_SECRET"
	rm "$KEYS/$token.key"
	out="$("$SHAROKEY_CLI" open-request "$token" 2>&1)" || status=$?
	expect_eq "status" 1 "$status"
	expect_contains "message" "$out" "is not on this computer"
}

new_secret GIT_SECRET git-answer
test_git_request_receive_fill() {
	local url token out remote="https://alice@git.example.com/team/repo.git"
	git config --global credential.helper "cache --timeout=300"
	url="$(git credential-sharokey request "$remote" \
		--email-to bob@example.com 2>"$SCRATCH/hint")"
	token="$(token_of "$url")"
	expect_contains "hint" "$(cat "$SCRATCH/hint")" "receive $token"
	answer "$url" "$GIT_SECRET"
	git credential-sharokey receive "$url" "$remote"
	out="$(printf 'url=%s\n\n' "$remote" | GIT_TERMINAL_PROMPT=0 git credential fill)"
	expect_contains "filled" "$out" "password=$GIT_SECRET"
	expect_contains "filled" "$out" "username=alice"
}

test_answers_left_no_trace() {
	local secret
	touch "$SCRATCH/stop-sampling"
	while kill -0 "$SAMPLER" 2>/dev/null; do sleep 0.05; done
	[[ -s $SCRATCH/cmdlines ]] || { echo "no command line sampled" >&2; return 1; }
	# The sampler ran while the answers went by: it saw the browser step,
	# which lasts seconds.
	grep -q -F "answer-request.mjs" "$SCRATCH/cmdlines" ||
		{ echo "the sampler saw no browser step" >&2; return 1; }
	# Every process of pass, sharokey and git recorded itself, the ones that
	# held an answer included: sharokey open-request started by pass and by
	# the test, the git helper, and the git it gives the answer to.
	PASS_TOKEN="$(cat "$SCRATCH/pass-token")"
	expect_ge "pass processes" 6 "$(recorded pass)"
	expect_ge "sharokey processes" 8 "$(recorded sharokey)"
	expect_ge "git-credential-sharokey processes" 2 "$(recorded git-credential-sharokey)"
	expect_ge "git processes" 4 "$(recorded git)"
	recorded_commands sharokey | grep -- "/sharokey open-request $PASS_TOKEN $" >/dev/null ||
		{ echo "pass's open-request was not recorded" >&2; return 1; }
	recorded_commands git | grep -- "/git credential approve $" >/dev/null ||
		{ echo "the helper's git credential approve was not recorded" >&2; return 1; }
	expect_eq "answers to look for" 5 "${#SECRETS[@]}"
	for secret in "${SECRETS[@]}"; do
		not_in_records "an answer" "$secret"
		if grep -F -- "$secret" "$SCRATCH/cmdlines" >/dev/null; then
			echo "an answer showed in a command line" >&2
			return 1
		fi
		# Every file: the server's database and log, HOME, TMPDIR, the
		# (encrypted) store.
		if grep -r -l -F --exclude=cmdlines --exclude=test.log -- "$secret" "$SCRATCH" >&2; then
			echo "an answer was written to a file" >&2
			return 1
		fi
	done
	grep -q "sealed to the requester's key" "$SHAROKEY_SERVER_LOG" ||
		{ echo "the server's log does not show a sealed answer" >&2; return 1; }
}

run_test "pass sharokey request, answered in the browser, lands in the store with receive-request" \
	test_pass_request_and_receive
run_test "receive-request refuses an existing entry before opening the answer" \
	test_pass_receive_refuses_existing_entry_first
run_test "sharokey open-request prints the answer once; list-requests shows it fulfilled" \
	test_sharokey_open_request
run_test "sharokey open-request without the key says so" test_sharokey_open_request_without_key
run_test "git credential-sharokey request, receive, then git credential fill returns it" \
	test_git_request_receive_fill
run_test "no answer in a command line, a log or a file" test_answers_left_no_trace
git credential-cache exit >/dev/null 2>&1
finish_tests
