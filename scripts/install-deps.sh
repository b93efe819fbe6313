#!/usr/bin/env bash
# Installs every system and npm package the build, the demo and the tests
# need. The Debian package lists live in .ci/packages/*.txt (one per area).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

mapfile -t packages < <(cat "$top"/.ci/packages/*.txt | sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
missing=()
for p in "${packages[@]}"; do
  # A Node.js from elsewhere (with its own npm) conflicts with Debian's npm.
  if [ "$p" = nodejs ] || [ "$p" = npm ]; then
    command -v node >/dev/null && command -v npm >/dev/null && continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# npm packages of the browser tests (playwright-core drives Debian's chromium;
# it never downloads a browser of its own).
while IFS= read -r -d '' manifest; do
  dir=$(dirname "$manifest")
  # Again when the lock file lists packages that node_modules lacks.
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error)
  fi
done < <(find "$top/tests" -name package.json -not -path '*/node_modules/*' -print0)
