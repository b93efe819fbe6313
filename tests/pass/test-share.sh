#!/usr/bin/env bash
# pass sharokey against a real sharokey-server: each link opens in the viewer
# to exactly the selected text of the entry.

# shellcheck source=tests/pass/setup.sh
source "$(dirname "$0")/setup.sh"
require_tools
setup_store
setup_server

# slug_of URL: the slug, between /s/ and #.
slug_of() {
	local slug="${1##*/s/}"
	printf '%s' "${slug%%#*}"
}

# field_of JSON KEY: data.KEY of a sharokey --json answer, "None" when absent.
field_of() {
	printf '%s' "$1" | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["data"].get(sys.argv[1]))' "$2"
}

test_first_line() {
	local password
	password="$(random_text 'pw-')"
	printf '%s\nlogin: alice\nurl: https://example.com\n' "$password" | insert_entry web/example
	local link
	link="$("$PASS" sharokey web/example)"
	expect_contains "link" "$link" "$SHAROKEY_API_URL_BASE/s/"
	expect_contains "link" "$link" "#"
	expect_opens "opened" "$password" "$link"
}

test_share_verb() {
	local password link
	password="$(random_text 'verb-')"
	printf '%s\n' "$password" | insert_entry list
	link="$("$PASS" sharokey share list)"
	expect_opens "opened" "$password" "$link"
}

test_line() {
	printf 'first\nlogin: bob\nthird line\n' | insert_entry lines
	local link
	link="$("$PASS" sharokey --line 2 lines)"
	expect_opens "line 2" "login: bob" "$link"
	link="$("$PASS" sharokey lines --line 3)"
	expect_opens "line 3" "third line" "$link"
	link="$("$PASS" sharokey --line=1 lines)"
	expect_opens "line 1" "first" "$link"
}

test_all_multiline() {
	local entry=$'top secret\n  indented: yes\n\ttab\there\n\nafter a blank line'
	printf '%s\n' "$entry" | insert_entry multi
	local link
	link="$("$PASS" sharokey --all multi)"
	expect_opens "whole entry" "$entry" "$link"
}

test_all_non_ascii_spaces_subfolder() {
	local entry=$'mot de passe: été ☃ ünïcødé\n日本語の秘密\nкириллица'
	printf '%s\n' "$entry" | insert_entry 'Banque Populaire/compte courant/accès web'
	local link
	link="$("$PASS" sharokey --all 'Banque Populaire/compte courant/accès web')"
	expect_opens "whole entry" "$entry" "$link"
	link="$("$PASS" sharokey --line 2 'Banque Populaire/compte courant/accès web')"
	expect_opens "line 2" "日本語の秘密" "$link"
}

test_special_characters() {
	# Characters a shell or printf could mangle.
	# shellcheck disable=SC2016
	local password='%s %d \n $HOME `id` "q" '"'"'s'"'"' \ -n -- *'
	printf '%s\n' "$password" | insert_entry 'odd/-dash name'
	local link
	link="$("$PASS" sharokey -- 'odd/-dash name')"
	expect_opens "opened" "$password" "$link"
}

test_views_and_hours() {
	printf 'twice\n' | insert_entry views
	local link
	link="$("$PASS" sharokey --views 2 --hours 3 views)"
	local json
	json="$("$REAL_SHAROKEY" --json get "$(slug_of "$link")")"
	expect_eq "maximum views" 2 "$(field_of "$json" maximum_views)"
	expect_eq "hours" 3 "$(printf '%s' "$json" | "$PYTHON" -c '
import datetime, json, sys
data = json.load(sys.stdin)["data"]
parse = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
print(round((parse(data["expiration"]) - parse(data["created_at"])).total_seconds() / 3600))')"
	expect_opens "first view" "twice" "$link"
	expect_opens "second view" "twice" "$link"
	local status=0
	open_link "$link" >/dev/null 2>&1 || status=$?
	expect_eq "third view status" 4 "$status"
}

test_default_single_view() {
	printf 'once\n' | insert_entry once
	local link status=0
	link="$("$PASS" sharokey once)"
	expect_opens "first view" "once" "$link"
	open_link "$link" >/dev/null 2>&1 || status=$?
	expect_eq "second view status" 4 "$status"
}

test_no_description_by_default() {
	printf 'quiet\n' | insert_entry 'private/name'
	local link json description
	link="$("$PASS" sharokey 'private/name')"
	json="$("$REAL_SHAROKEY" --json get "$(slug_of "$link")")"
	description="$(field_of "$json" description)"
	expect_not_contains "description" "$description" "private"
	expect_not_contains "whole answer" "$json" "private/name"
}

test_describe() {
	printf 'described\n' | insert_entry 'work/vpn'
	local link json
	link="$("$PASS" sharokey --describe 'work/vpn')"
	json="$("$REAL_SHAROKEY" --json get "$(slug_of "$link")")"
	expect_eq "description" "work/vpn" "$(field_of "$json" description)"
	link="$("$PASS" sharokey --description 'for Carol' --message 'Hello Carol' 'work/vpn')"
	json="$("$REAL_SHAROKEY" --json get "$(slug_of "$link")")"
	expect_eq "description" "for Carol" "$(field_of "$json" description)"
	expect_eq "message" "Hello Carol" "$(field_of "$json" message)"
	expect_opens "opened" "described" "$link"
}

test_password_protection() {
	printf 'guarded\n' | insert_entry guarded
	local link status=0
	link="$("$PASS" sharokey --password 'open sesame' guarded)"
	SHAROKEY_TEST_PASSWORD='wrong one' open_link "$link" >/dev/null 2>&1 || status=$?
	[[ $status -ne 0 ]] || { echo "opened with a wrong password" >&2; return 1; }
	SHAROKEY_TEST_PASSWORD='open sesame' expect_opens "opened" "guarded" "$link"
	# From a descriptor, here standard input; one trailing newline is dropped.
	link="$("$PASS" sharokey --password-fd 0 guarded < <(printf 'from stdin \xc3\xa9\n'))"
	status=0
	SHAROKEY_TEST_PASSWORD='from stdin é'$'\n' open_link "$link" >/dev/null 2>&1 || status=$?
	[[ $status -ne 0 ]] || { echo "opened with the newline kept" >&2; return 1; }
	SHAROKEY_TEST_PASSWORD='from stdin é' expect_opens "opened" "guarded" "$link"
}

# On a terminal, --password-fd 0 prompts and reads one line without echo.
test_password_fd_terminal() {
	printf 'behind a typed gate\n' | insert_entry ttygate
	local link
	# shellcheck disable=SC2016
	link="$("$PYTHON" -c '
import os, pty, select, subprocess, sys, time
master, slave = pty.openpty()
proc = subprocess.Popen([sys.argv[1], "sharokey", "--password-fd", "0", "ttygate"],
                        stdin=slave, stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
seen, sent, deadline = b"", False, time.monotonic() + 30
while time.monotonic() < deadline:
    ready, _, _ = select.select([master], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    if not sent and b"Password: " in seen:
        os.write(master, "typed g\u00e4te\n".encode())
        sent = True
    if not ready and proc.poll() is not None:
        break
out, _ = proc.communicate(timeout=30)
if not sent or proc.returncode != 0 or "gäte".encode() in seen:
    sys.exit("prompt %s, exit %s, terminal showed %r" % (sent, proc.returncode, seen))
sys.stdout.write(out.decode())
' "$PASS")"
	SHAROKEY_TEST_PASSWORD='typed gäte' expect_opens "opened" "behind a typed gate" "$link"
}

test_protections_and_restrictions() {
	printf 'restricted\n' | insert_entry restricted
	local link json
	link="$("$PASS" sharokey --captcha --ip-whitelist 203.0.113.5,198.51.100.0/24 --geolocation FR,BE restricted)"
	json="$("$REAL_SHAROKEY" --json get "$(slug_of "$link")")"
	expect_eq "captcha" "True" "$(field_of "$json" captcha)"
	expect_eq "ip whitelist" "203.0.113.5,198.51.100.0/24" "$(field_of "$json" ip_whitelist)"
	expect_eq "geolocation" "FR,BE" "$(field_of "$json" geolocation)"
	link="$("$PASS" sharokey --otp-email carol@example.com restricted)"
	json="$("$REAL_SHAROKEY" --json get "$(slug_of "$link")")"
	expect_eq "otp" "email" "$(field_of "$json" otp_type)"
	link="$("$PASS" sharokey --otp-phone +33612345678 --hours 1000 restricted)"
	json="$("$REAL_SHAROKEY" --json get "$(slug_of "$link")")"
	expect_eq "otp" "phone" "$(field_of "$json" otp_type)"
}

test_json() {
	printf 'as json\n' | insert_entry json
	local json url
	json="$("$PASS" sharokey --json json)"
	url="$(field_of "$json" share_url)"
	expect_contains "share_url" "$url" "/s/"
	expect_opens "opened" "as json" "$url"
}

test_attach() {
	printf 'with a file\n' | insert_entry attached
	printf 'file body\n' >"$SCRATCH/notes.txt"
	local link
	link="$("$PASS" sharokey --attach "$SCRATCH/notes.txt" attached 2>/dev/null)"
	mkdir -p "$SCRATCH/out"
	expect_eq "opened" "with a file" "$(printf '%s\n' "$link" | "$SHAROKEY_TEST_OPEN" --attachments "$SCRATCH/out")"
	expect_eq "attachment" "file body" "$(cat "$SCRATCH/out/notes.txt")"
	rm -rf "$SCRATCH/out" "$SCRATCH/notes.txt"
}

# A fake clipboard command: copies stdin to $FAKE_CLIPBOARD, pastes it back.
make_fake_clipboard() {
	cat >"$SCRATCH/bin/xclip" <<-'_EOF'
	#!/usr/bin/env bash
	for arg in "$@"; do
		if [[ $arg == -o ]]; then
			cat "$FAKE_CLIPBOARD" 2>/dev/null
			exit 0
		fi
	done
	cat >"$FAKE_CLIPBOARD.new" && mv "$FAKE_CLIPBOARD.new" "$FAKE_CLIPBOARD"
	_EOF
	cat >"$SCRATCH/bin/wl-copy" <<-'_EOF'
	#!/usr/bin/env bash
	cat >"$FAKE_CLIPBOARD.new" && mv "$FAKE_CLIPBOARD.new" "$FAKE_CLIPBOARD"
	_EOF
	cat >"$SCRATCH/bin/wl-paste" <<-'_EOF'
	#!/usr/bin/env bash
	cat "$FAKE_CLIPBOARD" 2>/dev/null
	_EOF
	chmod +x "$SCRATCH/bin/xclip" "$SCRATCH/bin/wl-copy" "$SCRATCH/bin/wl-paste"
}

# wait_for_clipboard EXPECTED: bounded wait for pass to restore the clipboard.
wait_for_clipboard() {
	local i
	for (( i = 0; i < 100; i++ )); do
		[[ $(cat "$FAKE_CLIPBOARD" 2>/dev/null) == "$1" ]] && return 0
		sleep 0.1
	done
	echo "clipboard not restored: [$(cat "$FAKE_CLIPBOARD" 2>/dev/null)]" >&2
	return 1
}

check_clip() {
	local password out link
	password="$(random_text 'clip-')"
	printf '%s\n' "$password" | insert_entry "clip/$1"
	export FAKE_CLIPBOARD="$SCRATCH/clipboard-$1"
	printf 'what was there before' >"$FAKE_CLIPBOARD"
	out="$(PATH="$SCRATCH/bin:$PATH" PASSWORD_STORE_CLIP_TIME=4 "$PASS" sharokey --clip "clip/$1")"
	expect_eq "message" "Copied the Sharokey link for clip/$1 to clipboard. Will clear in 4 seconds." "$out"
	link="$(cat "$FAKE_CLIPBOARD")"
	expect_contains "clipboard" "$link" "/s/"
	expect_opens "opened" "$password" "$link"
	wait_for_clipboard 'what was there before'
}

test_clip_x11() {
	make_fake_clipboard
	DISPLAY=":sharokey-test-$$" check_clip x11
}

test_clip_wayland() {
	make_fake_clipboard
	WAYLAND_DISPLAY="sharokey-test-$$" check_clip wayland
}

test_qrcode() {
	local real_qrencode
	real_qrencode="$(command -v qrencode)" || { echo "qrencode is not installed" >&2; return 1; }
	# Records what is encoded, then draws it with the real qrencode.
	cat >"$SCRATCH/bin/qrencode" <<-_EOF
	#!/usr/bin/env bash
	tee "$SCRATCH/qr-input" | "$real_qrencode" "\$@"
	_EOF
	chmod +x "$SCRATCH/bin/qrencode"
	printf 'square\n' | insert_entry qr
	local out link
	out="$(PATH="$SCRATCH/bin:$PATH" "$PASS" sharokey -q qr)"
	link="$(cat "$SCRATCH/qr-input")"
	rm -f "$SCRATCH/bin/qrencode" "$SCRATCH/qr-input"
	expect_not_contains "output" "$out" "/s/"
	expect_eq "QR code" "$(printf '%s' "$link" | "$real_qrencode" -t utf8)" "$out"
	expect_opens "opened" "square" "$link"
}

test_request_and_passthrough() {
	local url json before slug status=0
	url="$("$PASS" sharokey request --message 'Send me the key' --secret-hours 2 --request-hours 3)"
	expect_contains "request link" "$url" "http"
	json="$("$PASS" sharokey stats --json)"
	before="$(field_of "$json" total_secrets)"
	[[ $before -gt 0 ]]
	printf 'listed\n' | insert_entry listed
	url="$("$PASS" sharokey --describe listed)"
	slug="$(slug_of "$url")"
	expect_contains "list" "$("$PASS" sharokey list)" "$slug"
	"$PASS" sharokey get "$slug" >/dev/null
	"$PASS" sharokey delete "$slug" >/dev/null
	open_link "$url" >/dev/null 2>&1 || status=$?
	expect_eq "open after delete" 4 "$status"
}

SHAROKEY_API_URL_BASE="${SHAROKEY_API_URL%/api/v1}"

run_test "first line of an entry" test_first_line
run_test "share verb with an entry named like a command" test_share_verb
run_test "--line N" test_line
run_test "--all with a multi-line entry" test_all_multiline
run_test "--all, non-ASCII, spaces and subfolders" test_all_non_ascii_spaces_subfolder
run_test "shell and printf metacharacters" test_special_characters
run_test "--views and --hours" test_views_and_hours
run_test "one view by default" test_default_single_view
run_test "no description by default" test_no_description_by_default
run_test "--describe, --description, --message" test_describe
run_test "--password and --password-fd" test_password_protection
run_test "--password-fd on a terminal" test_password_fd_terminal
run_test "--captcha, --otp-*, --ip-whitelist, --geolocation" test_protections_and_restrictions
run_test "--json" test_json
run_test "--attach" test_attach
run_test "--clip on X11 (xclip)" test_clip_x11
run_test "--clip on Wayland (wl-copy)" test_clip_wayland
run_test "--qrcode" test_qrcode
run_test "request, list, get, delete, stats" test_request_and_passthrough
finish_tests
