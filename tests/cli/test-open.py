"""sharokey open, and links given to get, delete, get-request and
delete-request, against a real sharokey-server (and, for what a real one
never sends, tests/hostile/hostile_server.py)."""

import json
import os
import subprocess
import sys

from clitest import (CLI, SOURCE_ROOT, WAIT, Home, case, check, cli_env, expect, main, run,
                     run_on_terminal, share_url)
from sharokey_test_links import slug_of
from sharokey_test_server import Server

TEXT = b"db password: hunter2 \xc3\xa9\nsecond line"


def views_used(server, slug):
    status, _, body = server.call("GET", "/secrets/" + slug)
    check(status == 200, "get %s answered %s" % (slug, status))
    return int(body["data"]["current_views"])


def create(home, server, text=TEXT, args=(), env=None):
    out, _ = expect(run(home, ["create", "-", *args], api_url=server.api_url, stdin=text, env=env),
                    0, "create")
    return share_url(out, server)


def with_fd(data):
    """A pipe's read end holding @data."""
    r, w = os.pipe()
    os.write(w, data)
    os.close(w)
    return r


def create_with_password(home, server, text, password, args=()):
    fd = with_fd(password.encode() + b"\n")
    proc = subprocess.run([CLI, "create", "-", "--password-fd", str(fd), *args], input=text,
                          capture_output=True, pass_fds=(fd,), timeout=WAIT,
                          env=cli_env(home, server.api_url))
    os.close(fd)
    check(proc.returncode == 0, "create with a password: %r" % proc.stderr)
    return share_url(proc.stdout, server)


def open_(home, link, args=(), stdin=None, token=None, env=None):
    """sharokey open, the link on stdin (its key stays out of argv)."""
    return run(home, ["open", "-", *args], token=token, stdin=(link + "\n").encode() if stdin is None
               else stdin, env=env)


@case
def test_open_text_and_files():
    """Text and two files come back byte for byte; a second open is gone
    (exit 4); without --yes and without a terminal, nothing is used."""
    with Server() as server, Home() as home:
        work = os.path.join(home.dir, "work")
        out_dir = os.path.join(home.dir, "out")
        os.mkdir(work)
        os.mkdir(out_dir)
        files = {"notes.txt": b"attached notes\n" * 20, "blob.bin": os.urandom(5000)}
        args = ["--views", "2"]
        for name, data in files.items():
            with open(os.path.join(work, name), "wb") as f:
                f.write(data)
            args += ["--attach", os.path.join(work, name)]
        link = create(home, server, args=args)
        slug = slug_of(link)

        code, out, err = open_(home, link, ["--output-dir", out_dir])
        check(code == 2 and out == b"" and "--yes" in err, "no terminal, no --yes: %d %r" % (code, err))
        code, out, err = open_(home, link, ["--yes"])
        check(code == 2 and "--output-dir" in err and "no view was used" in err,
              "files without --output-dir: %d %r" % (code, err))
        check(views_used(server, slug) == 0, "a refused open used a view")

        out, err = expect(open_(home, link, ["--yes", "--output-dir", out_dir]), 0, "open")
        check(out == TEXT + b"\n", "stdout %r" % out)
        check("2 more times" in err and "1 view remains" in err, "views said: %r" % err)
        for name, data in files.items():
            with open(os.path.join(out_dir, name), "rb") as f:
                check(f.read() == data, "%s differs" % name)
            check(os.stat(os.path.join(out_dir, name)).st_mode & 0o077 == 0, "%s readable by others" % name)

        # The link as an argument works too; the same names are not replaced.
        out, err = expect(run(home, ["open", link, "--yes", "--output-dir", out_dir]), 0, "second open")
        check(out == TEXT + b"\n", "second stdout %r" % out)
        for name, data in files.items():
            with open(os.path.join(out_dir, name), "rb") as f:
                check(f.read() == data, "%s was replaced" % name)
        check(sorted(os.listdir(out_dir)) == ["blob (2).bin", "blob.bin", "notes (2).txt", "notes.txt"],
              "files: %r" % sorted(os.listdir(out_dir)))
        check("No views remain" in err, "last view said: %r" % err)

        code, out, err = open_(home, link, ["--yes", "--output-dir", out_dir])
        check(code == 4 and out == b"" and "no longer available" in err, "third open: %d %r" % (code, err))

        # --json: the text, the views left and where each file went.
        link = create(home, server, args=args)
        json_dir = os.path.join(home.dir, "json")
        os.mkdir(json_dir)
        out, _ = expect(open_(home, link, ["--json", "--yes", "--output-dir", json_dir]), 0, "open --json")
        data = json.loads(out)["data"]
        check(data["text"] == TEXT.decode() and data["remaining_views"] == 1, "--json: %r" % data)
        check(sorted(f["name"] for f in data["files"]) == sorted(files) and
              all(os.path.dirname(f["path"]) == json_dir for f in data["files"]), "--json files: %r" % data)
        check(err.count("\n") == 1, "one line: %r" % err)


@case
def test_open_password():
    """--password-fd; no password or a wrong one fails without using a view."""
    with Server() as server, Home() as home:
        link = create_with_password(home, server, b"behind a password", "correct horse")
        slug = slug_of(link)

        code, out, err = open_(home, link, ["--yes"])
        check(code == 3 and "--password-fd" in err and "no view was used" in err,
              "no password: %d %r" % (code, err))
        for password, status, said in ((b"wrong password\n", 3, "Wrong password"),
                                       (b"correct horse\n", 0, "")):
            r = with_fd(password)
            proc = subprocess.run([CLI, "open", "-", "--yes", "--password-fd", str(r)],
                                  input=(link + "\n").encode(), capture_output=True, pass_fds=(r,),
                                  env=cli_env(home), timeout=WAIT)
            os.close(r)
            err = proc.stderr.decode()
            check(proc.returncode == status and said in err, "password %r: %d %r" % (password, proc.returncode, err))
            if status != 0:
                check(views_used(server, slug) == 0, "a wrong password used a view")
        check(proc.stdout == b"behind a password\n", "stdout %r" % proc.stdout)


@case
def test_open_terminal_confirms():
    """On a terminal: the views are said, "n" keeps the view, "y" and the
    hidden password prompt open it."""
    with Server() as server, Home() as home:
        link = create_with_password(home, server, b"on a terminal", "correct horse", ["--views", "3"])
        code, out, seen = run_on_terminal(home, server, ["open", link], False,
                                          answers=[(b"[y/N]", b"n\n")])
        check(code == 1 and out == b"" and b"3 more times" in seen and b"no view was used" in seen,
              "answered no: %d %r" % (code, seen))
        check(views_used(server, slug_of(link)) == 0, "answering no used a view")
        code, out, seen = run_on_terminal(home, server, ["open", link], False,
                                          answers=[(b"[y/N]", b"y\n"), (b"Password: ", b"correct horse\n")])
        check(code == 0 and out == b"on a terminal\n", "answered yes: %d %r %r" % (code, out, seen))
        check(b"correct horse" not in seen, "the password was echoed: %r" % seen)


@case
def test_open_no_viewer():
    """A server without viewer: exit 5, said so, no view used."""
    with Server() as server, Home() as home:
        link = create(home, server)
        slug = slug_of(link)
        elsewhere = link.replace("/s/", "/elsewhere/s/")
        code, out, err = open_(home, elsewhere, ["--yes"])
        check(code == 5 and out == b"" and "no viewer" in err and "no view was used" in err,
              "no viewer: %d %r" % (code, err))
        with HostileServer() as hostile:
            for mode in ("viewer-html", "viewer-404"):
                code, out, err = open_(home, "%s/%s/s/ABC#%s" % (hostile.base, mode, "k" * 24), ["--yes"])
                check(code == 5 and "no viewer" in err, "%s: %d %r" % (mode, code, err))
        check(views_used(server, slug) == 0, "a view was used")
        for bad in (link.split("#")[0], "http://example.com/s/ABC#" + "k" * 24, link + "x"):
            code, out, err = open_(home, bad, ["--yes"])
            check(code == 2 and link.split("#")[1] not in err, "bad link: %d %r" % (code, err))


class HostileServer:
    def __enter__(self):
        script = os.path.join(SOURCE_ROOT, "tests", "hostile", "hostile_server.py")
        self.proc = subprocess.Popen(["/usr/bin/python3", script], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.base = "http://127.0.0.1:%d" % int(self.proc.stdout.readline())
        return self

    def __exit__(self, *exc):
        self.proc.stdin.close()
        self.proc.wait(WAIT)


@case
def test_open_hostile_names():
    """Hostile file names land inside --output-dir under safe names, never
    over an existing file; the sender's message is shown without escapes."""
    sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "hostile"))
    import hostile_server
    with HostileServer() as hostile, Home() as home:
        out_dir = os.path.join(home.dir, "out", "inner")
        os.makedirs(out_dir)
        with open(os.path.join(out_dir, "dup"), "wb") as f:
            f.write(b"mine")
        link = "%s/viewer-names/s/X#%s" % (hostile.base, hostile_server.VIEWER_KEY_B)
        out, err = expect(open_(home, link, ["--yes", "--output-dir", out_dir]), 0, "open")
        check(out == hostile_server.VIEWER_TEXT.encode() + b"\n", "stdout %r" % out)
        check("\x1b" not in err and "\x07" not in err and "\u202e" not in err, "escapes on stderr: %r" % err)
        check(sorted(os.listdir(os.path.join(home.dir, "out"))) == ["inner"], "a file left the directory")
        names = sorted(os.listdir(out_dir))
        with open(os.path.join(out_dir, "dup"), "rb") as f:
            check(f.read() == b"mine", "an existing file was replaced")
        check(len(names) == len(hostile_server.VIEWER_NAMES) + 1, "files: %r" % names)
        for name in names:
            check(not name.startswith(".") and "/" not in name and "\\" not in name and
                  all(ord(c) >= 0x20 and c not in "\x7f\u202e\u200b" for c in name), "unsafe name %r" % name)
        contents = set()
        for name in names:
            with open(os.path.join(out_dir, name), "rb") as f:
                contents.add(f.read())
        check(contents == {b"mine"} | {(hostile_server.VIEWER_FILE % i).encode()
                                       for i in range(len(hostile_server.VIEWER_NAMES))},
              "the files' contents")


@case
def test_links_for_identifiers():
    """get, delete, get-request and delete-request take a whole link."""
    with Server() as server, Home() as home:
        link = create(home, server)
        slug = slug_of(link)
        for given in (link, link.split("#")[0], link.split("#")[0] + "/"):
            out, _ = expect(run(home, ["--json", "get", given], api_url=server.api_url), 0, "get " + given)
            check(json.loads(out)["data"]["slug"] == slug, "get by link: %r" % out[:200])
        expect(run(home, ["delete", link], api_url=server.api_url), 0, "delete by link")
        check(server.call("GET", "/secrets/" + slug)[2]["data"]["status"] == "expired", "not deleted")

        out, _ = expect(run(home, ["--json", "create-request"], api_url=server.api_url), 0, "create-request")
        url = json.loads(out)["data"]["url"]
        token = url.rstrip("/").rsplit("/", 1)[1]
        for given in (url, url.replace("/r/", "/respond/"), url + "?utm=x"):
            out, _ = expect(run(home, ["--json", "get-request", given], api_url=server.api_url), 0,
                            "get-request " + given)
            check(json.loads(out)["data"]["token"] == token, "get-request by link: %r" % out[:200])
        expect(run(home, ["delete-request", url], api_url=server.api_url), 0, "delete-request by link")

        for bad in ("a/b", "ftp://host/x", "https://host.example/s/..", "https://host.example/"):
            code, out, err = run(home, ["get", bad], api_url=server.api_url)
            check(code == 2 and out == b"", "get %r: %d %r" % (bad, code, err))


if __name__ == "__main__":
    sys.exit(main())
