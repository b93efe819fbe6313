#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Checks that the reference lists every namespace the GIR includes.

gi-docgen puts a dependency in the "Dependencies" table of the index only
when its `name` in Sharokey.toml is the namespace's own name (GObject, Gio,
Json); any other name silently drops it from the table.

Usage: check-docs-dependencies.py SHAROKEY_TOML_IN SHAROKEY_GIR"""

import sys
import tomllib
import xml.etree.ElementTree as ET

CORE = "{http://www.gtk.org/introspection/core/1.0}"


def main():
    with open(sys.argv[1], "rb") as f:
        config = tomllib.load(f)
    names = {dep.get("name") for dep in config.get("dependencies", {}).values()}
    listed = set(config["library"].get("dependencies", []))
    includes = [(inc.get("name"), inc.get("version"))
                for inc in ET.parse(sys.argv[2]).getroot().iter(CORE + "include")]
    results = []
    for name, version in includes:
        results.append((f"{name}-{version} is a dependency of the reference",
                        f"{name}-{version}" in listed))
        results.append((f"{name} is named as its namespace (shown in the index's table)",
                        name in names))
    for number, (label, ok) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {label}")
    print(f"1..{len(results)}")
    sys.exit(0 if results and all(ok for _, ok in results) else 1)


if __name__ == "__main__":
    main()
