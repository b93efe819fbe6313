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
    expect_line "$work/out" '^  --hours=N +Nombre d’heures avant l’expiration du secret, de 1 à 8760 \(par défaut : 24\)$'
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

  *)
    fail "unknown case $case_name"
    ;;
esac
echo "ok: $case_name"
