#!/usr/bin/env bash
# pass sharokey - Password Store Extension (https://www.passwordstore.org/)
# Shares a password-store entry as a self-destructing Sharokey link.
#
# This file is part of libsharokey-glib.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# pass sources this file, so its variables ($PROGRAM, $COMMAND, $PREFIX, $GPG,
# GPG_OPTS, $GETOPT, $CLIP_TIME) and helpers (die, check_sneaky_paths, clip,
# qrcode) are in scope.
# shellcheck disable=SC2154,SC2153
# Messages name their variables in single quotes for eval_gettext, which
# replaces them after translation:
# shellcheck disable=SC2016

VERSION="0.1.0"

set -o pipefail

# Messages come from the sharokey gettext domain, like those of the sharokey
# tool: SHAROKEY_LOCALEDIR (a catalogue that is not installed) wins over the
# directory set at install time. Without gettext(1), English.
SHAROKEY_LOCALEDIR_INSTALLED='@LOCALEDIR@'
export TEXTDOMAIN=sharokey
if [[ -n $SHAROKEY_LOCALEDIR ]]; then
	export TEXTDOMAINDIR="$SHAROKEY_LOCALEDIR"
elif [[ $SHAROKEY_LOCALEDIR_INSTALLED != @*@ ]]; then
	export TEXTDOMAINDIR="$SHAROKEY_LOCALEDIR_INSTALLED"
fi
if ! command -v gettext >/dev/null 2>&1; then
	gettext() { printf '%s' "$1"; }
fi

# eval_gettext 'text with $variables': the translation, with the shell
# variables it names replaced by their values (as gettext.sh's, without
# envsubst: a value is never read as a reference again).
eval_gettext() {
	local text out="" name
	local pattern='^([^$]*)[$]([{]([A-Za-z_][A-Za-z0-9_]*)[}]|([A-Za-z_][A-Za-z0-9_]*))(.*)$'
	text="$(gettext "$1")"
	while [[ $text =~ $pattern ]]; do
		name="${BASH_REMATCH[3]}${BASH_REMATCH[4]}"
		out+="${BASH_REMATCH[1]}${!name}"
		text="${BASH_REMATCH[5]}"
	done
	printf '%s' "$out$text"
}

# sharokey_die STATUS MESSAGE: the message on stderr, then exit with the
# status of the table sharokey and git-credential-sharokey share (2 usage,
# 4 not found…; see pass-sharokey(1)).
sharokey_die() {
	printf '%s\n' "$2" >&2
	exit "$1"
}

# Commands of the sharokey tool that are handed over unchanged.
SHAROKEY_PASSTHROUGH_COMMANDS=( list get delete stats test list-requests get-request delete-request request-stats )

cmd_sharokey_usage() {
	eval_gettext 'Usage:
    $PROGRAM sharokey [share] [--line N | --all] [--hours DURATION] [--views N]
                      [--description TEXT | --describe] [--message TEXT]
                      [--password PASSWORD | --password-fd FD] [--captcha]
                      [--otp-email EMAIL] [--otp-phone PHONE]
                      [--ip-whitelist LIST] [--geolocation LIST]
                      [--attach FILE]...
                      [--clip,-c | --qrcode,-q | --json] pass-name
        Share the first line of pass-name (or line N, or the whole entry)
        as a self-destructing link and print the link. With --clip, put the
        link on the clipboard instead; it will be cleared in $CLIP_TIME seconds.
        With --qrcode, show the link as a QR code. No description is sent
        unless given, or --describe sends pass-name as the description.
        --hours takes hours (24 or 24h), days (2d) or weeks (1w), up to 365
        days. --password-fd FD reads the password of the recipient from file
        descriptor FD; other users can see a --password PASSWORD while pass runs.
    $PROGRAM sharokey request [--message TEXT] [--description TEXT]
                      [--secret-hours DURATION] [--request-hours DURATION] [--views N]
                      [--email-to EMAIL] [--email-reply EMAIL] [--locale en|fr]
                      [pass-name]
        Ask someone for a secret: print a request link. With pass-name, the
        answer is meant for that entry: the token of the request is printed
        on standard error and remembered, with pass-name, in
        $SHAROKEY_PASS_REQUESTS.
    $PROGRAM sharokey receive [--force,-f] [--yes,-y] [--password-fd FD] LINK|- pass-name
        Open a share link (LINK, or - to read it from standard input) with
        sharokey open and insert its text, every line of it, as pass-name
        (through pass insert). It says how many views remain and asks before using
        one (--yes does not ask). An existing pass-name is refused before the
        link is opened, unless --force replaces it. The text only ever goes
        through pipes. --password-fd FD reads the password of the secret from FD.
    $PROGRAM sharokey receive-request [--force,-f] token [pass-name]
        Open the answer to the request (sealed to a key that only this
        computer holds) and insert it as pass-name (by default the one given
        to request), which must not exist unless --force is given. Exits 6
        while nobody has answered.
    $PROGRAM sharokey list|get|delete|stats|test [--json] [arguments]...
    $PROGRAM sharokey list-requests|get-request|delete-request|request-stats [--json] [arguments]...
        Run the sharokey command of the same name.
    $PROGRAM sharokey help
        Show this text.
    $PROGRAM sharokey version
        Show version information.

The sharokey command is taken from the SHAROKEY_CLI variable, else from PATH. Its
configuration (SHAROKEY_TOKEN, SHAROKEY_API_URL, ~/.config/sharokey/config.json)
applies. Exit status: 0 success, 1 failure, 2 usage, 3 authentication,
4 not found, 5 network or server, 6 not answered yet. More information may be found in the
pass-sharokey(1) man page.'
	echo
}

cmd_sharokey_version() {
	echo "$PROGRAM sharokey $VERSION"
}

# Sets SHAROKEY to the sharokey tool, or dies.
sharokey_find_cli() {
	local cli="${SHAROKEY_CLI:-sharokey}"
	SHAROKEY="$(command -v -- "$cli")" || SHAROKEY=""
	[[ -n $SHAROKEY && -x $SHAROKEY ]] ||
		sharokey_die 1 "$(eval_gettext 'Error: the sharokey command ($cli) was not found. Install it or set SHAROKEY_CLI.')"
}

# Moves every --json to the tool's global options, where it belongs.
sharokey_passthrough() {
	local command="$1" arg
	shift
	local -a global=( ) args=( )
	for arg in "$@"; do
		if [[ $arg == "--json" ]]; then
			global=( --json )
		else
			args+=( "$arg" )
		fi
	done
	sharokey_find_cli
	"$SHAROKEY" "${global[@]}" "$command" "${args[@]}"
	exit $?
}

# The requests made for an entry: "token<TAB>pass-name" lines, no secret.
SHAROKEY_PASS_REQUESTS="${XDG_DATA_HOME:-$HOME/.local/share}/sharokey/pass-requests"

# sharokey_indexed_entry TOKEN: prints the pass-name remembered for TOKEN.
sharokey_indexed_entry() {
	local token name
	[[ -f $SHAROKEY_PASS_REQUESTS ]] || return 1
	while IFS=$'\t' read -r token name; do
		if [[ $token == "$1" ]]; then
			printf '%s\n' "$name"
			return 0
		fi
	done <"$SHAROKEY_PASS_REQUESTS"
	return 1
}

# sharokey_forget_request TOKEN: drops TOKEN's line from the index.
sharokey_forget_request() {
	local token name kept=""
	[[ -f $SHAROKEY_PASS_REQUESTS ]] || return 0
	while IFS=$'\t' read -r token name; do
		[[ $token == "$1" ]] || kept+="$token"$'\t'"$name"$'\n'
	done <"$SHAROKEY_PASS_REQUESTS"
	( umask 077; printf '%s' "$kept" >"$SHAROKEY_PASS_REQUESTS.new" ) &&
		mv -f "$SHAROKEY_PASS_REQUESTS.new" "$SHAROKEY_PASS_REQUESTS"
}

cmd_sharokey_request() {
	local opts err
	local -a cli_opts=( )
	opts="$($GETOPT -o '' -l message:,description:,secret-hours:,request-hours:,views:,email-to:,email-reply:,locale:,json -n "$PROGRAM" -- "$@")"
	err=$?
	eval set -- "$opts"
	while true; do case $1 in
		--json) cli_opts+=( "$1" ); shift ;;
		--) shift; break ;;
		*) cli_opts+=( "$1" "$2" ); shift 2 ;;
	esac done
	[[ $err -eq 0 && $# -le 1 ]] ||
		sharokey_die 2 "$(eval_gettext 'Usage: $PROGRAM $COMMAND request [--message TEXT] [--description TEXT] [--secret-hours DURATION] [--request-hours DURATION] [--views N] [--email-to EMAIL] [--email-reply EMAIL] [--locale en|fr] [pass-name]')"
	[[ $# -eq 1 ]] || sharokey_passthrough create-request "${cli_opts[@]}"

	local path="${1%/}"
	[[ -n $path && $path != *$'\t'* && $path != *$'\n'* ]] ||
		sharokey_die 2 "$(gettext 'Error: the pass-name must not be empty nor hold a tab or a line break.')"
	check_sneaky_paths "$path"
	[[ " ${cli_opts[*]} " != *" --json "* ]] ||
		sharokey_die 2 "$(gettext 'Error: --json cannot be used with a pass-name.')"
	sharokey_find_cli

	# The JSON answer holds the token beside the link; nothing secret.
	local json status token url
	local token_re='"token"[[:space:]]*:[[:space:]]*"([A-Za-z0-9_-]+)"'
	local url_re='"url"[[:space:]]*:[[:space:]]*"([^"]+)"'
	json="$("$SHAROKEY" --json create-request "${cli_opts[@]}")"
	status=$?
	[[ $status -eq 0 ]] || exit "$status"
	[[ $json =~ $token_re ]] && token="${BASH_REMATCH[1]}"
	[[ $json =~ $url_re ]] && url="${BASH_REMATCH[1]}"
	[[ -n $token && -n $url ]] || sharokey_die 5 "$(gettext 'Error: sharokey did not return a request token and link.')"

	if ! ( umask 077; mkdir -p "${SHAROKEY_PASS_REQUESTS%/*}" &&
	       printf '%s\t%s\n' "$token" "$path" >>"$SHAROKEY_PASS_REQUESTS" ); then
		sharokey_die 1 "$(eval_gettext 'Error: could not write $SHAROKEY_PASS_REQUESTS.')"
	fi
	printf '%s\n' "$url"
	eval_gettext 'Request $token for $path; once answered, run: $PROGRAM sharokey receive-request $token' >&2
	echo >&2
}

cmd_sharokey_receive_request() {
	local opts err force=0
	opts="$($GETOPT -o f -l force -n "$PROGRAM" -- "$@")"
	err=$?
	eval set -- "$opts"
	while true; do case $1 in
		-f|--force) force=1; shift ;;
		--) shift; break ;;
	esac done
	[[ $err -eq 0 && ( $# -eq 1 || $# -eq 2 ) && -n $1 ]] ||
		sharokey_die 2 "$(eval_gettext 'Usage: $PROGRAM $COMMAND receive-request [--force,-f] token [pass-name]')"

	# A request link names its token last, as sharokey open-request reads it.
	local token="${1%%[?#]*}" path
	token="${token%/}"
	token="${token##*/}"
	if [[ $# -eq 2 ]]; then
		path="${2%/}"
	else
		path="$(sharokey_indexed_entry "$token")" ||
			sharokey_die 2 "$(eval_gettext 'Error: no pass-name is remembered for request $token; give one.')"
	fi
	[[ -n $path ]] || sharokey_die 2 "$(gettext 'Error: the pass-name must not be empty.')"
	check_sneaky_paths "$path"
	# An answer opens once: make sure it has somewhere to go first.
	[[ $force -eq 1 || ! -e $PREFIX/$path.gpg ]] ||
		sharokey_die 1 "$(eval_gettext 'Error: $path already exists; --force replaces it.')"
	sharokey_find_cli

	# In memory only (the x keeps trailing newlines), then down a pipe:
	# printf is a builtin, so the text is never an argument.
	local answer status
	answer="$("$SHAROKEY" open-request "$token" && printf x)"
	status=$?
	[[ $status -eq 0 ]] || exit "$status"
	answer="${answer%x}"
	# The tool ends the text with one newline; pass stores lines. pass runs
	# again ($0, which sourced this file) for a status that says whether
	# the entry was written.
	if ! printf '%s' "$answer" | "$0" insert --multiline --force "$path" >/dev/null; then
		unset answer
		sharokey_die 1 "$(eval_gettext 'Error: could not insert the answer as $path; it cannot be opened again.')"
	fi
	unset answer
	sharokey_forget_request "$token"
	eval_gettext 'The answer to request $token is stored as $path.'
	echo
}

# Prints nothing and returns; sets SHAROKEY_SELECTED to line $2 of $1,
# using only shell expansions so the text never reaches another process.
sharokey_select_line() {
	local rest="$1" i
	for (( i = 1; i < $2; i++ )); do
		if [[ $rest != *$'\n'* ]]; then
			rest=""
			break
		fi
		rest="${rest#*$'\n'}"
	done
	SHAROKEY_SELECTED="${rest%%$'\n'*}"
}

# Deletes the secret of a link that could not be handed over (by its slug:
# the link's key stays out of the command line). When that fails too, the
# user is told how to finish, never that the secret is gone.
sharokey_delete_link() {
	# The last segment of the path: …/s/SLUG#key here, …/SLUG#key on
	# Sharokey's own site.
	local slug="${1%%[#?]*}"
	slug="${slug%/}"
	slug="${slug##*/}"
	slug="${slug%%[!A-Za-z0-9_-]*}"
	"$SHAROKEY" delete "$slug" >/dev/null 2>&1 && return 0
	sharokey_die 5 "$(eval_gettext 'Error: the link could not be handed over, and its secret could not be deleted: run “sharokey delete $slug”.')"
}

# What pass's clip needs (pass show --clip): a display and its copier.
sharokey_check_clipboard() {
	if [[ -n $WAYLAND_DISPLAY ]]; then
		command -v wl-copy >/dev/null 2>&1 && return
		sharokey_die 1 "$(gettext 'Error: --clip needs wl-copy (wl-clipboard) on Wayland; nothing was shared.')"
	elif [[ -n $DISPLAY ]]; then
		command -v xclip >/dev/null 2>&1 && return
		sharokey_die 1 "$(gettext 'Error: --clip needs xclip on X11; nothing was shared.')"
	fi
	sharokey_die 1 "$(gettext 'Error: --clip needs an X11 or Wayland display; nothing was shared. Print the link instead, or use --qrcode.')"
}

sharokey_check_qrencode() {
	command -v qrencode >/dev/null 2>&1 ||
		sharokey_die 1 "$(gettext 'Error: --qrcode needs qrencode; nothing was shared.')"
}

# The commands, for "did you mean …?".
SHAROKEY_COMMANDS=( share request receive help version "${SHAROKEY_PASSTHROUGH_COMMANDS[@]}" )

# sharokey_distance A B: edits from A to B (insertions, deletions,
# substitutions and swaps of neighbours: Damerau-Levenshtein, optimal string
# alignment), the measure git and the sharokey tool use.
sharokey_distance() {
	local a="$1" b="$2" i j cost best la=${#1} lb=${#2}
	local -a d
	for (( i = 0; i <= la; i++ )); do d[i * (lb + 1)]=$i; done
	for (( j = 0; j <= lb; j++ )); do d[j]=$j; done
	for (( i = 1; i <= la; i++ )); do
		for (( j = 1; j <= lb; j++ )); do
			[[ ${a:i-1:1} == "${b:j-1:1}" ]] && cost=0 || cost=1
			best=$(( d[(i - 1) * (lb + 1) + j] + 1 ))
			(( d[i * (lb + 1) + j - 1] + 1 < best )) && best=$(( d[i * (lb + 1) + j - 1] + 1 ))
			(( d[(i - 1) * (lb + 1) + j - 1] + cost < best )) && best=$(( d[(i - 1) * (lb + 1) + j - 1] + cost ))
			if (( i > 1 && j > 1 )) && [[ ${a:i-1:1} == "${b:j-2:1}" && ${a:i-2:1} == "${b:j-1:1}" ]]; then
				(( d[(i - 2) * (lb + 1) + j - 2] + 1 < best )) && best=$(( d[(i - 2) * (lb + 1) + j - 2] + 1 ))
			fi
			d[i * (lb + 1) + j]=$best
		done
	done
	echo "${d[la * (lb + 1) + lb]}"
}

# sharokey_suggest WORD: the command nearest to WORD, if it is near enough
# to be a typo of it (one edit up to 4 letters, two beyond; or a prefix of
# 3 letters or more), as the sharokey tool decides.
sharokey_suggest() {
	local word="$1" command distance best="" best_distance=99 tie=0 limit=2
	[[ -n $word && ${#word} -le 64 ]] || return 1
	(( ${#word} <= 4 )) && limit=1
	for command in "${SHAROKEY_COMMANDS[@]}"; do
		distance="$(sharokey_distance "$word" "$command")"
		if (( distance < best_distance )); then
			best="$command" best_distance=$distance tie=0
		elif (( distance == best_distance )); then
			tie=1
		fi
	done
	if (( best_distance > limit && ${#word} >= 3 )); then
		for command in "${SHAROKEY_COMMANDS[@]}"; do
			[[ $command == "$word"* ]] && { echo "$command"; return 0; }
		done
	fi
	(( tie == 0 && best_distance > 0 && best_distance <= limit )) || return 1
	echo "$best"
}

# The entry is missing: a mistyped command, or a name (status 4).
sharokey_not_in_store() {
	local path="$1" nearest
	# shellcheck disable=SC2034  # nearest is read by eval_gettext
	if [[ $path != */* ]] && nearest="$(sharokey_suggest "$path")"; then
		sharokey_die 2 "$(eval_gettext 'Error: $path is neither a command nor in the password store; did you mean $nearest?')"
	fi
	sharokey_die 4 "$(eval_gettext 'Error: $path is not in the password store.')"
}

cmd_sharokey_share() {
	local opts err
	local selected_line="" all=0 clip=0 qrcode=0 json=0 describe=0 described=0
	local password="" password_fd="" has_password=0
	local -a cli_opts=( )
	opts="$($GETOPT -o cq -l line:,all,hours:,views:,description:,describe,message:,password:,password-fd:,captcha,otp-email:,otp-phone:,ip-whitelist:,geolocation:,attach:,clip,qrcode,json -n "$PROGRAM" -- "$@")"
	err=$?
	eval set -- "$opts"
	while true; do case $1 in
		--line) selected_line="$2"; shift 2 ;;
		--all) all=1; shift ;;
		--describe) describe=1; shift ;;
		--password) password="$2"; has_password=$(( has_password + 1 )); shift 2 ;;
		--password-fd) password_fd="$2"; has_password=$(( has_password + 1 )); shift 2 ;;
		--hours|--views|--description|--message|--otp-email|--otp-phone|--ip-whitelist|--geolocation|--attach)
			cli_opts+=( "$1" "$2" )
			[[ $1 == "--description" ]] && described=1
			shift 2 ;;
		--captcha) cli_opts+=( "$1" ); shift ;;
		-c|--clip) clip=1; shift ;;
		-q|--qrcode) qrcode=1; shift ;;
		--json) json=1; shift ;;
		--) shift; break ;;
	esac done

	if [[ $err -ne 0 || $# -ne 1 || -z $1 || ( -n $selected_line && $all -eq 1 ) || \
	      $(( clip + qrcode + json )) -gt 1 || $(( describe + described )) -gt 1 || $has_password -gt 1 ]]; then
		sharokey_die 2 "$(eval_gettext 'Usage: $PROGRAM $COMMAND [share] [--line N | --all] [--hours DURATION] [--views N] [--description TEXT | --describe] [--message TEXT] [--password PASSWORD | --password-fd FD] [--captcha] [--otp-email EMAIL] [--otp-phone PHONE] [--ip-whitelist LIST] [--geolocation LIST] [--attach FILE]... [--clip,-c | --qrcode,-q | --json] pass-name')"
	fi
	[[ -z $selected_line || $selected_line =~ ^[1-9][0-9]*$ ]] ||
		sharokey_die 2 "$(eval_gettext "Error: line '\$selected_line' is not a positive number.")"
	# Not quoted back: it may be the password, given by mistake.
	[[ -z $password_fd || $password_fd =~ ^[0-9]+$ ]] ||
		sharokey_die 2 "$(gettext 'Error: --password-fd needs a file descriptor number.')"
	selected_line="${selected_line:-1}"

	local path="${1%/}"
	check_sneaky_paths "$path"
	local passfile="$PREFIX/$path.gpg"
	[[ -f $passfile ]] || sharokey_not_in_store "$path"
	[[ $describe -eq 1 ]] && cli_opts+=( --description "$path" )

	# Look for the tool, and check that the link can be shown, before
	# decrypting: a missing one costs no passphrase, and no secret is
	# created that nobody could reach.
	sharokey_find_cli
	[[ $clip -eq 0 ]] || sharokey_check_clipboard
	[[ $qrcode -eq 0 ]] || sharokey_check_qrencode

	if [[ -n $password_fd ]]; then
		{ : <&"$password_fd"; } 2>/dev/null ||
			sharokey_die 2 "$(eval_gettext 'Error: file descriptor $password_fd is not open.')"
		# The read builtin: the password never becomes an argument. Up to the
		# end of the input (read then returns 1), or one line from a terminal.
		if [[ -t $password_fd ]]; then
			IFS= read -r -s -p "$(gettext 'Password: ')" -u "$password_fd" password
			echo >&2
		else
			IFS= read -r -d '' -u "$password_fd" password
			password="${password%$'\n'}"
		fi
	fi
	# An empty one (say, the command feeding --password-fd failed) would
	# make a link without the protection asked for.
	[[ $has_password -eq 0 || -n $password ]] || sharokey_die 2 "$(gettext 'Error: the password is empty.')"

	local contents secret
	contents="$($GPG -d "${GPG_OPTS[@]}" "$passfile")" ||
		sharokey_die 1 "$(eval_gettext 'Error: could not decrypt $path.')"
	if [[ $all -eq 1 ]]; then
		secret="$contents"
		[[ -n $secret ]] || sharokey_die 1 "$(eval_gettext 'Error: $path is empty, there is nothing to share.')"
	else
		sharokey_select_line "$contents" "$selected_line"
		secret="$SHAROKEY_SELECTED"
		unset SHAROKEY_SELECTED
		[[ -n $secret ]] ||
			sharokey_die 1 "$(eval_gettext 'Error: there is nothing to share at line $selected_line of $path.')"
	fi
	unset contents

	local -a global=( )
	[[ $json -eq 1 ]] && global=( --json )

	# printf is a builtin: the secret goes down the pipe, and the password
	# down another one (file descriptor 3), without ever being part of a
	# command line or an environment.
	local link status
	if [[ $has_password -eq 1 ]]; then
		link="$(printf '%s' "$secret" | "$SHAROKEY" "${global[@]}" create - "${cli_opts[@]}" --password-fd 3 3< <(printf '%s' "$password"))"
	else
		link="$(printf '%s' "$secret" | "$SHAROKEY" "${global[@]}" create - "${cli_opts[@]}")"
	fi
	status=$?
	unset secret password
	[[ $status -eq 0 ]] || exit "$status"
	[[ -n $link ]] || sharokey_die 5 "$(gettext 'Error: sharokey did not return a link.')"

	if [[ $clip -eq 1 ]]; then
		# In a subshell: pass's clip dies on failure, and the secret must
		# then go.
		if ! ( clip "$link" "$(eval_gettext 'the Sharokey link for $path')" ); then
			sharokey_delete_link "$link"
			sharokey_die 1 "$(gettext 'Error: could not put the link on the clipboard; the secret was deleted.')"
		fi
	elif [[ $qrcode -eq 1 ]]; then
		if ! ( qrcode "$link" "$path" ); then
			sharokey_delete_link "$link"
			sharokey_die 1 "$(gettext 'Error: could not show the link as a QR code; the secret was deleted.')"
		fi
	elif ! printf '%s\n' "$link" 2>/dev/null; then
		# Nobody could open the secret without its link.
		sharokey_delete_link "$link"
		sharokey_die 1 "$(gettext 'Error: could not print the link; the secret was deleted.')"
	fi
}

cmd_sharokey_receive() {
	local opts err force=0 yes=0 password_fd=""
	local -a open_opts=( )
	opts="$($GETOPT -o fy -l force,yes,password-fd: -n "$PROGRAM" -- "$@")"
	err=$?
	eval set -- "$opts"
	while true; do case $1 in
		-f|--force) force=1; shift ;;
		-y|--yes) yes=1; shift ;;
		--password-fd) password_fd="$2"; shift 2 ;;
		--) shift; break ;;
	esac done
	if [[ $err -ne 0 || $# -ne 2 || -z $1 || -z $2 ]]; then
		sharokey_die 2 "$(eval_gettext 'Usage: $PROGRAM $COMMAND receive [--force,-f] [--yes,-y] [--password-fd FD] LINK|- pass-name')"
	fi
	# sharokey open checks --password-fd, before the link is opened.
	local path="${2%/}"
	check_sneaky_paths "$path"
	# Before the link is opened: opening it uses one of its views.
	[[ $force -eq 1 || ! -e "$PREFIX/$path.gpg" ]] ||
		sharokey_die 1 "$(eval_gettext 'Error: $path is already in the password store; --force replaces it. The link was not opened.')"
	sharokey_find_cli

	local link="$1"
	[[ $link != "-" ]] || IFS= read -r link || [[ -n $link ]] ||
		sharokey_die 2 "$(gettext 'Error: no link on standard input.')"
	[[ $yes -eq 1 ]] && open_opts+=( --yes )
	[[ -n $password_fd ]] && open_opts+=( --password-fd "$password_fd" )

	# The link (its key) goes down a pipe and the text comes back through
	# another, never as an argument or in a file; the x keeps the text's
	# trailing newlines, which $( ) would drop.
	local text status
	text="$(printf '%s\n' "$link" | "$SHAROKEY" open - "${open_opts[@]}"; status=$?; printf x; exit "$status")"
	status=$?
	unset link
	[[ $status -eq 0 ]] || exit "$status"
	text="${text%x}"
	[[ $text != $'\n' && -n $text ]] ||
		sharokey_die 1 "$(gettext 'Error: the secret is empty; nothing was inserted.')"

	# pass insert --multiline reads the entry from its standard input: a
	# pipe from printf, a builtin.
	local -a insert_opts=( --multiline )
	[[ $force -eq 1 ]] && insert_opts+=( --force )
	# Its status is that of its last step (git), not of the insertion: the
	# entry is what tells, a new one or, with --force, one that changed
	# (gpg never writes the same bytes twice). gpg's own failure is said
	# on stderr.
	local before=""
	[[ -e "$PREFIX/$path.gpg" ]] && before="$(cksum <"$PREFIX/$path.gpg")"
	printf '%s' "$text" | cmd_insert "${insert_opts[@]}" "$path" >/dev/null
	unset text
	[[ -s "$PREFIX/$path.gpg" && "$(cksum <"$PREFIX/$path.gpg")" != "$before" ]] ||
		sharokey_die 1 "$(eval_gettext 'Error: could not insert $path; the link was opened and one of its views used.')"
	printf '%s\n' "$(eval_gettext 'Inserted $path.')" >&2
}

case "$1" in
	help|--help|-h) shift; cmd_sharokey_usage "$@" ;;
	version|--version) shift; cmd_sharokey_version "$@" ;;
	share) shift; cmd_sharokey_share "$@" ;;
	request) shift; cmd_sharokey_request "$@" ;;
	receive) shift; cmd_sharokey_receive "$@" ;;
	receive-request) shift; cmd_sharokey_receive_request "$@" ;;
	*)
		if [[ -n $1 && " ${SHAROKEY_PASSTHROUGH_COMMANDS[*]} " == *" $1 "* ]]; then
			sharokey_passthrough "$@"
		else
			cmd_sharokey_share "$@"
		fi ;;
esac
exit 0
