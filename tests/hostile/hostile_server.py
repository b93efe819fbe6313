#!/usr/bin/python3
"""A hostile Sharokey API server: every answer is built to break a client.

It listens on 127.0.0.1 only, prints its port on standard output, and
serves until its standard input closes (its parent is gone) or for ten
minutes at most. The first path segment chooses how it misbehaves, so one
server serves every mode:

    http://127.0.0.1:PORT/<mode>/api/v1/secrets

Modes (see MODES): deep nesting in a 200 and in 401/500 error bodies,
wrong JSON types everywhere, null everywhere, a top level that is not an
object, JSON that json-glib reads otherwise (a comment, a '/' that takes a
quote: misread, comment), empty and whitespace bodies (200, 401, 404, 500), 204 No Content,
an answer dripped one byte a second, oversize answers (declared, and
streamed), terminal escape sequences, bidi overrides, and links that are
not https links; and a front end that never answers "Expect:
100-continue" (ignore-expect). For links (`sharokey open`): a web app that
answers every path with an HTML page (viewer-html), one that answers 404
without the viewer's GONE code (viewer-404), and a viewer whose files have
hostile names (viewer-names; links http://127.0.0.1:PORT/viewer-names/s/X#
followed by VIEWER_KEY_B, the secret being VIEWER_TEXT and file i holding
VIEWER_FILE % i).
"""

import asyncio
import json
import sys

LIFETIME = 600            # seconds
MAX_HEADER = 64 * 1024
MAX_BODY = 16 * 1024 * 1024
DEPTH = 100000            # far beyond any recursion limit

# Text that would drive a terminal: SGR colours, clear screen, window
# title (OSC 0), a forged hyperlink (OSC 8), a C1 CSI, BEL, backspace, CR.
ESCAPES = ("\x1b[31mRED\x1b[0m \x1b[2J\x1b]0;pwned\x07 "
           "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\ "
           "\u009b1m\x07\x08\r\x7f end")
# Bidi embeddings, overrides, isolates and marks, and zero-width characters.
BIDI = ("abc\u202e\u2066gnp.exe\u2069\u202c \u202a\u202b\u202d\u2067\u2068"
        "\u200e\u200f\u061c\u200b\u200d\ufeff end")


def envelope(data=None, message="OK", **extra):
    body = {"success": True, "message": message}
    if data is not None:
        body["data"] = data
    body.update(extra)
    return body


def secret(text, url):
    return {"slug": "ABC123" + text, "description": "desc " + text, "message": "msg " + text,
            "creator": "alice" + text + "@example.com", "maximum_views": 3, "current_views": 1,
            "status": "active " + text, "expiration": "2030-01-01T00:00:00Z " + text,
            "attachments": [{"name": "file " + text}], "access_url": url}


def request_item(text, url):
    return {"token": "tok" + text, "description": "desc " + text, "message": "msg " + text,
            "status": "active " + text, "request_expiration": "2030-01-01T00:00:00Z",
            "url": url}


def good_answer(method, path, text="", access_url=None, request_url=None):
    """A well-formed answer to any call, its strings laced with @text."""
    access_url = access_url or "https://app.example.com/s/ABC123"
    request_url = request_url or "https://app.example.com/r/tok123"
    if path.endswith("/health"):
        return 200, {"success": True, "status": "ok " + text, "version": text}
    if path.endswith("/secrets-stats"):
        return 200, envelope({"total_secrets": 1, "active_secrets": 1, "note": text})
    if path.endswith("/requests-stats"):
        return 200, envelope({"total_requests": 1, "active_requests": 1, "note": text})
    if path.endswith("/secrets") and method == "POST":
        return 201, envelope(secret(text, access_url), message="created " + text)
    if path.endswith("/secrets"):
        return 200, envelope({"items": [secret(text, access_url)], "pagination": {"total": 1}})
    if path.endswith("/requests") and method == "POST":
        return 201, envelope({"request": request_item(text, request_url)})
    if path.endswith("/requests"):
        return 200, envelope({"items": [request_item(text, request_url)],
                              "pagination": {"total": 1}})
    if method == "DELETE":
        return 200, envelope(message="deleted " + text)
    if "/requests/" in path:
        return 200, envelope({"request": request_item(text, request_url)})
    return 200, envelope(secret(text, access_url))


def wrong_types(method, path):
    """Every member the client reads has a type it does not expect."""
    odd = {"slug": {"a": 1}, "description": [1, 2], "message": 3.5, "creator": True,
           "maximum_views": "many", "current_views": {"x": []}, "status": 5,
           "expiration": ["soon"], "request_expiration": False, "attachments": [1, None, {"name": {}}],
           "access_url": {"https": "//x"}, "url": ["https://x"], "token": 7, "share_url": 1}
    if path.endswith("/health"):
        return 200, {"success": "yes", "status": 5, "message": ["x"]}
    if method == "DELETE":
        return 200, {"success": "true", "message": {"m": 1}, "data": "gone"}
    if path.endswith("/secrets") or path.endswith("/requests"):
        if method == "POST":
            return 201, {"success": 1, "message": [], "data": dict(odd, request="not an object")}
        return 200, {"success": "1", "data": {"items": [1, "two", None, [3], odd],
                                              "pagination": "none", "requests": 5}}
    if path.endswith("-stats"):
        return 200, {"success": [], "data": [1, 2, 3]}
    return 200, {"success": {}, "message": 1, "data": dict(odd, request=[odd])}


def null_fields(method, path):
    """The expected structure, every leaf null."""
    leafs = dict.fromkeys(["slug", "description", "message", "creator", "maximum_views",
                           "current_views", "status", "expiration", "request_expiration",
                           "attachments", "access_url", "url", "token", "total_secrets"])
    if path.endswith("/health"):
        return 200, {"success": None, "status": None, "message": None}
    if method == "DELETE":
        return 200, {"success": None, "message": None}
    if path.endswith("/secrets") or path.endswith("/requests"):
        if method == "POST":
            return 201, {"success": None, "message": None, "data": dict(leafs, request=None)}
        return 200, {"success": None, "data": {"items": [None, leafs], "pagination": None}}
    return 200, {"success": None, "message": None, "data": dict(leafs, request=None)}


# The key of viewer-names, known to the test: keyA from the "server",
# keyB from the link.
VIEWER_KEY_A = "AbCdEf12"
VIEWER_KEY_B = "GhIjKlMnOpQrStUvWxYz0123"
VIEWER_TEXT = "viewer secret \x1b[2J text"
VIEWER_FILE = "content of file %d\n"
VIEWER_NAMES = ["../x", ".bashrc", "..", "/etc/passwd", "a\x1b[31mb\x07c", "nul\u202egpj.exe",
                "", "x\\y", "dup", "dup", "new\nline", "\u200b.hidden"]


def viewer_names(method, path):
    """The browser viewer's answers, laced with hostile file names."""
    if method == "POST" and path.endswith("/reveal"):
        # Imported here: only this mode encrypts.
        import base64
        import hashlib
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        iv, salt = b"\x01" * 12, b"\x02" * 16
        key = hashlib.pbkdf2_hmac("sha256", (VIEWER_KEY_A + VIEWER_KEY_B).encode(), salt, 10000, 32)
        seal = lambda data: base64.b64encode(AESGCM(key).encrypt(iv, data, None)).decode()
        files = [{"name": name, "data": seal((VIEWER_FILE % i).encode()),
                  "size": len(VIEWER_FILE % i)} for i, name in enumerate(VIEWER_NAMES)]
        return 200, envelope({"content": seal(VIEWER_TEXT.encode()), "iv": base64.b64encode(iv).decode(),
                              "salt": base64.b64encode(salt).decode(), "key": VIEWER_KEY_A,
                              "attachments": files, "remaining_views": 0})
    if method == "GET" and "/api/v1/viewer/" in path:
        return 200, envelope({"slug": "X", "message": "from \x1b]0;pwned\x07 the sender",
                              "requires_password": False, "requires_captcha": False,
                              "requires_otp": False, "attachments_count": len(VIEWER_NAMES),
                              "attachments": [{"name": n} for n in VIEWER_NAMES],
                              "remaining_views": 1})
    return 404, {"success": False, "message": "Not found"}


def nested(kind):
    if kind == "array":
        return b"[" * DEPTH + b"]" * DEPTH
    return b'{"error":' * DEPTH + b"null" + b"}" * DEPTH


def answer(mode, method, path):
    """(status, body bytes or None, extra headers, how) for one request."""
    if mode == "deep":
        return 200, nested("array"), {}, None
    if mode == "deep-401":
        return 401, nested("object"), {}, None
    if mode == "deep-500":
        return 500, nested("object"), {}, None
    if mode == "types":
        status, body = wrong_types(method, path)
        return status, json.dumps(body).encode(), {}, None
    if mode == "null":
        return 200, b'{"success":null,"message":null,"data":null}', {}, None
    if mode == "null-fields":
        status, body = null_fields(method, path)
        return status, json.dumps(body).encode(), {}, None
    if mode == "misread":
        # json-glib 1.6's scanner reads comments: it took this for a document.
        return 200, b'/"/""{"success":true,"data":{}}', {}, None
    if mode == "comment":
        return 200, b'{"success":true,/* c */"data":{"id":"x"}}', {}, None
    if mode == "not-object":
        return 200, b'["success", true]', {}, None
    if mode == "empty":
        return 200, b"", {}, None
    if mode == "blank":
        return 200, b" \r\n\t  \n", {}, None
    if mode == "empty-401":
        return 401, b"", {}, None
    if mode == "empty-404":
        return 404, b"", {}, None
    if mode == "blank-500":
        return 500, b"  \n\n ", {}, None
    if mode == "no-content":
        return 204, None, {}, None
    if mode == "drip":
        status, body = good_answer(method, path)
        return status, json.dumps(body).encode(), {}, "drip"
    if mode == "oversize":
        return 200, None, {"Content-Length": str(64 * 1024 * 1024)}, "stall"
    if mode == "oversize-chunked":
        return 200, None, {"Transfer-Encoding": "chunked"}, "flood"
    if mode == "escape":
        status, body = good_answer(method, path, ESCAPES,
                                   access_url="https://app.example.com/s/\x1b[2JABC",
                                   request_url="https://app.example.com/r/\x1b]0;x\x07tok")
        return status, json.dumps(body).encode(), {}, None
    if mode == "escape-error":
        body = {"success": False, "message": ESCAPES,
                "error": {"code": "VALIDATION_ERROR", "message": ESCAPES + BIDI,
                          "details": {"content": [ESCAPES, BIDI]}}}
        return 422, json.dumps(body).encode(), {}, None
    if mode == "bidi":
        status, body = good_answer(method, path, BIDI)
        return status, json.dumps(body).encode(), {}, None
    if mode == "javascript":
        status, body = good_answer(method, path, "",
                                   access_url="javascript:alert(document.cookie)//",
                                   request_url="javascript:alert(1)//")
        return status, json.dumps(body).encode(), {}, None
    if mode == "ignore-expect":
        status, body = good_answer(method, path, "", access_url="http://127.0.0.1/s/ABC123")
        return status, json.dumps(body).encode(), {}, None
    if mode == "userinfo":
        status, body = good_answer(method, path, "",
                                   access_url="https://app.sharokey.com@evil.example/s/x",
                                   request_url="https://app.sharokey.com@evil.example/r/x")
        return status, json.dumps(body).encode(), {}, None
    if mode == "viewer-html":
        return 200, b"<!doctype html><title>app</title><div id=app></div>", {"Content-Type": "text/html"}, None
    if mode == "viewer-404":
        return 404, b'{"message":"Not Found"}', {}, None
    if mode == "viewer-names":
        status, body = viewer_names(method, path)
        return status, json.dumps(body).encode(), {}, None
    return 404, b'{"success":false,"message":"unknown hostile mode"}', {}, None


MODES = ["deep", "deep-401", "deep-500", "types", "null", "null-fields", "not-object", "misread", "comment",
         "empty", "blank", "empty-401", "empty-404", "blank-500", "no-content", "drip",
         "oversize", "oversize-chunked", "escape", "escape-error", "bidi", "javascript",
         "userinfo", "ignore-expect", "viewer-html", "viewer-404", "viewer-names"]

REASONS = {200: "OK", 201: "Created", 204: "No Content", 401: "Unauthorized",
           404: "Not Found", 422: "Unprocessable Entity", 500: "Internal Server Error"}


class Stall(Exception):
    """The request asked for "100 Continue", which this mode never sends."""


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    if len(head) > MAX_HEADER:
        raise ValueError("header too large")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    mode = target.strip("/").split("/", 1)[0]
    if mode == "ignore-expect" and "100-continue" in headers.get("expect", "").lower():
        raise Stall()
    length = int(headers.get("content-length", "0") or "0")
    if length > MAX_BODY:
        raise ValueError("body too large")
    if length:
        await reader.readexactly(length)
    return method, target.split("?", 1)[0]


async def serve(reader, writer):
    try:
        method, path = await read_request(reader)
        mode = path.strip("/").split("/", 1)[0]
        status, body, extra, how = answer(mode, method, path)
        extra = dict(extra)
        head = "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nConnection: close\r\n" % (
            status, REASONS.get(status, "Status"), extra.pop("Content-Type", "application/json"))
        if body is not None and "Content-Length" not in extra and "Transfer-Encoding" not in extra:
            extra = dict(extra, **{"Content-Length": str(len(body))})
        for name, value in extra.items():
            head += "%s: %s\r\n" % (name, value)
        raw = head.encode() + b"\r\n" + (body or b"")
        if how == "drip":
            for i in range(len(raw)):
                writer.write(raw[i:i + 1])
                await writer.drain()
                await asyncio.sleep(1)
        elif how == "stall":
            writer.write(raw + b"[" * 1024)
            await writer.drain()
            await asyncio.sleep(30)
        elif how == "flood":
            writer.write(raw)
            chunk = b" " * (1024 * 1024)
            for _ in range(33):     # 33 MiB, past the client's 32 MiB bound
                writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                await writer.drain()
            writer.write(b"0\r\n\r\n")
        else:
            writer.write(raw)
        await writer.drain()
    except Stall:
        # Like a front end that ignores Expect: nothing until the client gives up.
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            pass
    except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
            asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0, limit=MAX_HEADER)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.create_future()

    def on_stdin():
        if not sys.stdin.buffer.read1(4096):
            loop.remove_reader(sys.stdin.fileno())
            if not stdin_closed.done():
                stdin_closed.set_result(None)

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    try:
        await asyncio.wait_for(stdin_closed, LIFETIME)
    except asyncio.TimeoutError:
        pass
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
