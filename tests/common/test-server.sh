# test-server.sh: sourced by shell tests to run a real sharokey-server.
#
#   start_sharokey_server [extra args]   exports SHAROKEY_API_URL, SHAROKEY_TOKEN,
#                                        SHAROKEY_SERVER_PID, SHAROKEY_SERVER_URL,
#                                        SHAROKEY_SERVER_DIR, SHAROKEY_SERVER_LOG
#   stop_sharokey_server                 SIGTERM, bounded wait, removes the directory
#
# The binary comes from env SHAROKEY_SERVER. The token is "test-token-0123456789"
# (account alice@example.com); the server reads it from a tokens file (mode 0600)
# in SHAROKEY_SERVER_DIR, never from its command line. Safe under `set -euo pipefail`.
# shellcheck shell=bash

start_sharokey_server() {
  if [ -z "${SHAROKEY_SERVER:-}" ]; then
    echo "test-server.sh: SHAROKEY_SERVER is not set" >&2
    return 1
  fi
  SHAROKEY_SERVER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sharokey-server-XXXXXX")
  SHAROKEY_SERVER_LOG="$SHAROKEY_SERVER_DIR/server.log"
  (umask 077 && echo "test-token-0123456789 alice@example.com" >"$SHAROKEY_SERVER_DIR/tokens")
  "$SHAROKEY_SERVER" --listen 127.0.0.1 --port 0 \
    --port-file "$SHAROKEY_SERVER_DIR/port" --db "$SHAROKEY_SERVER_DIR/sharokey.db" \
    --tokens-file "$SHAROKEY_SERVER_DIR/tokens" "$@" >>"$SHAROKEY_SERVER_LOG" 2>&1 &
  SHAROKEY_SERVER_PID=$!
  local tries=0
  while [ ! -s "$SHAROKEY_SERVER_DIR/port" ]; do
    if ! kill -0 "$SHAROKEY_SERVER_PID" 2>/dev/null; then
      echo "test-server.sh: sharokey-server exited at start:" >&2
      cat "$SHAROKEY_SERVER_LOG" >&2
      return 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 1500 ]; then
      echo "test-server.sh: sharokey-server did not start within 15 s" >&2
      kill -9 "$SHAROKEY_SERVER_PID" 2>/dev/null || true
      return 1
    fi
    sleep 0.01
  done
  local port
  port=$(tr -d '[:space:]' <"$SHAROKEY_SERVER_DIR/port")
  SHAROKEY_SERVER_URL="http://127.0.0.1:$port"
  SHAROKEY_API_URL="$SHAROKEY_SERVER_URL/api/v1"
  SHAROKEY_TOKEN=test-token-0123456789
  export SHAROKEY_API_URL SHAROKEY_TOKEN SHAROKEY_SERVER_PID SHAROKEY_SERVER_URL \
    SHAROKEY_SERVER_DIR SHAROKEY_SERVER_LOG
}

stop_sharokey_server() {
  if [ -n "${SHAROKEY_SERVER_PID:-}" ]; then
    kill -TERM "$SHAROKEY_SERVER_PID" 2>/dev/null || true
    local tries=0
    while kill -0 "$SHAROKEY_SERVER_PID" 2>/dev/null && [ "$tries" -lt 1000 ]; do
      sleep 0.01
      tries=$((tries + 1))
    done
    kill -9 "$SHAROKEY_SERVER_PID" 2>/dev/null || true
    wait "$SHAROKEY_SERVER_PID" 2>/dev/null || true
    SHAROKEY_SERVER_PID=
  fi
  if [ -n "${SHAROKEY_SERVER_DIR:-}" ]; then
    rm -rf "$SHAROKEY_SERVER_DIR"
    SHAROKEY_SERVER_DIR=
  fi
}
