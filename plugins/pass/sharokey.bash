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

VERSION="0.1.0"

set -o pipefail

# Commands of the sharokey tool that are handed over unchanged.
SHAROKEY_PASSTHROUGH_COMMANDS=( list get delete stats test list-requests get-request delete-request request-stats )

cmd_sharokey_usage() {
	cat <<-_EOF
	Usage:
	    $PROGRAM sharokey [share] [--line N | --all] [--hours N] [--views N]
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
	        --password-fd FD reads the recipient's password from file descriptor
	        FD; other users can see a --password PASSWORD while pass runs.
	    $PROGRAM sharokey request [--message TEXT] [--description TEXT]
	                      [--secret-hours N] [--request-hours N] [--views N]
	                      [--email-to EMAIL] [--email-reply EMAIL] [--locale en|fr]
	        Ask someone for a secret: print a request link.
	    $PROGRAM sharokey list|get|delete|stats|test [--json] [arguments]...
	    $PROGRAM sharokey list-requests|get-request|delete-request|request-stats [--json] [arguments]...
	        Run the sharokey command of the same name.
	    $PROGRAM sharokey help
	        Show this text.
	    $PROGRAM sharokey version
	        Show version information.

	The sharokey command is taken from \$SHAROKEY_CLI, else from \$PATH. Its
	configuration (SHAROKEY_TOKEN, SHAROKEY_API_URL, ~/.config/sharokey/config.json)
	applies. More information may be found in the pass-sharokey(1) man page.
	_EOF
}

cmd_sharokey_version() {
	echo "$PROGRAM sharokey $VERSION"
}

# Sets SHAROKEY to the sharokey tool, or dies.
sharokey_find_cli() {
	local cli="${SHAROKEY_CLI:-sharokey}"
	SHAROKEY="$(command -v -- "$cli")" || SHAROKEY=""
	[[ -n $SHAROKEY && -x $SHAROKEY ]] || die "Error: the sharokey command ($cli) was not found. Install it or set SHAROKEY_CLI."
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

cmd_sharokey_request() {
	sharokey_passthrough create-request "$@"
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
		die "Usage: $PROGRAM $COMMAND [share] [--line N | --all] [--hours N] [--views N] [--description TEXT | --describe] [--message TEXT] [--password PASSWORD | --password-fd FD] [--captcha] [--otp-email EMAIL] [--otp-phone PHONE] [--ip-whitelist LIST] [--geolocation LIST] [--attach FILE]... [--clip,-c | --qrcode,-q | --json] pass-name"
	fi
	[[ -z $selected_line || $selected_line =~ ^[1-9][0-9]*$ ]] || die "Error: line '$selected_line' is not a positive number."
	# Not quoted back: it may be the password, given by mistake.
	[[ -z $password_fd || $password_fd =~ ^[0-9]+$ ]] || die "Error: --password-fd needs a file descriptor number."
	selected_line="${selected_line:-1}"

	local path="${1%/}"
	check_sneaky_paths "$path"
	local passfile="$PREFIX/$path.gpg"
	[[ -f $passfile ]] || die "Error: $path is not in the password store."
	[[ $describe -eq 1 ]] && cli_opts+=( --description "$path" )

	# Look for the tool before decrypting, so a missing one costs no passphrase.
	sharokey_find_cli

	if [[ -n $password_fd ]]; then
		{ : <&"$password_fd"; } 2>/dev/null || die "Error: file descriptor $password_fd is not open."
		# The read builtin: the password never becomes an argument. Up to the
		# end of the input (read then returns 1), or one line from a terminal.
		if [[ -t $password_fd ]]; then
			IFS= read -r -s -p "Password: " -u "$password_fd" password
			echo >&2
		else
			IFS= read -r -d '' -u "$password_fd" password
			password="${password%$'\n'}"
		fi
	fi
	# An empty one (say, the command feeding --password-fd failed) would
	# make a link without the protection asked for.
	[[ $has_password -eq 0 || -n $password ]] || die "Error: the password is empty."

	local contents secret
	contents="$($GPG -d "${GPG_OPTS[@]}" "$passfile")" || die "Error: could not decrypt $path."
	if [[ $all -eq 1 ]]; then
		secret="$contents"
		[[ -n $secret ]] || die "Error: $path is empty, there is nothing to share."
	else
		sharokey_select_line "$contents" "$selected_line"
		secret="$SHAROKEY_SELECTED"
		unset SHAROKEY_SELECTED
		[[ -n $secret ]] || die "Error: there is nothing to share at line $selected_line of $path."
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
	[[ -n $link ]] || die "Error: sharokey did not return a link."

	if [[ $clip -eq 1 ]]; then
		clip "$link" "the Sharokey link for $path"
	elif [[ $qrcode -eq 1 ]]; then
		qrcode "$link" "$path"
	elif ! printf '%s\n' "$link" 2>/dev/null; then
		# Nobody could open the secret without its link: delete it (by its
		# slug; the link's key stays out of the command line).
		local slug="${link##*/s/}"
		slug="${slug%%[!A-Za-z0-9_-]*}"
		"$SHAROKEY" delete "$slug" >/dev/null 2>&1
		die "Error: could not print the link; the secret was deleted."
	fi
}

case "$1" in
	help|--help|-h) shift; cmd_sharokey_usage "$@" ;;
	version|--version) shift; cmd_sharokey_version "$@" ;;
	share) shift; cmd_sharokey_share "$@" ;;
	request) shift; cmd_sharokey_request "$@" ;;
	*)
		if [[ -n $1 && " ${SHAROKEY_PASSTHROUGH_COMMANDS[*]} " == *" $1 "* ]]; then
			sharokey_passthrough "$@"
		else
			cmd_sharokey_share "$@"
		fi ;;
esac
exit 0
