#!/usr/bin/python3
"""A hostile client against the real sharokey-server, over loopback: deep
nesting, closed keep-alive connections, stalled and oversized uploads,
slow headers and bodies, lockout attempts, leftovers of destroyed secrets,
and the small input checks.

Every loop is bounded in count and in time; traffic stays in 127.0.0.0/8.

Run one group: test_hostile_client.py ClassName
"""
import base64
import glob
import json
import os
import resource
import select
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'server'))
from test_server_http import (ServerTestCase, secret_body, read_text,  # noqa: E402
                              peak_rss_kb, SERVER, TIMEOUT)
from sharokey_test_links import slug_of  # noqa: E402
from sharokey_test_server import TOKEN, Server  # noqa: E402

MIB = 1024 * 1024


def under_asan(pid):
    return 'libasan' in read_text('/proc/%d/maps' % pid)


def fd_count(pid):
    return len(os.listdir('/proc/%d/fd' % pid))


def wait_until(predicate, seconds=10):
    """Polls @predicate for at most @seconds; returns its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def connect(port, source='127.0.0.1'):
    sock = socket.create_connection(('127.0.0.1', port), timeout=TIMEOUT,
                                    source_address=(source, 0))
    return sock


def request_bytes(method, path, body=b'', token=TOKEN, headers=None, length=None):
    lines = ['%s %s HTTP/1.1' % (method, path), 'Host: 127.0.0.1']
    if token:
        lines.append('Authorization: Bearer ' + token)
    if body or length is not None:
        lines.append('Content-Type: application/json')
        lines.append('Content-Length: %d' % (len(body) if length is None else length))
    lines += list(headers or [])
    return ('\r\n'.join(lines) + '\r\n\r\n').encode() + body


def stalled_uploads(port, token, seconds):
    """40 connections from 40 addresses, each announcing a 15 MiB body, then
    sending up to 14 MiB of it and stalling, for at most @seconds. Returns
    [socket, bytes sent, or None once answered or closed] for each; the
    caller closes the sockets."""
    socks = []
    try:
        for i in range(40):
            sock = connect(port, '127.0.0.%d' % (i + 2))
            socks.append([sock, 0])
            sock.sendall(request_bytes('POST', '/api/v1/secrets', token=token, length=15 * MIB))
            sock.setblocking(False)
        piece = b' ' * 65536
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            active = [s for s in socks if s[1] is not None and s[1] < 14 * MIB]
            if not active:
                break
            readable, writable, _ = select.select([s[0] for s in active],
                                                  [s[0] for s in active], [], 1)
            for entry in active:
                if entry[0] in readable:
                    entry[1] = None        # answered: stop sending
                elif entry[0] in writable:
                    try:
                        entry[1] += entry[0].send(piece)
                    except (BlockingIOError, ConnectionError):
                        entry[1] = None
    except BaseException:
        for sock, _ in socks:
            sock.close()
        raise
    return socks


def read_response(sock):
    """Status, headers and parsed body of one answer (Content-Length framed)."""
    data = b''
    while b'\r\n\r\n' not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError('closed before the headers: %r' % data)
        data += chunk
    head, rest = data.split(b'\r\n\r\n', 1)
    lines = head.decode('latin-1').split('\r\n')
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, value = line.split(':', 1)
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get('content-length', '0'))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, json.loads(rest) if rest else None


def closed_by_server(sock, seconds):
    """True when the server ends the connection within @seconds (EOF or reset)."""
    sock.settimeout(seconds)
    try:
        while sock.recv(65536):
            pass
        return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except socket.timeout:
        return False


def nested(depth):
    return b'[' * depth + b']' * depth


class DeepNesting(ServerTestCase):
    """80 000 levels of brackets used to overflow json-glib's stack."""

    def test_public_reveal_survives(self):
        slug = slug_of(self.server.make_secret('deep', '--views', '1'))
        path = '/api/v1/viewer/%s/reveal' % slug
        # 160 KB: refused on its size alone, the public routes take a few KB.
        status, _, body = self.server.call('POST', path, raw=nested(80000), token=None)
        self.assertEqual(status, 413, body)
        self.assertEqual(body['error']['code'], 'PAYLOAD_TOO_LARGE')
        # Deep but small enough to reach the parser: refused by depth.
        status, _, body = self.server.call('POST', path, raw=nested(4000), token=None)
        self.assertEqual(status, 422, body)
        self.assertEqual(body['error']['code'], 'VALIDATION_ERROR')
        self.assertIn('body', body['error']['details'])
        # The secret is still there, and so is the server.
        self.assertEqual(self.server.call('GET', '/api/v1/viewer/' + slug, token=None)[0], 200)

    def test_authenticated_routes_survive(self):
        request_token = self.server.call('POST', '/requests', {})[2]['data']['token']
        # Only a create and the answer to a request take 160 KB; the other
        # routes refuse it on its size.
        for path, token, status_80000 in (('/secrets', TOKEN, 422), ('/requests', TOKEN, 413),
                                          ('/api/v1/respond/' + request_token, None, 422)):
            for depth, expected in ((80000, status_80000), (4000, 422), (65, 422)):
                with self.subTest(path=path, depth=depth):
                    status, _, body = self.server.call('POST', path, raw=nested(depth), token=token)
                    self.assertEqual(status, expected, body)
                    if expected == 422:
                        self.assertIn('nests deeper than 64', body['message'])
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)
        # 64 levels are parsed (and refused for what they hold).
        status, _, body = self.server.call('POST', '/secrets', raw=b'{"a":' + nested(63) + b'}')
        self.assertEqual(status, 422)
        self.assertNotIn('nests deeper', body['message'])


class KeepAlive(ServerTestCase):
    """A plain-HTTP connection serves request after request. libsoup 3.2
    keeps an idle keep-alive connection that its client closes in
    CLOSE-WAIT, one descriptor each: the server must release them."""

    def closed_keepalive_connections(self, n, requests=2):
        for _ in range(n):
            sock = connect(self.server.port)
            for _ in range(requests):
                sock.sendall(request_bytes('GET', '/health', token=None))
                status, headers, _ = read_response(sock)
                self.assertEqual(status, 200)
                self.assertNotEqual(headers.get('connection'), 'close')
            sock.close()

    def test_requests_share_a_connection(self):
        sock = connect(self.server.port)
        try:
            body = json.dumps(secret_body()).encode()
            answers = []
            for method, path, payload in [('GET', '/health', b''),
                                          ('POST', '/api/v1/secrets', body),
                                          ('POST', '/api/v1/secrets', body),
                                          ('GET', '/api/v1/secrets', b'')]:
                sock.sendall(request_bytes(method, path, payload))
                answers.append(read_response(sock))
            self.assertEqual([status for status, _, _ in answers], [200, 201, 201, 200])
            self.assertNotEqual(answers[1][2]['data']['slug'], answers[2][2]['data']['slug'])
        finally:
            sock.close()

    def test_connection_close_is_honoured(self):
        sock = connect(self.server.port)
        try:
            sock.sendall(request_bytes('GET', '/health', token=None, headers=['Connection: close']))
            self.assertEqual(read_response(sock)[0], 200)
            self.assertTrue(closed_by_server(sock, 10), 'connection kept open after "close"')
        finally:
            sock.close()
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)

    def test_descriptors_stay_flat(self):
        pid = self.server.proc.pid
        self.closed_keepalive_connections(5)
        baseline = fd_count(pid)
        self.closed_keepalive_connections(200)
        after = wait_until(lambda: fd_count(pid) <= baseline + 2 and fd_count(pid))
        self.assertTrue(after, 'descriptors of the server: %d before, %d after 200 connections'
                        % (baseline, fd_count(pid)))

    def test_idle_connection_closed_by_the_client_is_released(self):
        pid = self.server.proc.pid
        self.closed_keepalive_connections(2)
        # Once the connections closed above are released.
        previous = [fd_count(pid)]

        def settled():
            time.sleep(0.2)
            count, previous[0] = previous[0], fd_count(pid)
            return count == previous[0] and count
        baseline = wait_until(settled)
        idle = [connect(self.server.port) for _ in range(20)]
        for sock in idle:
            sock.sendall(request_bytes('GET', '/health', token=None))
            self.assertEqual(read_response(sock)[0], 200)
        # Twenty idle kept-alive connections hold twenty descriptors...
        self.assertTrue(wait_until(lambda: fd_count(pid) >= baseline + 20),
                        'descriptors: %d, baseline %d' % (fd_count(pid), baseline))
        for sock in idle:
            sock.close()
        # ...and give them back once their clients close them.
        self.assertTrue(wait_until(lambda: fd_count(pid) <= baseline + 2),
                        'descriptors: %d, baseline %d' % (fd_count(pid), baseline))
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)

    def test_serves_under_64_descriptors(self):
        resource.prlimit(self.server.proc.pid, resource.RLIMIT_NOFILE, (64, 64))
        self.closed_keepalive_connections(200)
        self.assertEqual(self.server.call('POST', '/secrets', secret_body())[0], 201)
        # More clients at once than descriptors: accepting fails for a
        # while, and must resume once they are gone.
        burst = [connect(self.server.port, '127.0.0.%d' % (2 + i % 50)) for i in range(80)]
        time.sleep(0.5)
        for sock in burst:
            sock.close()
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)
        self.closed_keepalive_connections(20)
        self.assertIn('cannot accept a connection', self.server.read_log())


class Exhaustion(ServerTestCase):
    """Bodies are capped per route and refused from their headers alone."""

    server_args = ('--header-timeout', '1', '--body-timeout', '1')

    def upload(self, path, size, token, source='127.0.0.1'):
        """Sends the headers of a @size body, then the body in 64 KiB pieces
        until the server answers; returns (status, body, bytes sent)."""
        sock = connect(self.server.port, source)
        sock.sendall(request_bytes('POST', path, token=token, length=size))
        piece = b' ' * 65536
        sent = 0
        sock.setblocking(False)
        deadline = time.monotonic() + TIMEOUT
        try:
            while sent < size and time.monotonic() < deadline:
                readable, writable, _ = select.select([sock], [sock], [], 1)
                if readable:
                    break
                if writable:
                    try:
                        sent += sock.send(piece[:min(len(piece), size - sent)])
                    except BlockingIOError:
                        pass
            sock.setblocking(True)
            sock.settimeout(TIMEOUT)
            status, _, body = read_response(sock)
        finally:
            sock.close()
        return status, body, sent

    def test_unauthenticated_body_is_not_read(self):
        size = 15 * MIB
        status, body, sent = self.upload('/api/v1/secrets', size, 'wrong-token-0123456789')
        self.assertEqual(status, 401, body)
        self.assertEqual(body['error']['code'], 'AUTHENTICATION_ERROR')
        self.assertLess(sent, size)
        status, body, sent = self.upload('/api/v1/secrets', size, None)
        self.assertEqual(status, 401, body)
        self.assertLess(sent, size)

    def test_per_route_caps(self):
        # Large enough not to fit in the socket buffers.
        size = 16 * MIB
        for path, token in (('/api/v1/viewer/ANY/reveal', None), ('/api/v1/respond/ANY', None),
                            ('/api/v1/requests', TOKEN), ('/api/v1/secrets', TOKEN)):
            with self.subTest(path=path):
                status, body, sent = self.upload(path, size, token)
                self.assertEqual(status, 413, body)
                self.assertEqual(body['error']['code'], 'PAYLOAD_TOO_LARGE')
                self.assertLess(sent, size)
        # A create with a valid token keeps its large cap.
        status, _, body = self.server.call('POST', '/secrets', raw=b' ' * (2 * MIB) + json.dumps(
            secret_body()).encode())
        self.assertEqual(status, 201, body)

    def test_stalled_uploads_keep_memory_bounded(self):
        pid = self.server.proc.pid
        baseline = peak_rss_kb(pid)
        socks = stalled_uploads(self.server.port, None, 20)  # without a valid token
        try:
            self.assertEqual([s for s in socks if s[1] is not None], [],
                             'connections neither answered nor closed')
            if not under_asan(pid):
                self.assertLess(peak_rss_kb(pid) - baseline, 48 * 1024)
            self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)
        finally:
            for sock, _ in socks:
                sock.close()

    def test_slow_headers_are_cut(self):
        sock = connect(self.server.port)
        try:
            sock.sendall(b'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n')
            self.assertTrue(closed_by_server(sock, 20), 'slow headers kept open')
        finally:
            sock.close()
        self.assertIn('request headers not received in time', self.server.read_log())

    def test_slow_body_is_cut(self):
        sock = connect(self.server.port)
        try:
            sock.sendall(request_bytes('POST', '/api/v1/secrets', length=1000) + b'{"content"')
            self.assertTrue(closed_by_server(sock, 20), 'slow body kept open')
        finally:
            sock.close()
        self.assertIn('request body not received in time', self.server.read_log())
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)


class IdleTimeout(ServerTestCase):
    server_args = ('--header-timeout', '1')

    def test_idle_connection_is_closed(self):
        pid = self.server.proc.pid
        baseline = fd_count(pid)
        sock = connect(self.server.port)
        try:
            sock.sendall(request_bytes('GET', '/health', token=None))
            self.assertEqual(read_response(sock)[0], 200)
            # No next request within --header-timeout: the server ends it.
            self.assertTrue(closed_by_server(sock, 20), 'idle connection kept open')
        finally:
            sock.close()
        self.assertTrue(wait_until(lambda: fd_count(pid) <= baseline),
                        'descriptors: %d, baseline %d' % (fd_count(pid), baseline))

    def test_slow_headers_of_a_second_request_are_cut(self):
        sock = connect(self.server.port)
        try:
            sock.sendall(request_bytes('GET', '/health', token=None))
            self.assertEqual(read_response(sock)[0], 200)
            sock.sendall(b'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n')
            self.assertTrue(closed_by_server(sock, 20), 'slow headers kept open')
        finally:
            sock.close()
        self.assertIn('request headers not received in time', self.server.read_log())
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)


class SlowReader(ServerTestCase):
    server_args = ('--body-timeout', '1')

    def test_unread_answer_is_cut(self):
        # 8 MiB of attachment: more than the socket buffers take.
        attachment = base64.b64encode(os.urandom(8 * MIB)).decode()
        status, _, created = self.server.call('POST', '/secrets', secret_body(
            attachments=[{'name': 'big.bin', 'data': attachment}]))
        self.assertEqual(status, 201, created)
        sock = connect(self.server.port)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        try:
            sock.sendall(request_bytes('POST', '/api/v1/viewer/%s/reveal' % created['data']['slug'],
                                       b'{}', token=None))
            self.assertTrue(wait_until(lambda: 'answer not read in time' in self.server.read_log(), 20))
        finally:
            sock.close()
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)


class Uploads(ServerTestCase):
    """A token may have 4 large bodies in flight, not one per connection."""

    def start_upload(self, source):
        sock = connect(self.server.port, source)
        sock.sendall(request_bytes('POST', '/api/v1/secrets', length=15 * MIB) + b' ' * 65536)
        return sock

    def test_large_uploads_per_account(self):
        held = [self.start_upload('127.0.0.%d' % (i + 2)) for i in range(5)]
        try:
            # Whichever comes fifth is refused, the others wait for their body.
            answered, _, _ = select.select(held, [], [], TIMEOUT)
            self.assertEqual(len(answered), 1)
            status, headers, body = read_response(answered[0])
            self.assertEqual(status, 429, body)
            self.assertIn('retry-after', headers)
            self.assertEqual(select.select(held, [], [], 0.5)[0], answered)
            # Small bodies of the same account are still served.
            self.assertEqual(self.server.call('POST', '/secrets', secret_body())[0], 201)
        finally:
            for sock in held:
                sock.close()

        def accepted():
            status, _, _ = self.server.call('POST', '/secrets', raw=b' ' * (128 * 1024) + json.dumps(
                secret_body()).encode())
            return status == 201
        self.assertTrue(wait_until(accepted))


class ConnectionCap(ServerTestCase):
    server_args = ('--connections-per-address', '4')

    def test_per_address_cap(self):
        held = [connect(self.server.port, '127.0.0.2') for _ in range(4)]
        try:
            extra = connect(self.server.port, '127.0.0.2')
            extra.sendall(request_bytes('GET', '/health', token=None))
            status, headers, body = read_response(extra)
            extra.close()
            self.assertEqual(status, 429, body)
            self.assertIn('retry-after', headers)
            # Another address is served.
            other = connect(self.server.port, '127.0.0.3')
            other.sendall(request_bytes('GET', '/health', token=None))
            self.assertEqual(read_response(other)[0], 200)
            other.close()
        finally:
            for sock in held:
                sock.close()
        # Once they are closed, the address is served again.
        def served():
            sock = connect(self.server.port, '127.0.0.2')
            sock.sendall(request_bytes('GET', '/health', token=None))
            status = read_response(sock)[0]
            sock.close()
            return status == 200
        self.assertTrue(wait_until(served))

    def test_cap_counts_connections_not_requests(self):
        held = [connect(self.server.port, '127.0.0.2') for _ in range(4)]
        try:
            for _ in range(10):
                for sock in held:
                    sock.sendall(request_bytes('GET', '/health', token=None))
                    self.assertEqual(read_response(sock)[0], 200)
        finally:
            for sock in held:
                sock.close()


class Lockout(ServerTestCase):
    """Wrong passwords or codes from one address must not lock out another."""

    def reveal_from(self, source, slug, body):
        sock = connect(self.server.port, source)
        data = json.dumps(body).encode()
        sock.sendall(request_bytes('POST', '/api/v1/viewer/%s/reveal' % slug, data, token=None))
        status = read_response(sock)[0]
        sock.close()
        return status

    def test_wrong_passwords_from_another_address(self):
        slug = slug_of(self.server.make_secret('locked?', '--views', '1', '--password', 'right-password'))
        statuses = [self.reveal_from('127.0.0.2', slug, {'password': 'wrong-%d' % i}) for i in range(11)]
        self.assertEqual(statuses, [403] * 10 + [429])
        self.assertEqual(self.reveal_from('127.0.0.3', slug, {'password': 'right-password'}), 200)

    def otp_code(self, slug):
        lines = [l for l in self.server.read_log().splitlines() if 'one-time code for secret ' + slug in l]
        return lines[-1].rsplit(': ', 1)[1].strip() if lines else None

    def test_resend_keeps_the_first_code(self):
        slug = slug_of(self.server.make_secret('otp', '--views', '1', '--otp-email', 'bob@example.com'))
        api = '/api/v1/viewer/%s/otp' % slug
        self.assertEqual(self.server.call('POST', api, {}, token=None)[0], 200)
        first = self.otp_code(slug)
        # Someone else asks again: the recipient's code still works.
        self.assertEqual(self.server.call('POST', api, {}, token=None)[0], 200)
        self.assertEqual(self.reveal_from('127.0.0.3', slug, {'otp_code': first}), 200)

    def test_resends_are_limited_per_secret(self):
        slug = slug_of(self.server.make_secret('otp', '--views', '1', '--otp-email', 'bob@example.com'))
        api = '/api/v1/viewer/%s/otp' % slug
        statuses = [self.server.call('POST', api, {}, token=None)[0] for _ in range(4)]
        self.assertEqual(statuses, [200, 200, 200, 429])


class DestroyedLeavesNoTrace(unittest.TestCase):
    """Once destroyed, a secret's ciphertext, IV, salt and keyA are in no
    file of the data directory."""

    CONTENT = bytes([0xA5, 0x5A, 0xC3, 0x3C]) * 12
    IV = bytes([0x96, 0x69, 0x0F, 0xF0]) * 3
    SALT = bytes([0x81, 0x18, 0xE7, 0x7E]) * 4
    KEY = 'WipeMe42'
    ATTACHMENT = bytes([0xB4, 0x4B, 0xD2, 0x2D]) * 64

    def setUp(self):
        self.clock = None
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.close()

    def start(self, *extra, env=None):
        self.server = Server(*extra, env=env)
        self.data_dir = os.path.dirname(self.server.db)

    def traces(self):
        forms = [self.CONTENT, self.IV, self.SALT, self.KEY.encode(), self.ATTACHMENT]
        forms += [base64.b64encode(f) for f in forms]
        # Any 24-character run of each base64 form: survives partial copies.
        found = []
        for path in glob.glob(glob.escape(self.server.db) + '*'):
            with open(path, 'rb') as f:
                data = f.read()
            found += ['%s: %r' % (os.path.basename(path), form[:24]) for form in forms
                      if form[:24] in data]
        return found

    def create(self):
        body = secret_body(content=base64.b64encode(self.CONTENT).decode(),
                           iv=base64.b64encode(self.IV).decode(),
                           salt=base64.b64encode(self.SALT).decode(), key=self.KEY,
                           attachments=[{'name': 'a.bin', 'data': base64.b64encode(self.ATTACHMENT).decode()}],
                           maximum_views=1, expiration_hours=1)
        status, _, created = self.server.call('POST', '/secrets', body)
        self.assertEqual(status, 201, created)
        self.assertTrue(self.traces(), 'the test does not find a live secret')
        return created['data']['slug']

    def test_last_view(self):
        self.start()
        slug = self.create()
        status, _, body = self.server.call('POST', '/api/v1/viewer/%s/reveal' % slug, {}, token=None)
        self.assertEqual(status, 200, body)
        self.assertEqual(self.traces(), [])

    def test_delete(self):
        self.start()
        slug = self.create()
        self.assertEqual(self.server.call('DELETE', '/secrets/' + slug)[0], 200)
        self.assertEqual(self.traces(), [])

    def test_expiry_sweep(self):
        clock = os.path.join(os.environ.get('TMPDIR', '/tmp'), 'sharokey-clock-%d' % os.getpid())
        with open(clock, 'w') as f:
            f.write('0')
        try:
            self.start(env={'SHAROKEY_SERVER_CLOCK_FILE': clock, 'SHAROKEY_SERVER_SWEEP_SECONDS': '1'})
            self.create()
            with open(clock, 'w') as f:
                f.write('7200')
            # No request: only the periodic sweep can destroy it.
            leftovers = wait_until(lambda: not self.traces(), 15)
            self.assertTrue(leftovers, self.traces())
        finally:
            os.unlink(clock)


class HostileLanguages(ServerTestCase):
    """Accept-Language is the visitor's: whatever it holds, the page comes
    back, in French only when French is asked for (tests/fuzz/fuzz-language.c
    feeds it arbitrary bytes)."""

    def page_language(self, value):
        sock = connect(self.server.port)
        try:
            sock.sendall(request_bytes('GET', '/s/ABCDEFGH', token=None,
                                       headers=['Accept-Language: ' + value]))
            data = b''
            while b'\r\n\r\n' not in data:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        finally:
            sock.close()
        head = data.split(b'\r\n\r\n', 1)[0].decode('latin-1').split('\r\n')
        headers = dict(line.split(':', 1) for line in head[1:] if ':' in line)
        return int(head[0].split()[1]), headers.get('Content-Language', '').strip()

    def test_odd_values_give_a_page(self):
        cases = {
            '../../../../etc/passwd': 'en',
            'fr/../../../../etc': 'en',
            'fr_FR/../..;q=1': 'en',
            '%2e%2e%2ffr': 'en',
            ', ,;;q=,=': 'en',
            ';q=1': 'en',                  # an empty tag (it once crashed the server)
            'fr, ;q=0.5': 'fr',
            'fr;q=0, *;q=0.5': 'en',
            'zz-ZZ, xx, fr;q=0.1': 'fr',
            'FR-ch': 'fr',
            ','.join('l%03d' % i for i in range(2000)): 'en',
            'fr;q=' + '9' * 5000: None,    # a quality that is no number: either
        }
        for value, language in cases.items():
            with self.subTest(value=value[:40]):
                status, got = self.page_language(value)
                self.assertEqual(status, 200)
                self.assertIn(got, ('en', 'fr') if language is None else (language,))


class InputChecks(ServerTestCase):
    def test_server_header_has_no_version(self):
        for path, token in (('/health', None), ('/secrets', TOKEN), ('/secrets', 'wrong-token-0123456789')):
            with self.subTest(path=path):
                headers = self.server.call('GET', path, token=token)[1]
                self.assertEqual(headers['Server'], 'sharokey-server')

    def test_short_tokens_are_refused_at_start(self):
        for token in ('fifteen-chars-x', 'abcd'):
            with self.subTest(token=token):
                result = __import__('subprocess').run(
                    [SERVER, '--token', token, '--port', '0', '--db', '/nonexistent/never/created.db'],
                    capture_output=True, text=True, timeout=TIMEOUT)
                self.assertEqual(result.returncode, 1)
                self.assertEqual(result.stderr,
                                 'sharokey-server: A token must have at least 16 characters and no spaces\n')
                self.assertNotIn(token, result.stderr)

    def test_plus_five_is_not_an_integer(self):
        for value in ('+5', ' 5', '5 ', '5\n', '0x5', '5.0'):
            with self.subTest(value=value):
                status, _, body = self.server.call('POST', '/secrets', secret_body(maximum_views=value))
                self.assertEqual(status, 422, body)
                self.assertIn('maximum_views', body['error']['details'])
        self.assertEqual(self.server.call('POST', '/secrets', secret_body(maximum_views='5'))[0], 201)

    def test_total_size_without_attachments(self):
        for extra in ({'attachments_total_size': 10}, {'attachments_total_size': 0},
                      {'attachments_total_size': 10, 'attachments': None}):
            with self.subTest(extra=extra):
                status, _, body = self.server.call('POST', '/secrets', secret_body(**extra))
                self.assertEqual(status, 422, body)
                self.assertIn('attachments_total_size', body['error']['details'])

    def test_attachment_members_of_wrong_types(self):
        # Found by fuzzing: an array or object as a name or data was a
        # critical in json-glib, fatal under G_DEBUG=fatal-criticals.
        for name, data in (([], {}), ({}, []), (5, None), (None, 5), ('a.txt', ['x'])):
            with self.subTest(name=name, data=data):
                status, _, reply = self.server.call('POST', '/secrets', secret_body(
                    attachments=[{'name': name, 'data': data}]))
                self.assertEqual(status, 422, reply)
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)

    def test_controls_and_bidi_overrides(self):
        tag = base64.b64encode(os.urandom(32)).decode()
        for char in ('\x1b', '\x01', '\x7f', '\x85', '\u202a', '\u202e', '\u2066', '\u2069'):
            for field in ('description', 'message', 'name'):
                with self.subTest(char=repr(char), field=field):
                    if field == 'name':
                        body = secret_body(attachments=[{'name': 'a%sb.txt' % char, 'data': tag}])
                        detail = 'attachments.0.name'
                    else:
                        body = secret_body(**{field: 'a%sb' % char})
                        detail = field
                    status, _, reply = self.server.call('POST', '/secrets', body)
                    self.assertEqual(status, 422, reply)
                    self.assertIn(detail, reply['error']['details'])
        # Requests take the same check.
        status, _, reply = self.server.call('POST', '/requests', {'message': 'pay \u202egnp.exe'})
        self.assertEqual(status, 422, reply)
        # Plain text with newlines, tabs and other scripts stays accepted.
        status, _, reply = self.server.call('POST', '/secrets', secret_body(
            message='ligne 1\n\tligne 2 — ça marche', description='שלום مرحبا'))
        self.assertEqual(status, 201, reply)


if __name__ == '__main__':
    unittest.main(argv=sys.argv[:1] + sys.argv[1:])
