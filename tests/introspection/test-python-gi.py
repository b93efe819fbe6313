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
gi.require_version("Gio", "2.0")
gi.require_version("Json", "1.0")
gi.require_version("Sharokey", "1")
from gi.repository import Gio, GLib, GObject, Json, Sharokey  # noqa: E402

from sharokeytest import Checks  # noqa: E402
from sharokey_test_links import open_link  # noqa: E402
from sharokey_test_server import TOKEN, Server  # noqa: E402
from sharokey_test_sockets import BlackHole, CannedServer, refused_port  # noqa: E402

checks = Checks()
PLAINTEXT = "Database password: hunter2 — é ✓"


def py(node):
    return json.loads(Json.to_string(node, False))


expect_error = checks.error


def new_client(server, token=TOKEN, **props):
    return Sharokey.Client(token=token, api_url=server.api_url, **props)


def slugs_of(page):
    return [secret.props.slug for secret in page]


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
    progress = []
    secret = client.create_sync(PLAINTEXT, 2, 1, options, lambda sent, total, *data: progress.append((sent, total)),
                                None)
    checks.ok(isinstance(secret, Sharokey.Secret), "create returns a Sharokey.Secret", repr(secret))
    share_url = secret.props.share_url or ""
    checks.ok(share_url.startswith(server.base + "/s/"), "share_url points at the viewer",
              share_url.split("#")[0])
    checks.equal(len(share_url.split("#", 1)[-1]), Sharokey.KEY_B_LENGTH, "keyB is in the fragment")
    checks.ok(progress and progress[-1][0] == progress[-1][1] > 0, "the upload's progress reaches its total",
              repr(progress[-3:]))
    slug = secret.props.slug
    checks.equal(secret.props.attachments_count, 2, "create reports attachments")
    checks.ok("share_url" not in py(secret.get_json()), "the key never goes into the server's JSON")
    expiration = secret.props.expiration
    checks.ok(isinstance(expiration, GLib.DateTime), "expiration is a GLib.DateTime", repr(expiration))
    hours = expiration.difference(GLib.DateTime.new_now_utc()) / GLib.TIME_SPAN_HOUR
    checks.ok(1 < hours <= 2, "it expires in 2 hours", repr(hours))
    checks.equal(secret.props.status, Sharokey.SecretStatus.ACTIVE, "a new secret is active")

    details = client.get_sync(slug, None)
    checks.equal(details.props.slug, slug, "get returns the secret")
    checks.equal(details.props.description, "gi sync test", "get returns the description")
    checks.equal(details.props.share_url, None, "only create's result has the link")
    checks.equal(py(details.get_json())["slug"], slug, "get_json is the server's item")

    page = client.list_sync(10, 1, None, None, None, None)
    checks.ok(isinstance(page, Gio.ListModel), "list returns a Gio.ListModel", repr(page))
    checks.equal(page.get_item_type(), Sharokey.Secret.__gtype__, "of Sharokey.Secret")
    checks.ok(slug in slugs_of(page), "list contains the new secret")
    checks.ok(page.props.total >= 1, "the page gives the total")
    active = client.list_sync(10, 0, "active", None, "gi sync", None)
    checks.equal(slugs_of(active), [slug], "list filtered by status and search")

    stats = client.stats_sync(None)
    checks.ok(stats.props.total_secrets >= 1, "stats count the secret", repr(py(stats.get_json())))

    outdir = os.path.join(workdir, "opened")
    os.mkdir(outdir)
    status, plain = open_link(share_url, attachments=outdir)
    checks.equal(status, 0, "the link opens")
    checks.equal(plain, PLAINTEXT.encode("utf-8"), "the link opens to the same plaintext")
    with open(os.path.join(outdir, "blob.bin"), "rb") as f:
        checks.equal(f.read(), blob, "binary attachment decrypts to the same bytes")
    with open(os.path.join(outdir, "notes.txt"), "rb") as f:
        checks.equal(f.read(), b"attached notes\n" * 8, "text attachment decrypts")
    status, _ = open_link(share_url)
    checks.equal(status, 4, "a one-view secret is gone after one view")

    # A second secret, deleted before anyone opens it.
    second = client.create_sync("to be deleted", 1, 5, None, None, None)
    slug2, url2 = second.props.slug, second.props.share_url
    checks.equal(client.delete_sync(slug2, None), True, "delete_sync returns True")
    status, _ = open_link(url2)
    checks.equal(status, 4, "a deleted secret no longer opens")
    details = client.get_sync(slug2, None)
    checks.equal(details.props.status, Sharokey.SecretStatus.EXPIRED, "a deleted secret is expired")

    # Password protection: the viewer needs it.
    options = Sharokey.SecretOptions(password="correct horse")
    url3 = client.create_sync("behind a password", 1, 3, options, None, None).props.share_url
    status, _ = open_link(url3, password="wrong password")
    checks.ok(status != 0, "a wrong password does not open it")
    status, plain = open_link(url3, password="correct horse")
    checks.equal((status, plain), (0, b"behind a password"), "the right password opens it")


def run_loop(loop):
    timeout_id = GLib.timeout_add_seconds(30, loop.quit)
    loop.run()
    GLib.source_remove(timeout_id)


def test_async_on_main_loop(server):
    client = new_client(server)
    loop = GLib.MainLoop()
    results = {}

    def done(source, result, name):
        try:
            results[name] = source.create_finish(result)
        except GLib.Error as error:
            results[name] = error
        if len(results) == 2:
            loop.quit()

    client.create_async("async one", 1, 1, None, None, None, None, done, "one")
    client.create_async("async two", 1, 1, None, None, None, None, done, "two")
    run_loop(loop)
    for name, text in (("one", "async one"), ("two", "async two")):
        secret = results.get(name)
        if not checks.ok(isinstance(secret, Sharokey.Secret), f"create_async {name} completes", repr(secret)):
            continue
        status, plain = open_link(secret.props.share_url)
        checks.equal((status, plain), (0, text.encode()), f"create_async {name} opens")

    # delete_finish gives a plain boolean
    deleted = []

    def on_deleted(source, result):
        deleted.append(source.delete_finish(result))
        loop.quit()

    if isinstance(results.get("one"), Sharokey.Secret):
        client.delete_async(results["one"].props.slug, None, on_deleted)
        run_loop(loop)
        checks.ok(deleted == [True] and deleted[0] is True, "delete_finish returns True", repr(deleted))


def test_requests(server):
    client = new_client(server)
    options = Sharokey.RequestOptions(message="Please send the VPN key",
                                      description="gi request",
                                      secret_expiration_hours=24,
                                      request_expiration_hours=48,
                                      maximum_views=2,
                                      email_reply="alice@example.com",
                                      locale="en")
    request = client.create_request_sync(options, None)
    token = request.props.token
    checks.ok(isinstance(token, str) and token != "", "create_request returns a token")
    checks.equal(request.props.status, Sharokey.SecretRequestStatus.ACTIVE, "a new request is active")
    checks.ok(isinstance(request.props.request_expiration, GLib.DateTime), "request expiration is a GLib.DateTime")
    got = client.get_request_sync(token, None)
    checks.equal(got.props.message, "Please send the VPN key", "get_request returns the request")
    listed = client.list_requests_sync(10, 0, None, None, None, None)
    checks.ok(token in [r.props.token for r in listed], "list_requests contains it")
    stats = client.request_stats_sync(None)
    checks.ok(stats.props.total_requests >= 1, "request_stats count it", repr(py(stats.get_json())))
    checks.equal(client.delete_request_sync(token, None), True, "delete_request returns True")
    got = client.get_request_sync(token, None)
    checks.equal(got.props.status, Sharokey.SecretRequestStatus.EXPIRED,
                 "delete_request expires it (not fulfilled)")


def test_diagnostics(server):
    client = new_client(server)
    report = client.test_sync(None)
    found = [(c.props.name, c.props.passed, c.props.message) for c in report]
    checks.ok(report.get_n_items() == 6 and report.props.n_passed == 6 and report.props.passed,
              "test() passes every check", repr(found))
    checks.equal([name for name, _, _ in found],
                 ["Configuration", "Network", "Authentication", "Read Access", "Write Access",
                  "Statistics"], "the six checks, in order")
    wrong = new_client(server, token="not-a-valid-token").test_sync(None)
    auth = wrong.get_item(2)
    checks.ok(not wrong.props.passed and wrong.props.n_passed == 2,
              "a wrong token fails the diagnosis", repr([c.props.message for c in wrong]))
    checks.equal((auth.props.name, auth.props.passed, auth.props.message),
                 ("Authentication", False, "Invalid token"), "the Authentication check fails")
    checks.ok(client.test_connection_sync(None), "test_connection succeeds")
    checks.equal(client.health_sync(None), True, "health is True")
    checks.equal((client.get_api_url(), client.get_timeout(), client.props.has_token),
                 (server.api_url, 30, True), "the settings, with has_token")
    client.set_token(None)
    checks.equal(client.props.has_token, False, "has_token follows the token")


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

    refused = Sharokey.Client(token=TOKEN, api_url=f"http://127.0.0.1:{refused_port()}/api/v1")
    try:
        refused.stats_sync(None)
        checks.ok(False, "a refused connection keeps its G_IO_ERROR", "no error raised")
    except GLib.Error as error:
        checks.ok(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CONNECTION_REFUSED),
                  "a refused connection keeps its G_IO_ERROR", f"{error.domain}/{error.code}")

    hole = BlackHole()
    try:
        slow = Sharokey.Client(token=TOKEN, api_url=hole.api_url, timeout=1)
        expect_error(E.TIMEOUT, "a silent server is a timeout", slow.stats_sync, None)
    finally:
        hole.close()

    with CannedServer(500, '{"success":false,"message":"boom"}') as broken:
        client500 = new_client(broken)
        expect_error(E.SERVER, "HTTP 500 is a server error", client500.stats_sync, None)
    with CannedServer(200, "<html>not json</html>", "text/html") as odd:
        odd_client = new_client(odd)
        expect_error(E.PROTOCOL, "an answer that is not JSON is a protocol error",
                     odd_client.stats_sync, None)
    with Server("--rate-limit", "1") as limited:
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
    ok, content, iv, salt = Sharokey.encrypt(key, GLib.Bytes.new(b"sealed"))
    checks.ok(ok, "encrypt succeeds")
    plain = Sharokey.decrypt(key, content, iv, salt)
    checks.equal(plain.get_data(), b"sealed", "decrypt with the right key")
    wrong = ("B" if key[0] != "B" else "C") + key[1:]
    expect_error(E.ENCRYPTION, "decrypt with a wrong key is an encryption error",
                 Sharokey.decrypt, wrong, content, iv, salt)


def test_tls(workdir):
    """An untrusted certificate fails in the TLS domain, not as a
    flattened network error, from the sync and the async calls."""
    here = os.path.dirname(os.path.abspath(__file__))
    cert = os.path.join(here, "..", "client", "untrusted-cert.pem")
    key = os.path.join(here, "..", "client", "untrusted-key.pem")
    with Server("--tls-cert", cert, "--tls-key", key) as server:
        client = Sharokey.Client(token=TOKEN,
                                 api_url=f"https://127.0.0.1:{server.port}/api/v1")
        for name, call in (("stats_sync", lambda: client.stats_sync(None)),
                           ("create_sync", lambda: client.create_sync("never sent", 1, 1, None, None, None)),
                           ("health_sync", lambda: client.health_sync(None))):
            try:
                call()
                checks.ok(False, f"{name} over untrusted TLS raises", "no error raised")
            except GLib.Error as error:
                checks.equal(error.domain, "g-tls-error-quark", f"{name} over untrusted TLS: g-tls-error-quark")
                checks.ok(error.matches(Gio.tls_error_quark(), Gio.TlsError.BAD_CERTIFICATE),
                          f"{name}: G_TLS_ERROR_BAD_CERTIFICATE", f"{error.code}: {error.message}")


def test_token_at_runtime(server):
    """The token changes at runtime; reading it gives a copy."""
    client = new_client(server, token="wrong-token")
    expect_error(Sharokey.Error.AUTHENTICATION, "a wrong token fails", client.stats_sync, None)
    client.props.token = TOKEN
    checks.equal(client.dup_token(), TOKEN, "dup_token gives the new token")
    checks.ok(client.stats_sync(None).props.total_secrets >= 0, "the next call uses the new token")
    for name in ("api-url", "timeout", "user-agent", "session"):
        flags = Sharokey.Client.find_property(name).flags
        checks.ok(flags & GObject.ParamFlags.CONSTRUCT_ONLY, f"{name} is construct-only")


def main():
    test_options()
    with tempfile.TemporaryDirectory(prefix="sharokey-gi-") as workdir, \
            Server() as server:
        test_secret_lifecycle(server, workdir)
        test_async_on_main_loop(server)
        test_requests(server)
        test_diagnostics(server)
        test_errors(server, workdir)
        test_token_at_runtime(server)
        test_tls(workdir)
        checks.finish()  # inside: a failure shows the server's log


if __name__ == "__main__":
    main()
