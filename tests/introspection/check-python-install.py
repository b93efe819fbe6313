#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Checks, from the build's own install plan (meson-info/intro-installed.json),
that `meson install` puts every module of the sharokey package into one
sharokey/ directory of Python's site-packages for the prefix, beside the
typelib it needs.

Usage: check-python-install.py BUILD_ROOT PACKAGE_SOURCE_DIR"""

import json
import os
import subprocess
import sys


def main():
    build_root, package_dir = sys.argv[1], os.path.realpath(sys.argv[2])
    with open(os.path.join(build_root, "meson-info", "intro-installed.json"), encoding="utf-8") as f:
        installed = {os.path.realpath(src): dest for src, dest in json.load(f).items()}
    with open(os.path.join(build_root, "meson-info", "intro-buildoptions.json"), encoding="utf-8") as f:
        prefix = next(o["value"] for o in json.load(f) if o["name"] == "prefix")

    results = []
    modules = sorted(n for n in os.listdir(package_dir) if n.endswith(".py"))
    dests = {name: installed.get(os.path.join(package_dir, name)) for name in modules}
    missing = [name for name, dest in dests.items() if dest is None]
    results.append(("every module of the package is installed", not missing, ", ".join(missing)))
    dirs = {os.path.dirname(d) for d in dests.values() if d is not None}
    site = os.path.dirname(next(iter(dirs))) if len(dirs) == 1 else None
    results.append(("into one sharokey/ directory",
                    site is not None and all(os.path.basename(d) == "sharokey" for d in dirs),
                    repr(sorted(dirs))))
    results.append(("under the prefix", site is not None and site.startswith(prefix.rstrip("/") + "/"),
                    f"{site} (prefix {prefix})"))
    if prefix in ("/usr", "/usr/local"):
        # There, the system's Python imports it with no PYTHONPATH.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        path = subprocess.run(["/usr/bin/python3", "-c", "import sys; print('\\n'.join(sys.path))"],
                              stdout=subprocess.PIPE, text=True, env=env, timeout=60,
                              check=True).stdout.splitlines()
        results.append(("in the system Python's own search path", site in path, f"{site} not in {path}"))
    typelib = [d for d in installed.values() if d.endswith("/girepository-1.0/Sharokey-1.typelib")]
    results.append(("with the typelib it loads", len(typelib) == 1, repr(typelib)))

    for number, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} - {name}" + ("" if ok else f": {detail}"))
    print(f"1..{len(results)}")
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


if __name__ == "__main__":
    main()
