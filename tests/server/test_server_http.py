#!/usr/bin/python3
"""HTTP-level tests of sharokey-server: every endpoint and error shape,
against the real binary over loopback (urllib only).

Run one group: test_server_http.py ClassName
"""
import base64
import concurrent.futures
import http.client
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from sharokey_test_links import open_link, slug_of
from sharokey_test_server import Server

SERVER = os.environ.get('SHAROKEY_SERVER')
MAKE_SECRET = os.environ.get('SHAROKEY_TEST_MAKE_SECRET')
TIMEOUT = 30


def b64(n, fill=None):
    data = os.urandom(n) if fill is None else bytes([fill]) * n
    return base64.b64encode(data).decode()


def secret_body(**overrides):
    body = {'content': b64(40), 'iv': b64(12), 'salt': b64(16), 'key': 'AbCdEf12',
            'maximum_views': 1, 'expiration_hours': 24}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not DROP}


DROP = object()


def read_text(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def peak_rss_kb(pid):
    for line in read_text('/proc/%d/status' % pid).splitlines():
        if line.startswith('VmHWM:'):
            return int(line.split()[1])
    raise AssertionError('no VmHWM')


def self_signed_certificate(directory):
    """A certificate for 127.0.0.1 and its key, in DIRECTORY; their paths."""
    cert, key = os.path.join(directory, 'cert.pem'), os.path.join(directory, 'key.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
                    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'],
                   check=True, capture_output=True, timeout=TIMEOUT)
    return cert, key


class ServerTestCase(unittest.TestCase):
    server_args = ()

    def setUp(self):
        self.server = Server(*self.server_args)

    def tearDown(self):
        self.server.close()

    def assertError(self, result, status, code):
        st, headers, body = result
        self.assertEqual(st, status, body)
        self.assertIs(body['success'], False)
        self.assertEqual(body['error']['code'], code)
        self.assertTrue(body['message'])
        self.assertEqual(body['message'], body['error']['message'])
        self.assertRegex(body['timestamp'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$')
        self.assertRegex(body['request_id'], r'^req_[A-Za-z0-9]{16}$')
        self.assertEqual(headers['X-Request-Id'], body['request_id'])
        return body

    def create(self, **overrides):
        status, _, body = self.server.call('POST', '/secrets', secret_body(**overrides))
        self.assertEqual(status, 201, body)
        return body['data']


class HealthAndAuth(ServerTestCase):
    def test_prints_api_url(self):
        self.assertEqual(self.server.first_line, self.server.api_url)

    def test_health_without_token(self):
        for path in ('/health', '/api/v1/health'):
            status, _, body = self.server.call('GET', path, token=None)
            self.assertEqual(status, 200)
            self.assertIs(body['success'], True)
            self.assertEqual(body['status'], 'ok')
            self.assertTrue(body['version'])
            self.assertTrue(body['timestamp'].endswith('Z'))

    def test_missing_and_unknown_tokens(self):
        for token in (None, 'wrong-token', ''):
            result = self.server.call('GET', '/secrets', token=token)
            self.assertError(result, 401, 'AUTHENTICATION_ERROR')
            self.assertTrue(result[2]['request_id'].startswith('req_'))
        self.assertError(self.server.call('POST', '/secrets', secret_body(), token='nope'),
                         401, 'AUTHENTICATION_ERROR')
        self.assertError(self.server.call('GET', '/secrets', token=None,
                                          headers={'Authorization': 'Basic dGVzdA=='}),
                         401, 'AUTHENTICATION_ERROR')

    def test_unknown_path_and_method(self):
        self.assertError(self.server.call('GET', '/api/v1/nothing'), 404, 'NOT_FOUND')
        self.assertError(self.server.call('PUT', '/secrets', {}), 405, 'METHOD_NOT_ALLOWED')
        self.assertError(self.server.call('GET', '/s/abc/def', token=None), 404, 'NOT_FOUND')
        slug = self.server.call('POST', '/secrets', secret_body())[2]['data']['slug']
        self.assertError(self.server.call('GET', '/api/v1/viewer/%s/reveal' % slug, token=None),
                         405, 'METHOD_NOT_ALLOWED')
        self.assertError(self.server.call('DELETE', '/api/v1/viewer/' + slug, token=None), 405, 'METHOD_NOT_ALLOWED')
        self.assertError(self.server.call('GET', '/api/v1/viewer/%s/other' % slug, token=None), 404, 'NOT_FOUND')
        token = self.server.call('POST', '/requests', {})[2]['data']['token']
        self.assertError(self.server.call('DELETE', '/api/v1/respond/' + token, token=None), 405, 'METHOD_NOT_ALLOWED')
        self.assertError(self.server.call('DELETE', '/secrets-stats'), 405, 'METHOD_NOT_ALLOWED')

    def test_server_error_shape(self):
        # A store that refuses writes (a trigger added behind the server's
        # back) gives 500 SERVER_ERROR in the error envelope.
        db = sqlite3.connect(self.server.db)
        for table in ('secrets', 'requests'):
            db.execute("CREATE TRIGGER refuse_%s BEFORE INSERT ON %s BEGIN SELECT RAISE(ABORT, 'refused'); END"
                       % (table, table))
        db.commit()
        db.close()
        self.assertError(self.server.call('POST', '/secrets', secret_body()), 500, 'SERVER_ERROR')
        self.assertError(self.server.call('POST', '/requests', {}), 500, 'SERVER_ERROR')
        self.assertEqual(self.server.call('GET', '/secrets')[2]['data']['pagination']['total'], 0)

    def test_not_json_body(self):
        body = self.assertError(self.server.call('POST', '/secrets', raw=b'{not json'),
                                422, 'VALIDATION_ERROR')
        self.assertIn('body', body['error']['details'])


class Secrets(ServerTestCase):
    def test_create_shape(self):
        status, _, body = self.server.call('POST', '/secrets', secret_body(
            maximum_views=3, expiration_hours=48, description='db password', message='for you',
            password='s3cret!', ip_whitelist='203.0.113.5,198.51.100.0/24', geolocation='FR,US',
            attachments=[{'name': 'a.txt', 'data': b64(80), 'size': 64}], attachments_total_size=64))
        self.assertEqual(status, 201)
        self.assertIs(body['success'], True)
        self.assertEqual(body['message'], 'Secret created successfully')
        self.assertEqual(body['meta']['version'], 'v1')
        data = body['data']
        self.assertEqual(len(data['slug']), 10)
        self.assertTrue(data['slug'].isalnum())
        self.assertEqual(data['creator'], 'alice@example.com')
        self.assertEqual(data['maximum_views'], 3)
        self.assertEqual(data['current_views'], 0)
        self.assertEqual(data['expires_in_hours'], 48)
        self.assertEqual(data['status'], 'active')
        self.assertIs(data['is_expired'], False)
        self.assertIs(data['has_password'], True)
        self.assertIs(data['has_ip_restriction'], True)
        self.assertIs(data['has_geo_restriction'], True)
        self.assertIs(data['has_attachments'], True)
        self.assertEqual(data['attachments_count'], 1)
        self.assertEqual(data['attachments'], [{'name': 'a.txt'}])
        self.assertEqual(data['description'], 'db password')
        self.assertEqual(data['access_url'], self.server.base + '/s/' + data['slug'])
        self.assertRegex(data['expiration'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$')
        self.assertRegex(data['created_at'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$')
        for secret_field in ('content', 'iv', 'salt', 'key', 'password'):
            self.assertNotIn(secret_field, data)

    def test_numbers_as_strings(self):
        data = self.create(maximum_views='4', expiration_hours='2')
        self.assertEqual(data['maximum_views'], 4)
        self.assertEqual(data['expires_in_hours'], 2)

    def test_strongest_protection_only(self):
        data = self.create(password='abcd1234', captcha=True, otp_type='email',
                           otp_receiver='bob@example.com')
        self.assertIs(data['has_otp'], True)
        self.assertEqual(data['otp_type'], 'email')
        self.assertIs(data['has_password'], False)
        self.assertIs(data['has_captcha'], False)
        legacy = self.create(otp_phone='+33674747474', otp_email=None)
        self.assertEqual(legacy['otp_type'], 'phone')

    def test_get_and_delete(self):
        slug = self.create(attachments=[{'name': 'f.bin', 'data': b64(100), 'size': 84}])['slug']
        status, _, body = self.server.call('GET', '/secrets/' + slug)
        self.assertEqual(status, 200)
        self.assertEqual(body['data']['slug'], slug)
        self.assertNotIn('content', body['data'])

        status, _, body = self.server.call('DELETE', '/secrets/' + slug)
        self.assertEqual(status, 200)
        self.assertEqual(body['data']['status'], 'expired')
        self.assertIs(body['data']['is_expired'], True)
        # Metadata is kept; ciphertext, keyA and attachments are wiped.
        status, _, body = self.server.call('GET', '/secrets/' + slug)
        self.assertEqual(body['data']['status'], 'expired')
        self.assertEqual(body['data']['attachments_count'], 1)
        db = sqlite3.connect(self.server.db)
        row = db.execute('SELECT content, iv, salt, key_a FROM secrets WHERE slug = ?', (slug,)).fetchone()
        self.assertEqual(row, (None, None, None, None))
        self.assertEqual(db.execute('SELECT COUNT(*) FROM attachments').fetchone()[0], 0)
        db.close()
        # The viewer no longer serves it.
        self.assertError(self.server.call('POST', '/api/v1/viewer/%s/reveal' % slug, {}, token=None),
                         404, 'GONE')

    def test_unknown_slug(self):
        self.assertError(self.server.call('GET', '/secrets/NOPE123456'), 404, 'NOT_FOUND')
        self.assertError(self.server.call('DELETE', '/secrets/NOPE123456'), 404, 'NOT_FOUND')


class Validation(ServerTestCase):
    def check(self, fields, overrides):
        status, _, body = self.server.call('POST', '/secrets', secret_body(**overrides))
        self.assertEqual(status, 422, (overrides, body))
        self.assertEqual(body['error']['code'], 'VALIDATION_ERROR')
        details = body['error']['details']
        for field in fields:
            self.assertIn(field, details, (overrides, details))
            self.assertIsInstance(details[field], list)
            self.assertTrue(all(isinstance(m, str) and m for m in details[field]))
        first = next(iter(details.values()))[0]
        self.assertEqual(body['error']['message'], first)
        return details

    def test_every_field(self):
        long = 'x' * 256
        cases = [
            (['content'], {'content': DROP}),
            (['content'], {'content': 'not base64!'}),
            (['content'], {'content': b64(255 * 4 + 17)}),
            (['content'], {'content': b64(16)}),
            (['iv'], {'iv': b64(16)}),
            (['iv'], {'iv': DROP}),
            (['salt'], {'salt': b64(12)}),
            (['key'], {'key': 'short'}),
            (['key'], {'key': 'AbCd-f12'}),
            (['maximum_views'], {'maximum_views': 0}),
            (['maximum_views'], {'maximum_views': 1001}),
            (['maximum_views'], {'maximum_views': 'many'}),
            (['maximum_views'], {'maximum_views': DROP}),
            (['expiration_hours'], {'expiration_hours': 0}),
            (['expiration_hours'], {'expiration_hours': 8761}),
            (['description'], {'description': long}),
            (['message'], {'message': long}),
            (['message'], {'message': 42}),
            (['password'], {'password': 'abc'}),
            (['password'], {'password': 'p' * 101}),
            (['otp_email'], {'otp_email': 'a@b.co', 'otp_phone': '+33674747474'}),
            (['otp_type'], {'otp_type': 'pigeon', 'otp_receiver': 'x'}),
            (['otp_receiver'], {'otp_type': 'email', 'otp_receiver': 'not-an-email'}),
            (['otp_receiver'], {'otp_type': 'phone', 'otp_receiver': '0674747474'}),
            (['ip_whitelist'], {'ip_whitelist': '10.0.0.1'}),
            (['ip_whitelist'], {'ip_whitelist': '300.1.1.1'}),
            (['ip_whitelist'], {'ip_whitelist': '10.0.0.0/222'}),
            (['ip_whitelist'], {'ip_whitelist': '10.0.0.0/22222222228'}),
            (['geolocation'], {'geolocation': 'FR,XX'}),
            (['attachments'], {'attachments': [{'name': 'f%d' % i, 'data': b64(32)} for i in range(11)]}),
            (['attachments'], {'attachments': 'nope'}),
            (['attachments.0.data'], {'attachments': [{'name': 'f', 'data': '***'}]}),
            (['attachments.0.name'], {'attachments': [{'name': '', 'data': b64(32)}]}),
        ]
        for fields, overrides in cases:
            with self.subTest(overrides=str(overrides)[:80]):
                self.check(fields, overrides)
        # No input may make GLib warn (an out-of-range prefix once did).
        self.assertNotIn('WARNING', self.server.read_log())

    def test_several_fields_at_once(self):
        details = self.check(['content', 'maximum_views', 'expiration_hours', 'key'],
                             {'content': DROP, 'maximum_views': 0, 'expiration_hours': 0, 'key': '!'})
        self.assertEqual(details['maximum_views'], ['Views must be between 1 and 1000'])
        self.assertEqual(details['expiration_hours'], ['Hours must be between 1 and 8760'])

    def test_limits_accepted(self):
        self.server.call('POST', '/secrets', secret_body())
        for overrides in ({'maximum_views': 1000, 'expiration_hours': 8760},
                          {'content': b64(255 * 4 + 16)},
                          {'description': 'é' * 255, 'message': '€' * 255},
                          {'ip_whitelist': '2001:db8::/32,8.8.8.8', 'geolocation': 'fr,DE'},
                          {'otp_type': 'phone', 'otp_receiver': '+33674747474'}):
            with self.subTest(overrides=str(overrides)[:60]):
                status, _, body = self.server.call('POST', '/secrets', secret_body(**overrides))
                self.assertEqual(status, 201, body)

    def test_list_parameters(self):
        for path in ('/secrets', '/requests'):
            for query, field in (('limit=0', 'limit'), ('limit=1001', 'limit'), ('limit=abc', 'limit'),
                                 ('page=0', 'page'), ('status=deleted', 'status')):
                with self.subTest(path=path, query=query):
                    body = self.assertError(self.server.call('GET', path + '?' + query), 422, 'VALIDATION_ERROR')
                    self.assertEqual(list(body['error']['details']), [field])


class BodyLimit(ServerTestCase):
    def post_large(self, size, expect_continue):
        connection = http.client.HTTPConnection('127.0.0.1', self.server.port, timeout=TIMEOUT)
        connection.putrequest('POST', '/api/v1/secrets')
        connection.putheader('Authorization', 'Bearer test-token-0123456789')
        connection.putheader('Content-Type', 'application/json')
        connection.putheader('Content-Length', str(size))
        if expect_continue:
            connection.putheader('Expect', '100-continue')
        connection.endheaders()
        if not expect_continue:
            chunk = b' ' * (1 << 20)
            sent = 0
            try:
                while sent < size:
                    connection.send(chunk[:min(len(chunk), size - sent)])
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        # With Expect: 100-continue the answer comes before any body byte.
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()
        return response.status, body

    def test_413_before_buffering(self):
        baseline = peak_rss_kb(self.server.proc.pid)
        size = 16 * 1024 * 1024
        for expect_continue in (True, False):
            with self.subTest(expect_continue=expect_continue):
                status, body = self.post_large(size, expect_continue)
                self.assertEqual(status, 413)
                self.assertEqual(body['error']['code'], 'PAYLOAD_TOO_LARGE')
        # The 16 MiB body was never held in memory (not measurable under
        # AddressSanitizer, whose quarantine keeps freed buffers resident).
        # (The binary, not /proc/PID/maps: the server is not dumpable, so
        # its maps are closed to other processes of the user.)
        with open(SERVER, 'rb') as binary:
            under_asan = b'libasan' in binary.read()
        if not under_asan:
            self.assertLess(peak_rss_kb(self.server.proc.pid) - baseline, 8 * 1024)
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)

    def test_413_chunked(self):
        status, _, body = self.server.call('POST', '/secrets', raw=iter([b' ' * (1 << 20)] * 16),
                                           headers={'Transfer-Encoding': 'chunked'})
        self.assertEqual(status, 413)
        self.assertEqual(body['error']['code'], 'PAYLOAD_TOO_LARGE')

    def test_large_attachment_accepted(self):
        data = self.create(attachments=[{'name': 'big.bin', 'data': b64(9 * 1024 * 1024 + 16), 'size': 9 * 1024 * 1024}])
        self.assertEqual(data['attachments_count'], 1)
        self.assertError(self.server.call('POST', '/secrets', secret_body(
            attachments=[{'name': n, 'data': b64(int(5.3 * 1024 * 1024))} for n in 'ab'])),
            422, 'VALIDATION_ERROR')


    def test_ten_files_of_one_megabyte_read_back(self):
        # The largest create the tool makes, through the real server and
        # back: every byte of every file comes out as it went in.
        blobs = {}
        args = []
        for i in range(10):
            path = os.path.join(self.server.dir, 'file-%d.bin' % i)
            blobs['file-%d.bin' % i] = os.urandom(1000 * 1000)
            with open(path, 'wb') as f:
                f.write(blobs['file-%d.bin' % i])
            args += ['--attach', path]
        url = self.server.make_secret('ten files', *args)
        out = os.path.join(self.server.dir, 'out')
        os.mkdir(out)
        self.assertEqual(open_link(url, attachments=out), (0, b'ten files'))
        self.assertEqual(sorted(os.listdir(out)), sorted(blobs))
        for name, blob in blobs.items():
            with open(os.path.join(out, name), 'rb') as f:
                self.assertEqual(f.read(), blob, name)

    def test_large_chunked_body_read_back(self):
        # A body without a length, in chunks that cut its strings anywhere.
        files = [{'name': 'a.bin', 'data': b64(3 * 1000 * 1000 + 16)},
                 {'name': 'b\u00e9.bin', 'data': b64(1000 * 1000 + 17)}]

        def post(description):
            raw = json.dumps(secret_body(attachments=files, description=description)).encode()
            chunks = [raw[i:i + 65521] for i in range(0, len(raw), 65521)]
            return self.server.call('POST', '/secrets', raw=iter(chunks),
                                    headers={'Transfer-Encoding': 'chunked'})

        # A long string is checked wherever it is, as a short one is.
        status, _, body = post('x' * 256)
        self.assertEqual(status, 422, body)
        self.assertEqual(list(body['error']['details']), ['description'])
        status, _, body = post('x' * 255)
        self.assertEqual(status, 201, body)
        self.assertEqual(body['data']['attachments'], [{'name': 'a.bin'}, {'name': 'b\u00e9.bin'}])
        self.assertEqual(body['data']['description'], 'x' * 255)
        status, _, reveal = self.server.call('POST', '/api/v1/viewer/%s/reveal' % body['data']['slug'],
                                             {}, token=None)
        self.assertEqual(status, 200, reveal)
        self.assertEqual([a['data'] for a in reveal['data']['attachments']], [f['data'] for f in files])


class RateLimit(ServerTestCase):
    server_args = ('--rate-limit', '5')

    def test_429_with_retry_after(self):
        for _ in range(5):
            self.assertEqual(self.server.call('GET', '/secrets')[0], 200)
        status, headers, body = self.server.call('GET', '/secrets')
        self.assertEqual(status, 429)
        self.assertEqual(body['error']['code'], 'RATE_LIMITED')
        retry = int(headers['Retry-After'])
        self.assertTrue(1 <= retry <= 60, retry)
        # Unknown tokens get 401, not 429; health is never limited.
        self.assertEqual(self.server.call('GET', '/secrets', token='other')[0], 401)
        self.assertEqual(self.server.call('GET', '/health', token=None)[0], 200)

    def test_wrong_tokens_are_limited_per_client(self):
        for i in range(5):
            self.assertError(self.server.call('GET', '/secrets', token='guess-%d' % i), 401, 'AUTHENTICATION_ERROR')
        status, headers, body = self.server.call('GET', '/secrets', token='guess-5')
        self.assertEqual(status, 429, body)
        self.assertEqual(body['error']['code'], 'RATE_LIMITED')
        self.assertTrue(int(headers['Retry-After']) >= 1)
        # The right token is still served.
        self.assertEqual(self.server.call('GET', '/secrets')[0], 200)


TOKENS_FILE = """# token email company scopes
alice-token-0123456789 alice@example.com acme
bob-token-0123456789   bob@example.com   acme
carol-token-0123456789 carol@example.org other
reader-token-0123456789 dave@example.com acme secrets:read,stats:read
"""


class AccountsAndLists(ServerTestCase):
    def setUp(self):
        self.server = Server(tokens=TOKENS_FILE)

    def post(self, token, **overrides):
        status, _, body = self.server.call('POST', '/secrets', secret_body(**overrides), token=token)
        self.assertEqual(status, 201, body)
        return body['data']['slug']

    def test_company_creator_pagination(self):
        alice = [self.post('alice-token-0123456789', description='alice %d' % i) for i in range(4)]
        bob = [self.post('bob-token-0123456789', description='bob %d' % i) for i in range(3)]
        carol = self.post('carol-token-0123456789', description='carol')

        status, _, body = self.server.call('GET', '/secrets?limit=3&page=1', token='alice-token-0123456789')
        self.assertEqual(status, 200)
        page = body['data']['pagination']
        self.assertEqual(page, {'current_page': 1, 'per_page': 3, 'total': 7, 'last_page': 3})
        # Most recent first.
        self.assertEqual([i['slug'] for i in body['data']['items']], bob[::-1])
        status, _, body = self.server.call('GET', '/secrets?limit=3&page=3', token='alice-token-0123456789')
        self.assertEqual([i['slug'] for i in body['data']['items']], [alice[0]])

        status, _, body = self.server.call('GET', '/secrets?creator=bob@example.com', token='alice-token-0123456789')
        self.assertEqual(sorted(i['slug'] for i in body['data']['items']), sorted(bob))
        self.assertTrue(all(i['creator'] == 'bob@example.com' for i in body['data']['items']))

        status, _, body = self.server.call('GET', '/secrets?search=alice%202', token='bob-token-0123456789')
        self.assertEqual([i['slug'] for i in body['data']['items']], [alice[2]])

        # Another company sees nothing of acme's, even by slug.
        status, _, body = self.server.call('GET', '/secrets', token='carol-token-0123456789')
        self.assertEqual([i['slug'] for i in body['data']['items']], [carol])
        self.assertError(self.server.call('GET', '/secrets/' + alice[0], token='carol-token-0123456789'), 404, 'NOT_FOUND')
        self.assertError(self.server.call('DELETE', '/secrets/' + alice[0], token='carol-token-0123456789'), 404, 'NOT_FOUND')

        self.server.call('DELETE', '/secrets/' + alice[1], token='bob-token-0123456789')
        status, _, body = self.server.call('GET', '/secrets?status=expired', token='alice-token-0123456789')
        self.assertEqual([i['slug'] for i in body['data']['items']], [alice[1]])
        status, _, body = self.server.call('GET', '/secrets?status=active', token='alice-token-0123456789')
        self.assertEqual(body['data']['pagination']['total'], 6)

    def test_scopes(self):
        body = self.assertError(self.server.call('POST', '/secrets', secret_body(), token='reader-token-0123456789'),
                                403, 'PERMISSION_DENIED')
        self.assertEqual(body['error']['details']['required_scope'], ['secrets:create'])
        self.assertError(self.server.call('POST', '/requests', {}, token='reader-token-0123456789'), 403, 'PERMISSION_DENIED')
        self.assertEqual(self.server.call('GET', '/secrets', token='reader-token-0123456789')[0], 200)
        self.assertEqual(self.server.call('GET', '/secrets-stats', token='reader-token-0123456789')[0], 200)

    def assertError(self, result, status, code):
        st, _, body = result
        self.assertEqual(st, status, body)
        self.assertEqual(body['error']['code'], code)
        return body


class DocsListShape(ServerTestCase):
    server_args = ('--list-shape', 'docs')

    def test_shape_a(self):
        self.create()
        self.create()
        for path in ('/secrets?limit=1', '/requests'):
            status, _, body = self.server.call('GET', path)
            self.assertEqual(status, 200)
            self.assertIsInstance(body['data'], list)
            self.assertIn('pagination', body)
        status, _, body = self.server.call('GET', '/secrets?limit=1')
        self.assertEqual(len(body['data']), 1)
        self.assertEqual(body['pagination']['total'], 2)
        self.assertEqual(body['pagination']['last_page'], 2)


class Stats(ServerTestCase):
    def test_secret_and_request_stats(self):
        url = self.server.make_secret('one', '--views', '2')
        self.create(password='pass1234')
        gone = self.create()['slug']
        self.server.call('DELETE', '/secrets/' + gone)
        self.assertEqual(open_link(url)[0], 0)

        status, _, body = self.server.call('GET', '/secrets-stats')
        self.assertEqual(status, 200)
        self.assertEqual(body['message'], 'Secrets statistics retrieved successfully')
        self.assertEqual(body['data'], {
            'total_secrets': 3, 'active_secrets': 2, 'expired_secrets': 1, 'total_views': 1,
            'secrets_with_password': 1, 'secrets_created_today': 3,
            'secrets_created_this_week': 3, 'secrets_created_this_month': 3})

        self.server.call('POST', '/requests', {})
        token = self.server.call('POST', '/requests', {})[2]['data']['token']
        self.server.call('DELETE', '/requests/' + token)
        status, _, body = self.server.call('GET', '/requests-stats')
        self.assertEqual(status, 200)
        self.assertEqual(body['data']['total_requests'], 2)
        self.assertEqual(body['data']['active_requests'], 1)
        self.assertEqual(body['data']['expired_requests'], 1)


class StatsWindows(ServerTestCase):
    def test_created_today_week_month(self):
        clock = os.path.join(self.server.dir, 'clock')
        with open(clock, 'w') as f:
            f.write('0')
        self.server.restart(env={'SHAROKEY_SERVER_CLOCK_FILE': clock})
        self.create(expiration_hours=8760)
        self.server.call('POST', '/requests', {'request_expiration_hours': 8760})
        expected = {0: (1, 1, 1), 2 * 86400: (0, 1, 1), 8 * 86400: (0, 0, 1), 31 * 86400: (0, 0, 0)}
        for offset, (today, week, month) in expected.items():
            with open(clock, 'w') as f:
                f.write(str(offset))
            for kind in ('secrets', 'requests'):
                with self.subTest(offset=offset, kind=kind):
                    data = self.server.call('GET', '/%s-stats' % kind)[2]['data']
                    self.assertEqual((data[kind + '_created_today'], data[kind + '_created_this_week'],
                                      data[kind + '_created_this_month']), (today, week, month))


class Requests(ServerTestCase):
    def test_create_get_list_delete(self):
        status, _, body = self.server.call('POST', '/requests', {
            'message': 'Need the DB password', 'description': 'prod db', 'email_to': 'bob@example.com',
            'email_reply': 'alice@example.com', 'locale': 'fr', 'secret_expiration_hours': 5,
            'request_expiration_hours': 10, 'maximum_views': 2})
        self.assertEqual(status, 201, body)
        data = body['data']
        self.assertEqual(data['request'], {k: v for k, v in data.items() if k != 'request'})
        self.assertEqual(len(data['token']), 24)
        self.assertEqual(data['url'], self.server.base + '/r/' + data['token'])
        self.assertEqual(data['status'], 'active')
        self.assertEqual(data['secret_expiration_hours'], 5)
        self.assertEqual(data['maximum_views'], 2)
        self.assertEqual(data['creator'], 'alice@example.com')
        self.assertIn('notification (not sent, local server): to bob@example.com', self.server.read_log())

        defaults = self.server.call('POST', '/requests', {})[2]['data']
        self.assertEqual((defaults['secret_expiration_hours'], defaults['request_expiration_hours'],
                          defaults['maximum_views']), (24, 48, 1))

        for key in (data['token'], str(data['id'])):
            status, _, got = self.server.call('GET', '/requests/' + key)
            self.assertEqual(status, 200)
            self.assertEqual(got['data']['token'], data['token'])

        status, _, listing = self.server.call('GET', '/requests?limit=1')
        self.assertEqual(listing['data']['pagination']['total'], 2)
        self.assertEqual(listing['data']['items'][0]['token'], defaults['token'])
        status, _, listing = self.server.call('GET', '/requests?search=prod')
        self.assertEqual([i['token'] for i in listing['data']['items']], [data['token']])

        status, _, deleted = self.server.call('DELETE', '/requests/' + data['token'])
        self.assertEqual(status, 200)
        self.assertEqual(deleted['data']['status'], 'expired')
        self.assertEqual(self.server.call('GET', '/api/v1/respond/' + data['token'], token=None)[0], 404)
        self.assertEqual(self.server.call('GET', '/requests/nonexistent')[0], 404)
        self.assertEqual(self.server.call('DELETE', '/requests/999')[0], 404)

    def test_validation(self):
        for fields, body in ((['secret_expiration_hours'], {'secret_expiration_hours': 0}),
                             (['request_expiration_hours'], {'request_expiration_hours': 8761}),
                             (['maximum_views'], {'maximum_views': 1001}),
                             (['email_to'], {'email_to': 'nobody'}),
                             (['email_reply'], {'email_reply': 'a@b'}),
                             (['locale'], {'locale': 'de'}),
                             (['message', 'description'], {'message': 'm' * 256, 'description': 'd' * 256})):
            with self.subTest(body=str(body)[:50]):
                status, _, answer = self.server.call('POST', '/requests', body)
                self.assertEqual(status, 422)
                for field in fields:
                    self.assertIn(field, answer['error']['details'])

    def test_respond_api(self):
        created = self.server.call('POST', '/requests', {'maximum_views': 1, 'secret_expiration_hours': 3,
                                                         'message': 'please'})[2]['data']
        status, _, page = self.server.call('GET', '/api/v1/respond/' + created['token'], token=None)
        self.assertEqual(status, 200)
        self.assertEqual(page['data']['message'], 'please')
        self.assertEqual(page['data']['creator'], 'alice@example.com')
        self.assertEqual(self.server.call('POST', '/api/v1/respond/' + created['token'],
                                          {'content': 'x'}, token=None)[0], 422)
        body = json.loads(subprocess.run([MAKE_SECRET], input=b'answer', capture_output=True,
                                         timeout=TIMEOUT, check=True).stdout)
        status, _, stored = self.server.call('POST', '/api/v1/respond/' + created['token'], body, token=None)
        self.assertEqual(status, 201, stored)
        slug = stored['data']['slug']
        # Stored as the requester's secret, with the request's settings.
        status, _, secret = self.server.call('GET', '/secrets/' + slug)
        self.assertEqual(status, 200)
        self.assertEqual(secret['data']['creator'], 'alice@example.com')
        self.assertEqual(secret['data']['maximum_views'], 1)
        status, _, request = self.server.call('GET', '/requests/' + created['token'])
        self.assertEqual(request['data']['secret_slug'], slug)
        self.assertIs(request['data']['fulfilled'], True)
        # A request is answered once.
        self.assertEqual(self.server.call('POST', '/api/v1/respond/' + created['token'], body, token=None)[0], 404)


    def test_sealed_answers(self):
        """A request with the requester's public key takes only an answer
        sealed to it (here a known-answer vector of seal.js and the
        library), which goes back to the requester alone and is erased by
        DELETE, down to the database files."""
        with open(os.path.join(os.path.dirname(__file__), '..', 'data', 'request-seal-vectors.json')) as f:
            vector = json.load(f)['vectors'][0]
        sealed = {'ephemeral_public_key': vector['ephemeral_public'], 'iv': vector['iv'],
                  'content': vector['sealed']}
        point = base64.b64decode(vector['recipient_public'])
        off_curve = base64.b64encode(point[:-1] + bytes([point[-1] ^ 1])).decode()
        for bad in ('AAAA', off_curve, vector['recipient_public'][:-4], 7):
            with self.subTest(bad=str(bad)[:12]):
                status, _, answer = self.server.call('POST', '/requests', {'answer_public_key': bad})
                self.assertEqual(status, 422)
                self.assertIn('answer_public_key', answer['error']['details'])

        created = self.server.call('POST', '/requests', {'answer_public_key': vector['recipient_public']})[2]['data']
        token = created['token']
        self.assertEqual(created['answer_public_key'], vector['recipient_public'])
        self.assertIsNone(created['sealed_answer'])
        page = self.server.call('GET', '/api/v1/respond/' + token, token=None)[2]['data']
        self.assertEqual(page['answer_public_key'], vector['recipient_public'])
        # Neither an ordinary secret nor a malformed sealed answer.
        plain = json.loads(subprocess.run([MAKE_SECRET], input=b'answer', capture_output=True,
                                          timeout=TIMEOUT, check=True).stdout)
        for body in (plain, {'sealed': dict(sealed, ephemeral_public_key=off_curve)},
                     {'sealed': dict(sealed, iv='AAAA')}, {'sealed': dict(sealed, content='AAAA')}):
            with self.subTest(body=str(body)[:30]):
                status, _, answer = self.server.call('POST', '/api/v1/respond/' + token, body, token=None)
                self.assertEqual(status, 422, answer)
                self.assertIn('sealed', answer['error']['details'])

        status, _, stored = self.server.call('POST', '/api/v1/respond/' + token, {'sealed': sealed}, token=None)
        self.assertEqual(status, 201, stored)
        self.assertIs(stored['data']['sealed'], True)
        self.assertNotIn('slug', stored['data'])
        self.assertIn("was answered, sealed to the requester's key", self.server.read_log())
        self.assertEqual(self.server.call('POST', '/api/v1/respond/' + token, {'sealed': sealed},
                                          token=None)[0], 404)
        request = self.server.call('GET', '/requests/' + token)[2]['data']
        self.assertEqual(request['sealed_answer'], sealed)
        self.assertEqual(request['request']['sealed_answer'], sealed)
        self.assertIs(request['fulfilled'], True)
        self.assertIsNone(request['secret_slug'])
        self.assertEqual(self.server.call('GET', '/secrets')[2]['data']['pagination']['total'], 0)
        listed = self.server.call('GET', '/requests')[2]['data']['items']
        self.assertNotIn('sealed_answer', listed[0])
        self.assertEqual(self.server.call('GET', '/requests-stats')[2]['data']['fulfilled_requests'], 1)
        # Another account cannot read it.
        self.assertEqual(self.server.call('GET', '/requests/' + token, token='other-token-9876543210')[0], 401)

        deleted = self.server.call('DELETE', '/requests/' + token)[2]['data']
        self.assertIsNone(deleted['sealed_answer'])
        self.assertIsNone(self.server.call('GET', '/requests/' + token)[2]['data']['sealed_answer'])
        for name in os.listdir(self.server.dir):
            if name.startswith('sharokey.db'):
                with open(os.path.join(self.server.dir, name), 'rb') as f:
                    self.assertNotIn(vector['sealed'].encode(), f.read(), name)

    def test_sealed_answer_expires_with_the_secret_hours(self):
        with open(os.path.join(os.path.dirname(__file__), '..', 'data', 'request-seal-vectors.json')) as f:
            vector = json.load(f)['vectors'][0]
        clock = os.path.join(self.server.dir, 'clock')
        with open(clock, 'w') as f:
            f.write('0')
        self.server.restart(env={'SHAROKEY_SERVER_CLOCK_FILE': clock})
        token = self.server.call('POST', '/requests', {'answer_public_key': vector['recipient_public'],
                                                       'secret_expiration_hours': 1})[2]['data']['token']
        sealed = {'ephemeral_public_key': vector['ephemeral_public'], 'iv': vector['iv'],
                  'content': vector['sealed']}
        self.assertEqual(self.server.call('POST', '/api/v1/respond/' + token, {'sealed': sealed},
                                          token=None)[0], 201)
        with open(clock, 'w') as f:
            f.write('3599')
        self.assertEqual(self.server.call('GET', '/requests/' + token)[2]['data']['sealed_answer'], sealed)
        with open(clock, 'w') as f:
            f.write('3601')
        request = self.server.call('GET', '/requests/' + token)[2]['data']
        self.assertIsNone(request['sealed_answer'])
        self.assertIs(request['fulfilled'], True)

    def test_respond_stores_and_closes_in_one_transaction(self):
        token = self.server.call('POST', '/requests', {})[2]['data']['token']
        db = sqlite3.connect(self.server.db)
        db.execute("CREATE TRIGGER refuse_close BEFORE UPDATE OF secret_slug ON requests"
                   " BEGIN SELECT RAISE(ABORT, 'refused'); END")
        db.commit()
        body = json.loads(subprocess.run([MAKE_SECRET], input=b'answer', capture_output=True,
                                         timeout=TIMEOUT, check=True).stdout)
        self.assertError(self.server.call('POST', '/api/v1/respond/' + token, body, token=None),
                         500, 'SERVER_ERROR')
        # Neither half happened: no orphan secret, the request is still open.
        self.assertEqual(self.server.call('GET', '/secrets')[2]['data']['pagination']['total'], 0)
        self.assertEqual(self.server.call('GET', '/api/v1/respond/' + token, token=None)[0], 200)
        db.execute('DROP TRIGGER refuse_close')
        db.commit()
        db.close()
        self.assertEqual(self.server.call('POST', '/api/v1/respond/' + token, body, token=None)[0], 201)
        self.assertEqual(self.server.call('GET', '/secrets')[2]['data']['pagination']['total'], 1)


class Viewer(ServerTestCase):
    def test_metadata_does_not_consume(self):
        url = self.server.make_secret('hello', '--message', 'From Alice', '--views', '1', '--geolocation', 'FR')
        slug = slug_of(url)
        for _ in range(3):
            status, _, meta = self.server.call('GET', '/api/v1/viewer/' + slug, token=None)
            self.assertEqual(status, 200)
        self.assertEqual(meta['data']['message'], 'From Alice')
        self.assertEqual(meta['data']['remaining_views'], 1)
        self.assertIn('does not geolocate', meta['data']['geolocation_note'])
        self.assertNotIn('content', meta['data'])
        status, headers, page = self.server.call('GET', '/s/' + slug, token=None)
        self.assertEqual(status, 200)
        self.assertIn('text/html', headers['Content-Type'])
        self.assertIn("default-src 'none'", headers['Content-Security-Policy'])
        self.assertEqual(self.server.call('GET', '/secrets/' + slug)[2]['data']['current_views'], 0)
        self.assertEqual(open_link(url), (0, b'hello'))
        self.assertEqual(open_link(url)[0], 4)
        self.assertEqual(self.server.call('GET', '/api/v1/viewer/' + slug, token=None)[0], 404)

    def test_pages_are_self_contained(self):
        token = self.server.call('POST', '/requests', {})[2]['data']['token']
        for path in ('/s/ANYSLUG', '/r/' + token, '/assets/common.js', '/assets/viewer.js',
                     '/assets/respond.js', '/assets/style.css'):
            with self.subTest(path=path):
                request = urllib.request.Request(self.server.base + path)
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                    text = response.read().decode()
                    self.assertEqual(response.headers['Cache-Control'], 'no-store')
                self.assertTrue(text.strip())
                # No external resource: nothing is loaded from another origin.
                self.assertNotIn('http://', text)
                self.assertNotIn('https://', text)
                self.assertNotIn('//cdn', text)
        self.assertEqual(self.server.call('GET', '/assets/missing.js', token=None)[0], 404)

    def test_reveal_payload_and_views(self):
        url = self.server.make_secret('three times', '--views', '3')
        slug = slug_of(url)
        status, _, payload = self.server.call('POST', '/api/v1/viewer/%s/reveal' % slug, {}, token=None)
        self.assertEqual(status, 200)
        data = payload['data']
        self.assertEqual(set(data), {'content', 'iv', 'salt', 'key', 'attachments', 'remaining_views'})
        self.assertEqual(data['remaining_views'], 2)
        self.assertEqual(open_link(url), (0, b'three times'))
        self.assertEqual(open_link(url), (0, b'three times'))
        self.assertEqual(open_link(url)[0], 4)
        status, _, meta = self.server.call('GET', '/secrets/' + slug)
        self.assertEqual(meta['data']['current_views'], 3)
        self.assertEqual(meta['data']['status'], 'expired')
        db = sqlite3.connect(self.server.db)
        self.assertIsNone(db.execute('SELECT content FROM secrets WHERE slug = ?', (slug,)).fetchone()[0])
        db.close()

    def test_attachments(self):
        path = os.path.join(self.server.dir, 'photo.png')
        blob = os.urandom(70000)
        with open(path, 'wb') as f:
            f.write(blob)
        url = self.server.make_secret('with a file', '--attach', path)
        out = os.path.join(self.server.dir, 'out')
        os.mkdir(out)
        self.assertEqual(open_link(url, attachments=out), (0, b'with a file'))
        with open(os.path.join(out, 'photo.png'), 'rb') as f:
            self.assertEqual(f.read(), blob)
        # The only view is used: the attachment is wiped with the text.
        db = sqlite3.connect(self.server.db)
        self.assertEqual(db.execute('SELECT COUNT(*) FROM attachments').fetchone()[0], 0)
        db.close()

    def test_password(self):
        url = self.server.make_secret('pw', '--password', 'open sesame')
        slug = slug_of(url)
        reveal = '/api/v1/viewer/%s/reveal' % slug
        self.assertTrue(self.server.call('GET', '/api/v1/viewer/' + slug, token=None)[2]['data']['requires_password'])
        body = self.assertError(self.server.call('POST', reveal, {}, token=None), 403, 'PERMISSION_DENIED')
        self.assertIn('password', body['error']['details'])
        body = self.assertError(self.server.call('POST', reveal, {'password': 'open sesamE'}, token=None),
                                403, 'PERMISSION_DENIED')
        self.assertEqual(body['error']['details']['password'], ['Wrong password'])
        self.assertEqual(open_link(url, password='wrong')[0], 1)
        # Failed attempts do not use the view.
        self.assertEqual(open_link(url, password='open sesame'), (0, b'pw'))

    def test_password_guessing_is_limited(self):
        url = self.server.make_secret('guarded', '--password', 'right one')
        reveal = '/api/v1/viewer/%s/reveal' % slug_of(url)
        for i in range(10):
            self.assertError(self.server.call('POST', reveal, {'password': 'guess %d' % i}, token=None),
                             403, 'PERMISSION_DENIED')
        status, headers, body = self.server.call('POST', reveal, {'password': 'right one'}, token=None)
        self.assertEqual(status, 429, body)
        self.assertTrue(int(headers['Retry-After']) >= 1)
        self.assertEqual(self.server.call('GET', '/secrets/' + slug_of(url))[2]['data']['current_views'], 0)

    def test_ip_whitelist(self):
        denied = self.server.make_secret('far away', '--ip-whitelist', '203.0.113.0/24')
        body = self.assertError(self.server.call('POST', '/api/v1/viewer/%s/reveal' % slug_of(denied), {},
                                                 token=None), 403, 'PERMISSION_DENIED')
        self.assertIn('ip', body['error']['details'])
        self.assertEqual(open_link(denied)[0], 1)
        # Loopback cannot be whitelisted through the API (public addresses only),
        # so an allowed client is simulated by editing the stored list.
        allowed = self.server.make_secret('near', '--ip-whitelist', '203.0.113.9')
        db = sqlite3.connect(self.server.db)
        db.execute("UPDATE secrets SET ip_whitelist = '203.0.113.9, 127.0.0.0/8' WHERE slug = ?",
                   (slug_of(allowed),))
        db.commit()
        db.close()
        self.assertEqual(open_link(allowed), (0, b'near'))

    def set_whitelist(self, slug, whitelist):
        db = sqlite3.connect(self.server.db)
        db.execute('UPDATE secrets SET ip_whitelist = ? WHERE slug = ?', (whitelist, slug))
        db.commit()
        db.close()

    def reveal_from(self, host, slug):
        request = urllib.request.Request('http://%s:%d/api/v1/viewer/%s/reveal' % (host, self.server.port, slug),
                                         data=b'{}', method='POST',
                                         headers={'Content-Type': 'application/json'})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def test_ip_whitelist_ipv6_and_dual_stack(self):
        # On a dual-stack socket IPv4 clients appear as ::ffff:a.b.c.d; they
        # must still match IPv4 entries. IPv6 clients match IPv6 CIDRs.
        self.server.restart('--listen', '::')
        slugs = [self.create(ip_whitelist='203.0.113.9', maximum_views=5)['slug'] for _ in range(3)]
        self.set_whitelist(slugs[0], '203.0.113.9, 127.0.0.0/8')
        self.set_whitelist(slugs[1], '2001:db8::/32, ::1/128')
        self.set_whitelist(slugs[2], '2001:db8::/32, 127.0.0.2')
        self.assertEqual(self.reveal_from('127.0.0.1', slugs[0])[0], 200)
        self.assertEqual(self.reveal_from('[::1]', slugs[0])[0], 403)
        self.assertEqual(self.reveal_from('[::1]', slugs[1])[0], 200)
        self.assertEqual(self.reveal_from('127.0.0.1', slugs[1])[0], 403)
        for host in ('127.0.0.1', '[::1]'):
            status, body = self.reveal_from(host, slugs[2])
            self.assertEqual(status, 403, host)
            self.assertIn('ip', body['error']['details'])

    def test_captcha(self):
        slug = slug_of(self.server.make_secret('robots keep out', '--captcha'))
        api = '/api/v1/viewer/' + slug
        self.assertError(self.server.call('POST', api + '/reveal', {}, token=None), 403, 'PERMISSION_DENIED')
        challenge = self.server.call('GET', api + '/captcha', token=None)[2]['data']
        a, b = [int(x) for x in challenge['question'].split('is ')[1].rstrip('?').split(' + ')]
        self.assertError(self.server.call('POST', api + '/reveal', {'captcha_id': challenge['captcha_id'],
                                                                     'captcha_answer': str(a + b + 1)},
                                          token=None), 403, 'PERMISSION_DENIED')
        # A challenge is good for one attempt only.
        self.assertError(self.server.call('POST', api + '/reveal', {'captcha_id': challenge['captcha_id'],
                                                                     'captcha_answer': str(a + b)},
                                          token=None), 403, 'PERMISSION_DENIED')
        challenge = self.server.call('POST', api + '/captcha', token=None)[2]['data']
        a, b = [int(x) for x in challenge['question'].split('is ')[1].rstrip('?').split(' + ')]
        status, _, body = self.server.call('POST', api + '/reveal', {'captcha_id': challenge['captcha_id'],
                                                                      'captcha_answer': str(a + b)}, token=None)
        self.assertEqual(status, 200, body)

    def test_otp_code_in_log(self):
        slug = slug_of(self.server.make_secret('otp', '--otp-email', 'bob@example.com'))
        api = '/api/v1/viewer/' + slug
        meta = self.server.call('GET', api, token=None)[2]['data']
        self.assertTrue(meta['requires_otp'])
        self.assertEqual(meta['otp_type'], 'email')
        self.assertNotIn('bob@example.com', json.dumps(meta))
        self.assertError(self.server.call('POST', api + '/reveal', {}, token=None), 403, 'PERMISSION_DENIED')
        status, _, sent = self.server.call('POST', api + '/otp', {}, token=None)
        self.assertEqual(status, 200)
        line = [l for l in self.server.read_log().splitlines() if 'one-time code for secret ' + slug in l][-1]
        code = line.rsplit(': ', 1)[1].strip()
        self.assertRegex(code, r'^\d{6}$')
        wrong = '%06d' % ((int(code) + 1) % 1000000)
        self.assertError(self.server.call('POST', api + '/reveal', {'otp_code': wrong}, token=None),
                         403, 'PERMISSION_DENIED')
        status, _, body = self.server.call('POST', api + '/reveal', {'otp_code': code}, token=None)
        self.assertEqual(status, 200, body)

    def test_otp_request_without_otp(self):
        slug = slug_of(self.server.make_secret('no code needed'))
        body = self.assertError(self.server.call('POST', '/api/v1/viewer/%s/otp' % slug, {}, token=None),
                                422, 'VALIDATION_ERROR')
        self.assertIn('otp', body['error']['details'])
        self.assertNotIn('one-time code for secret', self.server.read_log())

    def test_otp_guessing_is_limited_across_new_codes(self):
        slug = slug_of(self.server.make_secret('otp', '--otp-email', 'bob@example.com'))
        api = '/api/v1/viewer/' + slug

        def new_code():
            self.assertEqual(self.server.call('POST', api + '/otp', {}, token=None)[0], 200)
            line = [l for l in self.server.read_log().splitlines() if 'one-time code for secret ' + slug in l][-1]
            return line.rsplit(': ', 1)[1].strip()

        for round_ in range(2):
            wrong = '%06d' % ((int(new_code()) + 1) % 1000000)
            for _ in range(5):
                self.assertError(self.server.call('POST', api + '/reveal', {'otp_code': wrong}, token=None),
                                 403, 'PERMISSION_DENIED')
        # Ten wrong codes this minute: even the right one of a fresh challenge waits.
        status, headers, body = self.server.call('POST', api + '/reveal', {'otp_code': new_code()}, token=None)
        self.assertEqual(status, 429, body)
        self.assertTrue(int(headers['Retry-After']) >= 1)
        self.assertEqual(self.server.call('GET', '/secrets/' + slug)[2]['data']['current_views'], 0)

    def test_unknown_slug(self):
        # GONE, not NOT_FOUND: a client tells it from a server without a viewer.
        self.assertError(self.server.call('GET', '/api/v1/viewer/NOPE', token=None), 404, 'GONE')
        self.assertError(self.server.call('POST', '/api/v1/viewer/NOPE/reveal', {}, token=None), 404, 'GONE')
        self.assertEqual(open_link(self.server.base + '/s/NOPE#' + 'a' * 24)[0], 4)


class Concurrency(ServerTestCase):
    # 50 openers at once from one address: above the default cap.
    server_args = ('--connections-per-address', '64')

    def test_50_concurrent_opens_of_one_view(self):
        url = self.server.make_secret('only once', '--views', '1')
        slug = slug_of(url)

        def reveal(_):
            return self.server.call('POST', '/api/v1/viewer/%s/reveal' % slug, {}, token=None)[0]

        with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
            statuses = list(pool.map(reveal, range(50)))
        self.assertEqual(statuses.count(200), 1, statuses)
        self.assertEqual(statuses.count(404), 49, statuses)
        self.assertEqual(self.server.call('GET', '/secrets/' + slug)[2]['data']['current_views'], 1)

    def test_concurrent_opens_of_five_views_with_the_tool(self):
        url = self.server.make_secret('five', '--views', '5')
        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(lambda _: open_link(url), range(20)))
        self.assertEqual(sorted(r[0] for r in results), [0] * 5 + [4] * 15)
        self.assertTrue(all(r[1] == b'five' for r in results if r[0] == 0))


class Persistence(ServerTestCase):
    def test_restart(self):
        url = self.server.make_secret('survives a restart', '--views', '2')
        self.server.restart()
        self.assertEqual(open_link(url.replace(url.split('/s/')[0], self.server.base)),
                         (0, b'survives a restart'))

    def test_kill_9_after_201(self):
        url = self.server.make_secret('survives kill -9', '--views', '1')
        token = self.server.call('POST', '/requests', {'message': 'kept'})[2]['data']['token']
        self.server.kill()
        self.server.start()
        self.assertEqual(self.server.call('GET', '/requests/' + token)[2]['data']['message'], 'kept')
        new_url = url.replace(url.split('/s/')[0], self.server.base)
        self.assertEqual(open_link(new_url), (0, b'survives kill -9'))
        # The view used before a crash stays used.
        self.server.kill()
        self.server.start()
        self.assertEqual(open_link(url.replace(url.split('/s/')[0], self.server.base))[0], 4)


class Expiry(ServerTestCase):
    def test_clock_offset_restart(self):
        url = self.server.make_secret('one hour', '--hours', '1', '--views', '5')
        long_url = self.server.make_secret('two hours', '--hours', '2')
        slug = slug_of(url)
        self.server.restart(env={'SHAROKEY_SERVER_CLOCK_OFFSET': '3601'})
        base = self.server.base
        status, _, body = self.server.call('GET', '/secrets/' + slug)
        self.assertEqual(body['data']['status'], 'expired')
        self.assertIs(body['data']['is_expired'], True)
        self.assertEqual(open_link(base + '/s/' + url.split('/s/')[1])[0], 4)
        self.assertEqual(open_link(base + '/s/' + long_url.split('/s/')[1]), (0, b'two hours'))
        db = sqlite3.connect(self.server.db)
        self.assertIsNone(db.execute('SELECT content FROM secrets WHERE slug = ?', (slug,)).fetchone()[0])
        db.close()
        stats = self.server.call('GET', '/secrets-stats')[2]['data']
        self.assertEqual((stats['active_secrets'], stats['expired_secrets']), (0, 2))

    def test_clock_file_live(self):
        clock = os.path.join(self.server.dir, 'clock')
        with open(clock, 'w') as f:
            f.write('0')
        self.server.restart(env={'SHAROKEY_SERVER_CLOCK_FILE': clock})
        url = self.server.make_secret('short-lived', '--hours', '1')
        token = self.server.call('POST', '/requests', {'request_expiration_hours': 1})[2]['data']['token']
        with open(clock, 'w') as f:
            f.write('3599')
        self.assertEqual(self.server.call('GET', '/api/v1/viewer/' + slug_of(url), token=None)[0], 200)
        with open(clock, 'w') as f:
            f.write('3601')
        self.assertEqual(self.server.call('GET', '/api/v1/viewer/' + slug_of(url), token=None)[0], 404)
        self.assertEqual(open_link(url)[0], 4)
        self.assertEqual(self.server.call('GET', '/requests/' + token)[2]['data']['status'], 'expired')
        self.assertEqual(self.server.call('GET', '/api/v1/respond/' + token, token=None)[0], 404)


    def test_periodic_sweep_wipes_without_requests(self):
        clock = os.path.join(self.server.dir, 'clock')
        with open(clock, 'w') as f:
            f.write('0')
        self.server.restart(env={'SHAROKEY_SERVER_CLOCK_FILE': clock, 'SHAROKEY_SERVER_SWEEP_SECONDS': '1'})
        slug = slug_of(self.server.make_secret('swept', '--hours', '1',
                                               '--attach', os.path.join(self.server.dir, 'clock')))
        with open(clock, 'w') as f:
            f.write('7200')
        deadline = time.monotonic() + 10
        while True:
            db = sqlite3.connect(self.server.db)
            row = db.execute('SELECT content, iv, salt, key_a, status FROM secrets WHERE slug = ?',
                             (slug,)).fetchone()
            attachments = db.execute('SELECT COUNT(*) FROM attachments').fetchone()[0]
            db.close()
            if row == (None, None, None, None, 'expired') and attachments == 0:
                break
            self.assertLess(time.monotonic(), deadline, 'the sweep did not wipe the secret')
            time.sleep(0.2)


class Logging(ServerTestCase):
    def test_log_holds_no_token_key_or_content(self):
        plaintext = 'Log-Marker-Plaintext'
        url = self.server.make_secret(plaintext, '--views', '2', '--password', 'Log-Marker-Pass')
        key_b = url.split('#')[1]
        body = secret_body(key='LogKeyA1', content=b64(40, fill=0x41))
        slug = self.create(**body)['slug']
        self.assertEqual(open_link(url, password='Log-Marker-Pass'), (0, plaintext.encode()))
        self.server.call('POST', '/api/v1/viewer/%s/reveal' % slug, {}, token=None)
        self.server.call('DELETE', '/secrets/' + slug_of(url))
        self.server.call('GET', '/secrets', token='wrong-Log-Marker-Token')
        self.server.stop()
        log = self.server.read_log()
        self.assertIn(slug, log, 'the log does record events')
        for leaked in ('test-token-0123456789', 'Log-Marker', key_b, 'LogKeyA1', body['content'], body['iv'],
                       body['salt']):
            self.assertNotIn(leaked, log)


class PasswordStorage(ServerTestCase):
    def test_no_plaintext_password_in_database(self):
        password = 'Plaintext-Pa55word-Marker'
        url = self.server.make_secret('guarded', '--password', password)
        self.server.call('POST', '/secrets', secret_body(password=password + '2'))
        self.server.stop()
        for name in os.listdir(self.server.dir):
            if name.startswith('sharokey.db'):
                with open(os.path.join(self.server.dir, name), 'rb') as f:
                    raw = f.read()
                self.assertNotIn(password.encode(), raw, name)
                self.assertNotIn(password.encode('utf-16-le'), raw, name)
        db = sqlite3.connect(self.server.db)
        hashes = [r[0] for r in db.execute('SELECT password_hash FROM secrets')]
        db.close()
        self.assertEqual(len(hashes), 2)
        for stored in hashes:
            self.assertRegex(stored, r'^pbkdf2-sha256\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$')
        self.assertNotEqual(hashes[0].split('$')[2], hashes[1].split('$')[2], 'salts are random')
        self.assertNotIn(password, self.server.read_log())
        self.server.start()
        self.assertEqual(open_link(url.replace(url.split('/s/')[0], self.server.base), password=password),
                         (0, b'guarded'))


class CommandLine(unittest.TestCase):
    def run_server(self, *args):
        return subprocess.run([SERVER, *args], capture_output=True, timeout=TIMEOUT, text=True)

    def tokens_file(self):
        """A private tokens file with one token, so that the server has no
        warning to add to the one error line."""
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        path = os.path.join(tmp, 'tokens')
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), 'w') as f:
            f.write('abcd-0123456789ab alice@example.com\n')
        return path

    def test_help_and_version(self):
        result = self.run_server('--help')
        self.assertEqual(result.returncode, 0)
        for option in ('--listen', '--port', '--port-file', '--db', '--token', '--tokens-file',
                       '--public-url', '--rate-limit', '--list-shape', '--tls-cert', '--tls-key'):
            self.assertIn(option, result.stdout)
        result = self.run_server('--version')
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r'^sharokey-server \d+\.\d+\.\d+\n$')

    def test_bad_options(self):
        for args in (['--port', '70000'], ['--list-shape', 'tree'], ['--listen', 'example.com'],
                     ['--tls-cert', '/nonexistent'], ['--rate-limit', '0'], ['--bogus'],
                     ['--token', 'ab'], ['--token', 'abcdef:not-an-email'], ['extra'],
                     ['--public-url', 'ftp://example.com'], ['--tokens-file', '/nonexistent']):
            with self.subTest(args=args):
                result = self.run_server(*args, '--db', '/nonexistent/never/created.db')
                self.assertNotEqual(result.returncode, 0)
                self.assertTrue(result.stderr.startswith('sharokey-server: '), result.stderr)
                self.assertEqual(result.stderr.count('\n'), 1, result.stderr)

    def test_default_database_is_private_and_logged(self):
        tmp = tempfile.mkdtemp()
        try:
            data_home = os.path.join(tmp, 'data')
            server = Server(env={'XDG_DATA_HOME': data_home}, default_db=True)
            try:
                server.stop()
                db_dir = os.path.join(data_home, 'sharokey-server')
                db = os.path.join(db_dir, 'sharokey.db')
                self.assertEqual(os.stat(db_dir).st_mode & 0o777, 0o700)
                self.assertEqual(os.stat(db).st_mode & 0o777, 0o600)
                # The admin learns from the log where the data lives.
                self.assertIn('listening on %s, links at %s, database %s'
                              % (server.base, server.base, db), server.read_log())
            finally:
                server.close()
        finally:
            shutil.rmtree(tmp)

    def test_port_in_use(self):
        import socket
        with socket.socket() as taken:
            taken.bind(('127.0.0.1', 0))
            taken.listen(1)
            port = taken.getsockname()[1]
            result = self.run_server('--port', str(port), '--tokens-file', self.tokens_file(),
                                     '--db', '/nonexistent/never/created.db')
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, '')
        self.assertRegex(result.stderr, r'^sharokey-server: .*127\.0\.0\.1:%d.*\n$' % port)

    @unittest.skipUnless(shutil.which('openssl'), 'openssl is not installed')
    def test_bad_tls_key_names_the_files(self):
        tmp = tempfile.mkdtemp()
        try:
            cert, key = self_signed_certificate(tmp)
            # The certificate given twice: its file holds no private key.
            result = self.run_server('--tls-cert', cert, '--tls-key', cert, '--tokens-file', self.tokens_file(),
                                     '--port', '0', '--db', os.path.join(tmp, 'db'))
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stderr.count('\n'), 1, result.stderr)
            self.assertTrue(result.stderr.startswith(
                'sharokey-server: --tls-cert %s --tls-key %s: ' % (cert, cert)), result.stderr)
        finally:
            shutil.rmtree(tmp)

    def test_bad_tokens_file_names_the_line(self):
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, 'tokens')
            with open(path, 'w') as f:
                f.write('# accounts\ngood-token-0123456789 alice@example.com\nbad-token-0123456789 not-an-email\n')
            os.chmod(path, 0o600)
            result = self.run_server('--tokens-file', path, '--db', '/nonexistent/never/created.db')
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stderr.count('\n'), 1, result.stderr)
            self.assertIn('%s:3: ' % path, result.stderr)
            self.assertIn('not-an-email', result.stderr)
            self.assertNotIn('good-token-0123456789', result.stderr)
        finally:
            shutil.rmtree(tmp)

    def test_plain_http_beyond_loopback_warns(self):
        for listen, warned in (('0.0.0.0', True), ('127.0.0.1', False), ('::1', False)):
            with self.subTest(listen=listen):
                server = Server('--listen', listen, '--public-url', 'http://127.0.0.1:1')
                try:
                    server.stop()
                    self.assertEqual('serving plain HTTP beyond this machine' in server.read_log(), warned)
                finally:
                    server.close()

    def test_public_url(self):
        server = Server('--public-url', 'https://secrets.example.com/')
        try:
            status, _, body = server.call('POST', '/secrets', secret_body())
            self.assertTrue(body['data']['access_url'].startswith('https://secrets.example.com/s/'))
            status, _, body = server.call('POST', '/requests', {})
            self.assertTrue(body['data']['url'].startswith('https://secrets.example.com/r/'))
        finally:
            server.close()

    def test_signals_exit_cleanly(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(signal=sig.name):
                server = Server()
                try:
                    slug = server.call('POST', '/secrets', secret_body())[2]['data']['slug']
                    server.proc.send_signal(sig)
                    self.assertEqual(server.proc.wait(10), 0)
                    # The log was checkpointed into the database on the way out.
                    wal = server.db + '-wal'
                    self.assertFalse(os.path.exists(wal) and os.path.getsize(wal) > 0)
                    db = sqlite3.connect(server.db)
                    self.assertEqual(db.execute('SELECT COUNT(*) FROM secrets WHERE slug = ?',
                                                (slug,)).fetchone()[0], 1)
                    db.close()
                finally:
                    server.close()

    @unittest.skipUnless(shutil.which('openssl'), 'openssl is not installed')
    def test_tls(self):
        import ssl
        tmp = tempfile.mkdtemp()
        try:
            cert, key = self_signed_certificate(tmp)
            server = Server('--tls-cert', cert, '--tls-key', key)
            try:
                self.assertTrue(server.first_line.startswith('https://127.0.0.1:'))
                context = ssl.create_default_context(cafile=cert)
                context.check_hostname = False
                with urllib.request.urlopen('https://127.0.0.1:%d/health' % server.port,
                                            context=context, timeout=TIMEOUT) as response:
                    self.assertEqual(json.loads(response.read())['status'], 'ok')
            finally:
                server.close()
        finally:
            shutil.rmtree(tmp)


if __name__ == '__main__':
    for name in ('SHAROKEY_SERVER', 'SHAROKEY_TEST_MAKE_SECRET', 'SHAROKEY_TEST_OPEN'):
        if not os.environ.get(name):
            sys.exit('%s is not set' % name)
    unittest.main(verbosity=2)
