#!/usr/bin/python3
"""Figures of sharokey-server under hostile clients (docs/server.md):

  - descriptors held after 200 keep-alive connections closed by the client
  - peak RSS under 40 connections that each send 14 MiB of a 15 MiB body
    and stall, without a token and with one
  - creates per second, and reveals of a last view per second (each one
    destroys a secret), over one connection at a time

  server-under-attack.py [SERVER_BINARY]     (default: env SHAROKEY_SERVER)

Traffic stays on 127.0.0.0/8.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'common'))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'server'))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'hostile'))
if len(sys.argv) > 1:
    os.environ['SHAROKEY_SERVER'] = os.path.abspath(sys.argv[1])
import test_server_http  # noqa: E402
from test_server_http import secret_body  # noqa: E402
from sharokey_test_server import Server  # noqa: E402
from test_hostile_client import (connect, request_bytes, read_response, fd_count, stalled_uploads,  # noqa: E402
                                 TOKEN)

test_server_http.SERVER = os.environ['SHAROKEY_SERVER']


def rss_kb(pid, field='VmRSS'):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith(field + ':'):
                return int(line.split()[1])
    return 0


def closed_keepalive(server, n):
    for _ in range(n):
        sock = connect(server.port)
        sock.sendall(request_bytes('GET', '/health', token=None, headers=['Connection: keep-alive']))
        read_response(sock)
        sock.close()
    time.sleep(1)
    return fd_count(server.proc.pid)


def stalled_uploads_peak(server, token):
    socks = stalled_uploads(server.port, token, 60)
    time.sleep(1)
    answered = sum(1 for s in socks if s[1] is None)
    peak = rss_kb(server.proc.pid, 'VmHWM')
    for sock, _ in socks:
        sock.close()
    return peak, answered


def rate(server, n, action):
    start = time.monotonic()
    for _ in range(n):
        action()
    return n / (time.monotonic() - start)


def main():
    print('server: %s' % test_server_http.SERVER)

    server = Server()
    try:
        before = fd_count(server.proc.pid)
        after = closed_keepalive(server, 200)
        print('descriptors: %d before, %d after 200 closed keep-alive connections' % (before, after))
    finally:
        server.close()

    for label, token in (('without a token', None), ('with a valid token', TOKEN)):
        server = Server()
        try:
            base = rss_kb(server.proc.pid)
            peak, answered = stalled_uploads_peak(server, token)
            print('RSS, 40 stalled uploads of 14 MiB %s: %d MB at rest, peak %d MB (%d answered early)'
                  % (label, base // 1024, peak // 1024, answered))
        finally:
            server.close()

    server = Server()
    try:
        body = json.dumps(secret_body()).encode()

        def create():
            sock = connect(server.port)
            sock.sendall(request_bytes('POST', '/api/v1/secrets', body))
            status, _, reply = read_response(sock)
            sock.close()
            assert status == 201, reply
            return reply['data']['slug']

        print('creates: %.0f/s' % rate(server, 300, create))
        slugs = [create() for _ in range(300)]

        def reveal():
            sock = connect(server.port)
            sock.sendall(request_bytes('POST', '/api/v1/viewer/%s/reveal' % slugs.pop(), b'{}', token=None))
            assert read_response(sock)[0] == 200
            sock.close()

        print('reveals of a last view (destroying it): %.0f/s' % rate(server, 300, reveal))
    finally:
        server.close()


if __name__ == '__main__':
    main()
