#!/usr/bin/env bash
# test-validate.sh DESKTOP METAINFO DATADIR: the desktop entry, the AppStream
# metainfo, the GSettings schema and the icons pass their validators.
set -euo pipefail
desktop=$1 metainfo=$2 data=$3

desktop-file-validate "$desktop"
appstreamcli validate --no-net --pedantic "$metainfo"


glib-compile-schemas --strict --dry-run --schema-file="$data/org.sharokey.Sharokey.gschema.xml"
# The icons are well-formed SVG and the symbolic one is named as GTK expects.
for icon in "$data"/icons/hicolor/scalable/apps/org.sharokey.Sharokey.svg \
            "$data"/icons/hicolor/symbolic/apps/org.sharokey.Sharokey-symbolic.svg; do
  python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); assert r.tag.endswith("svg"), r.tag' "$icon"
done
echo "ok: desktop entry, metainfo, schema and icons are valid"
