#!/usr/bin/env python3
# test-exports.py: the shared library exports exactly the public API
#
#   test-exports.py NM LIBRARY HEADER...
#
# The public API is every function declared after SHAROKEY_AVAILABLE_IN_ALL
# in the installed headers. A symbol exported without a declaration leaks
# an internal (hidden visibility failed); a declared one that is not
# exported would not link.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import re
import subprocess
import sys

nm, library, headers = sys.argv[1], sys.argv[2], sys.argv[3:]

declared = set()
for header in headers:
    with open(header, encoding="utf-8") as f:
        text = f.read()
    for match in re.finditer(r"SHAROKEY_AVAILABLE_IN_ALL\s+([^;{]*?)\b(\w+)\s*\(([^)]*)", text):
        name = match.group(2)
        if name.startswith("G_DECLARE_"):
            # G_DECLARE_FINAL_TYPE (Type, type_name, …) declares type_name_get_type
            name = match.group(3).split(",")[1].strip() + "_get_type"
        declared.add(name)

output = subprocess.run([nm, "-D", "--defined-only", library], check=True,
                        capture_output=True, text=True).stdout
exported = set()
for line in output.splitlines():
    fields = line.split()
    if len(fields) == 3 and fields[1] in "TDBRVWiu":
        exported.add(fields[2])

checks = [
    ("the headers declare the API", len(declared) > 50, f"{len(declared)} functions found"),
    ("nothing but the API is exported", not exported - declared, " ".join(sorted(exported - declared))),
    ("every API function is exported", not declared - exported, " ".join(sorted(declared - exported))),
]
print(f"1..{len(checks)}")
status = 0
for n, (name, ok, detail) in enumerate(checks, start=1):
    print("ok" if ok else "not ok", n, "-", name)
    if not ok:
        print("#", detail)
        status = 1
sys.exit(status)
