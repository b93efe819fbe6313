#!/usr/bin/python3
"""The API token in the keyring, end to end: `sharokey config --token -`
stores it in a real gnome-keyring-daemon, and `sharokey`, the git helper
and Python through GI find it there, against a real sharokey-server; the
fallback to the config file when no Secret Service can be used.

Every sharokey, git and git-credential-sharokey process a case starts
records its own command line and environment (tests/common/record-exec.sh),
however short it lives: the token is looked for there too.

Each case runs under keyring-session.sh (a throw-away HOME and a private
session bus) in the mode its name says.
"""

import glob
import json
import os
import secrets
import shutil
import stat
import subprocess

import clitest
from clitest import (Home, case, check, expect, main, run)
from sharokey_test_links import open_link
from sharokey_test_server import Server

ROOT = os.environ.get("SHAROKEY_KEYRING_TEST_ROOT", "")
GIT_HELPER_DIR = os.environ.get("SHAROKEY_GIT_HELPER_DIR", "")
# Random, so that finding it anywhere cannot be a coincidence; the server
# reads it from a file, so that not even its argv holds it.
RECORD_EXEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common", "record-exec.sh")
RECORDS = os.path.join(ROOT, "records")
KR_TOKEN = "kr-" + secrets.token_hex(16)
OTHER_TOKEN = "kr-other-" + secrets.token_hex(8)
PYTHON_GI = """
import sys
import gi
gi.require_version("Sharokey", "1")
from gi.repository import GLib, Sharokey

api_url = sys.stdin.readline().strip()
action = sys.argv[1]
if action == "lookup":
    config = Sharokey.Config.resolve(None, api_url, None)
    print(config.get_token_source().value_nick)
    token = Sharokey.keyring_lookup_token_sync(api_url, None)
    client = Sharokey.Client.new_for_config(config)
    page = client.list_sync(10, 1, None, None, None, None)
    print(token == sys.stdin.readline().strip(), page.get_n_items())
elif action == "store-async":
    token = sys.stdin.readline().strip()
    loop = GLib.MainLoop()
    answers = []
    def stored(source, result):
        answers.append(Sharokey.keyring_store_token_finish(result))
        loop.quit()
    Sharokey.keyring_store_token_async(api_url, token, None, stored)
    loop.run()
    print(answers[0])
elif action == "unavailable":
    import sharokey
    try:
        Sharokey.keyring_store_token_sync(api_url, "never-stored", None)
    except GLib.Error as error:
        print(error.matches(Sharokey.Error.quark(), Sharokey.Error.KEYRING_UNAVAILABLE),
              type(sharokey.exceptions.from_glib_error(error)).__name__)
    print(Sharokey.Config.resolve(None, api_url, None).get_token())
elif action == "clear":
    print(Sharokey.keyring_clear_token_sync(api_url, None))
    print(Sharokey.keyring_lookup_token_sync(api_url, None))
"""


def record_children():
    """From now on, the CLI and the git (and its helper) found through PATH
    are stand-ins that record themselves in RECORDS, then run the real ones."""
    stand_ins = os.path.join(ROOT, "recorded")
    programs = {"sharokey": clitest.CLI, "git": shutil.which("git")}
    if GIT_HELPER_DIR:
        programs["git-credential-sharokey"] = os.path.join(GIT_HELPER_DIR, "git-credential-sharokey")
    for name, real in programs.items():
        subprocess.run([RECORD_EXEC, "wrap", RECORDS, stand_ins, name, real], check=True, timeout=30)
    clitest.CLI = os.path.join(stand_ins, "sharokey")
    os.environ["PATH"] = stand_ins + os.pathsep + os.environ["PATH"]


def recorded(name):
    """How many times the stand-in NAME ran."""
    out = subprocess.run([RECORD_EXEC, "count", RECORDS, name], capture_output=True, check=True,
                         timeout=30).stdout
    return int(out)


def keyring_server():
    return Server(tokens="%s alice@example.com\n%s bob@example.com\n" % (KR_TOKEN, OTHER_TOKEN))


def file_token(home):
    try:
        with open(home.config) as f:
            return json.load(f).get("token")
    except FileNotFoundError:
        return None


def secret_tool_lookup(api_url):
    """Reads the item back with libsecret's own tool (the token on stdout)."""
    proc = subprocess.run(["secret-tool", "lookup", "api-url", api_url],
                          capture_output=True, timeout=30)
    return proc.stdout.decode() if proc.returncode == 0 else None


def store(home, token, *extra, api_url=None):
    args = ["config", "--token", "-", *extra]
    if api_url is not None:
        args += ["--api-url", api_url]
    return run(home, args, token=None, stdin=(token + "\n").encode())


def assert_token_nowhere(home, token):
    """Not in the command line or environment of any process the case started
    (their records) or that still runs, nor in any file of the test's homes
    (the keyring's own file holds it encrypted only)."""
    check(recorded("sharokey") > 0, "no sharokey process recorded itself")
    found = subprocess.run([RECORD_EXEC, "find", RECORDS], input=token.encode(), capture_output=True,
                           timeout=30)
    check(found.returncode == 1, "the token is in the command line or environment of a process: %s"
          % found.stdout.decode().strip())
    for top in (ROOT, home.dir):
        for path in glob.glob(os.path.join(top, "**"), recursive=True):
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    check(token.encode() not in f.read(), "the token is in clear in %s" % path)
    for proc in glob.glob("/proc/[0-9]*"):
        for name in ("cmdline", "environ"):
            try:
                with open(os.path.join(proc, name), "rb") as f:
                    data = f.read()
            except OSError:
                continue  # gone, or not ours
            check(token.encode() not in data, "the token is in %s/%s" % (proc, name))


@case
def test_keyring_cli():
    with keyring_server() as server, Home() as home:
        _, err = expect(store(home, KR_TOKEN, api_url=server.api_url), 0, "config --token -")
        check("Token saved in the keyring for %s\n" % server.api_url in err, "not said where: %r" % err)
        check(file_token(home) is None, "the token is also in the file")
        with open(home.config) as f:
            check(json.load(f) == {"api_url": server.api_url}, "the file holds more than the URL")
        check(secret_tool_lookup(server.api_url) == KR_TOKEN, "secret-tool does not find the token")

        # No SHAROKEY_TOKEN, no token in the file: from the keyring.
        out, _ = expect(run(home, ["--json", "list"], token=None), 0, "list with the keyring's token")
        check(json.loads(out)["success"] is True, "list: %r" % out)
        out, _ = expect(run(home, ["config", "--show"], token=None), 0, "config --show")
        check("(keyring)" in out.decode() and KR_TOKEN not in out.decode(), "source: %r" % out)
        out, _ = expect(run(home, ["--json", "config", "--show"], token=None), 0, "--json config --show")
        check(json.loads(out)["token_source"] == "keyring", "json source: %r" % out)
        # The environment still wins.
        expect(run(home, ["list"], token="wrong-token"), 3, "SHAROKEY_TOKEN over the keyring")

        # Replaced: one item, the new token.
        expect(store(home, "wrong-token-in-keyring"), 0, "config --token - again")
        expect(run(home, ["list"], token=None), 3, "list with the replaced (wrong) token")
        expect(store(home, OTHER_TOKEN), 0, "config --token - a third time")
        out, _ = expect(run(home, ["--json", "stats"], token=None), 0, "stats with the new token")
        check(secret_tool_lookup(server.api_url) == OTHER_TOKEN, "not replaced")

        # Cleared.
        _, err = expect(run(home, ["config", "--clear-token"], token=None), 0, "config --clear-token")
        check("Removed the token from the keyring for %s\n" % server.api_url in err, "clear: %r" % err)
        check(secret_tool_lookup(server.api_url) is None, "still in the keyring")
        _, err = expect(run(home, ["list"], token=None), 3, "list after --clear-token")
        check("No API token" in err, "no-token message: %r" % err)
        _, err = expect(run(home, ["config", "--clear-token"], token=None), 0, "--clear-token again")
        check("No token was saved for %s\n" % server.api_url in err, "second clear: %r" % err)
        assert_token_nowhere(home, KR_TOKEN)
        assert_token_nowhere(home, OTHER_TOKEN)
        check(glob.glob(os.path.join(ROOT, "data", "keyrings", "*.keyring")),
              "the keyring has no file in the throw-away XDG_DATA_HOME")


@case
def test_keyring_one_copy():
    """The keyring and the file never hold diverging copies."""
    with keyring_server() as server, Home() as home:
        expect(run(home, ["config", "--api-url", server.api_url], token=None), 0, "config --api-url")
        _, err = expect(store(home, "old-token", "--store", "file"), 0, "--store file")
        check(file_token(home) == "old-token" and secret_tool_lookup(server.api_url) is None,
              "--store file wrote elsewhere")
        check(stat.S_IMODE(os.stat(home.config).st_mode) == 0o600, "file mode")

        _, err = expect(store(home, KR_TOKEN), 0, "config --token - with a token in the file")
        check(file_token(home) is None, "the file kept its (now hidden) token")
        check("Removed the token from %s" % home.config in err, "removal not said: %r" % err)
        expect(run(home, ["list"], token=None), 0, "list with the keyring's token")

        _, err = expect(store(home, KR_TOKEN, "--store", "file"), 0, "--store file over the keyring")
        check(secret_tool_lookup(server.api_url) is None, "the keyring kept its copy")
        check("Removed the token the keyring held for %s" % server.api_url in err, "not said: %r" % err)
        out, _ = expect(run(home, ["--json", "config", "--show"], token=None), 0, "show")
        check(json.loads(out)["token_source"] == "config-file", "source: %r" % out)

        # --store keyring, and --clear-token removes both places.
        expect(store(home, KR_TOKEN, "--store", "keyring"), 0, "--store keyring")
        check(file_token(home) is None and secret_tool_lookup(server.api_url) == KR_TOKEN, "keyring")
        expect(run(home, ["config", "--clear-token"], token=None), 0, "--clear-token")
        check(file_token(home) is None and secret_tool_lookup(server.api_url) is None, "cleared")


@case
def test_keyring_git_helper():
    check(GIT_HELPER_DIR and os.path.isdir(GIT_HELPER_DIR), "SHAROKEY_GIT_HELPER_DIR is not set")
    with keyring_server() as server, Home() as home:
        expect(store(home, KR_TOKEN, api_url=server.api_url), 0, "config --token -")
        credentials = os.path.join(home.dir, "git-credentials")
        with open(os.open(credentials, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write("https://bob:s3cret-from-git@git.example.com\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SHAROKEY_TOKEN", "GIT_"))}
        env.update(HOME=home.dir, XDG_STATE_HOME=os.path.join(home.dir, "state"),
                   GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0",
                   PATH=env.get("PATH", ""))
        env.pop("XDG_CONFIG_HOME", None)
        subprocess.run(["git", "config", "--global", "credential.helper", "store --file " + credentials],
                       check=True, env=env, timeout=30)
        proc = subprocess.run(["git", "credential-sharokey", "share", "https://git.example.com",
                               "--format", "password", "--views", "1"],
                              capture_output=True, env=env, timeout=60)
        check(proc.returncode == 0, "git credential-sharokey share: exit %d: %s"
              % (proc.returncode, proc.stderr.decode()))
        status, plain = open_link(proc.stdout.decode().strip())
        check(status == 0 and plain == b"s3cret-from-git", "the link opened to %r" % plain)

        expect(run(home, ["config", "--clear-token"], token=None), 0, "--clear-token")
        proc = subprocess.run(["git", "credential-sharokey", "share", "https://git.example.com"],
                              capture_output=True, env=env, timeout=60)
        check(proc.returncode == 3 and b"No Sharokey token" in proc.stderr,
              "without a token: exit %d: %s" % (proc.returncode, proc.stderr.decode()))
        # The helper ran as git's child, and asked git for the credential.
        check(recorded("git-credential-sharokey") == 2, "the helper did not record itself twice")
        check(recorded("git") >= 4, "git did not record itself")
        assert_token_nowhere(home, KR_TOKEN)


def python_gi(home, action, *lines):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHAROKEY_TOKEN")}
    env.update(HOME=home.dir)
    env.pop("XDG_CONFIG_HOME", None)
    proc = subprocess.run(["/usr/bin/python3", "-c", PYTHON_GI, action], capture_output=True,
                          input="".join(line + "\n" for line in lines).encode(), env=env, timeout=60)
    check(proc.returncode == 0, "python %s: %s" % (action, proc.stderr.decode()))
    return proc.stdout.decode().split("\n")


@case
def test_keyring_python_gi():
    with keyring_server() as server, Home() as home:
        # Stored by the CLI, found by Python through GI.
        expect(store(home, KR_TOKEN, api_url=server.api_url), 0, "config --token -")
        expect(run(home, ["create", "from the keyring's token"], token=None), 0, "create")
        out = python_gi(home, "lookup", server.api_url, KR_TOKEN)
        check(out[0] == "keyring" and out[1] == "True 1", "python lookup: %r" % out)

        # Stored by Python (async, on a main loop), used by the CLI.
        out = python_gi(home, "store-async", server.api_url, OTHER_TOKEN)
        check(out[0] == "True", "python store: %r" % out)
        out, _ = expect(run(home, ["--json", "list"], token=None), 0, "list with Python's token")
        data = json.loads(out)["data"]
        items = data if isinstance(data, list) else data.get("items", data.get("secrets"))
        check(items == [], "bob sees alice's secrets: %r" % out)

        out = python_gi(home, "clear", server.api_url)
        check(out[:2] == ["True", "None"], "python clear: %r" % out)
        expect(run(home, ["list"], token=None), 3, "list after Python cleared the token")
        assert_token_nowhere(home, KR_TOKEN)
        assert_token_nowhere(home, OTHER_TOKEN)


def fallback_checks(reason):
    with keyring_server() as server, Home() as home:
        expect(run(home, ["config", "--api-url", server.api_url], token=None), 0, "config --api-url")
        with open(home.config, "rb") as f:
            before = f.read()
        # Chosen explicitly but unreachable: an error, nothing written.
        _, err = expect(store(home, KR_TOKEN, "--store", "keyring"), 1, "--store keyring")
        check(err.startswith("sharokey: No keyring (Secret Service)") and err.count("\n") == 1
              and reason in err, "--store keyring error: %r" % err)
        with open(home.config, "rb") as f:
            check(f.read() == before, "--store keyring wrote the file")

        # By default: the file, with a notice saying why and where.
        _, err = expect(store(home, KR_TOKEN), 0, "config --token - without a keyring")
        check(reason in err and "the token is saved in %s (mode 0600) instead" % home.config in err,
              "no notice: %r" % err)
        check(file_token(home) == KR_TOKEN, "the token is not in the file")
        check(stat.S_IMODE(os.stat(home.config).st_mode) == 0o600, "file mode")
        expect(run(home, ["list"], token=None), 0, "list with the file's token")
        out, _ = expect(run(home, ["--json", "config", "--show"], token=None), 0, "show")
        check(json.loads(out)["token_source"] == "config-file", "source: %r" % out)

        _, err = expect(run(home, ["config", "--clear-token"], token=None), 0, "--clear-token")
        check(file_token(home) is None, "--clear-token left the file's token")
        _, err = expect(run(home, ["list"], token=None), 3, "list with no token anywhere")

        # Python through GI: the same error, mapped to sharokey.KeyringError.
        if os.environ.get("SHAROKEY_GI_TESTS") == "1":
            out = python_gi(home, "unavailable", server.api_url)
            check(out[:2] == ["True KeyringError", "None"], "python without a keyring: %r" % out)

        # With no keyring, a fresh home gets no file from --store keyring.
        with Home() as fresh:
            expect(store(fresh, KR_TOKEN, "--store", "keyring"), 1, "--store keyring, fresh home")
            check(not os.path.exists(os.path.dirname(fresh.config)), "--store keyring created files")


HUNG_SERVICE = """
import sys, time
import dbus
# Owns the Secret Service's name and never answers: no main loop runs.
bus = dbus.SessionBus()
bus.request_name("org.freedesktop.secrets", dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
print("ready", flush=True)
time.sleep(300)
"""


@case
def test_keyring_hung_service():
    """A Secret Service that never answers: every call gives up (bounded),
    the resolver without a token, config falls back to the file."""
    hung = subprocess.Popen(["/usr/bin/python3", "-c", HUNG_SERVICE], stdout=subprocess.PIPE)
    try:
        check(hung.stdout.readline() == b"ready\n", "the hung service did not start")
        with keyring_server() as server, Home() as home:
            expect(run(home, ["config", "--api-url", server.api_url], token=None), 0, "config --api-url")
            _, err = expect(run(home, ["list"], token=None), 3, "list: the keyring gives no token")
            check("No API token" in err, "list: %r" % err)
            _, err = expect(store(home, KR_TOKEN, "--store", "keyring"), 1, "--store keyring")
            check("answered within 5 seconds" in err and err.count("\n") == 1, "error: %r" % err)
            check(file_token(home) is None, "--store keyring wrote the file")
            _, err = expect(store(home, KR_TOKEN), 0, "config --token -")
            check("(mode 0600) instead" in err and file_token(home) == KR_TOKEN, "fallback: %r" % err)
            expect(run(home, ["list"], token=None), 0, "list with the file's token")
    finally:
        hung.kill()
        hung.wait()


@case
def test_keyring_fallback_no_secret_service():
    fallback_checks("org.freedesktop.secrets")


@case
def test_keyring_fallback_no_bus():
    check("DBUS_SESSION_BUS_ADDRESS" not in os.environ, "a session bus is set")
    fallback_checks("there is no session bus")


if __name__ == "__main__":
    check(ROOT and clitest.CLI, "run through keyring-session.sh with SHAROKEY_CLI set")
    record_children()
    raise SystemExit(main())
