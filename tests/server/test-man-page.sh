#!/usr/bin/env bash
# The man page renders without warnings and documents every option.
set -euo pipefail
page=$1
warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null || true)
if [ -n "$warnings" ]; then
  echo "FAIL: man warnings: $warnings" >&2
  exit 1
fi
# Rendered text without overstrike (bold/underline) sequences.
text=$(MANWIDTH=200 MANPAGER=cat man -E UTF-8 -l "$page" 2>/dev/null | sed 's/.\x08//g')
help=$("$SHAROKEY_SERVER" --help)
for option in $(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
  case "$option" in --help-all|--help) continue ;; esac
  if ! grep -qF -- "$option" <<<"$text"; then
    echo "FAIL: $option is not documented in the man page" >&2
    exit 1
  fi
done
for variable in $(printf '%s\n' "$help" | grep -oE 'SHAROKEY_SERVER_[A-Z_]+' | sort -u); do
  if ! grep -qF -- "$variable" <<<"$text"; then
    echo "FAIL: $variable is not documented in the man page" >&2
    exit 1
  fi
done
echo ok
