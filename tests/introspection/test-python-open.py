#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Opens share links from Python through GObject Introspection, against a
real sharokey-server: inspect_link (no view used), open_sync and open_async
(text and files byte for byte), a secret that is gone, a password, a server
without viewer, link parsing and safe file names, and the open-link.py
example."""

import os
import subprocess
import sys
import tempfile

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Sharokey", "1")
from gi.repository import GLib, Sharokey  # noqa: E402

from sharokeytest import Checks  # noqa: E402
from sharokey_test_server import TOKEN, Server  # noqa: E402
from sharokey_test_sockets import CannedServer  # noqa: E402

checks = Checks()
TEXT = "Database password: hunter2 — é ✓\nsecond line"
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "introspection", "examples", "open-link.py")


expect_error = checks.error


def views_used(client, slug):
    return client.get_sync(slug, None).props.current_views


def test_open(server, workdir):
    owner = Sharokey.Client(token=TOKEN, api_url=server.api_url)
    recipient = Sharokey.Client()          # no token: links need none
    blob = os.urandom(4000)
    paths = [os.path.join(workdir, "notes.txt"), os.path.join(workdir, "blob.bin")]
    with open(paths[0], "wb") as f:
        f.write(b"attached notes\n" * 8)
    with open(paths[1], "wb") as f:
        f.write(blob)
    options = Sharokey.SecretOptions(message="for you")
    options.set_attachments(paths)
    secret = owner.create_sync(TEXT, 1, 2, options, None, None)
    link, slug = secret.props.share_url, secret.props.slug

    info = recipient.inspect_link_sync(link, None)
    checks.ok(isinstance(info, Sharokey.LinkInfo), "inspect_link gives a Sharokey.LinkInfo")
    checks.equal(info.get_remaining_views(), 2, "two views remain")
    checks.equal(info.get_message(), "for you", "the sender's message")
    checks.equal(list(info.get_attachment_names()), ["notes.txt", "blob.bin"], "the files' names")
    checks.equal(info.get_requires_password(), False, "no password needed")
    checks.equal(views_used(owner, slug), 0, "inspecting uses no view")

    opened = recipient.open_sync(link, None, None)
    checks.equal(opened.get_text(), TEXT, "open_sync gives the text")
    checks.equal(opened.get_remaining_views(), 1, "one view remains after it")
    checks.equal(opened.get_n_attachments(), 2, "both files")
    checks.equal(opened.get_attachment_name(1), "blob.bin", "a file's name")
    checks.equal(opened.get_attachment_data(0).get_data(), b"attached notes\n" * 8, "text file, same bytes")
    checks.equal(opened.get_attachment_data(1).get_data(), blob, "binary file, same bytes")

    loop = GLib.MainLoop()
    outcome = {}

    def done(client, result):
        outcome["opened"] = client.open_finish(result)
        loop.quit()

    recipient.open_async(link, None, None, done)
    GLib.timeout_add_seconds(30, loop.quit)
    loop.run()
    checks.equal(outcome["opened"].get_text(), TEXT, "open_async gives the text")
    checks.equal(outcome["opened"].get_remaining_views(), 0, "no view remains")

    error = expect_error(Sharokey.Error.GONE, "a third open: gone", recipient.open_sync, link, None, None)
    checks.ok(error is not None and "no longer available" in error.message, "the message says so",
              error.message if error else "")
    expect_error(Sharokey.Error.GONE, "inspect says gone too", recipient.inspect_link_sync, link, None)


def test_password(server):
    owner = Sharokey.Client(token=TOKEN, api_url=server.api_url)
    recipient = Sharokey.Client()
    secret = owner.create_sync("behind a password", 1, 1,
                               Sharokey.SecretOptions(password="correct horse"), None, None)
    link, slug = secret.props.share_url, secret.props.slug
    checks.equal(recipient.inspect_link_sync(link, None).get_requires_password(), True,
                 "inspect says a password is needed")
    expect_error(Sharokey.Error.PASSWORD, "no password: refused before the reveal",
                 recipient.open_sync, link, None, None)
    expect_error(Sharokey.Error.PASSWORD, "a wrong password: refused",
                 recipient.open_sync, link, "wrong password", None)
    checks.equal(views_used(owner, slug), 0, "neither used a view")
    checks.equal(recipient.open_sync(link, "correct horse", None).get_text(), "behind a password",
                 "the right password opens it")


def test_no_viewer(server):
    owner = Sharokey.Client(token=TOKEN, api_url=server.api_url)
    recipient = Sharokey.Client()
    secret = owner.create_sync("kept", 1, 1, None, None, None)
    key = secret.props.share_url.split("#")[1]
    # The same server under a prefix it does not serve: no viewer there.
    elsewhere = f"{server.base}/elsewhere/s/{secret.props.slug}#{key}"
    expect_error(Sharokey.Error.NO_VIEWER, "a server without viewer", recipient.open_sync,
                 elsewhere, None, None)
    with CannedServer(200, "<html>a web app</html>", "text/html") as app:
        expect_error(Sharokey.Error.NO_VIEWER, "a web app's HTML page is no viewer",
                     recipient.inspect_link_sync, app.api_url[:-len("/api/v1")] + "/ABC123#" + key, None)
    checks.equal(views_used(owner, secret.props.slug), 0, "no view used")
    expect_error(Sharokey.Error.VALIDATION, "a link without key", recipient.open_sync,
                 secret.props.share_url.split("#")[0], None, None)
    expect_error(Sharokey.Error.VALIDATION, "plain http to another host",
                 recipient.open_sync, "http://example.com/s/ABC#" + key, None, None)


def test_helpers():
    checks.equal(Sharokey.link_get_id("https://host.example/s/ABC123#" + "k" * 24), "ABC123",
                 "link_get_id: a share link")
    checks.equal(Sharokey.link_get_id("https://app.sharokey.com/ABC123XY"), "ABC123XY",
                 "link_get_id: a hosted link")
    checks.equal(Sharokey.link_get_id("https://host.example/r/tok123?x=1"), "tok123",
                 "link_get_id: a request page")
    checks.equal(Sharokey.link_get_id("ABC123"), "ABC123", "link_get_id: a bare slug")
    expect_error(Sharokey.Error.VALIDATION, "link_get_id: a path", Sharokey.link_get_id, "a/b")
    expect_error(Sharokey.Error.VALIDATION, "link_get_id: a dot segment",
                 Sharokey.link_get_id, "https://host.example/s/..")
    for hostile, safe in (("../x", "___x"), (".bashrc", "_bashrc"), ("a\x1bb", "a_b"),
                          ("x/y\\z", "x_y_z"), ("", "attachment"), ("rlo\u202egpj.exe", "rlo_gpj.exe")):
        checks.equal(Sharokey.file_name_from_untrusted(hostile), safe, f"safe name for {hostile!r}")


def test_example(server):
    owner = Sharokey.Client(token=TOKEN, api_url=server.api_url)
    link = owner.create_sync("Hello from open-link.py", 1, 1, None, None, None).props.share_url
    done = subprocess.run([sys.executable, EXAMPLE], input=link + "\n", capture_output=True,
                          text=True, timeout=60)
    checks.equal((done.returncode, done.stdout), (0, "Hello from open-link.py\n"),
                 "the open-link.py example prints the secret")
    done = subprocess.run([sys.executable, EXAMPLE], input=link + "\n", capture_output=True,
                          text=True, timeout=60)
    checks.ok(done.returncode != 0 and "no longer available" in done.stderr,
              "the example says when it is gone", done.stderr)


def main():
    with tempfile.TemporaryDirectory(prefix="sharokey-gi-open-") as workdir, \
            Server() as server:
        test_open(server, workdir)
        test_password(server)
        test_no_viewer(server)
        test_helpers()
        test_example(server)
        checks.finish()  # inside: a failure shows the server's log


if __name__ == "__main__":
    main()
