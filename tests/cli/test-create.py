#!/usr/bin/python3
"""sharokey create: the printed link opens to exactly the content given."""

import json
import os
import pty
import select
import signal
import subprocess
import termios
import tempfile
import time

from clitest import (CLI, Home, assert_opens, case, check, cli_env, expect, main,
                     run, run_on_terminal, share_url, WAIT)
from sharokey_test_links import open_link, slug_of
from sharokey_test_server import Server


@case
def test_argument():
    content = "Hello, Sharokey! é ✓ 日本"
    with Server() as server, Home() as home:
        out, err = expect(run(home, ["create", content], api_url=server.api_url), 0, "create")
        url = share_url(out, server)
        check(err == "", "create wrote to stderr: %r" % err)
        check(content not in err and url not in err, "secret on stderr")
        assert_opens(url, content.encode())
        # One view by default: the second opening finds nothing.
        status, _ = open_link(url)
        check(status == 4, "a 1-view secret opened twice (exit %d)" % status)
        # After "--", a content may begin with a dash.
        out, _ = expect(run(home, ["create", "--views", "1", "--", "-dash-first"], api_url=server.api_url),
                        0, "create -- -dash-first")
        assert_opens(share_url(out, server), b"-dash-first")


@case
def test_stdin():
    with Server() as server, Home() as home:
        for given, expected in [
            (b"line one\nsecret \xc3\xbc\xc3\xa9\n", b"line one\nsecret \xc3\xbc\xc3\xa9"),
            (b"no newline \xe2\x9c\x93", b"no newline \xe2\x9c\x93"),
            (b"two newlines\n\n", b"two newlines\n"),
            (b"  spaces kept  \n", b"  spaces kept  "),
            # A file saved with Windows line ends: the CR is no part of the secret.
            (b"crlf line\r\n", b"crlf line"),
            (b"inner\r\nkept\r\n", b"inner\r\nkept"),
        ]:
            out, _ = expect(run(home, ["create", "-"], api_url=server.api_url, stdin=given), 0,
                            "create - with %r" % given)
            assert_opens(share_url(out, server), expected)


@case
def test_defaults():
    with Server() as server, Home() as home:
        out, _ = expect(run(home, ["create", "defaults"], api_url=server.api_url), 0, "create")
        status, _, body = server.call("GET", "/secrets/" + slug_of(share_url(out, server)))
        check(status == 200, "get answered %d" % status)
        data = body["data"]
        check(int(data["maximum_views"]) == 1, "default views is not 1: %r" % data["maximum_views"])
        check(data.get("has_password") in (False, None), "a password was set by default")


@case
def test_options():
    with Server() as server, Home() as home:
        out, _ = expect(run(home, ["create", "with options", "--hours", "2", "--views", "3",
                                   "--description", "Wi-Fi für Gäste", "--message", "Hi Bob"],
                            api_url=server.api_url), 0, "create with options")
        url = share_url(out, server)
        status, _, body = server.call("GET", "/secrets/" + slug_of(url))
        check(status == 200, "get answered %d" % status)
        data = body["data"]
        check(int(data["maximum_views"]) == 3, "views not 3: %r" % data)
        check(data["description"] == "Wi-Fi für Gäste", "description: %r" % data["description"])
        check(data["message"] == "Hi Bob", "message: %r" % data["message"])
        for _ in range(3):
            assert_opens(url, b"with options")
        status, _ = open_link(url)
        check(status == 4, "a 3-view secret opened a fourth time")


@case
def test_password():
    with Server() as server, Home() as home:
        out, err = expect(run(home, ["create", "-", "--password", "hunter22"],
                              api_url=server.api_url, stdin=b"guarded"), 0, "create --password")
        check("hunter22" not in err, "password echoed on stderr")
        url = share_url(out, server)
        status, _, body = server.call("GET", "/secrets/" + slug_of(url))
        check(body["data"]["has_password"] is True, "has_password not set: %r" % body["data"])
        status, _ = open_link(url, password="wrong-one")
        check(status != 0, "opened with a wrong password")
        assert_opens(url, b"guarded", password="hunter22")


def create_with_password_fd(home, server, password_bytes, *args):
    """create with the password written to a pipe whose read end it inherits."""
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen([CLI, "create", *args, "--password-fd", str(read_end)],
                                pass_fds=(read_end,), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=cli_env(home, server.api_url))
    finally:
        os.close(read_end)
    # Written after the start, so that only the pipe, never argv, carries it.
    check(password_bytes not in " ".join(proc.args).encode(), "the password is in argv")
    os.write(write_end, password_bytes)
    os.close(write_end)
    out, err = proc.communicate(b"from a pipe\n", timeout=WAIT * 2)
    return proc.returncode, out, err.decode(errors="replace")


@case
def test_password_fd():
    with Server() as server, Home() as home:
        for given, password in [(b"pipe-pass \xc3\xa9\n", "pipe-pass é"),
                                (b"no newline", "no newline"),
                                (b"two newlines\n\n", "two newlines\n")]:
            code, out, err = create_with_password_fd(home, server, given, "-")
            check(code == 0, "create --password-fd with %r: exit %d (%s)" % (given, code, err.strip()))
            check(password not in err, "password echoed on stderr")
            url = share_url(out, server)
            status, _, body = server.call("GET", "/secrets/" + slug_of(url))
            check(body["data"]["has_password"] is True, "has_password not set: %r" % body["data"])
            status, _ = open_link(url, password=password + "x")
            check(status != 0, "opened with a wrong password")
            assert_opens(url, b"from a pipe", password=password)


@case
def test_protections():
    with Server() as server, Home() as home:
        checks = [
            (["--captcha"], lambda d: d.get("captcha") is True or d.get("has_captcha") is True),
            (["--otp-email", "bob@example.com"], lambda d: d.get("otp_type") == "email"),
            (["--otp-phone", "+33674747474"], lambda d: d.get("otp_type") == "phone"),
            # Only the strongest protection is sent.
            (["--captcha", "--otp-phone", "+33674747474"], lambda d: d.get("otp_type") == "phone"),
            (["--ip-whitelist", "203.0.113.5,2001:db8::/32"],
             lambda d: "203.0.113.5" in (d.get("ip_whitelist") or "")),
            (["--geolocation", "FR,US"], lambda d: (d.get("geolocation") or "").upper() == "FR,US"),
        ]
        for flags, ok in checks:
            out, _ = expect(run(home, ["create", "protected", *flags], api_url=server.api_url), 0,
                            "create %s" % " ".join(flags))
            status, _, body = server.call("GET", "/secrets/" + slug_of(share_url(out, server)))
            check(status == 200 and ok(body["data"]), "%s not stored: %r" % (flags, body))


@case
def test_json():
    with Server() as server, Home() as home:
        out, _ = expect(run(home, ["--json", "create", "-"], api_url=server.api_url,
                            stdin=b"json \xc3\xa9\n"), 0, "--json create")
        body = json.loads(out)
        check(body.get("success") is True, "no success in %r" % body)
        url = body["data"]["share_url"]
        check(url.startswith(body["data"]["access_url"] + "#"), "share_url is not access_url#keyB")
        assert_opens(url, b"json \xc3\xa9")


@case
def test_attachments():
    with Server() as server, Home() as home, tempfile.TemporaryDirectory() as work:
        files = {"notes.txt": "Zugang für Gäste\n".encode() * 10,
                 "blob.bin": bytes(range(256)) * 40}
        paths = []
        for name, data in files.items():
            path = os.path.join(work, name)
            with open(path, "wb") as f:
                f.write(data)
            paths.append(path)
        out, err = expect(run(home, ["create", "see files", "--attach", paths[0], "--attach", paths[1]],
                              api_url=server.api_url), 0, "create --attach")
        url = share_url(out, server)
        # The nonce-reuse warning, once, and no progress line off a terminal.
        check(err.count("sharokey: warning:") == 1, "expected one warning, got %r" % err)
        check("nonce" in err, "the warning does not name the nonce reuse: %r" % err)
        check("Uploading" not in err and "\r" not in err, "progress shown off a terminal: %r" % err)
        received = os.path.join(work, "received")
        os.mkdir(received)
        status, plain = open_link(url, attachments=received)
        check(status == 0 and plain == b"see files", "opened to %r (exit %d)" % (plain, status))
        for name, data in files.items():
            with open(os.path.join(received, name), "rb") as f:
                check(f.read() == data, "attachment %s differs" % name)


@case
def test_attachment_changes_while_read():
    """A file that grows or shrinks between being sized and being read fails
    the create with a one-line message naming it, and nothing is created."""
    preload = os.environ.get("SHAROKEY_TEST_CHANGE_ON_READ", "")
    check(os.access(preload, os.R_OK), "SHAROKEY_TEST_CHANGE_ON_READ is not set to the preload module")
    # Large enough to be read after sizing (smaller files are read when opened).
    size = 200 * 1024
    with Server() as server, Home() as home, tempfile.TemporaryDirectory() as work:
        for how, size_after in (("grow", size + 1), ("shrink", size // 2), ("none", size)):
            path = os.path.join(work, "data-%s.bin" % how)
            with open(path, "wb") as f:
                f.write(os.urandom(size))
            env = {"LD_PRELOAD": preload, "SHAROKEY_TEST_CHANGE_FILE": path, "SHAROKEY_TEST_CHANGE": how,
                   "ASAN_OPTIONS": "verify_asan_link_order=0"}
            code, out, err = run(home, ["create", "x", "--attach", path], api_url=server.api_url, env=env)
            check(os.path.getsize(path) == size_after, "%s: the file was not changed as planned" % how)
            if how == "none":
                # The module alone changes nothing: the same create goes through.
                check(code == 0 and share_url(out, server), "unchanged file: exit %d, %r" % (code, err))
                continue
            errors = [line for line in err.splitlines() if not line.startswith("sharokey: warning:")]
            check(code == 2 and out == b"", "%s: exit %d, stdout %r" % (how, code, out))
            check(errors == ["sharokey: Failed to process file %s: it changed while it was read"
                             % os.path.basename(path)], "%s: message %r" % (how, err))
            check(server.secret_count() == 0, "%s: a secret was created" % how)
        check(server.secret_count() == 1, "the unchanged file's create is missing")


@case
def test_progress_tty():
    """With standard error on a terminal, a progress line appears there."""
    with Server() as server, Home() as home, tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "big.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(3 * 1024 * 1024))
        code, out, seen = run_on_terminal(home, server, ["create", "with progress", "--attach", path],
                                          False, wait=WAIT * 2)
        check(code == 0, "create failed: %r" % seen)
        text = seen.decode(errors="replace")
        check("Uploading" in text and "100%" in text, "no progress line on the terminal: %r" % text)
        assert_opens(share_url(out, server), b"with progress")


@case
def test_terminal_no_echo():
    """On a terminal, `create -` prompts on stderr and reads one line without echo."""
    with Server() as server, Home() as home:
        code, out, seen = run_on_terminal(home, server, ["create", "-"], True,
                                          [(b"Secret: ", "typed s\u00e9cret\n".encode())])
        check(code == 0, "create failed: %r" % seen)
        check("sécret".encode() not in seen, "the secret was echoed: %r" % seen)
        assert_opens(share_url(out, server), "typed sécret".encode())


@case
def test_terminal_eof_ends_prompt_line():
    """Ctrl-D at the hidden prompt: the error starts a line of its own."""
    with Server() as server, Home() as home:
        code, out, seen = run_on_terminal(home, server, ["create", "-"], True, [(b"Secret: ", b"\x04")])
        check(code == 2 and out == b"", "exit %d, stdout %r" % (code, out))
        check(b"Secret: \r\nsharokey: Content is required" in seen, "terminal showed %r" % seen)


@case
def test_password_fd_terminal():
    """--password-fd on a terminal prompts and reads one line without echo."""
    with Server() as server, Home() as home:
        code, out, seen = run_on_terminal(home, server, ["create", "gated", "--password-fd", "0"], True,
                                          [(b"Password: ", "typed p\u00e4ss\n".encode())])
        check(code == 0, "create failed: %r" % seen)
        check("päss".encode() not in seen, "the password was echoed: %r" % seen)
        assert_opens(share_url(out, server), b"gated", password="typed päss")


@case
def test_c_locale():
    """In the C locale (a bare container, cron), non-ASCII arguments are taken
    as UTF-8, not refused, and test's marks are not turned into "?"."""
    with Server() as server, Home() as home:
        out, err = expect(run(home, ["create", "é ✓", "--description", "café", "--message", "naïve"],
                              api_url=server.api_url, env={"LC_ALL": "C"}), 0, "create in the C locale")
        url = share_url(out, server)
        assert_opens(url, "é ✓".encode())
        out, _ = expect(run(home, ["--json", "get", slug_of(url)], api_url=server.api_url,
                            env={"LC_ALL": "POSIX"}), 0, "get")
        data = json.loads(out)["data"]
        check(data["description"] == "café" and data["message"] == "naïve", "sent as %r" % data)
        out, _ = expect(run(home, ["test"], api_url=server.api_url, env={"LC_ALL": "C"}), 0, "test")
        check(out.decode().count("✅") == 6, "test marks: %r" % out)


@case
def test_interrupted_prompt_restores_echo():
    """Ctrl-C (or a kill) at a hidden prompt gives the terminal its echo back:
    a shell without line editing would not restore it."""
    with Server() as server, Home() as home:
        for signum in (signal.SIGINT, signal.SIGTERM):
            master, slave = pty.openpty()
            check(termios.tcgetattr(slave)[3] & termios.ECHO, "the new terminal has no echo")
            proc = subprocess.Popen([CLI, "create", "-"], stdin=slave, stdout=subprocess.PIPE,
                                    stderr=slave, env=cli_env(home, server.api_url))
            seen = b""
            deadline = time.monotonic() + WAIT
            while b"Secret: " not in seen and time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 0.1)
                if ready:
                    seen += os.read(master, 4096)
            check(b"Secret: " in seen, "no prompt: %r" % seen)
            check(not termios.tcgetattr(slave)[3] & termios.ECHO, "echo is on at the prompt")
            proc.send_signal(signum)
            out, _ = proc.communicate(timeout=WAIT)
            echo = termios.tcgetattr(slave)[3] & termios.ECHO
            os.close(slave)
            os.close(master)
            check(proc.returncode == -signum, "exit %r after signal %d" % (proc.returncode, signum))
            check(out == b"", "something was printed: %r" % out)
            check(echo, "signal %d left the terminal without echo" % signum)
        check(server.secret_count() == 0, "a secret was created")


if __name__ == "__main__":
    raise SystemExit(main())
