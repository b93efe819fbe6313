#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs a command with a fresh sharokey-server: exports SHAROKEY_API_URL and
SHAROKEY_TOKEN to it (with an empty configuration directory), stops the
server afterwards, exits with the command's status.

With ``--expect TEXT``, the command is one of the examples: its last line on
stdout must be a share link, which must open in the viewer to TEXT. The
link is never printed (its fragment is the key).

With ``--display``, the command also gets a virtual X display of its own
(Xvfb, exported as DISPLAY), so that its GTK part runs without a screen."""

import os
import subprocess
import sys
import tempfile

import sharokeytest
from sharokey_test_links import open_link
from sharokey_test_server import Server
from virtual_display import VirtualDisplay

COMMAND_TIMEOUT = 240


def main():
    args = sys.argv[1:]
    expect = None
    display = None
    if args[:1] == ["--display"]:
        args = args[1:]
        try:
            display = VirtualDisplay()
        except FileNotFoundError as error:
            print(f"1..0 # SKIP {error}")
            sys.exit(0)
    if len(args) >= 2 and args[0] == "--expect":
        expect, args = args[1], args[2:]
    if not args:
        sharokeytest.die("usage: with-server.py [--display] [--expect TEXT] COMMAND [ARG…]")
    if display is None:
        run(args, expect, None)
        return
    with display:
        run(args, expect, display)


def run(args, expect, display):
    with Server() as server, \
            tempfile.TemporaryDirectory(prefix="sharokey-config-") as config_home:
        env = dict(os.environ, SHAROKEY_API_URL=server.api_url, SHAROKEY_TOKEN=server.token,
                   XDG_CONFIG_HOME=config_home)
        if display is not None:
            env["DISPLAY"] = display.name
            env.pop("WAYLAND_DISPLAY", None)
        env.pop("SHAROKEY_TIMEOUT", None)
        stdout = subprocess.PIPE if expect is not None else None
        try:
            done = subprocess.run(args, env=env, timeout=COMMAND_TIMEOUT, stdout=stdout)
        except subprocess.TimeoutExpired:
            print(f"Bail out! {args[0]} did not finish in {COMMAND_TIMEOUT}s")
            sys.exit(1)
        if expect is None:
            sys.exit(done.returncode if done.returncode >= 0 else 1)

        checks = sharokeytest.Checks()
        name = os.path.basename(args[-1])
        checks.equal(done.returncode, 0, f"{name} succeeds")
        lines = (done.stdout or b"").decode("utf-8", "replace").strip().splitlines()
        url = lines[-1] if lines else ""
        checks.ok(url.startswith(server.base + "/s/") and "#" in url,
                  f"{name} prints a share link")
        status, plain = open_link(url) if url else (None, b"")
        checks.equal((status, plain), (0, expect.encode("utf-8")),
                     f"the link of {name} opens to its text")
    checks.finish()


if __name__ == "__main__":
    main()
