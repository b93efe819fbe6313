#!/usr/bin/env bash
# From a fresh Debian 12 machine: install what is missing, build, then share
# a password-store entry through a local sharokey-server and open the link
# in headless Chromium, as the recipient would.
#
# Everything lives in a throwaway folder (GnuPG key, password store, server
# database) that is removed at the end.
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Installing build and runtime dependencies"
bash scripts/install-deps.sh

step "Building"
[ -f build/build.ninja ] || meson setup build --buildtype=debugoptimized
ninja -C build

demo=$(mktemp -d "${TMPDIR:-/tmp}/sharokey-demo-XXXXXX")
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  GNUPGHOME="$demo/gnupg" gpgconf --kill all 2>/dev/null || true
  rm -rf "$demo"
}
trap cleanup EXIT

step "Creating a throwaway GnuPG key and password store"
export GNUPGHOME="$demo/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Sharokey Demo <demo@example.com>' default default never
export PASSWORD_STORE_DIR="$demo/store"
pass init demo@example.com >/dev/null
printf 'correct horse battery staple\nuser: alice\n' | pass insert --multiline demo/website >/dev/null
echo "pass entry demo/website created"

step "Starting sharokey-server on a free loopback port"
token=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
(umask 077 && printf '%s demo@example.com\n' "$token" >"$demo/tokens")
build/server/sharokey-server --listen 127.0.0.1 --port 0 --port-file "$demo/port" \
  --db "$demo/sharokey.db" --tokens-file "$demo/tokens" >"$demo/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1500); do [ -s "$demo/port" ] && break; sleep 0.01; done
[ -s "$demo/port" ] || { cat "$demo/server.log" >&2; exit 1; }
port=$(cat "$demo/port")
export SHAROKEY_API_URL="http://127.0.0.1:$port/api/v1"
export SHAROKEY_TOKEN="$token"
echo "API at $SHAROKEY_API_URL"

step "pass sharokey demo/website --views 1 --hours 1"
export PASSWORD_STORE_ENABLE_EXTENSIONS=true
export PASSWORD_STORE_EXTENSIONS_DIR="$top/plugins/pass"
export SHAROKEY_CLI="$top/build/tools/sharokey"
link=$(pass sharokey demo/website --views 1 --hours 1)
echo "$link"

step "What the server stored (no plaintext, no keyB)"
"$SHAROKEY_CLI" list

step "Opening the link in headless Chromium and pressing Reveal"
shown=$(printf '%s' "$link" | node scripts/open-link.mjs)
echo "The page shows: $shown"
if [ "$shown" = "correct horse battery staple" ]; then
  echo "Decrypted in the browser: it matches the first line of the pass entry."
else
  echo "Mismatch between the page and the pass entry" >&2
  exit 1
fi

step "Opening it a second time"
if printf '%s' "$link" | node scripts/open-link.mjs >/dev/null 2>&1; then
  echo "The 1-view link opened twice" >&2
  exit 1
fi
echo "Gone: the single view was used."
