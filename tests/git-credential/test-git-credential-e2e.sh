#!/bin/bash
# git-credential-sharokey end to end: the real git (credential-store supplies
# the credential, in a throwaway HOME) and a real sharokey-server on loopback.
#
# Usage: test-git-credential-e2e.sh PLUGIN_BUILD_DIR
# Needs SHAROKEY_SERVER and SHAROKEY_TEST_OPEN from the test environment.
# Prints TAP.
# shellcheck disable=SC2317  # functions run through `check` and the EXIT trap

set -u
set -o pipefail

plugin_dir=$1
srcdir=$(cd "$(dirname "$0")/.." && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gitcred-e2e.XXXXXX")
cleanup () {
  stop_sharokey_server >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# shellcheck source-path=SCRIPTDIR source=../common/test-server.sh
. "${SHAROKEY_TEST_SERVER_SH:-$srcdir/common/test-server.sh}"

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
check () {
  local desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
diag () { sed 's/^/# /' "$@" >&2 || true; }

# A git that records its command lines, to prove no secret ever reaches argv.
mkdir -p "$tmp/bin"
real_git=$(command -v git)
cat > "$tmp/bin/git" <<SHIM
#!/bin/sh
printf '%s\n' "\$*" >> "$tmp/git-argv.log"
exec "$real_git" "\$@"
SHIM
chmod +x "$tmp/bin/git"
export PATH="$tmp/bin:$plugin_dir:$PATH"

export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_STATE_HOME="$tmp/state"
export GIT_CONFIG_NOSYSTEM=1
export GIT_TERMINAL_PROMPT=0
unset GIT_ASKPASS SSH_ASKPASS GIT_CONFIG_GLOBAL GIT_CONFIG_PARAMETERS
mkdir -p "$HOME"
index="$XDG_STATE_HOME/sharokey/git-shares.json"

# The credentials, in git-credential-store's own format (percent-encoded).
password='p@ss w=rd!'
other_password='0ther:Secret'
printf '%s\n' \
  'https://bob:p%40ss%20w%3Drd%21@git.example.com' \
  'https://alice:0ther%3ASecret@other.example.org' > "$tmp/store"
chmod 600 "$tmp/store"
git config --global credential.helper "store --file $tmp/store"
git config --global --add credential.helper sharokey

# shellcheck disable=SC2119  # no extra server arguments
start_sharokey_server >"$tmp/server.log" 2>&1 || { echo "Bail out! sharokey-server did not start"; diag "$tmp/server.log"; exit 1; }

# Whether the index records the slug of every link given.
index_has_links () {
  local u s
  for u in "$@"; do
    s=${u##*/s/}
    s=${s%%#*}
    [ -n "$s" ] && grep -qF "\"$s\"" "$index" || return 1
  done
}

# Opens a link like a recipient; its URL (holding keyB) goes on stdin.
open_link () { printf '%s' "$1" | "$SHAROKEY_TEST_OPEN"; }

# --- as a helper: nothing on stdout, errors without echo, no crash -------------

out=$(printf 'protocol=https\nhost=git.example.com\nusername=bob\n\n' | git credential-sharokey get 2>"$tmp/err"); rc=$?
check "get answers nothing and succeeds" test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"

out=$(printf 'protocol=https\nhost=git.example.com\nusername=bob\npassword=%s\n\n' "$password" | git credential-sharokey store 2>"$tmp/err"); rc=$?
check "store prints nothing and succeeds" test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"

out=$(printf 'protocol=https\nhost=h\n\n' | git credential-sharokey frobnicate 2>"$tmp/err"); rc=$?
check "unknown action ignored silently" test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"

out=$(printf 'protocol=https\nhost=h\nquit=1\n\n' | git credential-sharokey erase 2>"$tmp/err"); rc=$?
check "quit=1 honoured" test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"

out=$(printf 'host=h\npassword=top\0secret\n\n' | git credential-sharokey get 2>"$tmp/err"); rc=$?
check "NUL byte rejected (exit 1, one message, no echo)" \
  test "$rc" = 1 -a -z "$out" -a "$(wc -l < "$tmp/err")" = 1
check "NUL message is prefixed and does not echo the line" \
  bash -c "grep -q '^git-credential-sharokey: ' '$tmp/err' && ! grep -q secret '$tmp/err'"

out=$(printf 'host=h\npassword=top\rsecret\n\n' | git credential-sharokey get 2>"$tmp/err"); rc=$?
check "carriage return in a value rejected (exit 1, one message)" \
  test "$rc" = 1 -a -z "$out" -a "$(wc -l < "$tmp/err")" = 1
check "carriage return message names it and does not echo the line" \
  bash -c "grep -q '^git-credential-sharokey: .*carriage return' '$tmp/err' && ! grep -q secret '$tmp/err'"

out=$(printf 'host=h\nhunter2 without equals\n\n' | git credential-sharokey erase 2>"$tmp/err"); rc=$?
check "line without = rejected without echo" \
  bash -c "test '$rc' = 1 -a -z '$out' && grep -q '^git-credential-sharokey: ' '$tmp/err' && ! grep -q hunter2 '$tmp/err'"

# 1 MB line then more input: rejected, and all of it read (no SIGPIPE for git).
{ printf 'protocol=https\npassword='; head -c 1048576 /dev/zero | tr '\0' a; printf '\nhost=h\n\n'; head -c 200000 /dev/zero | tr '\0' b; } > "$tmp/big"
out=$(git credential-sharokey get < "$tmp/big" 2>"$tmp/err"); rc=$?
check "1 MB line rejected without crash" \
  bash -c "test '$rc' = 1 -a -z '$out' && test \$(wc -c < '$tmp/err') -lt 200"
# shellcheck disable=SC2002  # through a pipe on purpose: SIGPIPE would show
{ cat "$tmp/big" | git credential-sharokey store 2>/dev/null; echo "${PIPESTATUS[0]}" > "$tmp/writer-status"; } || true
check "the writer of a rejected 1 MB input is never cut off" test "$(cat "$tmp/writer-status")" = 0

out=$(git credential-sharokey 2>"$tmp/err"); rc=$?
check "no action: usage on stderr, failure" test "$rc" = 2 -a -z "$out" -a -s "$tmp/err"
# (`git credential-sharokey --help` is git's: it opens the man page.)
git-credential-sharokey --help > "$tmp/help" 2>"$tmp/err"; rc=$?
check "--help" bash -c "test '$rc' = 0 && grep -q 'git credential-sharokey share URL' '$tmp/help'"

out=$(git credential-sharokey list 2>"$tmp/err"); rc=$?
check "list before any share says so (not an empty answer)" \
  test "$rc" = 0 -a "$out" = "No link shared from this machine yet" -a ! -s "$tmp/err"

# First in git's chain: get answers nothing, so git asks the next helper.
printf 'protocol=https\nhost=git.example.com\n\n' |
  git -c credential.helper= -c credential.helper=sharokey -c "credential.helper=store --file $tmp/store" \
    credential fill > "$tmp/fill" 2>"$tmp/err"; rc=$?
printf 'protocol=https\nhost=git.example.com\nusername=bob\npassword=%s\n' "$password" > "$tmp/expected-fill"
check "first in the chain, get lets git reach the next helper" \
  bash -c "test '$rc' = 0 && cmp -s '$tmp/expected-fill' '$tmp/fill' && test ! -s '$tmp/err'"
out=$(printf 'protocol=https\nhost=git.example.com\nusername=bob\npassword=%s\n\n' "$password" |
  git -c credential.helper= -c credential.helper=sharokey credential approve 2>"$tmp/err"); rc=$?
check "git credential approve through the helper: silent" test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"
check "store kept nothing: no index was created" test ! -e "$index"

# Active secrets of the test account, straight from the API.
count_active () {
  /usr/bin/python3 - <<'PY'
import json, os, urllib.request
req = urllib.request.Request(os.environ["SHAROKEY_API_URL"] + "/secrets?status=active&limit=100",
                             headers={"Authorization": "Bearer " + os.environ["SHAROKEY_TOKEN"]})
data = json.load(urllib.request.urlopen(req, timeout=10))["data"]
items = data["items"] if isinstance(data, dict) else data
print(len(items))
PY
}

# A link the index cannot record could never be revoked: it is not handed out.
mkdir -p "$tmp/badstate" && : > "$tmp/badstate/sharokey"
out=$(XDG_STATE_HOME="$tmp/badstate" git credential-sharokey share https://git.example.com 2>"$tmp/err"); rc=$?
check "share fails when the index cannot be written, printing no link" test "$rc" = 1 -a -z "$out" -a -s "$tmp/err"
check "... and the link it created is expired again" test "$(count_active)" = 0

# --- share -----------------------------------------------------------------------

url1=$(git credential-sharokey share https://git.example.com --views 3 2>"$tmp/err"); rc=$?
check "share succeeds" test "$rc" = 0
diag "$tmp/err"
check "share prints one share link" bash -c "[[ '$url1' =~ ^http://127\.0\.0\.1:[0-9]+/s/[^#]+#.+$ ]] && test \$(printf '%s\n' '$url1' | wc -l) = 1"

printf 'protocol=https\nhost=git.example.com\nusername=bob\npassword=%s\n' "$password" > "$tmp/expected-lines"
open_link "$url1" > "$tmp/opened1"; rc=$?
check "the link opens to exactly the credential lines" bash -c "test '$rc' = 0 && cmp -s '$tmp/expected-lines' '$tmp/opened1'"

url2=$(git credential-sharokey share https://git.example.com --format password --views 2 2>"$tmp/err"); rc=$?
check "share --format password succeeds" test "$rc" = 0
open_link "$url2" > "$tmp/opened2"; rc=$?
check "--format password: the link opens to exactly the password" \
  bash -c "test '$rc' = 0 && test \"\$(cat '$tmp/opened2')\" = '$password' && test \$(wc -c < '$tmp/opened2') = ${#password}"

# Options reach the server: a link password is asked for by the viewer.
url5=$(git credential-sharokey share https://git.example.com --password 'link-pass-42' --message 'from ops' 2>"$tmp/err"); rc=$?
open_link "$url5" > "$tmp/opened5" 2>/dev/null; rc_nopass=$?
SHAROKEY_TEST_PASSWORD='link-pass-42' open_link "$url5" > "$tmp/opened5" 2>"$tmp/err5"; rc_pass=$?
check "share --password: the link needs that password, then opens to the lines" \
  bash -c "test '$rc' = 0 -a '$rc_nopass' != 0 -a '$rc_pass' = 0 && cmp -s '$tmp/expected-lines' '$tmp/opened5'"

url3=$(git credential-sharokey share https://other.example.org --views 5 2>"$tmp/err"); rc=$?
check "share for another host succeeds" test "$rc" = 0

out=$(git credential-sharokey share https://git.example.com --format yaml 2>"$tmp/err"); rc=$?
check "a bad --format is refused before anything is sent" test "$rc" = 2 -a -z "$out"
calls_before=$(wc -l < "$tmp/git-argv.log")
out=$(git credential-sharokey share https://git.example.com --hours 100000 2>"$tmp/err"); rc=$?
out2=$(git credential-sharokey share https://git.example.com --ip-whitelist 'not-an-address' 2>>"$tmp/err"); rc2=$?
check "bad settings are refused before git is asked for the credential" \
  bash -c "test '$rc' = 2 -a '$rc2' = 2 -a -z '$out$out2' && test \$(wc -l < '$tmp/err') = 2 && \
           test \$(grep -c 'credential fill' '$tmp/git-argv.log') = \$(head -n '$calls_before' '$tmp/git-argv.log' | grep -c 'credential fill')"
diag "$tmp/err"
empty_rcs=""
: > "$tmp/err"
for flag in --password --otp-email --otp-phone --ip-whitelist --geolocation; do
  out=$(git credential-sharokey share https://git.example.com "$flag" '' 2>>"$tmp/err"); empty_rcs="$empty_rcs$?$out "
done
check "an empty protection value is refused (not a link without it)" \
  bash -c "test '$empty_rcs' = '2 2 2 2 2 ' && test \$(grep -c '^git-credential-sharokey: --[a-z-]* is empty\$' '$tmp/err') = 5"
out=$(env -u SHAROKEY_TOKEN git credential-sharokey share https://git.example.com 2>"$tmp/err"); rc=$?
check "no token: a clear error, no link" test "$rc" != 0 -a -z "$out" -a -s "$tmp/err"

# --- the index and the process tree never hold the secret -----------------------

check "the index exists with mode 0600" test "$(stat -c %a "$index" 2>/dev/null)" = 600
check "the index holds the three links' slugs" index_has_links "$url1" "$url2" "$url3"
check "the index never holds a password or a link key" \
  bash -c "! grep -qF -e '$password' -e 'p%40ss' -e '$other_password' -e '${url1#*#}' -e '${url2#*#}' -e '${url3#*#}' '$index'"
check "no git command line carried a password" \
  bash -c "test -s '$tmp/git-argv.log' && ! grep -qF -e 'p@ss' -e '$other_password' '$tmp/git-argv.log'"

# --- list ---------------------------------------------------------------------------

out=$(git credential-sharokey list 2>"$tmp/err"); rc=$?
printf '%s\n' "$out" > "$tmp/list"
diag "$tmp/list"
check "list shows every link, active, with its identity" \
  bash -c "test '$rc' = 0 && test \$(grep -c ' active ' '$tmp/list') = 3 && grep -q 'https://bob@git.example.com' '$tmp/list' && grep -q 'https://alice@other.example.org' '$tmp/list'"
check "list shows views used" bash -c "grep -q '  1/3 ' '$tmp/list' && grep -q '  0/5 ' '$tmp/list'"
out=$(git credential-sharokey list https://other.example.org 2>"$tmp/err"); rc=$?
check "list URL shows that URL's links only" \
  bash -c "test '$rc' = 0 && test \$(grep -c 'other.example.org' <<< '$out') = 1 && ! grep -q git.example.com <<< '$out'"
out=$(git credential-sharokey list https://nowhere.example.net 2>"$tmp/err"); rc=$?
check "list of a URL without links says so" \
  test "$rc" = 0 -a "$out" = "No link for https://nowhere.example.net" -a ! -s "$tmp/err"

# --- erase through git --------------------------------------------------------------

# Off by configuration: a link of another credential survives git's reject.
url4=$(git credential-sharokey share https://other.example.org --views 5 2>"$tmp/err")
git config --global credential.sharokeyRevokeOnErase false
printf 'protocol=https\nhost=other.example.org\nusername=alice\n\n' | git credential-sharokey erase
open_link "$url4" > /dev/null; rc=$?
check "credential.sharokeyRevokeOnErase=false: erase expires nothing" test "$rc" = 0
git config --global --unset credential.sharokeyRevokeOnErase

# An erase without a host matches nothing.
printf 'protocol=https\nusername=alice\n\n' | git credential-sharokey erase 2>"$tmp/err"; rc=$?
open_link "$url4" > /dev/null; rc2=$?
check "erase without a host expires nothing" test "$rc" = 0 -a "$rc2" = 0

# A credential without a username is not bob's or alice's.
printf 'protocol=https\nhost=other.example.org\n\n' | git credential-sharokey erase; rc=$?
open_link "$url4" > /dev/null; rc2=$?
check "erase without a username expires nothing of a named user" test "$rc" = 0 -a "$rc2" = 0

# Another user on the same host is another credential.
printf 'protocol=https\nhost=other.example.org\nusername=mallory\n\n' | git credential-sharokey erase; rc=$?
open_link "$url4" > /dev/null; rc2=$?
check "erase of another username expires nothing" test "$rc" = 0 -a "$rc2" = 0

# The server out of reach: erase says so (status 5, as sharokey), and the
# links stay outstanding.
printf 'protocol=https\nhost=git.example.com\nusername=bob\n\n' |
  SHAROKEY_API_URL=http://127.0.0.1:1/api/v1 git credential-sharokey erase > "$tmp/out" 2>"$tmp/err"; rc=$?
check "erase with the server out of reach fails with one message, nothing on stdout" \
  bash -c "test '$rc' = 5 && test ! -s '$tmp/out' && test \$(wc -l < '$tmp/err') = 1 && grep -q '^git-credential-sharokey: ' '$tmp/err'"
out=$(git credential-sharokey list https://git.example.com 2>/dev/null)
check "... and a later erase can still expire them" bash -c "test \$(grep -c ' active ' <<< '$out') = 2"

# quit=1 tells the helper to stop: the matching links stay outstanding.
printf 'protocol=https\nhost=git.example.com\nusername=bob\nquit=1\n\n' | git credential-sharokey erase 2>"$tmp/err"; rc=$?
out=$(git credential-sharokey list https://git.example.com 2>/dev/null)
check "erase with quit=1 expires nothing" bash -c "test '$rc' = 0 && test \$(grep -c ' active ' <<< '$out') = 2"

# Options from credential.helper come before the action.
out=$(printf 'protocol=https\nhost=nowhere.example\nusername=x\n\n' | git-credential-sharokey --some-option erase 2>"$tmp/err"); rc=$?
check "the action is the last argument" test "$rc" = 0 -a -z "$out" -a ! -s "$tmp/err"

printf 'protocol=https\nhost=git.example.com\nusername=bob\npassword=%s\n\n' "$password" | git credential reject 2>"$tmp/err"; rc=$?
check "git credential reject succeeds with store and sharokey" test "$rc" = 0
diag "$tmp/err"
open_link "$url1" > /dev/null 2>&1; rc1=$?
open_link "$url2" > /dev/null 2>&1; rc2=$?
check "every link of the rejected credential is gone (exit 4)" test "$rc1" = 4 -a "$rc2" = 4
open_link "$url3" > "$tmp/opened3"; rc=$?
printf 'protocol=https\nhost=other.example.org\nusername=alice\npassword=%s\n' "$other_password" > "$tmp/expected3"
check "another host's link stays active" bash -c "test '$rc' = 0 && cmp -s '$tmp/expected3' '$tmp/opened3'"
check "git's own store helper erased the credential too" bash -c "! grep -q git.example.com '$tmp/store'"
out=$(git credential-sharokey list https://git.example.com 2>"$tmp/err")
check "list reports the rejected credential's links expired" \
  bash -c "test \$(grep -c ' expired ' <<< '$out') = 3 && ! grep -q ' active ' <<< '$out'"

# --- revoke -------------------------------------------------------------------------

out=$(git credential-sharokey revoke https://alice@other.example.org 2>"$tmp/err"); rc=$?
check "revoke URL succeeds and names the links" bash -c "test '$rc' = 0 && test \$(grep -c '^Revoked ' <<< '$out') = 2"
open_link "$url3" > /dev/null 2>&1; rc3=$?
open_link "$url4" > /dev/null 2>&1; rc4=$?
check "revoked links are gone" test "$rc3" = 4 -a "$rc4" = 4
out=$(git credential-sharokey list 2>"$tmp/err")
check "list: nothing active is left" bash -c "! grep -q ' active ' <<< '$out' && test \$(grep -c ' expired ' <<< '$out') = 5"
out=$(git credential-sharokey revoke https://other.example.org 2>"$tmp/err"); rc=$?
check "revoke again: nothing outstanding" bash -c "test '$rc' = 0 && ! grep -q '^Revoked' <<< '$out'"
out=$(git credential-sharokey revoke 'https:///x' 2>"$tmp/err"); rc=$?
check "revoke without a host is refused" test "$rc" = 2

# The very URL given to share names its link again, path and all (git fills
# the host's credential: no path is kept for https without useHttpPath).
url6=$(git credential-sharokey share https://other.example.org/team/app.git 2>"$tmp/err"); rc=$?
out=$(git credential-sharokey list https://other.example.org/team/app.git 2>"$tmp/err")
check "list of the URL given to share shows its link" \
  bash -c "test '$rc' = 0 && test \$(grep -c ' active ' <<< '$out') = 1"
out=$(git credential-sharokey revoke https://other.example.org/team/app.git 2>"$tmp/err"); rc=$?
open_link "$url6" > /dev/null 2>&1; rc6=$?
check "revoke of the URL given to share expires its link" \
  bash -c "test '$rc' = 0 -a '$rc6' = 4 && test \$(grep -c '^Revoked ' <<< '$out') = 1"

# --- request --------------------------------------------------------------------------

out=$(git credential-sharokey request https://git.example.com/team/app.git --email-to ops@example.com --locale fr 2>"$tmp/err"); rc=$?
diag "$tmp/err"
check "request prints a link" bash -c "test '$rc' = 0 && [[ '$out' =~ ^https?:// ]]"
out=$(git credential-sharokey request 'https://bob:hunter2@git.example.com/x.git' --email-to ops@example.com 2>"$tmp/err"); rc=$?
/usr/bin/python3 - > "$tmp/requests" <<'PY'
import json, os, urllib.request
req = urllib.request.Request(os.environ["SHAROKEY_API_URL"] + "/requests?limit=100",
                             headers={"Authorization": "Bearer " + os.environ["SHAROKEY_TOKEN"]})
print(json.dumps(json.load(urllib.request.urlopen(req, timeout=10))))
PY
check "requests reach the server, naming the credential" \
  bash -c "test '$rc' = 0 && grep -qF 'https://bob@git.example.com/x.git' '$tmp/requests' && grep -qF 'ops@example.com' '$tmp/requests'"
check "a password written in the URL never reaches the request" bash -c "! grep -q hunter2 '$tmp/requests'"
out=$(git credential-sharokey request https://git.example.com 2>"$tmp/err"); rc=$?
check "request without --email-to is refused" test "$rc" = 2 -a -z "$out"
out=$(git credential-sharokey request https://git.example.com --email-to ops@example.com --locale de 2>"$tmp/err"); rc=$?
out2=$(git credential-sharokey request https://git.example.com --email-to 'not an address' 2>>"$tmp/err"); rc2=$?
check "request: bad settings are usage errors, one line each" \
  bash -c "test '$rc' = 2 -a '$rc2' = 2 -a -z '$out$out2' && test \$(wc -l < '$tmp/err') = 2"

# Shares running at once all end up in the index (it is locked).
pids=()
for i in 1 2 3 4; do
  git credential-sharokey share https://other.example.org > "$tmp/par$i" 2>&1 &
  pids+=($!)
done
wait "${pids[@]}"   # not a bare wait: the server is a child too
check "four shares at once: four links" bash -c "cat '$tmp'/par[1-4] | grep -c '/s/' | grep -qx 4"
check "four shares at once: all four in the index" \
  index_has_links "$(cat "$tmp/par1")" "$(cat "$tmp/par2")" "$(cat "$tmp/par3")" "$(cat "$tmp/par4")"

# A link that cannot be printed opens for nobody: an error, and the secret goes.
slugs () { grep -o '"slug" : "[^"]*"' "$index" | cut -d'"' -f4 | sort; }
slugs > "$tmp/slugs-before"
git credential-sharokey share https://other.example.org > /dev/full 2>"$tmp/err"; rc=$?
new_slug=$(slugs | comm -13 "$tmp/slugs-before" -)
git credential-sharokey list https://other.example.org > "$tmp/list-full" 2>/dev/null
diag "$tmp/err"
check "a link that cannot be printed: an error, and the secret is deleted" \
  bash -c "test '$rc' = 1 && grep -q '^git-credential-sharokey: Cannot write the link to standard output (No space left on device); the secret was deleted\$' '$tmp/err' && test -n '$new_slug' && grep -q '^$new_slug .* expired ' '$tmp/list-full'"
# A closed standard output is not taken by a socket or pipe opened later.
# (Run directly: git itself would give its child /dev/null instead.)
git-credential-sharokey share https://other.example.org >&- 2>"$tmp/err"; rc=$?
check "a closed standard output: an error, the link written nowhere" \
  bash -c "test '$rc' = 1 && grep -q 'standard output (Bad file descriptor)' '$tmp/err'"

# In the C locale (a bare container, cron), a non-ASCII message is taken as
# UTF-8, not refused.
url6=$(LC_ALL=C git credential-sharokey share https://other.example.org --message 'Grüße' 2>"$tmp/err"); rc=$?
diag "$tmp/err"
check "C locale: a non-ASCII --message is accepted" bash -c "test '$rc' = 0 && [[ '$url6' == */s/* ]]"

# --password-fd: the link password comes from a descriptor, never argv.
url7=$(git credential-sharokey share https://other.example.org --password-fd 3 3< <(printf 'fd-pass-77\n') 2>"$tmp/err"); rc=$?
open_link "$url7" > "$tmp/opened7" 2>/dev/null; rc_nopass=$?
SHAROKEY_TEST_PASSWORD='fd-pass-77' open_link "$url7" > "$tmp/opened7" 2>/dev/null; rc_pass=$?
check "share --password-fd: the link needs the password read from the descriptor" \
  bash -c "test '$rc' = 0 -a '$rc_nopass' != 0 -a '$rc_pass' = 0 && cmp -s '$tmp/expected3' '$tmp/opened7'"
check "share --password-fd: the password is in no git command line" \
  bash -c "! grep -qF 'fd-pass-77' '$tmp/git-argv.log'"
out=$(git credential-sharokey share https://other.example.org --password-fd 3 3</dev/null 2>"$tmp/err"); rc=$?
out2=$(git credential-sharokey share https://other.example.org --password-fd 9 2>>"$tmp/err"); rc2=$?
out3=$(git credential-sharokey share https://other.example.org --password-fd 3 --password x 3</dev/null 2>>"$tmp/err"); rc3=$?
out4=$(git credential-sharokey share https://other.example.org --password-fd s3cr3t 2>>"$tmp/err"); rc4=$?
check "share --password-fd: empty, closed, doubled or not a number is a usage error, no link" \
  bash -c "test '$rc $rc2 $rc3 $rc4' = '2 2 2 2' -a -z '$out$out2$out3$out4' && test \$(wc -l < '$tmp/err') = 4 && ! grep -q s3cr3t '$tmp/err'"
diag "$tmp/err"

check "the index is still mode 0600 and free of secrets" \
  bash -c "test \$(stat -c %a '$index') = 600 && ! grep -qF -e '$password' -e '$other_password' -e '${url1#*#}' '$index'"

echo "1..$n"
exit 0
