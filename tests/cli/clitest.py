"""Shared helpers of the sharokey command-line tests.

Each test drives the real `sharokey` binary against a real `sharokey-server`
(sharokey_test_server.Server, shared by every Python test)
on a free loopback port with a fresh database, and opens the printed links
with `sharokey-test-open`, which does what the browser viewer does.
"""

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

from sharokey_test_links import open_link
from sharokey_test_server import TOKEN

CLI = os.environ.get("SHAROKEY_CLI", "")
SOURCE_ROOT = os.environ.get("SHAROKEY_SOURCE_ROOT", "")
WAIT = 20  # seconds; every wait in these tests is bounded


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Home:
    """A throw-away HOME, so the user's config file is never read."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sharokey-cli-home-")
        self.config = os.path.join(self.dir, ".config", "sharokey", "config.json")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.dir, ignore_errors=True)


def cli_env(home, api_url=None, token=TOKEN, extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SHAROKEY_") and k not in ("XDG_CONFIG_HOME", "XDG_DATA_HOME")}
    env["HOME"] = home.dir
    env["LC_ALL"] = "C.UTF-8"
    env["TZ"] = "UTC"
    if api_url is not None:
        env["SHAROKEY_API_URL"] = api_url
    if token is not None:
        env["SHAROKEY_TOKEN"] = token
    env.update(extra or {})
    return env


def run(home, args, api_url=None, token=TOKEN, stdin=b"", env=None, timeout=60):
    """Runs sharokey; returns (status, stdout bytes, stderr text)."""
    check(CLI and os.access(CLI, os.X_OK), "SHAROKEY_CLI is not set to the sharokey binary")
    proc = subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=timeout,
                          env=cli_env(home, api_url, token, env))
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", errors="replace")


def expect(result, status, what):
    code, out, err = result
    if code != status:
        raise Failure("%s: exit %d, expected %d; stderr: %s" % (what, code, status, err.strip()))
    return out, err


def share_url(out, server):
    text = out.decode()
    check(text.endswith("\n") and text.count("\n") == 1,
          "create must print exactly one line, got %r" % text)
    url = text[:-1]
    check(re.fullmatch(re.escape(server.base) + r"/s/[^/#\s]+#[A-Za-z0-9]{24}", url) is not None,
          "not a share link of this server: %r" % url)
    return url


def assert_opens(url, content, password=None):
    status, plain = open_link(url, password=password)
    check(status == 0, "the link did not open (sharokey-test-open exit %d)" % status)
    check(plain == content, "the link opened to %r instead of %r" % (plain, content))


def run_on_terminal(home, server, args, stdin_on_terminal, answers=(), wait=WAIT, env=None):
    """Runs sharokey with standard error (and standard input if asked) on a
    pseudo-terminal; types each answer once its prompt has appeared there.
    Returns (exit status, stdout, everything the terminal showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([CLI, *args], stdin=slave if stdin_on_terminal else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave,
                            env=cli_env(home, server.api_url, extra=env))
    os.close(slave)
    seen = b""
    pending = list(answers)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if pending and pending[0][0] in seen:
            os.write(master, pending.pop(0)[1])
        if not ready and proc.poll() is not None:
            break
    out, _ = proc.communicate(timeout=WAIT)
    os.close(master)
    check(not pending, "no prompt %r on the terminal: %r" % (pending and pending[0][0], seen))
    return proc.returncode, out, seen


CASES = {}


def case(function):
    CASES[function.__name__.replace("test_", "", 1).replace("_", "-")] = function
    return function


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in CASES:
        sys.stderr.write("usage: %s CASE\ncases: %s\n" % (sys.argv[0], " ".join(sorted(CASES))))
        return 2
    try:
        CASES[sys.argv[1]]()
    except Failure as e:
        sys.stderr.write("FAIL: %s\n" % e)
        return 1
    print("PASS: %s" % sys.argv[1])
    return 0
