#!/usr/bin/python3
"""What a new user meets in the first hour: long text, a path given as
content, durations, mistyped commands, `test` on a real account, terminals
without colour or cursor controls."""

import datetime
import os
import tempfile

from clitest import (Home, WAIT, assert_opens, case, check, expect, main, run, run_on_terminal,
                     share_url)
from sharokey_test_links import slug_of
from sharokey_test_server import Server
from sharokey_test_sockets import BlackHole


def hours_left(server, slug):
    status, _, body = server.call("GET", "/secrets/" + slug)
    check(status == 200, "get answered %d" % status)
    expiration = datetime.datetime.fromisoformat(body["data"]["expiration"].replace("Z", "+00:00"))
    left = expiration - datetime.datetime.now(datetime.timezone.utc)
    return round(left.total_seconds() / 3600)


@case
def test_long_text_advice():
    """Over 255 characters: the message says to attach a file instead and
    what that costs; nothing is sent."""
    with BlackHole() as listener, Home() as home:
        for args, stdin in ((["create", "-"], b"k" * 411 + b"\n"), (["create", "\u00e9" * 300], b"")):
            code, out, err = run(home, args, api_url=listener.api_url, stdin=stdin, timeout=10)
            check(code == 2 and out == b"", "exit %d, stdout %r" % (code, out))
            check(err.count("\n") == 1 and err.startswith("sharokey: Content must be 255 characters or less"),
                  "not one line: %r" % err)
            check("--attach FILE" in err and "nonce" in err, "no advice or cost: %r" % err)
        check("(this is 411 characters)" in run(home, ["create", "-"], api_url=listener.api_url,
                                                stdin=b"k" * 411)[2], "the length is not given")
        check(listener.count() == 0, "a connection was made")


@case
def test_path_as_content():
    """`create creds.txt` when creds.txt exists: a warning that never quotes
    the content; a script goes on, a terminal asks and "no" sends nothing."""
    with Server() as server, Home() as home, tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "creds.txt")
        with open(path, "w") as f:
            f.write("user:hunter22\n")
        out, err = expect(run(home, ["create", path], api_url=server.api_url), 0, "create PATH")
        check("warning:" in err and "--attach" in err and path not in err, "warning: %r" % err)
        assert_opens(share_url(out, server), path.encode())
        # On a terminal: the default answer is no.
        before = server.secret_count()
        code, out, seen = run_on_terminal(home, server, ["create", path], True,
                                          [(b"[y/N] ", b"\n")])
        check(code == 1 and out == b"", "declined: exit %d, stdout %r" % (code, out))
        check(b"Nothing was sent" in seen, "declined: %r" % seen)
        check(server.secret_count() == before, "a secret was created after no")
        code, out, seen = run_on_terminal(home, server, ["create", path], True, [(b"[y/N] ", b"y\n")])
        check(code == 0, "accepted: exit %d, %r" % (code, seen))
        assert_opens(share_url(out, server), path.encode())
        # With files attached the content is a note: naming a file is fine.
        _, err = expect(run(home, ["create", path, "--attach", path], api_url=server.api_url), 0,
                        "create PATH --attach PATH")
        check("warning: the content given" not in err, "warning with an attachment: %r" % err)
        # A word that names no file: no warning.
        _, err = expect(run(home, ["create", "no-such-file-here"], api_url=server.api_url), 0, "create")
        check(err == "", "warning without a file: %r" % err)


@case
def test_durations():
    """--hours takes 2h, 1d, 1w or plain hours, within the API's bounds."""
    with Server() as server, Home() as home:
        for text, hours in (("5", 5), ("2h", 2), ("1d", 24), ("1w", 168), ("365d", 8760), ("52w", 8736)):
            out, _ = expect(run(home, ["create", "x", "--hours", text], api_url=server.api_url), 0,
                            "--hours " + text)
            left = hours_left(server, slug_of(share_url(out, server)))
            check(left == hours, "--hours %s: %d hours left, expected %d" % (text, left, hours))
        out, _ = expect(run(home, ["create-request", "--secret-hours", "2d", "--request-hours", "1w",
                                   "--json"], api_url=server.api_url), 0, "create-request")
        request = __import__("json").loads(out)["data"]
        request = request.get("request", request)
        check(int(request["secret_expiration_hours"]) == 48 and
              int(request["request_expiration_hours"]) == 168, "request durations: %r" % request)
    with BlackHole() as listener, Home() as home:
        for text in ("0", "0d", "366d", "53w", "8761", "1y", "1.5d", "-1d", "d", "", " 2h", "2 h"):
            code, out, err = run(home, ["create", "x", "--hours", text], api_url=listener.api_url,
                                 timeout=10)
            check(code == 2 and out == b"" and err.startswith("sharokey: --hours"),
                  "--hours %r: exit %d, %r" % (text, code, err))
        code, _, err = run(home, ["create-request", "--request-hours", "53w"], api_url=listener.api_url)
        check(code == 2 and err.startswith("sharokey: --request-hours"), "--request-hours 53w: %r" % err)
        check(listener.count() == 0, "a connection was made")
        out, _ = expect(run(home, ["create", "--help"]), 0, "create --help")
        check("--hours=DURATION" in out.decode() and "1w" in out.decode(), "--help: %r" % out)


@case
def test_command_suggestion():
    """A mistyped command gets the nearest one, as git does."""
    with Home() as home:
        for typed, meant in (("lsit", "list"), ("creat", "create"), ("delte", "delete"),
                             ("stast", "stats"), ("confg", "config"), ("get-requets", "get-request")):
            code, out, err = run(home, [typed])
            check(code == 2 and out == b"", "%s: exit %d" % (typed, code))
            check(err == "sharokey: unknown command \u201c%s\u201d; did you mean \u201c%s\u201d?\n"
                  % (typed, meant), "%s: %r" % (typed, err))
        code, _, err = run(home, ["frobnicate"])
        check(code == 2 and "did you mean" not in err and "sharokey --help" in err, "far: %r" % err)


@case
def test_attach_directory():
    """--attach DIR says it is a directory, before anything is sent."""
    with BlackHole() as listener, Home() as home, tempfile.TemporaryDirectory() as work:
        code, out, err = run(home, ["create", "x", "--attach", work], api_url=listener.api_url, timeout=10)
        check(code == 2 and out == b"", "exit %d" % code)
        check(err == "sharokey: %s is a directory: attach the files in it, or an archive of it\n" % work,
              "message: %r" % err)
        check(listener.count() == 0, "a connection was made")


@case
def test_test_leaves_nothing():
    """`sharokey test` leaves no secret on the account, and a token without
    the right to create fails its Write Access check."""
    with tempfile.TemporaryDirectory() as work:
        tokens = os.path.join(work, "tokens")
        with open(tokens, "w") as f:
            f.write("test-token-0123456789 alice@example.com acme\n"
                    "reader-token-0123456789 bob@example.com acme secrets:read,stats:read\n")
        os.chmod(tokens, 0o600)
        with Server("--tokens-file", tokens) as server, Home() as home:
            for _ in range(2):
                out, _ = expect(run(home, ["test"], api_url=server.api_url), 0, "test")
            check(server.secret_count() == 0, "test left %d secrets" % server.secret_count())
            out, _ = expect(run(home, ["list"], api_url=server.api_url), 0, "list")
            check(out.decode() == "No secrets.\n", "list after test: %r" % out)
            out, _ = expect(run(home, ["test"], api_url=server.api_url, token="reader-token-0123456789"), 1,
                            "test with a read-only token")
            lines = out.decode().splitlines()
            write = [l for l in lines if "Write Access:" in l]
            check(len(write) == 1 and write[0].startswith("\u274c"), "write line: %r" % lines)
            check(all(l.startswith("\u2705") for l in lines[:6] if "Write Access" not in l),
                  "other checks: %r" % lines)
            check(server.secret_count() == 0, "the read-only run created a secret")
            out, _ = expect(run(home, ["--json", "test"], api_url=server.api_url), 0, "test --json")
            details = __import__("json").loads(out)["details"]
            check([d["name"] for d in details] == ["Configuration", "Network", "Authentication",
                                                   "Read Access", "Write Access", "Statistics"]
                  and all(d["label"] == d["name"] for d in details), "details: %r" % details)


@case
def test_no_color():
    """NO_COLOR and TERM=dumb: the check marks are plain text, not colour emoji."""
    with Server() as server, Home() as home:
        for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
            out, _ = expect(run(home, ["test"], api_url=server.api_url, env=env), 0, "test %r" % env)
            text = out.decode()
            check("\u2705" not in text and "\u274c" not in text and text.count("\u2713 ") == 6,
                  "%r: %r" % (env, text))
        out, _ = expect(run(home, ["test"], api_url=server.api_url, env={"NO_COLOR": "", "TERM": "xterm"}),
                        0, "test with an empty NO_COLOR")
        check(out.decode().count("\u2705 ") == 6, "an empty NO_COLOR turned colour off: %r" % out)


@case
def test_progress_plain_terminal():
    """The progress line counts the file's bytes (not base64's), and a
    terminal without cursor controls (TERM=dumb) gets no ESC[K."""
    with Server() as server, Home() as home, tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "big.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(3 * 1000 * 1000))
        for term, escape in (("dumb", False), ("xterm", True)):
            code, out, seen = run_on_terminal(home, server, ["create", "with progress", "--attach", path],
                                              False, wait=WAIT * 2, env={"TERM": term})
            check(code == 0, "create failed: %r" % seen)
            text = seen.decode(errors="replace")
            check("100% (3.0\u00a0MB of 3.0\u00a0MB)" in text or "100% (3.0 MB of 3.0 MB)" in text,
                  "TERM=%s: not the file's size: %r" % (term, text[-300:]))
            check(("\x1b[K" in text) == escape, "TERM=%s: ESC[K %s: %r" % (term, "missing" if escape
                                                                          else "present", text[-300:]))
            assert_opens(share_url(out, server), b"with progress")


if __name__ == "__main__":
    raise SystemExit(main())
