#!/bin/bash
# test-i18n.sh CASE: the French catalogue, as the real programs use it.
#
# The programs read the uninstalled catalogue through SHAROKEY_LOCALEDIR
# (set by meson.build to the build's po directory). French is chosen with
# LANGUAGE=fr on top of LC_ALL=C.UTF-8: glibc ignores LANGUAGE only when the
# locale is "C" itself, and C.UTF-8 ships with libc-bin (always installed on
# Debian), so no fr_FR locale has to be generated.
#
# The expected French text has typographic quotes and apostrophes:
# shellcheck disable=SC1111,SC1112
set -euo pipefail

case_name=${1:?usage: test-i18n.sh CASE}

: "${SHAROKEY_CLI:?}" "${SHAROKEY_SERVER:?}" "${SHAROKEY_GIT_CREDENTIAL:?}"
: "${SHAROKEY_LOCALEDIR:?}" "${SHAROKEY_PO_DIR:?}" "${SHAROKEY_TEST_SERVER_SH:?}"

# shellcheck source=/dev/null
. "$SHAROKEY_TEST_SERVER_SH"

work=$(mktemp -d "${TMPDIR:-/tmp}/sharokey-i18n-XXXXXX")
cleanup() {
  stop_sharokey_server
  rm -rf "$work"
}
trap cleanup EXIT

# Nothing from the caller's environment may pick the language or the config.
unset LANGUAGE LANG LC_MESSAGES SHAROKEY_TOKEN SHAROKEY_API_URL SHAROKEY_TIMEOUT
export LC_ALL=C.UTF-8
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_STATE_HOME="$work/home/.state"
mkdir -p "$XDG_CONFIG_HOME"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The catalogue must have been built; only the locale may be missing.
mo="$SHAROKEY_LOCALEDIR/fr/LC_MESSAGES/sharokey.mo"
[ -s "$mo" ] || fail "$mo was not built (is fr in po/LINGUAS?)"
if [ "$(LC_ALL=C.UTF-8 locale charmap 2>/dev/null)" != "UTF-8" ]; then
  echo "C.UTF-8 locale is not available; cannot select French" >&2
  exit 77
fi

# run OUT ERR LANGUAGE-VALUE PROGRAM ARGS...: keeps stdout, stderr and status.
status=0
run() {
  local out=$1 err=$2 language=$3
  shift 3
  status=0
  if [ -n "$language" ]; then
    LANGUAGE=$language timeout 30 "$@" >"$out" 2>"$err" </dev/null || status=$?
  else
    timeout 30 "$@" >"$out" 2>"$err" </dev/null || status=$?
  fi
}

expect_status() {
  [ "$status" -eq "$1" ] || fail "$2: exit status $status, expected $1"
}

# expect_exact FILE TEXT: FILE holds exactly TEXT and a newline.
expect_exact() {
  local got
  got=$(cat "$1")
  [ "$got" = "$2" ] || fail "expected “$2”, got “$got”"
}

# expect_line FILE REGEX: some line of FILE matches the extended REGEX.
expect_line() {
  grep -Eq -- "$2" "$1" || { cat "$1" >&2; fail "no line of the output matches /$2/"; }
}

# A catalogue where every message of the sources is full-width (see
# pseudo-locale.py), freshly extracted, in $work/pseudo: shows which strings
# reach gettext, and lines up with wide text. Besides POTFILES.in, the
# files that gained messages with it (listed there once merged).
make_pseudo_catalogue() {
  (cd "$SHAROKEY_PO_DIR/.." &&
    { grep -v '^#' po/POTFILES.in; printf '%s\n' program/sharokey-duration.c plugins/pass/sharokey.bash; } |
      sort -u | xgettext --from-code=UTF-8 --files-from=- \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
        --output="$work/pseudo.pot")
  python3 "$(dirname "$0")/pseudo-locale.py" "$work/pseudo.pot" "$work/pseudo.po"
  mkdir -p "$work/pseudo/fr/LC_MESSAGES"
  msgfmt --use-fuzzy -o "$work/pseudo/fr/LC_MESSAGES/sharokey.mo" "$work/pseudo.po"
}

# same_value_column FILE: every line's value (after the label's colon and
# spaces) starts at the same terminal column, wide characters counting two.
same_value_column() {
  python3 - "$1" <<'PY' || { cat "$1" >&2; fail "the values of $1 do not line up"; }
import re, sys, unicodedata
def width(text):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)
columns = set()
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    match = re.match(r"^(.*?[:：] +)\S", line)
    if not match:
        sys.exit("no label in %r" % line)
    columns.add(width(match.group(1)))
sys.exit(0 if len(columns) == 1 else "columns %r" % sorted(columns))
PY
}

case "$case_name" in
  catalogue-complete)
    # Every message of the template is translated, nothing is fuzzy, and
    # msgfmt accepts the format strings and the header.
    msgfmt --check --statistics -o "$work/fr.mo" \
      "$SHAROKEY_PO_DIR/fr.po" 2>"$work/stats"
    cat "$work/stats"
    grep -Eq '^[0-9]+ translated messages?\.$' "$work/stats" ||
      fail "untranslated or fuzzy messages in fr.po"
    msgcmp "$SHAROKEY_PO_DIR/fr.po" "$SHAROKEY_PO_DIR/sharokey.pot" ||
      fail "fr.po lacks messages of sharokey.pot"
    # The template must follow the sources: extract it afresh (with the
    # keywords of meson's glib preset) so a new string cannot go unnoticed.
    (cd "$SHAROKEY_PO_DIR/.." &&
      grep -v '^#' po/POTFILES.in | xgettext --from-code=UTF-8 --files-from=- \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
        --output="$work/sources.pot")
    msgcmp --use-untranslated "$SHAROKEY_PO_DIR/fr.po" "$work/sources.pot" ||
      fail "the sources have messages that fr.po lacks (run: ninja sharokey-update-po)"
    grep -qx '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' "$SHAROKEY_PO_DIR/fr.po" ||
      fail "fr.po does not have the French plural rule"
    cmp -s "$work/fr.mo" "$mo" || fail "the built $mo differs from po/fr.po"
    ;;

  cli-validation)
    # A library message, raised before any network access.
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" create ""
    expect_status 2 "create \"\" in French"
    expect_exact "$work/err" "sharokey: Le contenu est obligatoire"
    [ ! -s "$work/out" ] || fail "create \"\" printed on standard output"
    # The same run without LANGUAGE stays English: French comes from the catalogue.
    run "$work/out" "$work/err" "" "$SHAROKEY_CLI" create ""
    expect_status 2 "create \"\" in English"
    expect_exact "$work/err" "sharokey: Content is required"
    # A translation with a %s argument, from the tool itself.
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" frobnicate
    expect_status 2 "an unknown command"
    expect_exact "$work/err" "sharokey: commande inconnue « frobnicate » (voir sharokey --help)"
    ;;

  cli-catalogue-dir)
    # SHAROKEY_LOCALEDIR decides where the catalogue is read: an empty
    # directory gives English even with LANGUAGE=fr.
    mkdir -p "$work/empty"
    SHAROKEY_LOCALEDIR="$work/empty" run "$work/out" "$work/err" fr "$SHAROKEY_CLI" create ""
    expect_status 2 "create \"\" without a catalogue"
    expect_exact "$work/err" "sharokey: Content is required"
    ;;

  cli-help)
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" --help
    expect_status 0 "--help"
    # Option names stay as they are; their descriptions are French.
    expect_line "$work/out" '^  --version +Afficher la version et quitter$'
    expect_line "$work/out" '^  --timeout=SECONDES +Délai d’attente du serveur, en secondes \(par défaut : 30\)$'
    expect_line "$work/out" '^  sharokey .*COMMANDE \[ARGUMENTS…\]$'
    expect_line "$work/out" '^Commandes :$'
    expect_line "$work/out" '^  create +Chiffrer un secret et afficher son lien de partage$'
    expect_line "$work/out" '^Lancez « sharokey COMMANDE --help » pour les options d’une commande\.$'
    if grep -q 'Print the version and exit' "$work/out"; then
      fail "--help still has English option descriptions"
    fi
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" create --help
    expect_status 0 "create --help"
    expect_line "$work/out" '^  sharokey create .*CONTENU\|-$'
    expect_line "$work/out" '^  --views=N +Nombre d’ouvertures possibles du secret, de 1 à 1000 \(par défaut : 1\)$'
    expect_line "$work/out" '^  --attach=FICHIER +Joindre un fichier'
    ;;

  cli-plural)
    # The masked token shows its length: French puts 1 in the singular and
    # more than 1 in the plural.
    SHAROKEY_TOKEN=abcdefghijklmnopqrstuvwx run "$work/out" "$work/err" fr "$SHAROKEY_CLI" config
    expect_status 0 "config with a 24-character token"
    expect_line "$work/out" '^Jeton : +abcd…\*\*\*\* \(24 caractères\) \(SHAROKEY_TOKEN\)$'
    expect_line "$work/out" '^Délai : +30 \(par défaut\)$'
    SHAROKEY_TOKEN=t run "$work/out" "$work/err" fr "$SHAROKEY_CLI" config
    expect_status 0 "config with a 1-character token"
    expect_line "$work/out" '^Jeton : +\*+ \(1 caractère\) \(SHAROKEY_TOKEN\)$'
    ;;

  cli-server-messages)
    # The tool's own words and the server's words are translated each by
    # its own process: a French server answers in French to an English tool.
    LANGUAGE=fr start_sharokey_server
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" list
    expect_status 0 "list on an empty account"
    expect_exact "$work/out" "Aucun secret."
    run "$work/out" "$work/err" "" "$SHAROKEY_CLI" get nosuchslug
    expect_status 4 "get of a missing secret"
    expect_exact "$work/err" "sharokey: Secret introuvable"
    stop_sharokey_server
    start_sharokey_server
    SHAROKEY_TOKEN=wrong-token run "$work/out" "$work/err" fr "$SHAROKEY_CLI" list
    expect_status 3 "list with a wrong token"
    expect_exact "$work/err" \
      "sharokey: Jeton non valide ou échec de l’authentification : Token is invalid or expired"
    ;;

  server-help)
    run "$work/out" "$work/err" fr "$SHAROKEY_SERVER" --help
    expect_status 0 "sharokey-server --help"
    expect_line "$work/out" '^  --port-file=FICHIER +Écrire le port dans FICHIER une fois à l’écoute$'
    expect_line "$work/out" '^Un serveur d’API local compatible avec Sharokey'
    run "$work/out" "$work/err" fr "$SHAROKEY_SERVER" --port 70000
    expect_status 1 "sharokey-server --port 70000"
    expect_line "$work/err" '--port doit être compris entre 0 et 65535$'
    ;;

  git-credential-usage)
    run "$work/out" "$work/err" fr "$SHAROKEY_GIT_CREDENTIAL" share
    expect_status 2 "share without a URL"
    expect_exact "$work/err" "git-credential-sharokey: Utilisation : git credential-sharokey share URL [OPTION…]"
    run "$work/out" "$work/err" fr "$SHAROKEY_GIT_CREDENTIAL" share https://example.com/r.git --format xml
    expect_status 2 "share --format xml"
    expect_exact "$work/err" "git-credential-sharokey: --format doit valoir « git » ou « password »"
    ;;

  cli-config-alignment)
    # config --show pads its labels by terminal columns: French labels of
    # different lengths, and full-width ones, still line up.
    SHAROKEY_TOKEN=abcdefghijklmnopqrstuvwx run "$work/out" "$work/err" fr "$SHAROKEY_CLI" config --show
    expect_status 0 "config --show in French"
    expect_line "$work/out" '^Jeton : +abcd'
    same_value_column "$work/out"
    make_pseudo_catalogue
    SHAROKEY_LOCALEDIR="$work/pseudo" SHAROKEY_TOKEN=abcdefghijklmnopqrstuvwx \
      run "$work/out" "$work/err" fr "$SHAROKEY_CLI" config --show
    expect_status 0 "config --show with wide labels"
    expect_line "$work/out" '^Ｔｏｋｅｎ: +abcd'
    same_value_column "$work/out"
    ;;

  cli-pseudo-catalogue)
    # list's statuses, test's check names and the tool's new messages go
    # through the catalogue.
    make_pseudo_catalogue
    export SHAROKEY_LOCALEDIR="$work/pseudo"
    start_sharokey_server
    run "$work/out" "$work/err" "" "$SHAROKEY_CLI" create x
    expect_status 0 "create"
    slug=$(sed 's|.*/s/||; s|#.*||' "$work/out")
    run "$work/out" "$work/err" "" "$SHAROKEY_CLI" create y
    run "$work/out" "$work/err" "" "$SHAROKEY_CLI" delete "$slug"
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" list
    expect_status 0 "list"
    expect_line "$work/out" "^$slug +.* ｅｘｐｉｒｅｄ +"
    expect_line "$work/out" ' ａｃｔｉｖｅ +'
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" test
    expect_status 0 "test"
    for name in Ｃｏｎｆｉｇｕｒａｔｉｏｎ Ｎｅｔｗｏｒｋ Ａｕｔｈｅｎｔｉｃａｔｉｏｎ 'Ｒｅａｄ Ａｃｃｅｓｓ' \
                'Ｗｒｉｔｅ Ａｃｃｅｓｓ' Ｓｔａｔｉｓｔｉｃｓ; do
      expect_line "$work/out" "^✅ $name: "
    done
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" --json test
    grep -q '"name" : "Write Access"' "$work/out" || fail "the JSON names are translated too"
    run "$work/out" "$work/err" fr "$SHAROKEY_CLI" create x --hours 1y
    expect_status 2 "--hours 1y"
    expect_exact "$work/err" "sharokey: --hours: “1y” ｉｓ ｎｏｔ ａ ｄｕｒａｔｉｏｎ: ｇｉｖｅ ｈｏｕｒｓ (24 ｏｒ 24ｈ), ｄａｙｓ (2ｄ) ｏｒ ｗｅｅｋｓ (1ｗ)"
    ;;

  pass-pseudo-catalogue)
    # Every message of pass sharokey comes from the sharokey domain, in
    # SHAROKEY_LOCALEDIR as for the C programs; $variables keep their values.
    command -v pass >/dev/null || { echo "pass is not installed" >&2; exit 77; }
    make_pseudo_catalogue
    : "${SHAROKEY_PASS_EXTENSION_DIR:?}"
    export PASSWORD_STORE_DIR="$work/store" PASSWORD_STORE_ENABLE_EXTENSIONS=true \
      PASSWORD_STORE_EXTENSIONS_DIR="$SHAROKEY_PASS_EXTENSION_DIR"
    SHAROKEY_LOCALEDIR="$work/pseudo" run "$work/out" "$work/err" fr pass sharokey help
    expect_status 0 "pass sharokey help"
    expect_line "$work/out" '^Ｕｓａｇｅ:$'
    expect_line "$work/out" '^    pass ｓｈａｒｏｋｅｙ ｒｅｑｕｅｓｔ '
    SHAROKEY_LOCALEDIR="$work/pseudo" run "$work/out" "$work/err" fr pass sharokey --line 0 web/x
    expect_status 2 "pass sharokey --line 0"
    expect_exact "$work/err" "Ｅｒｒｏｒ: ｌｉｎｅ '0' ｉｓ ｎｏｔ ａ ｐｏｓｉｔｉｖｅ ｎｕｍｂｅｒ."
    # (Checked before the entry is decrypted: it need not be a real one.)
    mkdir -p "$work/store/web" && : > "$work/store/web/x.gpg"
    SHAROKEY_CLI="$SHAROKEY_CLI" SHAROKEY_LOCALEDIR="$work/pseudo" \
      run "$work/out" "$work/err" fr pass sharokey --clip web/x
    expect_status 1 "pass sharokey --clip without a display"
    expect_line "$work/err" '^Ｅｒｒｏｒ: --clip ｎｅｅｄｓ ａｎ Ｘ11 ｏｒ Ｗａｙｌａｎｄ ｄｉｓｐｌａｙ'
    # Without SHAROKEY_LOCALEDIR nor an installed catalogue: English.
    run "$work/out" "$work/err" fr env -u SHAROKEY_LOCALEDIR pass sharokey --line 0 web/x
    expect_exact "$work/err" "Error: line '0' is not a positive number."
    # Every message the extension prints is extracted: as many messages as
    # gettext and eval_gettext calls.
    calls=$(grep -v '^[[:space:]]*#' "$SHAROKEY_PASS_EXTENSION_DIR/sharokey.bash" |
      grep -Eo '(^|[^_a-z])(eval_)?gettext ('"'"'|"[^$])' | wc -l)
    extracted=$(xgettext --from-code=UTF-8 -o - "$SHAROKEY_PASS_EXTENSION_DIR/sharokey.bash" | grep -c '^msgid ')
    [ "$extracted" -eq $((calls + 1)) ] || fail "$calls gettext calls but $((extracted - 1)) messages extracted"
    # No message left out: die, echo or printf of a literal sentence.
    if grep -nE '(^|[;&|]\s*)(die|echo|printf .%s\\n.) +"[A-Z][a-z]+[: ]' "$SHAROKEY_PASS_EXTENSION_DIR/sharokey.bash"; then
      fail "a message of the extension does not go through gettext"
    fi
    ;;

  *)
    fail "unknown case $case_name"
    ;;
esac
echo "ok: $case_name"
