# SPDX-License-Identifier: LGPL-2.1-or-later
"""A real sharokey-server for one test (the Python twin of
sharokey-test-server.c), shared by the Python tests, the benches and the
application's UI test.

It listens on 127.0.0.1, on a free port it reads back from --port-file,
with a fresh database in a private directory, and accepts TOKEN (account
ACCOUNT). Tokens reach it in a tokens file, never on its command line."""

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

TOKEN = "test-token-0123456789"
ACCOUNT = "alice@example.com"
TOKENS = f"{TOKEN} {ACCOUNT}\n"
START_WAIT = 20  # seconds; every wait here is bounded
STOP_WAIT = 30
CALL_WAIT = 30

_libc = ctypes.CDLL(None, use_errno=True)


def _die_with_parent():
    """A killed test run must not leave servers behind."""
    _libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Server:
    """A sharokey-server, running from construction until stop() or close();
    a context manager that prints the server's log when its block fails.

    extra: more options, after the fixture's own (a repeated one wins).
    tokens: the text of its tokens file, lines "TOKEN EMAIL [COMPANY [SCOPES]]";
      None: no tokens file.
    env: variables added to the server's environment.
    default_db: no --db, so the server picks its default (under XDG_DATA_HOME).
    binary: the server to run, by default $SHAROKEY_SERVER (benches compare builds).
    """

    def __init__(self, *extra, tokens=TOKENS, env=None, default_db=False, binary=None):
        self.binary = binary or os.environ.get("SHAROKEY_SERVER", "")
        if not os.access(self.binary, os.X_OK):
            raise RuntimeError("no sharokey-server binary at %r (binary= or $SHAROKEY_SERVER)" % self.binary)
        self.dir = tempfile.mkdtemp(prefix="sharokey-test-server-")
        self.db = None if default_db else os.path.join(self.dir, "sharokey.db")
        self.log = os.path.join(self.dir, "server.log")  # its stderr, over every start
        self.token = TOKEN  # what call() and make_secret() send
        self.tokens_file = None
        if tokens is not None:
            self.tokens_file = os.path.join(self.dir, "tokens")
            with open(os.open(self.tokens_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
                f.write(tokens)
        self.proc = None
        try:
            self.start(*extra, env=env)
        except BaseException:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise

    def start(self, *extra, env=None):
        """Starts it (again, after stop() or kill()) on the same database;
        the port may change."""
        port_file = os.path.join(self.dir, "port")
        if os.path.exists(port_file):
            os.unlink(port_file)
        args = [self.binary, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file]
        if self.db is not None:
            args += ["--db", self.db]
        if self.tokens_file is not None:
            args += ["--tokens-file", self.tokens_file]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([*args, *extra], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=log, env=dict(os.environ, **(env or {})),
                                         preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_WAIT
        while True:
            try:
                with open(port_file, encoding="ascii") as f:
                    text = f.read().strip()
            except FileNotFoundError:
                text = ""
            if text.isdigit():
                break
            if self.proc.poll() is not None:
                self._fail_start("exited with status %d" % self.proc.returncode)
            if time.monotonic() > deadline:
                self._fail_start("did not write its port in %d s" % START_WAIT)
            time.sleep(0.01)
        self.port = int(text)
        self.base = "http://127.0.0.1:%d" % self.port
        self.api_url = self.base + "/api/v1"
        # What it prints once listening: its API URL (https:// with --tls-cert).
        self.first_line = self.proc.stdout.readline().decode().strip()

    def _fail_start(self, problem):
        self.kill()
        raise RuntimeError("sharokey-server %s:\n%s" % (problem, self.read_log()[-3000:]))

    def stop(self):
        """SIGTERM; the server must exit 0 (under ASan: without leaks)."""
        if self.proc is None:
            return
        code = 0
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(STOP_WAIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(STOP_WAIT)
                code = "timeout"
        self.proc.stdout.close()
        self.proc = None
        if code != 0:
            raise AssertionError("sharokey-server exit status %s on SIGTERM:\n%s"
                                 % (code, self.read_log()[-3000:]))

    def kill(self):
        """SIGKILL, as a crash would (durability tests start() it again)."""
        if self.proc is None:
            return
        self.proc.kill()
        self.proc.wait(STOP_WAIT)
        self.proc.stdout.close()
        self.proc = None

    def restart(self, *extra, env=None):
        self.stop()
        self.start(*extra, env=env)

    def close(self):
        """stop(), then the directory (database, log) goes."""
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback):
        if kind is not None and not (kind is SystemExit and not error.code):
            sys.stderr.write("--- server log ---\n" + self.read_log()[-4000:])
        self.close()

    def read_log(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def call(self, method, path, body=None, token=TOKEN, raw=None, headers=None):
        """One request; returns (status, headers, its JSON, else its bytes).
        A path under /api/, /s/, /r/, /assets/ or /health is taken from the
        server's root, any other from the API URL."""
        direct = path.startswith(("/api/", "/s/", "/r/", "/assets/")) or path == "/health"
        url = (self.base if direct else self.api_url) + path
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(url, data=data, method=method)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=CALL_WAIT) as response:
                status, answer_headers, payload = response.status, response.headers, response.read()
        except urllib.error.HTTPError as e:
            status, answer_headers, payload = e.code, e.headers, e.read()
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = payload
        return status, answer_headers, parsed

    def secret_count(self):
        return self._stat("/secrets-stats", "total_secrets")

    def request_count(self):
        return self._stat("/requests-stats", "total_requests")

    def _stat(self, path, name):
        status, _, body = self.call("GET", path)
        if status != 200:
            raise AssertionError("%s answered %s" % (path, status))
        return int(body["data"][name])

    def make_secret(self, plaintext, *args):
        """A secret encrypted by the library (sharokey-test-make-secret);
        returns its share URL."""
        result = subprocess.run([os.environ["SHAROKEY_TEST_MAKE_SECRET"], *args, "--post", self.api_url],
                                input=plaintext.encode(), capture_output=True, timeout=CALL_WAIT,
                                env=dict(os.environ, SHAROKEY_TOKEN=self.token))
        if result.returncode != 0:
            raise AssertionError(result.stderr.decode())
        return result.stdout.decode().strip()
