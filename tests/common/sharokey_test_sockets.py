# SPDX-License-Identifier: LGPL-2.1-or-later
"""Loopback peers that are not a sharokey-server, for the error paths: a
port where nothing listens, one that accepts and never answers, and an HTTP
server that always gives the same answer."""

import http.server
import socket
import threading
import time

WAIT = 10  # seconds; every wait here is bounded


def refused_port():
    """A loopback port where nothing listens."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class BlackHole:
    """A TCP port that accepts connections and never answers: proof that
    nothing was sent (count()), or a server that stalls (timeouts,
    open_connections). A context manager."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.api_url = "http://127.0.0.1:%d/api/v1" % self.port
        self._accepted = 0
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
                self._accepted += 1
                self._conns.append(conn)

    def _reap(self):
        # Forget the connections their client has closed.
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
    def accepted(self):
        """Connections accepted so far, open or closed."""
        with self._lock:
            return self._accepted

    def count(self):
        """accepted, after a moment, so that a connection just made counts."""
        time.sleep(0.2)
        return self.accepted

    @property
    def open_connections(self):
        """Connections held open now."""
        self._reap()
        with self._lock:
            return len(self._conns)

    def close(self):
        self._stop.set()
        self._thread.join(WAIT)
        self.sock.close()
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class CannedServer:
    """An HTTP server on loopback that answers every request with the same
    status and body (server and protocol errors). A context manager."""

    def __init__(self, status, body, content_type="application/json"):
        payload = body.encode("utf-8")

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                # Read the request first: answering while the client still
                # sends would reset the connection instead.
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api_url = "http://127.0.0.1:%d/api/v1" % self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(WAIT)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
