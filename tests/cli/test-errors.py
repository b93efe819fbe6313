#!/usr/bin/python3
"""Validation failures exit 2 before any byte is sent; every exit status."""

import json
import os
import signal
import subprocess
import tempfile
import time

from clitest import (CLI, SOURCE_ROOT, Home, TOKEN, WAIT, case, check, cli_env, expect, main, run)
from sharokey_test_server import Server
from sharokey_test_sockets import BlackHole, CannedServer, refused_port


def invalid_invocations(work):
    missing = os.path.join(work, "missing.txt")
    small = os.path.join(work, "small.txt")
    with open(small, "w") as f:
        f.write("x")
    return [
        (["create"], b""),
        (["create", "a", "b"], b""),
        # Dot segments would resolve to another endpoint (DELETE /api/v1/).
        (["delete", ".."], b""),
        (["get", "."], b""),
        (["delete-request", ".."], b""),
        (["config", "--api-url", "https://user:hunter22@api.example.com/api/v1"], b""),
        (["create", "x", "--hours", "0"], b""),
        (["create", "x", "--hours", "8761"], b""),
        (["create", "x", "--hours", "-3"], b""),
        (["create", "x", "--hours", "soon"], b""),
        (["create", "x", "--views", "0"], b""),
        (["create", "x", "--views", "1001"], b""),
        (["create", ""], b""),
        (["create", "-"], b"\n"),
        (["create", "-"], b"\xff\xfe not utf-8"),
        (["create", "-"], b"nul\x00byte"),
        (["create", "é" * 256], b""),
        (["create", "x", "--description", "d" * 256], b""),
        (["create", "x", "--message", "m" * 256], b""),
        (["create", "x", "--password", "abc"], b""),
        (["create", "x", "--password-fd", "9"], b""),
        (["create", "x", "--password-fd", "hunter22"], b""),
        (["create", "x", "--password-fd", "-1"], b""),
        (["create", "-", "--password-fd", "0"], b"secret\nhunter22\n"),
        (["create", "x", "--password-fd", "0"], b"abc\n"),
        # Empty: the link would silently have no password.
        (["create", "x", "--password", ""], b""),
        (["create", "x", "--otp-email", ""], b""),
        (["create", "x", "--otp-phone", ""], b""),
        (["create", "x", "--ip-whitelist", ""], b""),
        (["create", "x", "--geolocation", ""], b""),
        (["create", "x", "--password-fd", "0"], b""),
        (["create", "x", "--password-fd", "0"], b"\n"),
        (["create", "x", "--password-fd", "0", "--password", "hunter22"], b"hunter22"),
        (["create", "x", "--otp-email", "not-an-email"], b""),
        (["create", "x", "--otp-phone", "0674747474"], b""),
        (["create", "x", "--ip-whitelist", "10.0.0.1"], b""),
        (["create", "x", "--ip-whitelist", "300.1.2.3"], b""),
        (["create", "x", "--geolocation", "FRA"], b""),
        (["create", "x", "--attach", missing], b""),
        (["create", "x"] + ["--attach", small] * 11, b""),
        (["create", "x", "--unknown-flag"], b""),
        (["--timeout", "0", "create", "x"], b""),
        (["--timeout", "-1", "create", "x"], b""),
        (["--timeout", "soon", "stats"], b""),
        ([], b""),
        (["--api-url", "http://example.com/api/v1", "create", "x"], b""),
        (["--api-url", "not a url", "create", "x"], b""),
        (["list", "--status", "gone"], b""),
        (["list", "--limit", "0"], b""),
        (["list", "--limit", "-1"], b""),
        (["list-requests", "--limit", "-1"], b""),
        (["list", "extra"], b""),
        (["get"], b""),
        (["get", ""], b""),
        (["delete"], b""),
        (["create-request", "--secret-hours", "0"], b""),
        (["create-request", "--request-hours", "8761"], b""),
        (["create-request", "--views", "0"], b""),
        (["create-request", "--email-to", "nobody"], b""),
        (["create-request", "--email-reply", "x@"], b""),
        (["create-request", "--locale", "de"], b""),
        (["create-request", "--description", "d" * 256], b""),
        (["get-request"], b""),
        (["delete-request", ""], b""),
        (["list-requests", "--status", "open"], b""),
        (["config", "--timeout", "0"], b""),
        (["config", "--api-url", "ftp://example.com"], b""),
        (["no-such-command"], b""),
        (["--no-such-flag", "list"], b""),
    ]


@case
def test_validation_sends_nothing():
    """Against a port that only counts connections: none is made."""
    with BlackHole() as listener, Home() as home, tempfile.TemporaryDirectory() as work:
        for args, stdin in invalid_invocations(work):
            code, out, err = run(home, args, api_url=listener.api_url, stdin=stdin, timeout=10)
            label = " ".join(a if len(a) < 20 else a[:17] + "..." for a in args)
            check(code == 2, "%s: exit %d, expected 2 (%s)" % (label, code, err.strip()))
            check(out == b"", "%s: printed %r on stdout" % (label, out))
            lines = err.strip().splitlines()
            check(len(lines) >= 1 and lines[-1].startswith("sharokey: "),
                  "%s: error is not `sharokey: message`: %r" % (label, err))
            check("hunter22" not in err, "%s: the password is in the error: %r" % (label, err))
            check(listener.count() == 0, "%s: a connection was made" % label)
        check(not os.path.exists(home.config), "a failed config command wrote the file")


@case
def test_global_flag_after_command():
    """The global flags work anywhere: after the command, its flags and its
    arguments too."""
    with Server() as server, Home() as home, BlackHole() as listener:
        # --json after the content, --api-url and --token after the command.
        out, _ = expect(run(home, ["create", "-", "--json", "--api-url", server.api_url,
                                   "--token", TOKEN],
                            api_url=listener.api_url, token="wrong-token", stdin=b"s3cret"),
                        0, "create - --json --api-url --token")
        answer = json.loads(out)
        check(answer["data"]["share_url"].startswith(server.base), "not this server's link: %r" % out)
        out, _ = expect(run(home, ["list", "--json"], api_url=server.api_url), 0, "list --json")
        check(json.loads(out)["success"] is True, "list --json: %r" % out)
        out, _ = expect(run(home, ["get", answer["data"]["slug"], "--timeout=5", "--json"],
                            api_url=server.api_url), 0, "get SLUG --timeout=5 --json")
        check(json.loads(out)["data"]["slug"] == answer["data"]["slug"], "get: %r" % out)
        # Still checked like the same flag before the command.
        code, out, err = run(home, ["stats", "--timeout", "0"], api_url=server.api_url)
        check(code == 2 and out == b"" and "Timeout" in err, "stats --timeout 0: %d %r" % (code, err))
        # After "--" it is the content, not a flag.
        out, _ = expect(run(home, ["create", "--", "--json"], api_url=server.api_url), 0,
                        "create -- --json")
        check(out.decode().startswith(server.base + "/s/"), "create -- --json printed %r" % out)
        # A flag the command does not know stays GOption's message.
        code, _, err = run(home, ["list", "--jsn"], api_url=listener.api_url, timeout=10)
        check(code == 2 and "--jsn" in err, "--jsn: %r" % err)
        check(listener.count() == 0, "a connection was made to the wrong server")


@case
def test_identifier_not_link():
    """A path instead of a slug or request token gets a message that says
    so (not "required"), never quotes the key it may hold, sends nothing;
    a whole link is taken apart (test-open.py links-for-identifiers)."""
    key = "8I7LJl3La2jjyXh1jXiIek6t"
    with BlackHole() as listener, Home() as home:
        for args in (["delete", "zfJB7ooFNS/" + key], ["delete-request", "../" + key],
                     ["get", "ftp://127.0.0.1:1/s/zfJB7ooFNS#" + key],
                     ["get-request", "https://x.example/r/..#" + key]):
            code, out, err = run(home, args, api_url=listener.api_url, timeout=10)
            check(code == 2 and out == b"", "%s: exit %d, stdout %r" % (args[0], code, out))
            check(key not in err and err.startswith("sharokey: ") and err.count("\n") == 1,
                  "%s: message %r" % (args[0], err))
        code, _, err = run(home, ["delete", "zfJB7ooFNS/" + key], api_url=listener.api_url, timeout=10)
        check(err == "sharokey: Give a slug, a token or a whole link (https://…), not a path\n",
              "path: %r" % err)
        code, _, err = run(home, ["get", ""], api_url=listener.api_url, timeout=10)
        check(code == 2 and err == "sharokey: Secret slug is required\n", "empty slug: %r" % err)
        check(listener.count() == 0, "a connection was made")


@case
def test_api_url_without_api_path():
    """An API URL without its /api/v1 makes list or stats answer 404: that is
    a wrong URL (exit 5, said so), not a missing secret (exit 4)."""
    with Server() as server, Home() as home:
        for args in (["stats"], ["list"], ["list-requests"], ["request-stats"]):
            code, out, err = run(home, args, api_url=server.base)
            check(code == 5 and out == b"", "%s: exit %d, stdout %r" % (args[0], code, out))
            check(err.startswith("sharokey: The server has no such API endpoint (")
                  and err.rstrip("\n").endswith("it usually ends in /api/v1") and err.count("\n") == 1,
                  "%s: message %r" % (args[0], err))
        # With the right URL, an unknown slug is still "not found".
        code, _, err = run(home, ["get", "nosuchslug"], api_url=server.api_url)
        check(code == 4 and "API endpoint" not in err, "get unknown: exit %d, %r" % (code, err))


@case
def test_stdout_unwritable():
    """A link that cannot be printed opens for nobody: an error, and the
    secret is deleted. A closed standard output is not taken over by the
    connection to the server (the link would go there)."""
    with Server() as server, Home() as home:
        env = cli_env(home, server.api_url)
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([CLI, "create", "x"], stdout=full, stderr=subprocess.PIPE,
                                  env=env, timeout=WAIT)
        err = proc.stderr.decode()
        check(proc.returncode == 1, "/dev/full: exit %d (%s)" % (proc.returncode, err))
        check(err == "sharokey: Cannot write the link to standard output (No space left on device); "
              "the secret was deleted\n", "/dev/full: %r" % err)
        proc = subprocess.run(["bash", "-c", '"$0" create y >&-', CLI], stderr=subprocess.PIPE,
                              env=env, timeout=WAIT)
        err = proc.stderr.decode()
        check(proc.returncode == 1 and "standard output (Bad file descriptor)" in err,
              "closed stdout: exit %d, %r" % (proc.returncode, err))
        status, _, body = server.call("GET", "/secrets-stats")
        check(status == 200 and body["data"]["total_secrets"] == 2 and body["data"]["active_secrets"] == 0,
              "the unprintable secrets are still active: %r" % body)


@case
def test_validation_server_unchanged():
    """Against the real server: its statistics show nothing was created."""
    with Server() as server, Home() as home, tempfile.TemporaryDirectory() as work:
        for args, stdin in invalid_invocations(work):
            if any(a.startswith("--api-url") for a in args):
                continue
            expect(run(home, args, api_url=server.api_url, stdin=stdin), 2, " ".join(args)[:60])
        check(server.secret_count() == 0, "the server holds secrets after invalid commands")
        check(server.request_count() == 0, "the server holds requests after invalid commands")


@case
def test_exit_authentication():
    with Server() as server, Home() as home:
        for args in (["list"], ["create", "x"], ["stats"], ["get", "ABC"], ["request-stats"],
                     ["create-request"]):
            _, err = expect(run(home, args, api_url=server.api_url, token="wrong-token-123"), 3,
                            "%s with a bad token" % args[0])
            check("wrong-token-123" not in err, "the token is in the error: %r" % err)
            check(err.startswith("sharokey: ") and err.count("\n") == 1, "not one line: %r" % err)
        _, err = expect(run(home, ["list"], api_url=server.api_url, token=None), 3, "list without token")
        check("SHAROKEY_TOKEN" in err, "no hint about SHAROKEY_TOKEN: %r" % err)
        check(server.secret_count() == 0, "a secret was created with a bad token")


@case
def test_exit_not_found():
    with Server() as server, Home() as home:
        for args in (["get", "NOSUCHSLUG"], ["delete", "NOSUCHSLUG"],
                     ["get-request", "nosuchtoken"], ["delete-request", "nosuchtoken"]):
            _, err = expect(run(home, args, api_url=server.api_url), 4, " ".join(args))
            check(err.startswith("sharokey: "), "error format: %r" % err)


@case
def test_exit_network_refused():
    api_url = "http://127.0.0.1:%d/api/v1" % refused_port()
    with Home() as home:
        for args in (["create", "x"], ["list"], ["get", "ABC"], ["stats"]):
            _, err = expect(run(home, args, api_url=api_url), 5, "%s on a refused port" % args[0])
            check(err.startswith("sharokey: ") and err.count("\n") == 1, "not one line: %r" % err)


@case
def test_exit_network_timeout():
    with BlackHole() as listener, Home() as home:
        _, err = expect(run(home, ["--timeout", "1", "stats"], api_url=listener.api_url), 5,
                        "stats against a server that never answers")
        check(err.startswith("sharokey: "), "error format: %r" % err)


@case
def test_exit_network_tls():
    """An untrusted certificate: nothing is sent, exit 5, and one line that
    says the server cannot be reached and why."""
    cert = os.path.join(SOURCE_ROOT, "tests", "client", "untrusted-cert.pem")
    key = os.path.join(SOURCE_ROOT, "tests", "client", "untrusted-key.pem")
    with Server("--tls-cert", cert, "--tls-key", key) as server, Home() as home:
        api_url = "https://127.0.0.1:%d/api/v1" % server.port
        for args in (["stats"], ["create", "never sent"], ["list"]):
            _, err = expect(run(home, args, api_url=api_url), 5, "%s over untrusted TLS" % args[0])
            check(err.startswith("sharokey: Cannot reach the server: ") and err.count("\n") == 1,
                  "TLS failure message: %r" % err)


@case
def test_interrupt_during_upload():
    """Ctrl-C during an upload cancels it, then the tool dies of SIGINT as
    shells expect, so that a loop or script running it stops too."""
    with BlackHole() as listener, Home() as home, tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "file.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(64 * 1024))
        proc = subprocess.Popen([CLI, "create", "-", "--attach", path], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=cli_env(home, listener.api_url))
        proc.stdin.write(b"interrupted secret")
        proc.stdin.close()
        proc.stdin = None  # so that communicate() does not flush it
        deadline = time.monotonic() + WAIT
        while not listener.accepted and time.monotonic() < deadline:
            time.sleep(0.05)
        check(listener.accepted, "the upload never started")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=WAIT)
        check(proc.returncode == -signal.SIGINT, "exit %r, expected death by SIGINT" % proc.returncode)
        check(out == b"", "printed %r" % out)
        check(b"interrupted secret" not in err, "the secret is on stderr")
        # In a shell loop, the loop stops with the tool.
        script = 'for i in 1 2; do "$0" create x --attach "$1" </dev/null; echo "next $?"; done'
        shell = subprocess.Popen(["bash", "-c", script, CLI, path], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, env=cli_env(home, listener.api_url),
                                 start_new_session=True)
        before = listener.accepted
        deadline = time.monotonic() + WAIT
        while listener.accepted == before and time.monotonic() < deadline:
            time.sleep(0.05)
        # A terminal's Ctrl-C reaches the whole foreground process group.
        os.killpg(shell.pid, signal.SIGINT)
        out, _ = shell.communicate(timeout=WAIT)
        check(b"next" not in out, "the loop went on after Ctrl-C: %r" % out)


@case
def test_exit_rate_limited():
    with Server("--rate-limit", "3") as server, Home() as home:
        statuses = []
        for _ in range(12):
            code, _, err = run(home, ["stats"], api_url=server.api_url)
            statuses.append(code)
            if code != 0:
                break
        check(statuses[0] == 0, "the first call failed: %r" % statuses)
        check(statuses[-1] == 5, "no exit 5 once rate limited: %r (%s)" % (statuses, err.strip()))


# A message with newlines and terminal escapes, which a real server never
# sends but a broken one may.
BROKEN_MESSAGE = "first line\nsecond line \x1b[2J\x07end"


@case
def test_broken_server_one_line():
    body = json.dumps({"success": False, "message": BROKEN_MESSAGE})
    with CannedServer(500, body) as broken, Home() as home:
        for args in (["stats"], ["list"], ["create", "x"], ["get", "ABC"]):
            _, err = expect(run(home, args, api_url=broken.api_url), 5, "%s on a failing server" % args[0])
            check(err.startswith("sharokey: ") and err.count("\n") == 1, "not one line: %r" % err)
            check("first line second line" in err, "the server's message is lost: %r" % err)
            check("\x1b" not in err and "\x07" not in err, "control characters reach stderr: %r" % err)
        out, _ = expect(run(home, ["test"], api_url=broken.api_url), 1, "test on a failing server")
        lines = out.decode().splitlines()
        check(len(lines) == 7, "test printed %d lines: %r" % (len(lines), lines))
        check(all(l.startswith(("\u2705 ", "\u274c ")) for l in lines[:6]), "checks: %r" % lines)
        check(lines[6] == "1 of 6 checks passed", "summary: %r" % lines[6])
        check("\x1b" not in out.decode() and "\x07" not in out.decode(), "control characters: %r" % out)


@case
def test_test_command():
    with Server() as server, Home() as home:
        out, _ = expect(run(home, ["test"], api_url=server.api_url), 0, "test")
        lines = out.decode().splitlines()
        checks = [l for l in lines if l.startswith(("✅", "❌"))]
        check(len(checks) == 6 and all(l.startswith("✅") for l in checks), "checks: %r" % lines)
        out, _ = expect(run(home, ["test"], api_url=server.api_url, token="bad-token"), 1,
                        "test with a bad token")
        lines = [l for l in out.decode().splitlines() if l.startswith(("✅", "❌"))]
        check(len(lines) == 6 and any(l.startswith("❌") for l in lines), "checks: %r" % lines)
        check("bad-token" not in out.decode(), "the token is printed")
        out, _ = expect(run(home, ["test"], api_url=server.api_url, token=None), 1, "test without a token")
        check(out.decode().startswith("❌ Configuration"), "no failed Configuration check: %r" % out)
        auth = [l for l in out.decode().splitlines() if l[1:].lstrip().startswith("Authentication:")]
        check(len(auth) == 1 and "Token is required" in auth[0], "authentication line: %r" % auth)
        # A server that cannot be reached: the Network line says so once.
        out, _ = expect(run(home, ["test"], api_url="http://127.0.0.1:%d/api/v1" % refused_port()), 1,
                        "test on a refused port")
        network = [l for l in out.decode().splitlines() if l[1:].lstrip().startswith("Network:")]
        check(len(network) == 1 and network[0].startswith("❌"), "network line: %r" % network)
        check(network[0].count("Network error") == 1, "repeated prefix: %r" % network[0])
        # Write Access deletes its own secret: nothing stays active.
        status, _, body = server.call("GET", "/secrets-stats")
        check(status == 200 and int(body["data"]["active_secrets"]) == 0,
              "the test left an active secret: %r" % body)


if __name__ == "__main__":
    raise SystemExit(main())
