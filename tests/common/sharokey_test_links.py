# SPDX-License-Identifier: LGPL-2.1-or-later
"""Share links in the Python tests: opening one exactly as the browser
viewer does (sharokey-test-open), and reading its slug."""

import os
import subprocess

OPEN_WAIT = 60  # seconds; generous for the sanitizer builds


def open_link(url, password=None, attachments=None):
    """Opens a share link like the viewer does, consuming one view; returns
    (exit status, the plaintext bytes). Status 0: opened, 4: gone or not
    found, 1: any other error (said on our stderr).

    password: of a protected secret; None also drops one inherited from our
      environment, so a test never opens with a password it did not give.
    attachments: a directory where the attached files are written.
    """
    opener = os.environ.get("SHAROKEY_TEST_OPEN", "")
    if not os.access(opener, os.X_OK):
        raise RuntimeError("SHAROKEY_TEST_OPEN is not set to sharokey-test-open; run this test through meson")
    args = [opener]
    if attachments is not None:
        args += ["--attachments", attachments]
    env = dict(os.environ)
    env.pop("SHAROKEY_TEST_PASSWORD", None)
    if password is not None:
        env["SHAROKEY_TEST_PASSWORD"] = password
    # The URL's fragment is keyB: stdin, never argv.
    done = subprocess.run(args, input=(url + "\n").encode(), stdout=subprocess.PIPE,
                          timeout=OPEN_WAIT, env=env)
    return done.returncode, done.stdout


def slug_of(url):
    """The slug of a share link: between /s/ and #."""
    return url.split("/s/", 1)[1].split("#", 1)[0]
