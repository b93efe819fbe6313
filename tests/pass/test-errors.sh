#!/usr/bin/env bash
# pass sharokey failures: each one is a one-line message and a non-zero exit,
# and the server holds no new secret afterwards.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/setup.sh"
require_tools
setup_store
setup_server

# Counts how often the tool is started, then runs the real one.
cat >"$SCRATCH/bin/sharokey-counting" <<_EOF
#!/usr/bin/env bash
echo "\$1" >>"$SCRATCH/cli-calls"
exec "$REAL_SHAROKEY" "\$@"
_EOF
chmod +x "$SCRATCH/bin/sharokey-counting"
export SHAROKEY_CLI="$SCRATCH/bin/sharokey-counting"

SECRET="$(random_text 'never-shown-')"
printf '%s\n\nthird\n' "$SECRET" | insert_entry 'has gaps/entry'
printf '\n' | insert_entry 'empty'

# expect_failure NAME STATUS MESSAGE-PART ARGS...: pass sharokey ARGS fails
# with STATUS and one line on stderr containing MESSAGE-PART, nothing on stdout,
# without a new secret on the server or a call to the tool (for status 1).
# The caller's array pass_env (VAR=value...), if any, applies to pass only.
expect_failure() {
	local what="$1" want_status="$2" want_message="$3" before after status=0 out err
	shift 3
	rm -f "$SCRATCH/cli-calls"
	before="$(secret_count)"
	out="$(env "${pass_env[@]}" "$PASS" sharokey "$@" 2>"$SCRATCH/stderr")" || status=$?
	err="$(cat "$SCRATCH/stderr")"
	after="$(secret_count)"
	expect_eq "$what: exit status" "$want_status" "$status"
	expect_eq "$what: stdout" "" "$out"
	expect_contains "$what: message" "$err" "$want_message"
	expect_eq "$what: lines on stderr" 1 "$(printf '%s\n' "$err" | wc -l)"
	expect_not_contains "$what: message" "$err" "$SECRET"
	expect_eq "$what: secrets on the server" "$before" "$after"
	if [[ $want_status -eq 1 ]]; then
		[[ ! -e $SCRATCH/cli-calls ]] || { echo "$what: sharokey was run" >&2; return 1; }
	fi
}

test_missing_entry() {
	expect_failure "missing" 1 "Error: nope/none is not in the password store." nope/none
	expect_failure "folder" 1 "Error: has gaps is not in the password store." 'has gaps'
}

test_empty_line() {
	expect_failure "empty line" 1 "nothing to share at line 2 of has gaps/entry" --line 2 'has gaps/entry'
	expect_failure "past the end" 1 "nothing to share at line 9 of has gaps/entry" --line 9 'has gaps/entry'
	expect_failure "empty first line" 1 "nothing to share at line 1 of empty" empty
	expect_failure "empty entry" 1 "empty is empty" --all empty
}

test_bad_line_number() {
	expect_failure "line 0" 1 "line '0' is not a positive number" --line 0 'has gaps/entry'
	expect_failure "line abc" 1 "line 'abc' is not a positive number" --line abc 'has gaps/entry'
}

test_usage_errors() {
	expect_failure "no name" 1 "Usage: pass sharokey [share]"
	expect_failure "two names" 1 "Usage: pass sharokey [share]" 'has gaps/entry' empty
	expect_failure "clip and qrcode" 1 "Usage:" --clip --qrcode 'has gaps/entry'
	expect_failure "clip and json" 1 "Usage:" -c --json 'has gaps/entry'
	expect_failure "line and all" 1 "Usage:" --line 2 --all 'has gaps/entry'
	expect_failure "describe and description" 1 "Usage:" --describe --description x 'has gaps/entry'
	local status=0 err
	"$PASS" sharokey --bogus 'has gaps/entry' >/dev/null 2>"$SCRATCH/stderr" || status=$?
	err="$(cat "$SCRATCH/stderr")"
	expect_eq "unknown option: status" 1 "$status"
	expect_contains "unknown option" "$err" "unrecognized option"
	expect_contains "unknown option" "$err" "Usage:"
}

test_password_fd_errors() {
	expect_failure "not a number" 1 "Error: --password-fd needs a file descriptor number." --password-fd 'hunter22' 'has gaps/entry'
	expect_not_contains "not a number" "$(cat "$SCRATCH/stderr")" "hunter22"
	expect_failure "closed" 1 "Error: file descriptor 7 is not open." --password-fd 7 'has gaps/entry'
	expect_failure "both" 1 "Usage:" --password abcd --password-fd 0 'has gaps/entry'
	# Too short a password: the tool refuses it before it sends anything.
	expect_failure "short" 2 "sharokey: Password must be between 4 and 100 characters" \
		--password-fd 5 'has gaps/entry' 5< <(printf 'abc\n')
	# Empty (the command feeding it failed): an error before decrypting,
	# never a link without the password asked for.
	expect_failure "empty fd" 1 "Error: the password is empty." \
		--password-fd 5 'has gaps/entry' 5< <(pass show gates/none 2>/dev/null | head -n 1)
	expect_failure "empty --password" 1 "Error: the password is empty." --password '' 'has gaps/entry'
}

test_sneaky_path() {
	expect_failure "sneaky" 1 "sneaky path" '../store/has gaps/entry'
}

test_cli_missing() {
	SHAROKEY_CLI="$SCRATCH/no-such-sharokey" expect_failure "no tool" 1 "the sharokey command ($SCRATCH/no-such-sharokey) was not found" 'has gaps/entry'
	# Without SHAROKEY_CLI the tool comes from PATH, which has none here
	# unless one is installed system-wide.
	if ! command -v sharokey >/dev/null; then
		SHAROKEY_CLI="" expect_failure "not on PATH" 1 "the sharokey command (sharokey) was not found" 'has gaps/entry'
	fi
}

test_gpg_failure() {
	printf 'this is not OpenPGP data\n' >"$PASSWORD_STORE_DIR/broken.gpg"
	local status=0 err
	rm -f "$SCRATCH/cli-calls"
	"$PASS" sharokey broken >/dev/null 2>"$SCRATCH/stderr" || status=$?
	err="$(cat "$SCRATCH/stderr")"
	expect_eq "status" 1 "$status"
	expect_contains "message" "$err" "Error: could not decrypt broken."
	[[ ! -e $SCRATCH/cli-calls ]]
}

test_validation_error() {
	# The tool refuses before it sends anything (exit 2).
	expect_failure "hours 0" 2 "sharokey:" --hours 0 'has gaps/entry'
	expect_failure "views 1001" 2 "sharokey:" --views 1001 'has gaps/entry'
	expect_failure "bad e-mail" 2 "sharokey:" --otp-email not-an-email 'has gaps/entry'
}

test_authentication_error() {
	local -a pass_env=( SHAROKEY_TOKEN=wrong-token )
	expect_failure "bad token" 3 "sharokey:" 'has gaps/entry'
}

test_server_unreachable() {
	# A port that was free a moment ago: nothing listens there.
	local port
	port="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
	local -a pass_env=( "SHAROKEY_API_URL=http://127.0.0.1:$port/api/v1" )
	expect_failure "unreachable" 5 "sharokey:" 'has gaps/entry'
}

active_count() {
	"$REAL_SHAROKEY" --json stats | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["data"]["active_secrets"])'
}

# A link nobody can read opens for nobody: an error, and the secret is deleted.
test_unprintable_link() {
	local before status=0 err
	before="$(active_count)"
	"$PASS" sharokey 'has gaps/entry' >/dev/full 2>"$SCRATCH/stderr" || status=$?
	err="$(cat "$SCRATCH/stderr")"
	expect_eq "/dev/full: exit status" 1 "$status"
	expect_eq "/dev/full: message" "Error: could not print the link; the secret was deleted." "$err"
	status=0
	"$PASS" sharokey --json 'has gaps/entry' >&- 2>"$SCRATCH/stderr" || status=$?
	expect_eq "closed stdout, --json: exit status" 1 "$status"
	expect_eq "secrets left active" "$before" "$(active_count)"
}

test_help() {
	local out
	rm -f "$SCRATCH/cli-calls"
	out="$("$PASS" sharokey --help)"
	expect_contains "help" "$out" "pass sharokey [share] [--line N | --all]"
	expect_contains "help" "$out" "pass sharokey request"
	expect_contains "help" "$out" "pass-sharokey(1)"
	expect_eq "help verb" "$out" "$("$PASS" sharokey help)"
	expect_eq "version" "pass sharokey 0.1.0" "$("$PASS" sharokey version)"
	[[ ! -e $SCRATCH/cli-calls ]]
}

run_test "missing entry" test_missing_entry
run_test "empty selected line" test_empty_line
run_test "bad line number" test_bad_line_number
run_test "usage errors" test_usage_errors
run_test "--password-fd errors" test_password_fd_errors
run_test "sneaky path" test_sneaky_path
run_test "sharokey tool missing" test_cli_missing
run_test "gpg failure" test_gpg_failure
run_test "validation error from the tool" test_validation_error
run_test "authentication error from the tool" test_authentication_error
run_test "server unreachable" test_server_unreachable
run_test "link that cannot be printed" test_unprintable_link
run_test "--help and version" test_help
finish_tests
