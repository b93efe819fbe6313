#!/usr/bin/python3
"""sharokey and git-credential-sharokey against a hostile server.

Every command that talks to the server runs against each mode of
hostile_server.py and must end cleanly: the documented exit status, one
line on stderr when it fails, no crash, no GLib critical (the tests run
with G_DEBUG=fatal-criticals), and nothing a terminal would obey in what
it prints: no control character but the line ends, no escape sequence,
no bidi or other format character.

Usage: test_hostile_cli.py CASE   (one meson test per case)
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

from clitest import CLI, Home, TOKEN, WAIT, case, check, cli_env, main
from sharokey_test_sockets import BlackHole

HERE = os.path.dirname(os.path.abspath(__file__))
GIT_HELPER_DIR = os.environ.get("SHAROKEY_GIT_HELPER_DIR", "")
SERVER = os.environ.get("SHAROKEY_SERVER", "")

COMMANDS = {
    "create": ["create", "hostile secret"],
    "list": ["list"],
    "get": ["get", "ABC123"],
    "delete": ["delete", "ABC123"],
    "stats": ["stats"],
    "test": ["test"],
    "create-request": ["create-request"],
    "list-requests": ["list-requests"],
    "get-request": ["get-request", "tok123"],
    "delete-request": ["delete-request", "tok123"],
    "request-stats": ["request-stats"],
}


def codes(default, test=1, **special):
    """Exit status of each command: @default unless named (dashes as _)."""
    table = {name: default for name in COMMANDS}
    table["test"] = test
    for name, status in special.items():
        table[name.replace("_", "-")] = status
    return table


# Exit statuses (sharokey(1)): 0 success, 2 validation, 3 authentication,
# 4 not found, 5 network, timeout, server or protocol error. `test` exits 1
# when a check fails.
# Details (get, stats) without a `data` object are the server's fault too.
# A list with an item that is not an object is refused whole (exit 5).
NO_OBJECT = dict(get=0, delete=0, get_request=0, delete_request=0)
EXPECTED = {
    "deep": codes(5),
    "deep-401": codes(5),
    "deep-500": codes(5),
    "not-object": codes(5),
    "oversize": codes(5),
    "oversize-chunked": codes(5),
    "blank-500": codes(5),
    "empty-401": codes(3),
    "empty-404": codes(5, get=4, delete=4, get_request=4, delete_request=4),
    "empty": codes(5, delete=0, delete_request=0),
    "blank": codes(5, delete=0, delete_request=0),
    "no-content": codes(5, delete=0, delete_request=0),
    # Shapes the tools can still show: shown as "-" or as text; no link
    # is ever made of a value that is not a string.
    "types": codes(5, **NO_OBJECT),
    "null": codes(5, delete=0, delete_request=0),
    "null-fields": codes(5, stats=0, request_stats=0, **NO_OBJECT),
    "escape": codes(0, create=5, create_request=5),
    "escape-error": codes(2),
    # `test` fails two checks: the health status is not "ok", and the
    # server accepts an empty secret.
    "bidi": codes(0, test=1),
    "javascript": codes(0, create=5, create_request=5),
    "userinfo": codes(0, create=5, create_request=5),
}


def unsafe_characters(text):
    """What a terminal could obey: controls (but the line ends), format
    characters (bidi overrides, isolates, marks, zero-width), separators."""
    return sorted({"U+%04X" % ord(c) for c in text
                   if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")})


class Hostile:
    """hostile_server.py on a free loopback port; ends with its stdin."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "hostile_server.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        line = self.proc.stdout.readline()
        check(line.strip().isdigit(), "the hostile server did not start")
        self.port = int(line)

    def api_url(self, mode):
        return "http://127.0.0.1:%d/%s/api/v1" % (self.port, mode)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.stdin.close()
        try:
            self.proc.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(WAIT)


def start(home, args, api_url, extra=None):
    return subprocess.Popen([CLI, *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=cli_env(home, api_url, TOKEN, extra))


def check_clean(what, status, out, err, expected):
    out_text = out.decode("utf-8", errors="strict")
    check(status >= 0, "%s: killed by signal %d; stderr: %r" % (what, -status, err))
    check("CRITICAL" not in err and "WARNING" not in err and "Json-" not in err,
          "%s: a GLib message: %r" % (what, err))
    check(status == expected, "%s: exit %d, expected %d; stderr: %r; stdout: %r"
          % (what, status, expected, err, out_text[:300]))
    for name, text in (("stdout", out_text), ("stderr", err)):
        bad = unsafe_characters(text)
        check(not bad, "%s: %s holds %s: %r" % (what, name, ", ".join(bad), text[:300]))
    if what.startswith("test on "):
        lines = out_text.splitlines()
        check(len(lines) == 7 and all(l.startswith(("\u2705 ", "\u274c ")) for l in lines[:6]),
              "%s: not six check lines and a summary: %r" % (what, lines))
    elif what.startswith("test --json"):
        check(err == "" and json.loads(out)["total"] == 6, "%s: %r %r" % (what, out, err))
    elif status != 0:
        check(err.startswith("sharokey: ") and err.count("\n") == 1 and err.endswith("\n"),
              "%s: not one error line: %r" % (what, err))
        check(out == b"", "%s: printed %r on failure" % (what, out))
    else:
        check(err == "", "%s: stderr on success: %r" % (what, err))


def run_mode(mode, json_too=False, extra=None, expected=None):
    expected = expected or EXPECTED[mode]
    with Hostile() as server, Home() as home:
        variants = [[]] + ([["--json"]] if json_too else [])
        for flags in variants:
            # Side by side: the drip mode makes each call last its timeout.
            procs = [(name, start(home, flags + args, server.api_url(mode), extra))
                     for name, args in COMMANDS.items()]
            for name, proc in procs:
                out, err = proc.communicate(timeout=120)
                what = "%s%s on %s" % (name, " --json" if flags else "", mode)
                # --json prints the same typed answer: it fails where the
                # readable form fails (a request's link is checked by the
                # library, whatever the output).
                check_clean(what, proc.returncode, out, err.decode("utf-8", errors="replace"),
                            expected[name])
                if flags and proc.returncode == 0 and name != "test":
                    json.loads(out)   # still JSON, with its strings escaped


def mode_case(mode, json_too=False):
    def run():
        run_mode(mode, json_too)
    run.__name__ = "test_mode_" + mode.replace("-", "_")
    case(run)


for _mode in EXPECTED:
    mode_case(_mode, json_too=_mode in ("escape", "bidi", "types"))


@case
def test_drip():
    """A server that drips one byte a second: each call ends with the
    timeout error after about SHAROKEY_TIMEOUT seconds, whatever it was
    doing (the bound below only guards against a hang)."""
    began = time.monotonic()
    run_mode("drip", extra={"SHAROKEY_TIMEOUT": "2"},
             expected=codes(5))
    check(time.monotonic() - began < 60, "the calls did not end by their deadline")
    with Hostile() as server, Home() as home:
        for name in ("list", "create"):
            began = time.monotonic()
            proc = start(home, COMMANDS[name], server.api_url("drip"), {"SHAROKEY_TIMEOUT": "2"})
            out, err = proc.communicate(timeout=120)
            elapsed = time.monotonic() - began
            check(proc.returncode == 5, "%s on drip: exit %d" % (name, proc.returncode))
            check("within 2 seconds" in err.decode(), "%s on drip: %r" % (name, err))
            check(elapsed < 15, "%s on drip ended after %.1f s, not by its 2 s deadline"
                  % (name, elapsed))


# --- git-credential-sharokey ---

def git_env(home, api_url):
    env = cli_env(home, api_url)
    env.update({"PATH": GIT_HELPER_DIR + os.pathsep + os.environ.get("PATH", ""),
                "XDG_CONFIG_HOME": os.path.join(home.dir, ".config"),
                "XDG_STATE_HOME": os.path.join(home.dir, "state"),
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"})
    for name in ("GIT_ASKPASS", "SSH_ASKPASS", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_PARAMETERS"):
        env.pop(name, None)
    return env


def git(home, api_url, args, stdin=b""):
    proc = subprocess.run(["git", *args], input=stdin, capture_output=True, timeout=120,
                          env=git_env(home, api_url))
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", errors="replace")


def write_index(home):
    path = os.path.join(home.dir, "state", "sharokey", "git-shares.json")
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    with open(path, "w") as f:
        json.dump({"shares": [{"slug": "ABC123", "protocol": "https", "host": "git.example.com",
                               "username": "bob", "created": "2026-01-01T00:00:00Z"}]}, f)
    os.chmod(path, 0o600)


@case
def test_git_helper():
    """share, request, list, revoke and git's erase on every mode: share and
    request exit as `sharokey create` and `create-request` do, the others
    with a status of the shared table; error lines prefixed, nothing a
    terminal would obey."""
    check(GIT_HELPER_DIR and shutil.which("git"), "git or SHAROKEY_GIT_HELPER_DIR is missing")
    with Hostile() as server, Home() as home:
        store = os.path.join(home.dir, "store")
        env = git_env(home, None)
        subprocess.run(["git", "config", "--global", "credential.helper", "store --file " + store],
                       env=env, check=True)
        subprocess.run(["git", "config", "--global", "--add", "credential.helper", "sharokey"],
                       env=env, check=True)
        for mode, expected in EXPECTED.items():
            url = server.api_url(mode)
            share_ok = expected["create"] == 0 and mode != "bidi"   # a bidi slug is refused
            # The helper's statuses are the table of `sharokey` (docs/exit-codes.md).
            runs = [
                ("share", ["credential-sharokey", "share", "https://git.example.com"], b"",
                 0 if share_ok else (5 if mode == "bidi" else expected["create"])),
                ("request", ["credential-sharokey", "request", "https://git.example.com",
                             "--email-to", "ops@example.com"], b"",
                 expected["create-request"]),
                ("list", ["credential-sharokey", "list"], b"", None),
                ("revoke", ["credential-sharokey", "revoke", "https://git.example.com"], b"", None),
                ("erase", ["credential", "reject"],
                 b"protocol=https\nhost=git.example.com\nusername=bob\npassword=s3cret-pass\n\n", None),
            ]
            for name, args, stdin, want in runs:
                write_index(home)
                # git's erase (credential reject) takes it out of the store.
                with open(store, "w") as f:
                    f.write("https://bob:s3cret-pass@git.example.com\n")
                os.chmod(store, 0o600)
                status, out, err = git(home, url, args, stdin)
                what = "git %s on %s" % (name, mode)
                check(status >= 0, "%s: killed by signal %d" % (what, -status))
                check("CRITICAL" not in err and "Json-" not in err, "%s: %r" % (what, err))
                if want is not None:
                    check(status == want, "%s: exit %d, expected %d: %r" % (what, status, want, err))
                else:
                    check(status in (0, 1, 2, 3, 5), "%s: exit %d: %r" % (what, status, err))
                for line in err.splitlines():
                    check(line.startswith("git-credential-sharokey: "), "%s: stray line %r" % (what, line))
                for stream, text in (("stdout", out.decode("utf-8")), ("stderr", err)):
                    bad = unsafe_characters(text)
                    check(not bad, "%s: %s holds %s: %r" % (what, stream, ", ".join(bad), text[:300]))
                check("s3cret-pass" not in err, "%s: the password is on stderr" % what)


# --- pass sharokey ---

PASS = os.environ.get("PASS", "")
PASS_EXTENSIONS = os.environ.get("SHAROKEY_PASS_EXTENSION_DIR", "")


@case
def test_pass_extension():
    """pass sharokey prints what sharokey prints: on every mode, share and the
    commands it hands over end with sharokey's status, and print nothing a
    terminal would obey."""
    if not (PASS and os.access(PASS, os.X_OK) and shutil.which("gpg")):
        # CI installs both: a silent pass here would hide the whole case.
        raise AssertionError("pass or gpg is not installed")
    scratch = tempfile.mkdtemp(prefix="pass-hostile-", dir="/tmp")
    try:
        env = {"HOME": os.path.join(scratch, "home"), "GNUPGHOME": os.path.join(scratch, "gnupg"),
               "PASSWORD_STORE_DIR": os.path.join(scratch, "store"),
               "PASSWORD_STORE_ENABLE_EXTENSIONS": "true",
               "PASSWORD_STORE_EXTENSIONS_DIR": PASS_EXTENSIONS, "SHAROKEY_CLI": CLI,
               "SHAROKEY_TOKEN": TOKEN, "LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", ""),
               "G_DEBUG": os.environ.get("G_DEBUG", "fatal-criticals")}
        os.makedirs(env["HOME"])
        os.makedirs(env["GNUPGHOME"], mode=0o700)
        subprocess.run(["gpg", "--batch", "--passphrase", "", "--quick-gen-key",
                        "hostile test <hostile@example.com>", "default", "default", "never"],
                       env=env, check=True, capture_output=True, timeout=60)
        key = subprocess.run(["gpg", "--with-colons", "--list-keys"], env=env, check=True,
                             capture_output=True, text=True).stdout
        fpr = next(l.split(":")[9] for l in key.splitlines() if l.startswith("fpr"))
        subprocess.run([PASS, "init", fpr], env=env, check=True, capture_output=True, timeout=60)
        subprocess.run([PASS, "insert", "--multiline", "--force", "site/login"], input=b"hunter22-pass\n",
                       env=env, check=True, capture_output=True, timeout=60)
        with Hostile() as server:
            for mode, expected in EXPECTED.items():
                env["SHAROKEY_API_URL"] = server.api_url(mode)
                runs = [("share", ["share", "site/login"], expected["create"])]
                # The commands it hands over print what sharokey prints: a few modes suffice.
                if mode in ("deep", "escape", "escape-error", "bidi"):
                    runs += [("list", ["list"], expected["list"]),
                             ("get", ["get", "ABC123"], expected["get"])]
                for name, args, want in runs:
                    proc = subprocess.run([PASS, "sharokey", *args], env=env, capture_output=True,
                                          timeout=120, stdin=subprocess.DEVNULL)
                    what = "pass sharokey %s on %s" % (name, mode)
                    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")
                    check(proc.returncode == want, "%s: exit %d, expected %d: %r"
                          % (what, proc.returncode, want, err))
                    check("CRITICAL" not in err, "%s: %r" % (what, err))
                    for stream, text in (("stdout", out), ("stderr", err)):
                        bad = unsafe_characters(text)
                        check(not bad, "%s: %s holds %s: %r" % (what, stream, ", ".join(bad), text[:300]))
                    check("hunter22-pass" not in out + err, "%s: the secret was printed" % what)
    finally:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env={"GNUPGHOME": os.path.join(scratch, "gnupg"),
                                                              "PATH": os.environ.get("PATH", "")},
                       capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


# --- core dumps and ptrace ---

def proc_state(pid):
    """(owner of /proc/PID/status, soft and hard RLIMIT_CORE) of a running
    process. The files of /proc/PID (not the directory) of a process that is
    not dumpable belong to root."""
    owner = os.stat("/proc/%d/status" % pid).st_uid
    with open("/proc/%d/limits" % pid) as f:
        line = next(l for l in f if l.startswith("Max core file size"))
    return owner, line.split()[4:6]


def wait_until(condition, what):
    deadline = time.monotonic() + WAIT
    while not condition():
        check(time.monotonic() < deadline, what)
        time.sleep(0.05)


@case
def test_programs_not_dumpable():
    """sharokey, git-credential-sharokey and sharokey-server, while they wait
    (on a stalled server, or for clients), are not dumpable (so /proc/PID
    belongs to root and no other process of the user may ptrace them) and
    may not write a core file."""
    as_root = os.geteuid() == 0
    # As root every /proc/PID belongs to root: run them as nobody, whose
    # processes own their /proc entry unless they made themselves undumpable.
    user = {"user": 65534, "group": 65534, "extra_groups": []} if as_root else {}
    work = tempfile.mkdtemp(prefix="sharokey-dumpable-")
    if as_root:
        os.chown(work, 65534, 65534)
    try:
        with BlackHole() as listener:
            env = {"HOME": work, "SHAROKEY_TOKEN": TOKEN, "SHAROKEY_API_URL": listener.api_url,
                   "SHAROKEY_TIMEOUT": "60", "XDG_STATE_HOME": work, "XDG_CONFIG_HOME": work,
                   "LC_ALL": "C.UTF-8", "PATH": os.environ.get("PATH", "")}
            port_file = os.path.join(work, "port")
            # The server's token goes in a tokens file, never on its command line.
            tokens_file = os.path.join(work, "tokens")
            with open(os.open(tokens_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
                f.write("a-token-long-enough-for-any-server alice@example.com\n")
            if as_root:
                os.chown(tokens_file, 65534, 65534)
            programs = [
                ("sharokey", [CLI, "list"], lambda: listener.accepted),
                ("git-credential-sharokey",
                 [os.path.join(GIT_HELPER_DIR, "git-credential-sharokey"), "request",
                  "https://git.example.com", "--email-to", "ops@example.com"],
                 lambda: listener.accepted >= 2),
                ("sharokey-server",
                 [SERVER, "--listen", "127.0.0.1", "--port", "0", "--port-file", port_file,
                  "--db", os.path.join(work, "db.sqlite"),
                  "--tokens-file", tokens_file],
                 lambda: os.path.exists(port_file) and os.path.getsize(port_file) > 0),
            ]
            for name, argv, started in programs:
                check(os.access(argv[0], os.X_OK), "%s is not built" % argv[0])
                proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        cwd=work, **user)
                try:
                    wait_until(lambda: started() or proc.poll() is not None,
                               "%s did not start waiting" % name)
                    check(proc.poll() is None, "%s ended (exit %s)" % (name, proc.returncode))
                    owner, core = proc_state(proc.pid)
                    check(owner == 0, "%s is dumpable: /proc/%d/status belongs to uid %d"
                          % (name, proc.pid, owner))
                    check(core == ["0", "0"], "%s may write a core file: RLIMIT_CORE %s"
                          % (name, core))
                finally:
                    proc.kill()
                    proc.wait(WAIT)
            # The check itself can fail: an ordinary process of that user owns its entry.
            proc = subprocess.Popen(["sleep", "30"], env=env, **user)
            try:
                owner, _ = proc_state(proc.pid)
                check(owner == (65534 if as_root else os.getuid()),
                      "an ordinary process's /proc entry belongs to uid %d" % owner)
            finally:
                proc.kill()
                proc.wait(WAIT)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
