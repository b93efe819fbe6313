#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The sharokey Python package on asyncio, against a real sharokey-server:
every coroutine method, each exception class, several awaits in flight at
once without blocking the event loop, cancellation; every secret created
here must open in the viewer to the same plaintext."""

import asyncio
import json
import os
import tempfile
import threading
import time

import sharokey
from sharokeytest import Checks
from sharokey_test_links import open_link
from sharokey_test_server import Server
from sharokey_test_sockets import BlackHole, CannedServer, refused_port

checks = Checks()
PLAINTEXT = "asyncio secret: correct horse battery staple ✓"
BOUNDED = 30.0


async def expect(exc_class, name, coro):
    try:
        await asyncio.wait_for(coro, BOUNDED)
    except sharokey.SharokeyError as error:
        checks.ok(type(error) is exc_class, name, f"got {type(error).__name__}: {error}")
        return error
    except Exception as error:  # a failure of the check, not of the test
        checks.ok(False, name, f"got {type(error).__name__}: {error}")
        return error
    checks.ok(False, name, "no error raised")
    return None


async def test_secrets(server, workdir):
    client = sharokey.SharokeyClient(token=server.token, api_url=server.api_url, timeout=20)
    doc_path = os.path.join(workdir, "report.pdf")
    doc = b"%PDF-1.4\n" + os.urandom(500)
    with open(doc_path, "wb") as f:
        f.write(doc)

    answer = await client.create(PLAINTEXT, hours=3, views=2, description="asyncio test",
                                 message="from the python package", attachments=[doc_path])
    checks.ok(isinstance(answer, dict), "create returns a dict")
    data = answer["data"]
    slug, share_url = data["slug"], data["share_url"]
    checks.ok(share_url.startswith(server.base + "/s/" + slug + "#"), "create gives a share link")
    checks.equal(data.get("maximum_views"), 2, "create keeps the view limit")

    got = (await client.get(slug))["data"]
    checks.equal(got.get("slug"), slug, "get returns the secret")
    checks.equal(got.get("message"), "from the python package", "get returns the message")
    checks.ok("content" not in got, "get never returns the ciphertext")

    listed = await client.list(limit=5, status="active", search="asyncio")
    checks.ok(slug in json.dumps(listed), "list finds it by status and search")
    stats = (await client.stats())["data"]
    checks.ok(stats.get("total_secrets", 0) >= 1 and stats.get("active_secrets", 0) >= 1,
              "stats count it", repr(stats))

    outdir = os.path.join(workdir, "opened")
    os.mkdir(outdir)
    status, plain = open_link(share_url, attachments=outdir)
    checks.equal((status, plain), (0, PLAINTEXT.encode()), "the link opens to the same plaintext")
    with open(os.path.join(outdir, "report.pdf"), "rb") as f:
        checks.equal(f.read(), doc, "the attachment opens to the same bytes")

    deleted = await client.delete(slug)
    checks.ok(isinstance(deleted, dict), "delete returns a dict")
    status, _ = open_link(share_url)
    checks.equal(status, 4, "a deleted secret no longer opens")
    await client.close()


async def test_typed(server):
    """The package gives the library's typed objects too."""
    from gi.repository import GLib, Sharokey

    async with sharokey.SharokeyClient(token=server.token, api_url=server.api_url) as client:
        sent = []
        secret = await client.create_secret("typed from asyncio", hours=1, views=1,
                                            description="typed-asyncio",
                                            progress=lambda done, total: sent.append((done, total)))
        checks.ok(isinstance(secret, Sharokey.Secret), "create_secret returns a Sharokey.Secret")
        checks.ok(secret.props.share_url.startswith(secret.props.access_url + "#"),
                  "its share_url is the link")
        checks.ok(sent and sent[-1][0] == sent[-1][1], "progress reaches the total", repr(sent[-2:]))
        for i in range(2):
            await client.create("typed filler", description="typed-asyncio")
        found = [s async for s in client.list_secrets(search="typed-asyncio", per_page=2)]
        checks.equal(len(found), 3, "list_secrets walks every page")
        checks.ok(all(isinstance(s, Sharokey.Secret) for s in found), "list_secrets yields Sharokey.Secret")
        checks.ok(all(isinstance(s.props.expiration, GLib.DateTime) for s in found),
                  "their expiration is a GLib.DateTime")
        checks.ok(secret.props.slug in [s.props.slug for s in found], "the new secret is among them")
        answer = await client.list(limit=2, page=2, search="typed-asyncio")
        checks.equal(len(answer["data"]["items"]), 1, "list takes a page")
        checks.equal(int(answer["data"]["pagination"]["total"]), 3, "and gives the total")


async def test_requests(server):
    async with sharokey.SharokeyClient(token=server.token, api_url=server.api_url) as client:
        answer = (await client.create_request(message="Send me the staging key",
                                              description="asyncio request",
                                              email_to="bob@example.com",
                                              secret_expiration_hours=12,
                                              request_expiration_hours=24,
                                              maximum_views=1,
                                              locale="fr"))["data"]
        request = answer.get("request", answer)
        token = request.get("token")
        checks.ok(isinstance(token, str) and token, "create_request returns a token")
        got = (await client.get_request(token))["data"]
        got = got.get("request", got)
        checks.equal(got.get("description"), "asyncio request", "get_request returns it")
        listed = await client.list_requests(limit=10, status="active")
        checks.ok(token in json.dumps(listed), "list_requests contains it")
        stats = (await client.request_stats())["data"]
        checks.ok(stats.get("active_requests", 0) >= 1, "request_stats count it", repr(stats))
        await client.delete_request(token)
        listed = await client.list_requests(limit=10, status="active")
        checks.ok(token not in json.dumps(listed), "delete_request ends it")


async def test_diagnostics(server):
    client = sharokey.SharokeyClient(token=server.token, api_url=server.api_url)
    report = await client.test()
    checks.ok(report.get("total", 0) > 0 and report.get("passed") == report.get("total"),
              "test() passes", repr(report))
    checks.equal(sorted(report), ["details", "passed", "total"], "test() keeps its keys")
    checks.equal([(d["name"], d["label"], d["success"]) for d in report["details"]],
                 [(name, name, True) for name in ("Configuration", "Network", "Authentication",
                                                  "Read Access", "Write Access", "Statistics")],
                 "test() details: name, label, success, in order")
    checks.ok(all(sorted(d) == ["label", "message", "name", "success"]
                  and isinstance(d["message"], str) and d["message"] for d in report["details"]),
              "each detail has a message", repr(report["details"]))
    checks.equal(await client.test_connection(), True, "test_connection is True")
    checks.equal((await client.health()).get("status"), "ok", "health is ok")
    config = client.get_config()
    checks.equal(config, {"api_url": server.api_url, "timeout": 30, "has_token": True,
                          "token_length": len(server.token)},
                 "get_config gives the Python SDK's keys, without the token")

    bad = sharokey.SharokeyClient(token="wrong-token", api_url=server.api_url)
    checks.equal(await bad.test_connection(), False, "test_connection is False with a bad token")
    failed = await bad.test()
    checks.equal((failed["passed"], failed["total"]), (2, 6), "a bad token fails four checks")
    checks.equal(failed["details"][2],
                 {"name": "Authentication", "label": "Authentication", "success": False,
                  "message": "Invalid token"}, "the Authentication check says why")
    down = sharokey.SharokeyClient(token=server.token,
                                   api_url=f"http://127.0.0.1:{refused_port()}/api/v1")
    checks.equal((await down.health()).get("status"), "error", "health reports an unreachable server")

    os.environ["SHAROKEY_TOKEN"] = server.token
    try:
        env_client = sharokey.SharokeyClient(api_url=server.api_url)
        checks.ok((await env_client.stats())["data"] is not None, "token taken from SHAROKEY_TOKEN")
    finally:
        del os.environ["SHAROKEY_TOKEN"]
    no_token = sharokey.SharokeyClient(api_url=server.api_url)
    await expect(sharokey.AuthenticationError, "no token at all: AuthenticationError",
                 no_token.stats())


def test_bridge_wait_bounded(server):
    # A GLib thread held up makes the synchronous parts fail after a bounded
    # wait instead of hanging the caller.
    from sharokey import _bridge
    bridge = _bridge.get_bridge()
    release = threading.Event()
    saved = _bridge._SYNC_TIMEOUT
    _bridge._SYNC_TIMEOUT = 0.3
    bridge.call_soon(release.wait, 10)
    started = time.monotonic()
    try:
        sharokey.SharokeyClient(token=server.token, api_url=server.api_url)
        checks.ok(False, "a held-up GLib thread: SharokeyError after a bounded wait", "no error")
    except sharokey.SharokeyError as error:
        checks.ok(time.monotonic() - started < 5, "a held-up GLib thread: SharokeyError after a bounded wait",
                  repr(error))
    finally:
        _bridge._SYNC_TIMEOUT = saved
        release.set()


async def test_exceptions(server, workdir):
    client = sharokey.SharokeyClient(token=server.token, api_url=server.api_url)
    for cls in (sharokey.ValidationError, sharokey.AuthenticationError, sharokey.NotFoundError,
                sharokey.AttachmentError, sharokey.NetworkError, sharokey.EncryptionError):
        checks.ok(issubclass(cls, sharokey.SharokeyError), f"{cls.__name__} is a SharokeyError")

    error = await expect(sharokey.ValidationError, "hours out of range: ValidationError",
                         client.create("x", hours=9000))
    checks.ok(error is not None and "8760" in str(error), "the validation message says why")
    await expect(sharokey.ValidationError, "negative views: ValidationError",
                 client.create("x", views=-1))
    await expect(sharokey.ValidationError, "bad OTP phone: ValidationError",
                 client.create("x", otp_phone="12"))
    await expect(sharokey.ValidationError, "bad request e-mail: ValidationError",
                 client.create_request(email_to="not an address"))
    bad = sharokey.SharokeyClient(token="wrong-token", api_url=server.api_url)
    await expect(sharokey.AuthenticationError, "wrong token: AuthenticationError", bad.list())
    await expect(sharokey.NotFoundError, "unknown slug: NotFoundError", client.get("NOSUCHSLUG9"))
    await expect(sharokey.NotFoundError, "unknown request: NotFoundError",
                 client.delete_request("no-such-request"))
    await expect(sharokey.AttachmentError, "missing file: AttachmentError",
                 client.create("x", attachments=[os.path.join(workdir, "missing.bin")]))
    many = []
    for i in range(11):
        path = os.path.join(workdir, f"f{i}.txt")
        with open(path, "w") as f:
            f.write("file %d\n" % i)
        many.append(path)
    await expect(sharokey.AttachmentError, "eleven files: AttachmentError",
                 client.create("x", attachments=many))

    down = sharokey.SharokeyClient(token=server.token,
                                   api_url=f"http://127.0.0.1:{refused_port()}/api/v1")
    await expect(sharokey.NetworkError, "refused connection: NetworkError", down.stats())
    hole = BlackHole()
    try:
        slow = sharokey.SharokeyClient(token=server.token, api_url=hole.api_url, timeout=1)
        await expect(sharokey.NetworkError, "timeout: NetworkError", slow.stats())
    finally:
        hole.close()

    with CannedServer(503, '{"success":false,"message":"down"}') as broken:
        await expect(sharokey.NetworkError, "server error: NetworkError",
                     sharokey.SharokeyClient(token="t", api_url=broken.api_url).stats())
    with CannedServer(200, "plain text", "text/plain") as odd:
        await expect(sharokey.NetworkError, "protocol error: NetworkError",
                     sharokey.SharokeyClient(token="t", api_url=odd.api_url).stats())

    # Encryption errors come from the same domain; decrypting with a wrong
    # key is the real way to get one.
    from gi.repository import GLib, Sharokey
    from sharokey.exceptions import from_glib_error
    key = Sharokey.generate_key_string()
    _, content, iv, salt = Sharokey.encrypt(key, GLib.Bytes.new(b"x" * 40))
    try:
        Sharokey.decrypt(key[::-1], content, iv, salt)
        checks.ok(False, "wrong key: EncryptionError", "decrypt succeeded")
    except GLib.Error as error:
        mapped = from_glib_error(error)
        checks.ok(type(mapped) is sharokey.EncryptionError, "wrong key: EncryptionError",
                  type(mapped).__name__)


async def test_rate_limit():
    with Server("--rate-limit", "2") as limited:
        client = sharokey.SharokeyClient(token=limited.token, api_url=limited.api_url)
        error = None
        for _ in range(6):
            try:
                await asyncio.wait_for(client.stats(), BOUNDED)
            except sharokey.SharokeyError as exc:
                error = exc
                break
        checks.ok(type(error) is sharokey.NetworkError, "rate limited: NetworkError",
                  f"{type(error).__name__}: {error}")


async def test_overlap(server):
    # Several creates at once, each opening to its own text.
    client = sharokey.SharokeyClient(token=server.token, api_url=server.api_url)
    texts = [f"parallel secret {i}" for i in range(6)]
    answers = await asyncio.wait_for(
        asyncio.gather(*(client.create(t, hours=1, views=1) for t in texts)), BOUNDED)
    slugs = {a["data"]["slug"] for a in answers}
    checks.equal(len(slugs), len(texts), "concurrent creates give distinct secrets")
    opened = [open_link(a["data"]["share_url"]) for a in answers]
    checks.equal(opened, [(0, t.encode()) for t in texts], "each concurrent secret opens to its text")

    # Two calls to a server that never answers: both connections are open at
    # the same moment while the event loop keeps running, then both time out.
    hole = BlackHole()
    try:
        slow = sharokey.SharokeyClient(token=server.token, api_url=hole.api_url, timeout=6)
        started = time.monotonic()
        tasks = [asyncio.ensure_future(slow.stats()), asyncio.ensure_future(slow.list())]
        both_open = False
        while time.monotonic() - started < 3.0 and not both_open:
            await asyncio.sleep(0.01)
            both_open = hole.open_connections >= 2
        checks.ok(both_open, "two awaits are in flight at the same time")
        # The loop keeps running timers while both calls wait for the server.
        ticks = 0
        tick_start = time.monotonic()
        while time.monotonic() - tick_start < 1.0:
            await asyncio.sleep(0.01)
            ticks += 1
        checks.ok(ticks >= 20 and not any(t.done() for t in tasks),
                  "the event loop runs while they wait", f"{ticks} ticks in 1s")
        results = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), BOUNDED)
        elapsed = time.monotonic() - started
        checks.ok(all(type(r) is sharokey.NetworkError for r in results),
                  "both time out with NetworkError", repr(results))
        checks.ok(elapsed < 11.0, "they timed out together, not one after the other",
                  f"{elapsed:.1f}s")

        # Cancelling the awaiting task cancels the request.
        task = asyncio.ensure_future(slow.stats())
        await asyncio.sleep(0.5)
        task.cancel()
        started = time.monotonic()
        try:
            await asyncio.wait_for(task, BOUNDED)
            checks.ok(False, "cancelling a call raises CancelledError", "it completed")
        except asyncio.CancelledError:
            checks.ok(time.monotonic() - started < 1.0, "cancelling a call raises CancelledError")
        except sharokey.SharokeyError as error:
            checks.ok(False, "cancelling a call raises CancelledError", repr(error))
    finally:
        hole.close()


def import_with_empty(variable):
    """`import sharokey` in a child whose VARIABLE is empty."""
    import subprocess
    import sys
    env = dict(os.environ, **{variable: ""})
    return subprocess.run([sys.executable, "-c", "import sharokey"], env=env, timeout=BOUNDED,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_missing_typelib():
    # Without the typelib, importing the package says what to do.
    done = import_with_empty("GI_TYPELIB_PATH")
    if done.returncode == 0:
        checks.ok(True, "a missing typelib # SKIP Sharokey-1.typelib is installed system-wide")
        return
    checks.ok("ImportError: The Sharokey-1 typelib was not found" in done.stderr
              and "GI_TYPELIB_PATH" in done.stderr,
              "a missing typelib: ImportError naming GI_TYPELIB_PATH", done.stderr[-300:])


def test_missing_library():
    # A typelib found without its shared library (an install prefix the
    # dynamic linker does not search) also says what to do.
    done = import_with_empty("LD_LIBRARY_PATH")
    if done.returncode == 0:
        checks.ok(True, "a missing library # SKIP libsharokey-glib-1 is installed system-wide")
        return
    checks.ok("ImportError: The Sharokey-1 typelib was found but libsharokey-glib-1 could not"
              in done.stderr and "LD_LIBRARY_PATH" in done.stderr,
              "a missing library: ImportError naming LD_LIBRARY_PATH", done.stderr[-300:])


async def main():
    with tempfile.TemporaryDirectory(prefix="sharokey-py-") as workdir, \
            Server() as server:
        await test_secrets(server, workdir)
        await test_typed(server)
        await test_requests(server)
        await test_diagnostics(server)
        test_bridge_wait_bounded(server)
        await test_exceptions(server, workdir)
        await test_overlap(server)
    await test_rate_limit()
    test_missing_typelib()
    test_missing_library()


if __name__ == "__main__":
    asyncio.run(main())
    checks.finish()
