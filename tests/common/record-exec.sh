#!/usr/bin/env bash
# record-exec.sh: the command lines and environments of the programs a test
# starts, each recorded by the program's stand-in itself before it becomes
# the real program. Sampling /proc can miss a process that lives a few
# milliseconds; these records cannot.
#
#   record-exec.sh wrap RECORDS DIR NAME REAL
#       Writes DIR/NAME, a stand-in for the program REAL: it appends its
#       command line and environment, as /proc shows them to anyone, to
#       RECORDS/NAME.PID.cmdline and RECORDS/NAME.PID.environ, puts DIR first in PATH
#       (so that what REAL starts by name is recorded too), then execs REAL
#       with the same arguments, descriptors and environment.
#   record-exec.sh find RECORDS [NAME]
#       Reads a value on stdin (never argv: it is a secret) and prints the
#       records (of the stand-in NAME only, if given) that hold it; exit
#       status 0 when some do, 1 when none does.
#   record-exec.sh count RECORDS NAME
#       Prints how many recorded command lines ran the stand-in NAME.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

usage() {
	echo "usage: record-exec.sh wrap RECORDS DIR NAME REAL | find RECORDS [NAME] | count RECORDS NAME" >&2
	exit 2
}

case "${1:-}" in
wrap)
	[[ $# -eq 5 ]] || usage
	records="$2" dir="$3" name="$4" real="$5"
	[[ -x $real ]] || { echo "record-exec.sh: $real is not executable" >&2; exit 1; }
	mkdir -p "$records" "$dir"
	records="$(cd "$records" && pwd)"
	dir="$(cd "$dir" && pwd)"
	# The stand-in's own $$, $PATH and "$@" stay as they are: single quotes.
	# shellcheck disable=SC2016
	{
		echo '#!/bin/bash'
		echo "# Stand-in for $real, written by record-exec.sh."
		printf 'cat /proc/$$/cmdline >>%q.$$.cmdline\n' "$records/$name"
		printf 'echo >>%q.$$.cmdline\n' "$records/$name"
		printf 'cat /proc/$$/environ >>%q.$$.environ\n' "$records/$name"
		printf 'case "$PATH:" in %q:*) ;; *) export PATH=%q:"$PATH" ;; esac\n' "$dir" "$dir"
		printf 'exec %q "$@"\n' "$real"
	} >"$dir/$name"
	chmod 755 "$dir/$name"
	;;
find)
	[[ $# -eq 2 || $# -eq 3 ]] || usage
	value="$(cat)"
	[[ -n $value ]] || { echo "record-exec.sh find: no value on stdin" >&2; exit 2; }
	shopt -s nullglob
	name="${3:-*}"
	# shellcheck disable=SC2206  # NAME, or every name: a glob
	files=( "$2"/$name.*.cmdline "$2"/$name.*.environ )
	[[ ${#files[@]} -gt 0 ]] || exit 1
	# -a: the records are NUL-separated, like /proc's. The value goes to
	# grep through a pipe, not its command line.
	grep -a -l -F -f <(printf '%s\n' "$value") -- "${files[@]}"
	;;
count)
	[[ $# -eq 3 ]] || usage
	# A stand-in's command line is "/bin/bash DIR/NAME ARGS…".
	cat "$2/$3".*.cmdline 2>/dev/null | tr '\0' ' ' | grep -c -- "^/bin/bash [^ ]*/$3 " || true
	;;
*)
	usage
	;;
esac
