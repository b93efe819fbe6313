#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs a command with a fresh sharokey-server: exports SHAROKEY_API_URL and
SHAROKEY_TOKEN to it, stops the server afterwards, exits with its status."""

import os
import subprocess
import sys

import sharokeytest

COMMAND_TIMEOUT = 240


def main():
    if len(sys.argv) < 2:
        sharokeytest.die("usage: with-server.py COMMAND [ARG…]")
    with sharokeytest.Server() as server:
        env = dict(os.environ, SHAROKEY_API_URL=server.api_url, SHAROKEY_TOKEN=server.token)
        try:
            status = subprocess.run(sys.argv[1:], env=env, timeout=COMMAND_TIMEOUT).returncode
        except subprocess.TimeoutExpired:
            print(f"with-server.py: {sys.argv[1]} did not finish in {COMMAND_TIMEOUT}s",
                  file=sys.stderr)
            status = 1
    sys.exit(status if status >= 0 else 1)


if __name__ == "__main__":
    main()
