# Common setup of the pass sharokey tests, sourced by each test-*.sh.
#
# Gives each script a scratch directory, a throwaway GnuPG key without a
# passphrase, a fresh password store using it, the extension from the source
# tree, and small TAP helpers. Needs from the environment (set by meson):
# SHAROKEY_PASS_EXTENSION_DIR, SHAROKEY_CLI, SHAROKEY_TEST_OPEN, SHAROKEY_SERVER,
# SHAROKEY_TEST_SERVER_SH.
# shellcheck shell=bash

set -o pipefail

PASS="${PASS:-$(command -v pass)}"
PYTHON=/usr/bin/python3

# pass reads these; none of the caller's may leak in.
while read -r var; do
	unset "$var"
done < <(env | sed -n 's/^\(PASSWORD_STORE_[A-Z_]*\)=.*/\1/p')
unset GPG_AGENT_INFO DISPLAY WAYLAND_DISPLAY XDG_CONFIG_HOME SHAROKEY_API_URL SHAROKEY_TOKEN SHAROKEY_TIMEOUT

# Short path: gpg-agent puts its sockets in GNUPGHOME when /run/user is absent.
SCRATCH="$(mktemp -d /tmp/pass-sk.XXXXXX)"
export HOME="$SCRATCH/home"
export GNUPGHOME="$SCRATCH/gnupg"
export PASSWORD_STORE_DIR="$SCRATCH/store"
export PASSWORD_STORE_ENABLE_EXTENSIONS=true
export PASSWORD_STORE_EXTENSIONS_DIR="$SHAROKEY_PASS_EXTENSION_DIR"
export TMPDIR="$SCRATCH/tmp"
mkdir -p "$HOME" "$TMPDIR" "$SCRATCH/bin"
mkdir -m 700 "$GNUPGHOME"

# The real tool, kept aside for wrappers that replace SHAROKEY_CLI.
REAL_SHAROKEY="$SHAROKEY_CLI"
export REAL_SHAROKEY

tap_count=0
tap_failed=0

cleanup() {
	if declare -F stop_sharokey_server >/dev/null && [[ -n $SHAROKEY_SERVER_PID ]]; then
		stop_sharokey_server >/dev/null 2>&1
	fi
	gpgconf --kill gpg-agent >/dev/null 2>&1
	rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM

bail_out() {
	echo "Bail out! $*"
	exit 1
}

# skip_all REASON: nothing to test on this machine.
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

require_tools() {
	[[ -n $PASS && -x $PASS ]] || skip_all "pass is not installed"
	command -v gpg >/dev/null || skip_all "gpg is not installed"
	[[ -x $SHAROKEY_CLI ]] || bail_out "SHAROKEY_CLI ($SHAROKEY_CLI) is not executable"
	[[ -x $SHAROKEY_TEST_OPEN ]] || bail_out "SHAROKEY_TEST_OPEN ($SHAROKEY_TEST_OPEN) is not executable"
}

# record_children NAME=REAL...: from now on, the test's PASS, SHAROKEY_CLI
# and PATH run stand-ins (tests/common/record-exec.sh) that record their own
# command line and environment in $RECORDS before becoming the real program:
# no process of these, however short, escapes the final checks
# (not_in_records). Always pass and sharokey; NAME=REAL adds others, found
# by name through PATH.
RECORD_EXEC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../common" && pwd)/record-exec.sh"
RECORDS="$SCRATCH/records"
record_children() {
	local stand_ins="$SCRATCH/recorded" program
	for program in "pass=$PASS" "sharokey=$REAL_SHAROKEY" "$@"; do
		"$RECORD_EXEC" wrap "$RECORDS" "$stand_ins" "${program%%=*}" "${program#*=}" ||
			bail_out "cannot record ${program%%=*}"
	done
	PASS="$stand_ins/pass"
	SHAROKEY_CLI="$stand_ins/sharokey"
	PATH="$stand_ins:$PATH"
	export SHAROKEY_CLI PATH
}

# not_in_records WHAT VALUE [NAME]: no recorded command line or environment
# (of the stand-in NAME only, if given) holds VALUE.
not_in_records() {
	if printf '%s' "$2" | "$RECORD_EXEC" find "$RECORDS" ${3:+"$3"} >&2; then
		echo "$1 was in the command line or environment of a recorded ${3:-process}" >&2
		return 1
	fi
}

# recorded NAME: how many times the stand-in NAME ran.
recorded() {
	"$RECORD_EXEC" count "$RECORDS" "$1"
}

# recorded_commands NAME: the command lines the stand-in NAME recorded, one
# a line, arguments separated by spaces.
recorded_commands() {
	cat "$RECORDS/$1".*.cmdline 2>/dev/null | tr '\0' ' '
}

# Creates the key and the store.
setup_store() {
	gpg --batch --passphrase '' --quick-gen-key 'pass sharokey test <pass-test@example.com>' \
		default default never >/dev/null 2>&1 || bail_out "could not create a GnuPG key"
	KEY_ID="$(gpg --with-colons --list-keys 2>/dev/null | awk -F: '/^fpr/ { print $10; exit }')"
	[[ -n $KEY_ID ]] || bail_out "no GnuPG key"
	"$PASS" init "$KEY_ID" >/dev/null || bail_out "pass init failed"
}

# Starts the real server; exports SHAROKEY_API_URL and SHAROKEY_TOKEN.
setup_server() {
	# shellcheck source=/dev/null
	source "$SHAROKEY_TEST_SERVER_SH" || bail_out "cannot load $SHAROKEY_TEST_SERVER_SH"
	# Its database lives in the scratch directory, but out of the TMPDIR the
	# extension sees.
	TMPDIR="$SCRATCH" start_sharokey_server >/dev/null || bail_out "sharokey-server did not start"
	export SHAROKEY_API_URL SHAROKEY_TOKEN
}

# insert_entry NAME: stores standard input, byte for byte, as entry NAME.
insert_entry() {
	"$PASS" insert --multiline --force "$1" >/dev/null
}

# open_link URL: prints what the viewer shows for URL (given on stdin, as it
# holds the key).
open_link() {
	printf '%s\n' "$1" | "$SHAROKEY_TEST_OPEN"
}

# expect_opens WHAT EXPECTED URL: the link opens to exactly EXPECTED (the x
# keeps trailing newlines that command substitution would drop).
expect_opens() {
	local out
	out="$(open_link "$3" && printf x)" || { echo "$1: the link did not open" >&2; return 1; }
	expect_eq "$1" "$2" "${out%x}"
}

# secret_count: how many secrets the server holds for the test account.
secret_count() {
	"$REAL_SHAROKEY" --json stats | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["data"]["total_secrets"])'
}

# random_text: a fresh value nobody else can have printed.
random_text() {
	printf '%s' "$1$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [[ $2 != "$3" ]]; then
		printf '%s: expected [%s], got [%s]\n' "$1" "$2" "$3" >&2
		return 1
	fi
}

# expect_ge WHAT MINIMUM ACTUAL: ACTUAL is a number, at least MINIMUM.
expect_ge() {
	if ! [[ $3 =~ ^[0-9]+$ ]] || (( $3 < $2 )); then
		printf '%s: expected at least %s, got [%s]\n' "$1" "$2" "$3" >&2
		return 1
	fi
}

# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() {
	if [[ $2 != *"$3"* ]]; then
		printf '%s: [%s] does not contain [%s]\n' "$1" "$2" "$3" >&2
		return 1
	fi
}

# expect_not_contains WHAT HAYSTACK NEEDLE
expect_not_contains() {
	if [[ $2 == *"$3"* ]]; then
		printf '%s: [%s] contains [%s]\n' "$1" "$2" "$3" >&2
		return 1
	fi
}

# run_test NAME FUNCTION: runs FUNCTION in a subshell with errexit, reports TAP.
run_test() {
	local name="$1" log="$SCRATCH/test.log" status
	shift
	( set -e; "$@" ) >"$log" 2>&1
	status=$?
	tap_count=$(( tap_count + 1 ))
	if [[ $status -eq 0 ]]; then
		echo "ok $tap_count - $name"
	else
		tap_failed=$(( tap_failed + 1 ))
		echo "not ok $tap_count - $name"
		sed 's/^/# /' "$log"
	fi
}

finish_tests() {
	echo "1..$tap_count"
	[[ $tap_failed -eq 0 ]]
}

# not_in_snapshots WHAT VALUE: no process showed VALUE in the /proc
# snapshots ($SCRATCH/snapshots) a watched wrapper took.
not_in_snapshots() {
	if grep -n -F -- "$2" "$SCRATCH/snapshots" >&2; then
		echo "$1 was visible in /proc" >&2
		return 1
	fi
}

# not_in_files WHAT VALUE: no file under the scratch directory (store, home,
# TMPDIR, the server's database and log), the snapshots and records aside,
# holds VALUE.
not_in_files() {
	# The snapshots and records are the test's own view of the processes.
	if grep -r -l -F --exclude=snapshots --exclude-dir=records -- "$2" "$SCRATCH" >&2; then
		echo "$1 was written to a file" >&2
		return 1
	fi
}
