#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Uses libsharokey-glib from Python through GObject Introspection directly
(the *_sync calls, and one *_async call on a GLib main loop), against a real
sharokey-server; every secret created here must open in the viewer."""

import json
import os
import tempfile

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Json", "1.0")
gi.require_version("Sharokey", "1")
from gi.repository import GLib, Json, Sharokey  # noqa: E402

import sharokeytest  # noqa: E402
from sharokeytest import Checks  # noqa: E402

checks = Checks()
PLAINTEXT = "Database password: hunter2 — é ✓"


def py(node):
    return json.loads(Json.to_string(node, False))


def expect_error(code, name, func, *args):
    try:
        func(*args)
    except GLib.Error as error:
        checks.ok(error.matches(Sharokey.Error.quark(), code), name,
                  f"got {error.domain}/{error.code}: {error.message}")
        return error
    checks.ok(False, name, "no error raised")
    return None


def new_client(server, token=sharokeytest.TOKEN):
    client = Sharokey.Client.new(token)
    client.set_api_url(server.api_url)
    return client


def test_options():
    options = Sharokey.SecretOptions(password="s3cret-pass", captcha=True)
    checks.equal(options.props.password, "s3cret-pass", "construct-time property password")
    checks.ok(options.props.captcha, "construct-time property captcha")
    checks.equal(options.get_protection(), Sharokey.Protection.PASSWORD,
                 "password is stronger than captcha")
    request = Sharokey.RequestOptions(maximum_views=3, locale="fr")
    checks.equal(request.get_maximum_views(), 3, "request options maximum-views")
    checks.equal(request.props.locale, "fr", "request options locale")


def test_secret_lifecycle(server, workdir):
    client = new_client(server)
    text_path = os.path.join(workdir, "notes.txt")
    blob_path = os.path.join(workdir, "blob.bin")
    with open(text_path, "wb") as f:
        f.write(b"attached notes\n" * 8)
    blob = os.urandom(300)
    with open(blob_path, "wb") as f:
        f.write(blob)

    options = Sharokey.SecretOptions(description="gi sync test", message="hello from python")
    options.set_attachments([text_path, blob_path])
    answer = py(client.create_sync(PLAINTEXT, 2, 1, options, None))
    data = answer["data"]
    share_url = data.get("share_url", "")
    checks.ok(share_url.startswith(server.base_url + "/s/"), "share_url points at the viewer",
              share_url.split("#")[0])
    checks.equal(len(share_url.split("#", 1)[-1]), Sharokey.KEY_B_LENGTH, "keyB is in the fragment")
    slug = data["slug"]
    checks.ok(data.get("has_attachments") is True, "create reports attachments")

    details = py(client.get_sync(slug, None))["data"]
    checks.equal(details["slug"], slug, "get returns the secret")
    checks.equal(details.get("description"), "gi sync test", "get returns the description")

    listed = py(client.list_sync(10, None, None, None, None))
    checks.ok(slug in json.dumps(listed), "list contains the new secret")
    active = py(client.list_sync(10, "active", None, "gi sync", None))
    checks.ok(slug in json.dumps(active), "list filtered by status and search")

    stats = py(client.stats_sync(None))["data"]
    checks.ok(stats.get("total_secrets", 0) >= 1, "stats count the secret", repr(stats))

    outdir = os.path.join(workdir, "opened")
    os.mkdir(outdir)
    status, plain = sharokeytest.open_share_url(share_url, attachments_dir=outdir)
    checks.equal(status, 0, "the link opens")
    checks.equal(plain, PLAINTEXT.encode("utf-8"), "the link opens to the same plaintext")
    with open(os.path.join(outdir, "blob.bin"), "rb") as f:
        checks.equal(f.read(), blob, "binary attachment decrypts to the same bytes")
    with open(os.path.join(outdir, "notes.txt"), "rb") as f:
        checks.equal(f.read(), b"attached notes\n" * 8, "text attachment decrypts")
    status, _ = sharokeytest.open_share_url(share_url)
    checks.equal(status, 4, "a one-view secret is gone after one view")

    # A second secret, deleted before anyone opens it.
    answer = py(client.create_sync("to be deleted", 1, 5, None, None))
    slug2, url2 = answer["data"]["slug"], answer["data"]["share_url"]
    py(client.delete_sync(slug2, None))
    status, _ = sharokeytest.open_share_url(url2)
    checks.equal(status, 4, "a deleted secret no longer opens")
    details = py(client.get_sync(slug2, None))["data"]
    checks.equal(details.get("status"), "expired", "a deleted secret is expired")

    # Password protection: the viewer needs it.
    options = Sharokey.SecretOptions(password="correct horse")
    url3 = py(client.create_sync("behind a password", 1, 3, options, None))["data"]["share_url"]
    status, _ = sharokeytest.open_share_url(url3, password="wrong password")
    checks.ok(status != 0, "a wrong password does not open it")
    status, plain = sharokeytest.open_share_url(url3, password="correct horse")
    checks.equal((status, plain), (0, b"behind a password"), "the right password opens it")


def test_async_on_main_loop(server):
    client = new_client(server)
    loop = GLib.MainLoop()
    results = {}

    def done(source, result, name):
        try:
            results[name] = py(source.create_finish(result))
        except GLib.Error as error:
            results[name] = error
        if len(results) == 2:
            loop.quit()

    client.create_async("async one", 1, 1, None, None, done, "one")
    client.create_async("async two", 1, 1, None, None, done, "two")
    timeout_id = GLib.timeout_add_seconds(30, loop.quit)
    loop.run()
    GLib.source_remove(timeout_id)
    for name, text in (("one", "async one"), ("two", "async two")):
        answer = results.get(name)
        if not checks.ok(isinstance(answer, dict), f"create_async {name} completes", repr(answer)):
            continue
        status, plain = sharokeytest.open_share_url(answer["data"]["share_url"])
        checks.equal((status, plain), (0, text.encode()), f"create_async {name} opens")


def test_requests(server):
    client = new_client(server)
    options = Sharokey.RequestOptions(message="Please send the VPN key",
                                      description="gi request",
                                      secret_expiration_hours=24,
                                      request_expiration_hours=48,
                                      maximum_views=2,
                                      email_reply="alice@example.com",
                                      locale="en")
    answer = py(client.create_request_sync(options, None))["data"]
    request = answer.get("request", answer)
    token = request.get("token")
    checks.ok(isinstance(token, str) and token != "", "create_request returns a token")
    got = py(client.get_request_sync(token, None))["data"]
    got = got.get("request", got)
    checks.equal(got.get("message"), "Please send the VPN key", "get_request returns the request")
    listed = py(client.list_requests_sync(10, None, None, None, None))
    checks.ok(token in json.dumps(listed), "list_requests contains it")
    stats = py(client.request_stats_sync(None))["data"]
    checks.ok(stats.get("total_requests", 0) >= 1, "request_stats count it", repr(stats))
    py(client.delete_request_sync(token, None))
    got = py(client.get_request_sync(token, None))["data"]
    got = got.get("request", got)
    checks.equal(got.get("status"), "expired", "delete_request expires it")


def test_diagnostics(server):
    client = new_client(server)
    report = py(client.test_sync(None))
    checks.ok(report.get("total", 0) > 0 and report.get("passed") == report.get("total"),
              "test() passes every check", repr(report))
    checks.ok(client.test_connection_sync(None), "test_connection succeeds")
    health = py(client.health_sync(None))
    checks.equal(health.get("status"), "ok", "health is ok")
    config = py(client.get_config())
    checks.equal(config.get("api_url"), server.api_url, "get_config gives the API URL")
    checks.ok(sharokeytest.TOKEN not in json.dumps(config), "get_config does not leak the token")


def test_errors(server, workdir):
    E = Sharokey.Error
    client = new_client(server)
    expect_error(E.VALIDATION, "hours 0 is a validation error",
                 client.create_sync, "x", 0, 1, None, None)
    expect_error(E.VALIDATION, "empty content is a validation error",
                 client.create_sync, "", 1, 1, None, None)
    bad = new_client(server, token="not-a-valid-token")
    expect_error(E.AUTHENTICATION, "a wrong token is an authentication error",
                 bad.stats_sync, None)
    expect_error(E.NOT_FOUND, "an unknown slug is not found",
                 client.get_sync, "NOSUCHSLUG1", None)
    expect_error(E.NOT_FOUND, "an unknown request token is not found",
                 client.get_request_sync, "no-such-request-token", None)
    options = Sharokey.SecretOptions()
    options.add_attachment(os.path.join(workdir, "does-not-exist.pdf"))
    expect_error(E.ATTACHMENT, "a missing file is an attachment error",
                 client.create_sync, "x", 1, 1, options, None)

    refused = Sharokey.Client.new(sharokeytest.TOKEN)
    with socket_closed_port() as port:
        refused.set_api_url(f"http://127.0.0.1:{port}/api/v1")
        expect_error(E.NETWORK, "a refused connection is a network error",
                     refused.stats_sync, None)

    hole = sharokeytest.BlackHole()
    try:
        slow = Sharokey.Client.new(sharokeytest.TOKEN)
        slow.set_api_url(hole.api_url)
        slow.set_timeout(1)
        expect_error(E.TIMEOUT, "a silent server is a timeout", slow.stats_sync, None)
    finally:
        hole.close()

    with sharokeytest.CannedServer(500, '{"success":false,"message":"boom"}') as broken:
        client500 = new_client(broken)
        expect_error(E.SERVER, "HTTP 500 is a server error", client500.stats_sync, None)
    with sharokeytest.CannedServer(200, "<html>not json</html>", "text/html") as odd:
        odd_client = new_client(odd)
        expect_error(E.PROTOCOL, "an answer that is not JSON is a protocol error",
                     odd_client.stats_sync, None)
    with sharokeytest.Server("--rate-limit", "1") as limited:
        limited_client = new_client(limited)
        error = None
        for _ in range(4):
            try:
                limited_client.stats_sync(None)
            except GLib.Error as exc:
                error = exc
                break
        checks.ok(error is not None and error.matches(Sharokey.Error.quark(), E.RATE_LIMITED),
                  "HTTP 429 is a rate-limit error", repr(error))

    key = Sharokey.generate_key_string()
    ok, content, iv, salt = Sharokey.encrypt(key, GLib.Bytes.new(b"sealed"), None, None)
    checks.ok(ok, "encrypt succeeds")
    plain = Sharokey.decrypt(key, content, iv, salt)
    checks.equal(plain.get_data(), b"sealed", "decrypt with the right key")
    wrong = ("B" if key[0] != "B" else "C") + key[1:]
    expect_error(E.ENCRYPTION, "decrypt with a wrong key is an encryption error",
                 Sharokey.decrypt, wrong, content, iv, salt)


class socket_closed_port:
    """A loopback port with nothing listening on it."""

    def __enter__(self):
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        return port

    def __exit__(self, *exc_info):
        pass


def main():
    test_options()
    with tempfile.TemporaryDirectory(prefix="sharokey-gi-") as workdir, \
            sharokeytest.Server() as server:
        test_secret_lifecycle(server, workdir)
        test_async_on_main_loop(server)
        test_requests(server)
        test_diagnostics(server)
        test_errors(server, workdir)
    checks.finish()


if __name__ == "__main__":
    main()
