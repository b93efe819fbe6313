#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Checks that every public symbol in a GIR file is documented: types,
functions, methods, constructors, properties, signals, enumeration members,
constants, every parameter and every non-void return value. Prints one TAP
line per symbol."""

import sys
import xml.etree.ElementTree as ET

CORE = "http://www.gtk.org/introspection/core/1.0"
GLIB = "http://www.gtk.org/introspection/glib/1.0"
C = "http://www.gtk.org/introspection/c/1.0"


def q(tag):
    return f"{{{CORE}}}{tag}"


def documented(element):
    doc = element.find(q("doc"))
    return doc is not None and (doc.text or "").strip() != ""


def callable_problems(element):
    problems = []
    if not documented(element):
        problems.append("no description")
    params = element.find(q("parameters"))
    if params is not None:
        for param in params:
            if param.tag == q("instance-parameter"):
                continue
            if param.tag == q("parameter") and not documented(param):
                problems.append(f"parameter '{param.get('name')}' undocumented")
    ret = element.find(q("return-value"))
    if ret is not None:
        rtype = ret.find(q("type"))
        void = rtype is not None and rtype.get("name") == "none"
        if not void and not documented(ret):
            problems.append("return value undocumented")
    return problems


def main():
    if len(sys.argv) != 2:
        print("usage: check-gir-docs.py FILE.gir", file=sys.stderr)
        sys.exit(2)
    ns = ET.parse(sys.argv[1]).getroot().find(q("namespace"))
    results = []

    def report(name, problems):
        results.append((name, problems))

    for element in ns:
        tag = element.tag.split("}")[1]
        name = element.get("name")
        if element.get(f"{{{GLIB}}}is-gtype-struct-for") is not None:
            continue  # class structs of final types
        if tag in ("function", "callback"):
            report(f"{ns.get('name')}.{name}", callable_problems(element))
        elif tag == "constant":
            report(f"{ns.get('name')}.{name}", [] if documented(element) else ["no description"])
        elif tag in ("class", "interface", "record", "enumeration", "bitfield"):
            full = f"{ns.get('name')}.{name}"
            report(full, [] if documented(element) else ["no description"])
            for child in element:
                ctag = child.tag.split("}")[1]
                cname = f"{full}.{child.get('name')}"
                if ctag in ("constructor", "method", "function", "virtual-method"):
                    report(cname, callable_problems(child))
                elif ctag == "property":
                    report(f"{full}:{child.get('name')}",
                           [] if documented(child) else ["no description"])
                elif ctag == "signal":
                    report(f"{full}::{child.get('name')}", callable_problems(child))
                elif ctag == "member":
                    report(cname, [] if documented(child) else ["no description"])

    failures = 0
    for number, (name, problems) in enumerate(results, 1):
        if problems:
            failures += 1
            print(f"not ok {number} - {name}: {'; '.join(problems)}")
        else:
            print(f"ok {number} - {name}")
    print(f"1..{len(results)}")
    sys.exit(1 if failures or not results else 0)


if __name__ == "__main__":
    main()
