#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs the build's own g-ir-scanner command again, into a scratch file, and
checks that it has --warn-all and --warn-error and prints no warning."""

import os
import shlex
import subprocess
import sys
import tempfile

GIR = "introspection/Sharokey-1.gir"
TIMEOUT = 240


def main():
    build_root = sys.argv[1]
    commands = subprocess.run(["ninja", "-C", build_root, "-t", "commands", GIR],
                              stdout=subprocess.PIPE, check=True, text=True,
                              timeout=TIMEOUT).stdout.splitlines()
    scanner = [c for c in commands if "g-ir-scanner" in c]
    results = []
    if not scanner:
        print("Bail out! no g-ir-scanner command builds " + GIR)
        sys.exit(1)
    argv = shlex.split(scanner[-1])
    results.append(("the scanner runs with --warn-all", "--warn-all" in argv))
    results.append(("the scanner runs with --warn-error", "--warn-error" in argv))
    with tempfile.TemporaryDirectory(prefix="sharokey-gir-") as scratch:
        out = argv.index("--output")
        argv[out + 1] = os.path.join(scratch, "Sharokey-1.gir")
        argv = [a for a in argv if a != "--quiet"]
        done = subprocess.run(argv, cwd=build_root, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
        output = done.stdout
        warnings = [line for line in output.splitlines() if "Warning" in line or "Fatal" in line]
        results.append(("g-ir-scanner succeeds", done.returncode == 0))
        results.append(("g-ir-scanner prints no warning", not warnings))
    for number, (name, ok) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}")
    for line in warnings:
        print("# " + line)
    print(f"1..{len(results)}")
    sys.exit(0 if all(ok for _, ok in results) else 1)


if __name__ == "__main__":
    main()
