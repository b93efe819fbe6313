# SPDX-License-Identifier: LGPL-2.1-or-later
"""Helpers shared by the introspection tests: checks in TAP form. Their
server, stand-in peers and link opener are shared with the other Python
tests, in tests/common."""

import os
import sys


def die(message):
    print(f"{os.path.basename(sys.argv[0])}: {message}", file=sys.stderr)
    sys.exit(1)


class Checks:
    """Counts named checks and prints TAP-like lines, so a failure says which."""

    def __init__(self):
        self.failures = 0
        self.count = 0

    def ok(self, condition, name, detail=""):
        self.count += 1
        if condition:
            print(f"ok {self.count} - {name}")
        else:
            self.failures += 1
            print(f"not ok {self.count} - {name}" + (f": {detail}" if detail else ""))
        sys.stdout.flush()
        return condition

    def equal(self, got, expected, name):
        return self.ok(got == expected, name, f"got {got!r}, expected {expected!r}")

    def error(self, code, name, func, *args):
        """func(*args) raises the library's error @code; returns the error."""
        from gi.repository import GLib, Sharokey  # the caller chose the versions

        try:
            func(*args)
        except GLib.Error as error:
            self.ok(error.matches(Sharokey.Error.quark(), code), name,
                    f"got {error.domain}/{error.code}: {error.message}")
            return error
        self.ok(False, name, "no error raised")
        return None

    def finish(self):
        print(f"1..{self.count}")
        if self.failures:
            print(f"# {self.failures} of {self.count} checks failed")
            sys.exit(1)
        if self.count == 0:
            print("# no checks ran")
            sys.exit(1)
