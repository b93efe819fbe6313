#!/bin/bash
# test-install.sh: what a developer meets after `meson install`.
#
# Installs the build into a temporary DESTDIR, then uses only what was
# installed: the README's C snippet and the reference's C example are
# compiled with `pkg-config --cflags --libs sharokey-glib-1` alone and run
# against the installed sharokey-server; every installed header but the
# umbrella one refuses to be included directly; the reference's other C
# fragments compile; the README's Python snippet runs on the installed
# package and typelib, the reference's GJS example on the typelib, its Vala
# example builds with the installed vapi; the systemd user unit names the
# installed server. Each link must open to exactly the text that was shared.
#
# Usage: test-install.sh MESON BUILD_ROOT SOURCE_ROOT
# Environment: SHAROKEY_TEST_OPEN, SHAROKEY_TEST_SERVER_SH (from test_env).
# Prints TAP.
# shellcheck disable=SC1090
set -euo pipefail

meson=$1 build_root=$2 source_root=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/sharokey-install-XXXXXX")
destdir=$work/destdir
n=0 failed=0

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  stop_sharokey_server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok() {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  if [ -n "${2:-}" ]; then
    sed 's/^/# /' "$2"
  fi
}

# Prints the body of the INDEX-th (1-based) ```LANG fenced block of FILE.
snippet() {
  awk -v lang="$2" -v want="$3" '
    /^```/ { if (inside) { inside = 0; next }
             if ($0 == "```" lang) { count++; inside = (count == want); next } }
    inside { print }' "$1"
}

# --- install -------------------------------------------------------------
if ! "$meson" install -C "$build_root" --no-rebuild --quiet --destdir "$destdir" \
     >"$work/install.log" 2>&1; then
  not_ok "meson install --destdir" "$work/install.log"
  echo "1..$n"
  exit 1
fi
ok "meson install --destdir"

pc=$(find "$destdir" -name sharokey-glib-1.pc -print -quit)
prefix=$(sed -n 's/^prefix=//p' "$pc")
root=$destdir$prefix
libdir=$(dirname "$(dirname "$pc")")

# The installed .pc file, moved along with its tree as a relocated install
# would be: only its prefix changes, so every other path must derive from it.
mkdir -p "$work/pkgconfig"
sed "s|^prefix=.*|prefix=$root|" "$pc" >"$work/pkgconfig/sharokey-glib-1.pc"
export PKG_CONFIG_PATH=$work/pkgconfig
export LD_LIBRARY_PATH=$libdir
# Nothing of the build tree may be found instead of the installed files.
unset GI_TYPELIB_PATH PYTHONPATH
includedir=$(pkg-config --variable=includedir sharokey-glib-1)/sharokey-glib-1

if grep -q "$build_root\|$source_root" "$pc"; then
  not_ok "the .pc file names no build or source path"
else
  ok "the .pc file names no build or source path"
fi

# --- headers -------------------------------------------------------------
cflags=$(pkg-config --cflags sharokey-glib-1)
refused=0 accepted=""
for header in "$includedir"/*.h; do
  name=$(basename "$header")
  [ "$name" = sharokey.h ] && continue
  printf '#include <%s>\n' "$name" >"$work/direct.c"
  # shellcheck disable=SC2086
  if cc -std=c11 $cflags -c "$work/direct.c" -o "$work/direct.o" 2>"$work/direct.log"; then
    accepted="$accepted $name"
  elif grep -q 'Only <sharokey.h> can be included directly' "$work/direct.log"; then
    refused=$((refused + 1))
  else
    accepted="$accepted $name(other-error)"
  fi
done
if [ -z "$accepted" ] && [ "$refused" -ge 5 ]; then
  ok "each of the $refused non-umbrella headers refuses direct inclusion"
else
  echo "# included directly:$accepted" >"$work/headers.log"
  not_ok "each non-umbrella header refuses direct inclusion" "$work/headers.log"
fi

# --- C, with the installed pkg-config file only ----------------------------
compile() {
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Werror -o "$2" "$1" $(pkg-config --cflags --libs sharokey-glib-1) \
    >"$work/cc.log" 2>&1
}

{
  cat <<'EOF'
#include <sharokey.h>
int
main (void)
{
  g_autoptr(GError) error = NULL;
  {
EOF
  snippet "$source_root/README.md" c 1
  cat <<'EOF'
  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\n", sharokey_secret_get_share_url (result));
  }
  return 0;
}
EOF
} >"$work/readme.c"
snippet "$source_root/docs/reference/examples-c.md" c 1 >"$work/example.c"

source "$SHAROKEY_TEST_SERVER_SH"
SHAROKEY_SERVER=$(find "$destdir" -type f -name sharokey-server -perm -u+x -print -quit)
export SHAROKEY_SERVER
start_sharokey_server
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config
mkdir -p "$HOME"

# check_opens NAME EXPECTED [PASSWORD]: the link in $work/out.txt opens to EXPECTED.
check_opens() {
  if SHAROKEY_TEST_PASSWORD=${3:-} "$SHAROKEY_TEST_OPEN" <"$work/out.txt" >"$work/opened.txt" \
       2>"$work/open.log" && [ "$(cat "$work/opened.txt")" = "$2" ]; then
    ok "$1"
  else
    cat "$work/out.txt" "$work/opened.txt" >>"$work/open.log"
    not_ok "$1" "$work/open.log"
  fi
}

run_c() { # NAME SOURCE EXPECTED [PASSWORD]
  if ! compile "$2" "$work/prog"; then
    not_ok "$1 compiles with pkg-config sharokey-glib-1 alone" "$work/cc.log"
    return
  fi
  ok "$1 compiles with pkg-config sharokey-glib-1 alone"
  if "$work/prog" >"$work/out.txt" 2>"$work/run.log"; then
    check_opens "$1 shares a secret through the installed server" "$3" "${4:-}"
  else
    not_ok "$1 runs" "$work/run.log"
  fi
}

run_c "README's C snippet" "$work/readme.c" "s3cret"
run_c "the reference's C example" "$work/example.c" "Hello from C" "correct horse"

# The reference's shorter C fragments, each as the body of a function that
# provides `client`, `slug` and `error` unless the fragment declares them.
for fragment in overview.md:1 examples-c.md:2 examples-c.md:3 examples-c.md:4; do
  page=${fragment%:*} index=${fragment#*:}
  snippet "$source_root/docs/reference/$page" c "$index" >"$work/fragment.txt"
  {
    echo '#include <sharokey.h>'
    echo 'void fragment (SharokeyClient *the_client, const gchar *slug);'
    echo 'void fragment (SharokeyClient *the_client, const gchar *slug) {'
    grep -q 'GError) error' "$work/fragment.txt" || echo 'g_autoptr(GError) error = NULL;'
    grep -q 'SharokeyClient) client' "$work/fragment.txt" || echo 'SharokeyClient *client = the_client;'
    echo '(void) the_client; (void) slug;'
    cat "$work/fragment.txt"
    echo '}'
  } >"$work/fragment.c"
  # shellcheck disable=SC2046
  if cc -std=c11 -Wall -Werror -Wno-unused-variable -Wno-unused-but-set-variable \
       -c -o "$work/fragment.o" "$work/fragment.c" $(pkg-config --cflags sharokey-glib-1) \
       >"$work/cc.log" 2>&1; then
    ok "the C fragment $fragment of the reference compiles"
  else
    cat "$work/fragment.c" >>"$work/cc.log"
    not_ok "the C fragment $fragment of the reference compiles" "$work/cc.log"
  fi
done

# --- Python, with the installed package and typelib ----------------------
typelib=$(find "$destdir" -name Sharokey-1.typelib -print -quit)
package=$(find "$destdir" -path '*/sharokey/__init__.py' -print -quit)
if [ -n "$package" ]; then
  snippet "$source_root/README.md" python 1 >"$work/readme.py"
  if (cd "$work" && GI_TYPELIB_PATH=$(dirname "$typelib") \
        PYTHONPATH=$(dirname "$(dirname "$package")") \
        /usr/bin/python3 readme.py >"$work/out.txt" 2>"$work/run.log"); then
    check_opens "README's Python snippet runs on the installed package" "s3cret"
  else
    not_ok "README's Python snippet runs on the installed package" "$work/run.log"
  fi
fi

# --- GJS and Vala, with the installed typelib and vapi -------------------
if [ -n "$typelib" ] && command -v gjs >/dev/null; then
  snippet "$source_root/docs/reference/examples-javascript.md" js 1 >"$work/example.js"
  if GI_TYPELIB_PATH=$(dirname "$typelib") gjs -m "$work/example.js" \
       >"$work/gjs.txt" 2>"$work/run.log"; then
    head -n 1 "$work/gjs.txt" >"$work/out.txt"
    check_opens "the reference's GJS example runs on the installed typelib" "Hello from GJS"
  else
    not_ok "the reference's GJS example runs on the installed typelib" "$work/run.log"
  fi
fi

vapidir=$(dirname "$(find "$destdir" -name sharokey-glib-1.vapi -print -quit)")
if [ "$vapidir" != . ] && command -v valac >/dev/null; then
  snippet "$source_root/docs/reference/examples-vala.md" vala 1 >"$work/example.vala"
  if ! valac --pkg sharokey-glib-1 --vapidir "$vapidir" -X -w -d "$work" -o example-vala \
       "$work/example.vala" >"$work/valac.log" 2>&1; then
    not_ok "the reference's Vala example builds with the installed vapi" "$work/valac.log"
  elif "$work/example-vala" >"$work/vala.txt" 2>"$work/run.log"; then
    ok "the reference's Vala example builds with the installed vapi"
    head -n 1 "$work/vala.txt" >"$work/out.txt"
    check_opens "the reference's Vala example shares a secret" "Hello from Vala"
  else
    not_ok "the reference's Vala example runs" "$work/run.log"
  fi
fi

# --- the systemd user unit ---------------------------------------------------
unit=$(find "$destdir" -path '*/lib/systemd/user/sharokey-server.service' -print -quit)
exec_path=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "${unit:-/dev/null}")
if [ -n "$unit" ] && [ "${unit#"$root"/lib/systemd/user/}" != "$unit" ] &&
   [ -n "$exec_path" ] && [ "$destdir$exec_path" = "$SHAROKEY_SERVER" ]; then
  ok "the systemd user unit is installed and runs the installed server"
else
  echo "# unit: ${unit:-none}, ExecStart: ${exec_path:-none}" >"$work/unit.log"
  not_ok "the systemd user unit is installed and runs the installed server" "$work/unit.log"
fi

echo "1..$n"
exit "$failed"
