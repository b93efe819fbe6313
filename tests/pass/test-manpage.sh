#!/usr/bin/env bash
# The man page renders cleanly and documents every option of the extension,
# and so does --help.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/setup.sh"

EXTENSION="$SHAROKEY_PASS_EXTENSION_DIR/sharokey.bash"
MANPAGE="$SHAROKEY_PASS_EXTENSION_DIR/pass-sharokey.1"
COMPLETION="$SHAROKEY_PASS_EXTENSION_DIR/pass-sharokey.bash-completion"
command -v groff >/dev/null || skip_all "groff is not installed"

# The long options the extension accepts, read from its getopt call.
OPTIONS="$(sed -n 's/.* -l \([a-z:,-]*\) .*/\1/p' "$EXTENSION" | tr ',' '\n' | tr -d ':')"

test_renders() {
	local warnings
	warnings="$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$MANPAGE" 2>&1)"
	expect_eq "groff warnings" "" "$warnings"
	LC_ALL=C.UTF-8 groff -man -Tutf8 -P-cbou "$MANPAGE" | tr -s ' \n' '  ' | grep 'share a password-store entry as a self-destructing Sharokey link' >/dev/null
}

test_options_documented() {
	[[ $(printf '%s\n' "$OPTIONS" | wc -l) -ge 15 ]] || { echo "options not found: $OPTIONS" >&2; return 1; }
	local text help completion option
	text="$(LC_ALL=C.UTF-8 groff -man -Tutf8 -P-cbou "$MANPAGE")"
	help="$(PROGRAM=pass COMMAND=sharokey bash -c 'source "$1" help' _ "$EXTENSION")"
	completion="$(cat "$COMPLETION")"
	for option in $OPTIONS; do
		expect_contains "man page" "$text" "--$option"
		expect_contains "--help" "$help" "--$option"
		expect_contains "completion" "$completion" "--$option"
	done
}

run_test "man page renders without warnings" test_renders
run_test "man page, --help and completion list every option" test_options_documented
finish_tests
