# SPDX-License-Identifier: LGPL-2.1-or-later
"""Helpers shared by the introspection tests (their sharokey-server is
sharokey_test_server.Server): a server that never answers, one that always
gives the same answer, checks in TAP form, and opening share links the way
the browser viewer does (sharokey-test-open)."""

import os
import socket
import subprocess
import sys
import threading

OPEN_TIMEOUT = 30.0


def die(message):
    print(f"{os.path.basename(sys.argv[0])}: {message}", file=sys.stderr)
    sys.exit(1)


def required_env(name):
    value = os.environ.get(name)
    if not value:
        die(f"{name} is not set; run this test through meson")
    return value


class BlackHole:
    """A TCP server that accepts connections and never answers (timeouts).

    ``open_connections`` counts the connections currently held open.
    """

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.api_url = f"http://127.0.0.1:{self.port}/api/v1"
        self._conns = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                self._reap()
                continue
            except OSError:
                return
            conn.setblocking(False)
            with self._lock:
                self._conns.append(conn)

    def _reap(self):
        # Forget connections the client has closed.
        with self._lock:
            alive = []
            for conn in self._conns:
                try:
                    if conn.recv(65536, socket.MSG_PEEK) == b"":
                        conn.close()
                        continue
                except BlockingIOError:
                    pass
                except OSError:
                    conn.close()
                    continue
                alive.append(conn)
            self._conns = alive

    @property
    def open_connections(self):
        self._reap()
        with self._lock:
            return len(self._conns)

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns = []


def open_share_url(url, password=None, attachments_dir=None):
    """Opens a share link like the viewer does; returns (status, bytes).

    The link goes on the opener's stdin, never on its command line, since
    its fragment is the key.
    """
    opener = required_env("SHAROKEY_TEST_OPEN")
    argv = [opener]
    if attachments_dir is not None:
        argv += ["--attachments", attachments_dir]
    env = dict(os.environ)
    env.pop("SHAROKEY_TEST_PASSWORD", None)
    if password is not None:
        env["SHAROKEY_TEST_PASSWORD"] = password
    done = subprocess.run(argv, input=url.encode("utf-8"), stdout=subprocess.PIPE,
                          env=env, timeout=OPEN_TIMEOUT)
    return done.returncode, done.stdout


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


class CannedServer:
    """An HTTP server on loopback that answers every request with the same
    status and body (to get server and protocol errors)."""

    def __init__(self, status, body, content_type="application/json"):
        import http.server

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                payload = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(2)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
