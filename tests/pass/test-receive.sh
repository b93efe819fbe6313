#!/usr/bin/env bash
# pass sharokey receive: a link made by sharokey create lands in the store,
# through pipes only: the text is in no process's command line or
# environment, in no file but the encrypted entry, in no log; the link's key
# is on no command line of the sharokey tool. An existing entry is refused
# before any view is used; --force replaces it. Every pass and sharokey
# process records its own command line and environment (record_children);
# the others are sampled from /proc while a receive runs.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/setup.sh"
require_tools
setup_store
setup_server
# shellcheck disable=SC2119  # pass and sharokey only
record_children

# Every process's command line and environment, snapshot after snapshot
# (two processes each: cheap enough to take many) while a command runs.
watch_processes() {
	while [[ -e $SCRATCH/watching ]]; do
		grep -a -H '' /proc/[0-9]*/cmdline /proc/[0-9]*/environ 2>/dev/null | tr '\0' ' ' >>"$SCRATCH/snapshots"
		echo "--- snapshot" >>"$SCRATCH/snapshots"
	done
}

# make_link TEXT [ARGS...]: a share link of TEXT, made by sharokey create.
make_link() {
	local text="$1"
	shift
	printf '%s' "$text" | "$REAL_SHAROKEY" create - "$@"
}

# views_used LINK
views_used() {
	local slug="${1##*/s/}"
	"$REAL_SHAROKEY" --json get "${slug%%#*}" |
		"$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["data"]["current_views"])'
}

# receive ARGS...: pass sharokey receive ARGS, watched and recorded afresh.
receive() {
	rm -f "$SCRATCH/snapshots" "$RECORDS"/*
	touch "$SCRATCH/watching"
	watch_processes &
	local watcher=$! status=0
	"$PASS" sharokey receive "$@" || status=$?
	rm -f "$SCRATCH/watching"
	wait "$watcher" || true
	return "$status"
}

test_receive_lands_in_store() {
	local text link key shown
	text="$(random_text 'received-')"$'\n'"$(random_text 'line-two-')"
	link="$(make_link "$text" --views 2)"
	key="${link##*#}"
	printf '%s\n' "$link" | receive --yes - web/site 2>"$SCRATCH/receive.err" || { cat "$SCRATCH/receive.err" >&2; return 1; }
	shown="$("$PASS" show web/site && printf x)"
	expect_eq "the entry" "$text"$'\n' "${shown%x}"
	expect_contains "stderr" "$(cat "$SCRATCH/receive.err")" "Inserted web/site"
	not_in_records "the text" "${text%%$'\n'*}"
	not_in_records "the second line" "${text##*$'\n'}"
	not_in_records "the link's key" "$key"
	# The tool recorded that it opened the link from standard input.
	expect_eq "sharokey processes" 1 "$(recorded sharokey)"
	recorded_commands sharokey | grep -- "/sharokey open - --yes $" >/dev/null
	not_in_snapshots "the text" "${text%%$'\n'*}"
	not_in_snapshots "the second line" "${text##*$'\n'}"
	not_in_snapshots "the link's key" "$key"
	not_in_files "the text" "${text%%$'\n'*}"
	not_in_files "the link's key" "$key"
	# The server's log is among those files; it did log the view.
	grep -q -- "viewed" "$SHAROKEY_SERVER_LOG"
	[[ -z $(ls -A "$TMPDIR") ]] || { echo "files left in TMPDIR" >&2; ls -A "$TMPDIR" >&2; return 1; }
	expect_eq "views used" 1 "$(views_used "$link")"
}

test_link_argument_stays_off_the_tool() {
	local text link key
	text="$(random_text 'argument-')"
	link="$(make_link "$text")"
	key="${link##*#}"
	receive --yes "$link" by-argument
	expect_eq "the entry" "$text" "$("$PASS" show by-argument)"
	# pass's own command line has it (it was typed there); the tool's does not.
	not_in_records "the link's key" "$key" sharokey
	expect_eq "sharokey processes" 1 "$(recorded sharokey)"
	if grep -F -- "$key" "$SCRATCH/snapshots" | grep -F -- "$REAL_SHAROKEY" >&2; then
		echo "the link's key is on the sharokey tool's command line" >&2
		return 1
	fi
}

test_existing_entry_refused() {
	local link status=0 err
	printf 'old value\n' | insert_entry kept
	link="$(make_link "$(random_text 'new-')")"
	err="$(printf '%s\n' "$link" | receive --yes - kept 2>&1)" || status=$?
	expect_eq "exit status" 1 "$status"
	expect_contains "message" "$err" "--force"
	expect_eq "the entry" "old value" "$("$PASS" show kept)"
	expect_eq "views used" 0 "$(views_used "$link")"
	printf '%s\n' "$link" | receive --yes --force - kept
	expect_contains "replaced" "$("$PASS" show kept)" "new-"
}

test_gone_link_inserts_nothing() {
	local link status=0 err
	link="$(make_link "$(random_text 'once-')")"
	printf '%s\n' "$link" | receive --yes - first
	err="$(printf '%s\n' "$link" | receive --yes - second 2>&1)" || status=$?
	expect_eq "exit status" 4 "$status"
	expect_contains "message" "$err" "no longer available"
	[[ ! -e $PASSWORD_STORE_DIR/second.gpg ]] || { echo "an entry was made" >&2; return 1; }
}

test_password_fd() {
	local text link password
	text="$(random_text 'gated-')"
	password="$(random_text 'gate-')"
	link="$(printf '%s' "$text" | "$REAL_SHAROKEY" create - --password-fd 3 3< <(printf '%s' "$password"))"
	printf '%s\n' "$link" | receive --yes --password-fd 4 - gated 4< <(printf '%s\n' "$password")
	expect_eq "the entry" "$text" "$("$PASS" show gated)"
	not_in_records "the password" "$password"
	expect_eq "sharokey processes" 1 "$(recorded sharokey)"
	not_in_snapshots "the password" "$password"
}

test_without_terminal_nothing_used() {
	local link status=0 err
	link="$(make_link "$(random_text 'asked-')")"
	err="$(printf '%s\n' "$link" | receive - asked 2>&1)" || status=$?
	expect_eq "exit status" 2 "$status"
	expect_contains "message" "$err" "--yes"
	expect_eq "views used" 0 "$(views_used "$link")"
	[[ ! -e $PASSWORD_STORE_DIR/asked.gpg ]] || { echo "an entry was made" >&2; return 1; }
}

# --force over an entry, and gpg fails (a recipient without a key): the old
# entry stays, and receive says it inserted nothing.
test_force_when_gpg_fails() {
	local link status=0 err
	printf 'old value\n' | "$PASS" insert --multiline unchanged >/dev/null
	link="$(make_link "$(random_text 'lost-')")"
	err="$(printf '%s\n' "$link" |
		PASSWORD_STORE_GPG_OPTS="--recipient nobody@invalid.example" receive --yes --force - unchanged 2>&1)" ||
		status=$?
	expect_eq "exit status" 1 "$status"
	expect_contains "message" "$err" "could not insert unchanged"
	expect_eq "the entry" "old value" "$("$PASS" show unchanged)"
}

run_test "receive: the text lands in the store through pipes only" test_receive_lands_in_store
run_test "receive LINK: the key stays off the tool's command line" test_link_argument_stays_off_the_tool
run_test "receive: an existing entry is refused before any view; --force replaces it" test_existing_entry_refused
run_test "receive: a gone link is exit 4 and inserts nothing" test_gone_link_inserts_nothing
run_test "receive --password-fd" test_password_fd
run_test "receive without terminal nor --yes uses nothing" test_without_terminal_nothing_used
run_test "receive --force: a failed insertion is said, the old entry stays" test_force_when_gpg_fails
finish_tests
