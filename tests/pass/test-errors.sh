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
# without a new secret on the server, and without a call to the tool unless
# the message is the tool's own ("sharokey: …").
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
	if [[ $want_message != sharokey:* ]]; then
		[[ ! -e $SCRATCH/cli-calls ]] || { echo "$what: sharokey was run" >&2; return 1; }
	fi
}

test_missing_entry() {
	expect_failure "missing" 4 "Error: nope/none is not in the password store." nope/none
	expect_failure "folder" 4 "Error: has gaps is not in the password store." 'has gaps'
}

test_empty_line() {
	expect_failure "empty line" 1 "nothing to share at line 2 of has gaps/entry" --line 2 'has gaps/entry'
	expect_failure "past the end" 1 "nothing to share at line 9 of has gaps/entry" --line 9 'has gaps/entry'
	expect_failure "empty first line" 1 "nothing to share at line 1 of empty" empty
	expect_failure "empty entry" 1 "empty is empty" --all empty
}

test_bad_line_number() {
	expect_failure "line 0" 2 "line '0' is not a positive number" --line 0 'has gaps/entry'
	expect_failure "line abc" 2 "line 'abc' is not a positive number" --line abc 'has gaps/entry'
}

test_usage_errors() {
	expect_failure "no name" 2 "Usage: pass sharokey [share]"
	expect_failure "two names" 2 "Usage: pass sharokey [share]" 'has gaps/entry' empty
	expect_failure "clip and qrcode" 2 "Usage:" --clip --qrcode 'has gaps/entry'
	expect_failure "clip and json" 2 "Usage:" -c --json 'has gaps/entry'
	expect_failure "line and all" 2 "Usage:" --line 2 --all 'has gaps/entry'
	expect_failure "describe and description" 2 "Usage:" --describe --description x 'has gaps/entry'
	local status=0 err
	"$PASS" sharokey --bogus 'has gaps/entry' >/dev/null 2>"$SCRATCH/stderr" || status=$?
	err="$(cat "$SCRATCH/stderr")"
	expect_eq "unknown option: status" 2 "$status"
	expect_contains "unknown option" "$err" "unrecognized option"
	expect_contains "unknown option" "$err" "Usage:"
}

test_password_fd_errors() {
	expect_failure "not a number" 2 "Error: --password-fd needs a file descriptor number." --password-fd 'hunter22' 'has gaps/entry'
	expect_not_contains "not a number" "$(cat "$SCRATCH/stderr")" "hunter22"
	expect_failure "closed" 2 "Error: file descriptor 7 is not open." --password-fd 7 'has gaps/entry'
	expect_failure "both" 2 "Usage:" --password abcd --password-fd 0 'has gaps/entry'
	# Too short a password: the tool refuses it before it sends anything.
	expect_failure "short" 2 "sharokey: Password must be between 4 and 100 characters" \
		--password-fd 5 'has gaps/entry' 5< <(printf 'abc\n')
	# Empty (the command feeding it failed): an error before decrypting,
	# never a link without the password asked for.
	expect_failure "empty fd" 2 "Error: the password is empty." \
		--password-fd 5 'has gaps/entry' 5< <(pass show gates/none 2>/dev/null | head -n 1)
	expect_failure "empty --password" 2 "Error: the password is empty." --password '' 'has gaps/entry'
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

# A mistyped command is not taken for a missing entry.
test_command_suggestion() {
	expect_failure "lsit" 2 "Error: lsit is neither a command nor in the password store; did you mean list?" lsit
	expect_failure "reqest" 2 "did you mean request?" reqest
	# Far from every command: a missing entry (status 4).
	expect_failure "zzz" 4 "Error: zzz is not in the password store." zzz
}

# The API takes 255 characters: the tool's message says what to do
# instead (attach a file) and what it costs (the nonce reuse).
test_long_entry() {
	head -c 400 /dev/zero | tr '\0' 'k' | insert_entry 'keys/long'
	expect_failure "long entry" 2 "sharokey: Content must be 255 characters or less" --all keys/long
	expect_contains "long entry: what to do" "$(cat "$SCRATCH/stderr")" "--attach FILE"
	expect_contains "long entry: the cost" "$(cat "$SCRATCH/stderr")" "nonce"
}

# Durations: hours, days or weeks, checked by the tool (one rule).
test_durations() {
	local link slug hours
	link="$("$PASS" sharokey --hours 2d 'has gaps/entry')"
	slug="${link##*/s/}"
	slug="${slug%%#*}"
	hours="$("$REAL_SHAROKEY" --json get "$slug" | "$PYTHON" -c '
import datetime, json, sys
data = json.load(sys.stdin)["data"]
left = datetime.datetime.fromisoformat(data["expiration"].replace("Z", "+00:00")) - datetime.datetime.now(datetime.timezone.utc)
print(round(left.total_seconds() / 3600))')"
	expect_eq "--hours 2d: hours left" 48 "$hours"
	expect_failure "--hours 1y" 2 'sharokey: --hours: “1y” is not a duration' --hours 1y 'has gaps/entry'
	expect_failure "--hours 53w" 2 "sharokey: --hours must be between 1 hour and 365 days" --hours 53w 'has gaps/entry'
}

# --clip and --qrcode are checked before anything is created; when the
# output still fails, the secret is deleted and the message says so.
test_clip_without_display() {
	expect_failure "no display" 1 "Error: --clip needs an X11 or Wayland display; nothing was shared." --clip 'has gaps/entry'
	local -a pass_env=( DISPLAY=:99 )
	if ! command -v xclip >/dev/null; then
		expect_failure "no xclip" 1 "Error: --clip needs xclip on X11; nothing was shared." --clip 'has gaps/entry'
	fi
}

test_qrcode_without_qrencode() {
	local dir="$SCRATCH/path-without-qrencode" f
	mkdir -p "$dir"
	for f in /usr/local/bin/* /usr/bin/* /bin/*; do
		[[ ${f##*/} == qrencode || -e $dir/${f##*/} ]] || ln -s "$f" "$dir/${f##*/}"
	done
	local -a pass_env=( PATH="$dir" )
	expect_failure "no qrencode" 1 "Error: --qrcode needs qrencode; nothing was shared." --qrcode 'has gaps/entry'
}

# A copier or an encoder that fails once the secret exists.
test_output_fails_after_create() {
	local before status=0 err
	mkdir -p "$SCRATCH/failing"
	printf '#!/bin/sh\ncat >/dev/null\nexit 1\n' >"$SCRATCH/failing/xclip"
	printf '#!/bin/sh\ncat >/dev/null\nexit 1\n' >"$SCRATCH/failing/qrencode"
	chmod +x "$SCRATCH/failing/xclip" "$SCRATCH/failing/qrencode"
	before="$(active_count)"
	DISPLAY=:99 PATH="$SCRATCH/failing:$PATH" "$PASS" sharokey --clip 'has gaps/entry' >/dev/null 2>"$SCRATCH/stderr" || status=$?
	err="$(cat "$SCRATCH/stderr")"
	expect_eq "clip fails: exit status" 1 "$status"
	expect_contains "clip fails: message" "$err" "Error: could not put the link on the clipboard; the secret was deleted."
	expect_eq "clip fails: secrets left active" "$before" "$(active_count)"
	status=0
	PATH="$SCRATCH/failing:$PATH" "$PASS" sharokey --qrcode 'has gaps/entry' >/dev/null 2>"$SCRATCH/stderr" || status=$?
	err="$(cat "$SCRATCH/stderr")"
	expect_eq "qrcode fails: exit status" 1 "$status"
	expect_contains "qrcode fails: message" "$err" "Error: could not show the link as a QR code; the secret was deleted."
	expect_eq "qrcode fails: secrets left active" "$before" "$(active_count)"
	expect_not_contains "qrcode fails: message" "$err" "$SECRET"
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
run_test "a mistyped command gets a suggestion" test_command_suggestion
run_test "an entry over 255 characters" test_long_entry
run_test "--hours takes days and weeks" test_durations
run_test "--clip without a display creates nothing" test_clip_without_display
run_test "--qrcode without qrencode creates nothing" test_qrcode_without_qrencode
run_test "a failing clipboard or QR code deletes the secret" test_output_fails_after_create
finish_tests
