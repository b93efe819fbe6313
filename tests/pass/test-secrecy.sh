#!/usr/bin/env bash
# While pass sharokey runs, the secret shows up in no process's command line
# or environment and in no file; only the link carries it, encrypted. Nor
# does the recipient's password reach the sharokey tool's command line.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/setup.sh"
require_tools
setup_store
setup_server
# Every pass and sharokey process records its own command line and
# environment: the snapshots below could miss a short one, the records
# cannot (tests/common/record-exec.sh).
# shellcheck disable=SC2119  # pass and sharokey only
record_children

# A slow sharokey: takes snapshots of every process's command line and
# environment (as ps sees them) before and while the real tool runs, one
# line per process: "ps ARGS", "cmdline PID ARGS" or "environ PID VARS".
cat >"$SCRATCH/bin/sharokey-watched" <<_EOF
#!/usr/bin/env bash
snapshot() {
	ps -e -ww -o args= | sed 's/^/ps /' >>"$SCRATCH/snapshots"
	local f kind pid
	for f in /proc/[0-9]*/cmdline /proc/[0-9]*/environ; do
		kind="\${f##*/}"
		pid="\${f#/proc/}"
		printf '%s %s ' "\$kind" "\${pid%%/*}"
		tr '\\0' ' ' 2>/dev/null <"\$f"
		echo
	done >>"$SCRATCH/snapshots"
	echo "--- snapshot" >>"$SCRATCH/snapshots"
}
snapshot
# A background job's stdin would be /dev/null: hand it the pipe through
# descriptor 9, leaving 3 (the password) as it came.
exec 9<&0
"$SHAROKEY_CLI" "\$@" <&9 9<&- &
child=\$!
exec 9<&-
for (( i = 0; i < 20; i++ )); do
	kill -0 "\$child" 2>/dev/null || break
	snapshot
	sleep 0.05
done
snapshot
wait "\$child"
_EOF
chmod +x "$SCRATCH/bin/sharokey-watched"

# check_share WHAT ARGS...: shares the entry "watched" with ARGS and checks
# the snapshots and the scratch files. It runs in a command substitution,
# where bash drops errexit: every check returns explicitly.
check_share() {
	local what="$1" link count
	shift
	rm -f "$SCRATCH/snapshots" "$RECORDS"/*
	link="$(SHAROKEY_CLI="$SCRATCH/bin/sharokey-watched" "$PASS" sharokey "$@" watched)" || return 1
	count="$(grep -c -- '^--- snapshot$' "$SCRATCH/snapshots")"
	[[ $count -ge 2 ]] || { echo "$what: only $count snapshots" >&2; return 1; }
	# The snapshots did see the processes of this share.
	grep -q -- "sharokey-watched" "$SCRATCH/snapshots" || return 1
	grep -q -- "create -" "$SCRATCH/snapshots" || return 1
	not_in_snapshots "$what: the secret" "$SECRET_PART" || return 1
	[[ $(recorded pass) -ge 1 && $(recorded sharokey) -eq 1 ]] ||
		{ echo "$what: pass ran $(recorded pass) times, sharokey $(recorded sharokey)" >&2; return 1; }
	not_in_records "$what: the secret" "$SECRET_PART" || return 1
	not_in_files "$what: the secret" "$SECRET_PART" || return 1
	[[ -z $(ls -A "$TMPDIR") ]] || { echo "$what: files left in TMPDIR" >&2; ls -A "$TMPDIR" >&2; return 1; }
	printf '%s\n' "$link"
}

SECRET_PART="$(random_text 'ps-never-')"
SECOND_LINE="$(random_text 'line-two-')"
printf '%s\n%s\n' "$SECRET_PART" "$SECOND_LINE" | insert_entry watched

test_first_line_hidden() {
	local link
	link="$(check_share "first line")"
	expect_opens "opened" "$SECRET_PART" "$link"
}

test_all_hidden() {
	local link
	link="$(check_share "--all" --all)"
	expect_opens "opened" "$SECRET_PART"$'\n'"$SECOND_LINE" "$link"
}

test_clip_hidden() {
	# Keeps every copy: the link first, then what pass restores.
	cat >"$SCRATCH/bin/xclip" <<-_EOF
	#!/usr/bin/env bash
	[[ " \$* " == *" -o "* ]] && exit 0
	[[ -e "$SCRATCH/clipboard.1" ]] && exec cat >"$SCRATCH/clipboard.2"
	cat >"$SCRATCH/clipboard.1"
	_EOF
	chmod +x "$SCRATCH/bin/xclip"
	# The link is a secret too: with --clip it goes to the clipboard only.
	local out i
	out="$(PATH="$SCRATCH/bin:$PATH" DISPLAY=":sharokey-secrecy-$$" PASSWORD_STORE_CLIP_TIME=1 check_share "--clip" --clip)"
	expect_not_contains "stdout" "$out" "/s/"
	expect_opens "opened" "$SECRET_PART" "$(cat "$SCRATCH/clipboard.1")"
	# Bounded wait for pass to restore the clipboard, so nothing outlives the test.
	for (( i = 0; i < 100; i++ )); do
		[[ -e $SCRATCH/clipboard.2 ]] && break
		sleep 0.1
	done
	[[ -e $SCRATCH/clipboard.2 ]] || { echo "the clipboard was not restored" >&2; return 1; }
	rm -f "$SCRATCH/clipboard.1" "$SCRATCH/clipboard.2"
}

# --password: pass's own command line holds it (it was typed there), but the
# tool gets it through a pipe, so no process running it shows it.
test_password_off_tool_argv() {
	local password link
	password="$(random_text 'gate-')"
	link="$(check_share "--password" --password "$password")"
	# The snapshots did see the password in pass's own command line...
	# (grep -q would stop reading early: with pipefail, the first grep's
	# SIGPIPE would fail the check.)
	grep -F -- "$password" "$SCRATCH/snapshots" | grep -- "sharokey --password $password watched" >/dev/null
	# ...and the tool was given a descriptor instead.
	grep -q -- "^cmdline [0-9]* .*sharokey-watched create - --password-fd 3" "$SCRATCH/snapshots"
	if grep -F -- "$password" "$SCRATCH/snapshots" | grep -v -E '^(ps|cmdline) ' >&2; then
		echo "the password is in an environment" >&2
		return 1
	fi
	if grep -F -- "$password" "$SCRATCH/snapshots" | grep -F -- "create" >&2; then
		echo "the password is on the command line of the sharokey tool" >&2
		return 1
	fi
	# The records say the same, for every process: pass's own holds it...
	recorded_commands pass | grep -F -- "--password $password" >/dev/null ||
		{ echo "pass's recorded command line lacks the password" >&2; return 1; }
	# ...and no sharokey process's does.
	not_in_records "the password" "$password" sharokey || return 1
	recorded_commands sharokey | grep -- "create - --password-fd 3" >/dev/null ||
		{ echo "the tool was not given the password by descriptor" >&2; return 1; }
	not_in_files "the password" "$password"
	SHAROKEY_TEST_PASSWORD="$password" expect_opens "opened" "$SECRET_PART" "$link"
}

# --password-fd: the password is on no command line at all.
test_password_fd_hidden() {
	local password link
	password="$(random_text 'fd-gate-')"
	link="$(check_share "--password-fd" --password-fd 4 4< <(printf '%s\n' "$password"))"
	grep -q -- "^cmdline [0-9]* .*sharokey-watched create - --password-fd 3" "$SCRATCH/snapshots"
	not_in_snapshots "the password" "$password"
	not_in_records "the password" "$password" || return 1
	not_in_files "the password" "$password"
	SHAROKEY_TEST_PASSWORD="$password" expect_opens "opened" "$SECRET_PART" "$link"
}

run_test "ps and files never show the first line" test_first_line_hidden
run_test "ps and files never show the whole entry" test_all_hidden
run_test "--clip: the link stays off stdout" test_clip_hidden
run_test "--password never reaches the tool's command line" test_password_off_tool_argv
run_test "--password-fd: the password is in no process's command line" test_password_fd_hidden
finish_tests
