#!/bin/bash
# The bash completion of git-credential-sharokey, loaded the way a user's
# shell loads it: bash-completion finds git's completion, and git's completion
# loads ours by the name it is installed under when the command line is
# `git credential-sharokey …`.
#
# Usage: test-git-credential-completion.sh COMPLETION_FILE
# Prints TAP.

set -u

completion_file=$1
bash_completion=${BASH_COMPLETION_SCRIPT:-/usr/share/bash-completion/bash_completion}
git_completion=${GIT_COMPLETION_SCRIPT:-/usr/share/bash-completion/completions/git}

if [[ ! -f $bash_completion || ! -f $git_completion ]]; then
	echo "1..0 # SKIP bash-completion or git's completion is not installed"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gitcred-completion.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Our file where bash-completion looks for a user's completions, under its
# installed name, and git's own completion beside it.
export BASH_COMPLETION_USER_DIR="$tmp/user"
mkdir -p "$BASH_COMPLETION_USER_DIR/completions"
cp "$completion_file" "$BASH_COMPLETION_USER_DIR/completions/git-credential-sharokey"
cp "$git_completion" "$BASH_COMPLETION_USER_DIR/completions/git"
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"

# shellcheck source=/dev/null
source "$bash_completion"

n=0
failed=0
expect_eq () {
	n=$((n + 1))
	if [[ $2 == "$3" ]]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '# expected: %q\n#      got: %q\n' "$2" "$3"
		failed=$((failed + 1))
	fi
}

# complete WORD…: the sorted completions of that command line, its last word
# under the cursor, as bash would compute them on <Tab>.
complete_words () {
	local spec func
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	# bash-completion loads a command's completion on first use.
	if ! spec=$(complete -p "$1" 2>/dev/null); then
		_completion_loader "$1" 2>/dev/null
		spec=$(complete -p "$1" 2>/dev/null)
	fi
	func=${spec##*-F }
	func=${func%% *}
	# compopt only works while bash itself completes; its complaint is noise.
	"$func" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sed 's/ $//' | LC_ALL=C sort
}

expect_eq "git credential-sharokey: its commands" \
	$'list\nreceive\nrequest\nrevoke\nshare' "$(complete_words git credential-sharokey '')"
expect_eq "git credential-sharokey re…" \
	$'receive\nrequest\nrevoke' "$(complete_words git credential-sharokey re)"
expect_eq "git credential-sharokey -…" \
	$'--help\n--version' "$(complete_words git credential-sharokey -)"
expect_eq "share's options" \
	$'--otp-email\n--otp-phone' "$(complete_words git credential-sharokey share https://h --otp)"
expect_eq "share --format values" \
	$'git\npassword' "$(complete_words git credential-sharokey share --format '')"
expect_eq "request's options" \
	$'--email-reply\n--email-to' "$(complete_words git credential-sharokey request --email)"
expect_eq "request --locale values" \
	$'en\nfr' "$(complete_words git credential-sharokey request x --locale '')"
expect_eq "no guess for a value of the user's own" \
	"" "$(complete_words git credential-sharokey share --hours '')"
expect_eq "no guess for the URL" \
	"" "$(complete_words git credential-sharokey revoke '')"
expect_eq "git's options before the command are skipped" \
	"--captcha" "$(complete_words git -c a.b=c credential-sharokey share --cap)"
expect_eq "the program by its own name" \
	$'--request-hours' "$(complete_words git-credential-sharokey request --req)"
expect_eq "the program by its own name: commands" \
	$'share' "$(complete_words git-credential-sharokey sh)"

echo "1..$n"
[[ $failed == 0 ]]
