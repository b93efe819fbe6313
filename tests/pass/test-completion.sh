#!/usr/bin/env bash
# The bash completion of pass sharokey, loaded after pass's own completion
# as a user's ~/.bashrc would, completes the command, its flags and entries.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/setup.sh"

PASS_COMPLETION="${PASS_COMPLETION:-/usr/share/bash-completion/completions/pass}"
[[ -f $PASS_COMPLETION ]] || skip_all "pass's bash completion is not installed"
# shellcheck source=/dev/null
source "$PASS_COMPLETION"
# shellcheck source=plugins/pass/pass-sharokey.bash-completion
source "$SHAROKEY_PASS_EXTENSION_DIR/pass-sharokey.bash-completion"

# Entries need no encryption to be completed.
mkdir -p "$PASSWORD_STORE_DIR/email" "$PASSWORD_STORE_DIR/Bank Accounts/joint" "$PASSWORD_STORE_DIR/.git"
touch "$PASSWORD_STORE_DIR/email/work.gpg" "$PASSWORD_STORE_DIR/email/home.gpg" \
	"$PASSWORD_STORE_DIR/Bank Accounts/joint/online.gpg" "$PASSWORD_STORE_DIR/wifi.gpg"

# complete WORD...: prints the completions of the command line WORD...,
# the last word being the one under the cursor, one per line, sorted.
complete_words() {
	COMP_WORDS=( "$@" )
	COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=( )
	# compopt only works while bash itself completes; its complaint is noise.
	_pass 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

test_command() {
	expect_eq "pass sha" "sharokey" "$(complete_words pass sha)"
}

test_first_word() {
	local out
	out=$'\n'"$(complete_words pass sharokey '')"$'\n'
	expect_contains "verbs" "$out" $'\nrequest\n'
	expect_contains "verbs" "$out" $'\nshare\n'
	expect_contains "flags" "$out" $'\n--all\n'
	expect_contains "entries" "$out" $'\nemail/\n'
	expect_contains "entries" "$out" $'\nwifi'
	expect_not_contains "hidden" "$out" ".git"
}

test_flags() {
	expect_eq "--cl" "--clip" "$(complete_words pass sharokey --cl)"
	expect_eq "--li" "--line" "$(complete_words pass sharokey share --li)"
	expect_eq "--de" $'--describe\n--description' "$(complete_words pass sharokey email/work --de)"
	expect_eq "-q" "-q" "$(complete_words pass sharokey --all -q)"
}

test_entries() {
	expect_eq "email/" $'email/home\nemail/work' "$(complete_words pass sharokey email/)"
	expect_eq "after flags" $'email/home\nemail/work' "$(complete_words pass sharokey --all --clip email/)"
	expect_eq "share verb" "wifi" "$(complete_words pass sharokey share wi)"
	expect_eq "spaces" "Bank Accounts/joint/online" "$(complete_words pass sharokey --line 2 Ban)"
}

test_option_values() {
	expect_eq "after --hours" "" "$(complete_words pass sharokey --hours '')"
	expect_eq "after --line" "" "$(complete_words pass sharokey wifi --line '')"
	touch "$SCRATCH/attachment-one.pdf"
	expect_eq "after --attach" "$SCRATCH/attachment-one.pdf" "$(complete_words pass sharokey --attach "$SCRATCH/attachment-o")"
}

test_other_commands() {
	expect_eq "request" $'--email-reply\n--email-to' "$(complete_words pass sharokey request --email)"
	expect_eq "request locale" $'en\nfr' "$(complete_words pass sharokey request --locale '')"
	expect_eq "list status" $'active\nexpired' "$(complete_words pass sharokey list --status '')"
	expect_eq "list flags" "--limit" "$(complete_words pass sharokey list --li)"
	expect_eq "stats" "--json" "$(complete_words pass sharokey stats --)"
	expect_eq "list entries" "" "$(complete_words pass sharokey list email/)"
}

run_test "completes the extension command" test_command
run_test "completes verbs, flags and entries after sharokey" test_first_word
run_test "completes flags" test_flags
run_test "completes entry names" test_entries
run_test "no entries after a flag that takes a value" test_option_values
run_test "completes request and list flags" test_other_commands
finish_tests
