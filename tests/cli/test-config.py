#!/usr/bin/python3
"""sharokey config: the file, its mode, masking, and flag > env > file."""

import json
import re
import os
import stat

from clitest import (Home, TOKEN, case, check, expect, main, run, share_url)
from sharokey_test_server import Server
from sharokey_test_sockets import refused_port


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@case
def test_config_write():
    with Server() as server, Home() as home:
        os.umask(0o022)
        _, err = expect(run(home, ["config", "--token", TOKEN, "--api-url", server.api_url,
                                   "--timeout", "7"], token=None), 0, "config")
        check(TOKEN not in err, "config echoed the token")
        check(os.path.exists(home.config), "no file at ~/.config/sharokey/config.json")
        check(mode_of(home.config) == 0o600, "mode %o, not 600" % mode_of(home.config))
        check(mode_of(os.path.dirname(home.config)) == 0o700, "directory not 700")
        with open(home.config) as f:
            saved = json.load(f)
        check(saved == {"token": TOKEN, "api_url": server.api_url, "timeout": 7}, "file: %r" % saved)
        check(os.listdir(os.path.dirname(home.config)) == ["config.json"], "temporary files left")

        # Only the file: no environment at all.
        out, _ = expect(run(home, ["create", "from file"], token=None), 0, "create with the file")
        share_url(out, server)

        # A later config keeps what it does not change.
        expect(run(home, ["config", "--timeout", "9"], token=None), 0, "config --timeout")
        with open(home.config) as f:
            saved = json.load(f)
        check(saved == {"token": TOKEN, "api_url": server.api_url, "timeout": 9}, "merged: %r" % saved)
        check(mode_of(home.config) == 0o600, "mode after rewrite %o" % mode_of(home.config))


@case
def test_config_token_stdin():
    with Server() as server, Home() as home:
        expect(run(home, ["config", "--token", "-", "--api-url", server.api_url], token=None,
                   stdin=(TOKEN + "\n").encode()), 0, "config --token -")
        with open(home.config) as f:
            check(json.load(f)["token"] == TOKEN, "token from stdin not saved")
        expect(run(home, ["stats"], token=None), 0, "stats with the saved token")


@case
def test_config_show():
    long_token = "sk_live_0123456789abcdefghijklmnop"
    with Home() as home:
        out, _ = expect(run(home, ["config", "--show"], token=None), 0, "config --show, no file")
        check("Config file: %s (not created yet)\n" % home.config in out.decode(),
              "a missing file is not said to be missing: %r" % out)
        expect(run(home, ["config", "--token", long_token], token=None), 0, "config")
        out, _ = expect(run(home, ["config", "--show"], token=None), 0, "config --show")
        text = out.decode()
        check(long_token not in text and "0123456789" not in text, "token not masked: %r" % text)
        check("config file" in text and home.config in text, "no source or path: %r" % text)
        check("https://api.sharokey.com/api/v1" in text, "default URL not shown: %r" % text)
        out, _ = expect(run(home, ["config"], token=None,
                            env={"SHAROKEY_TIMEOUT": "45"}), 0, "config alone")
        check("45 (SHAROKEY_TIMEOUT)" in out.decode(), "env timeout not shown: %r" % out)
        out, _ = expect(run(home, ["--json", "config", "--show"], token="env-token-xyz"), 0,
                        "--json config --show")
        shown = json.loads(out)
        check(shown["has_token"] is True and "env-token-xyz" not in out.decode(), "json show: %r" % shown)
        out, _ = expect(run(home, ["config", "--show"], token="short"), 0, "config --show short")
        check("short" not in out.decode(), "short token shown: %r" % out)


@case
def test_config_precedence():
    with Server() as server, Home() as home:
        refused = "http://127.0.0.1:%d/api/v1" % refused_port()
        expect(run(home, ["config", "--token", "file-token-wrong", "--api-url", refused], token=None), 0,
               "config")
        # File alone: wrong token, refused URL.
        expect(run(home, ["stats"], token=None), 5, "file URL is refused")
        # Environment over file.
        expect(run(home, ["stats"], token=None, api_url=server.api_url), 3, "env URL, file token")
        expect(run(home, ["stats"], token=TOKEN, api_url=server.api_url), 0, "env over file")
        # Flag over environment.
        expect(run(home, ["--token", TOKEN, "stats"], token="env-token-wrong", api_url=server.api_url), 0,
               "--token over env")
        expect(run(home, ["--token", "flag-wrong", "stats"], token=TOKEN, api_url=server.api_url), 3,
               "--token over env (wrong flag)")
        expect(run(home, ["--api-url", server.api_url, "stats"], token=TOKEN, api_url=refused), 0,
               "--api-url over env")
        expect(run(home, ["--api-url", refused, "stats"], token=TOKEN, api_url=server.api_url), 5,
               "--api-url over env (refused flag)")


@case
def test_config_readable_warning():
    with Server() as server, Home() as home:
        expect(run(home, ["config", "--token", TOKEN, "--api-url", server.api_url], token=None), 0, "config")
        os.chmod(home.config, 0o644)
        _, err = expect(run(home, ["stats"], token=None), 0, "stats")
        check("warning" in err and "chmod 600" in err, "no warning for a readable file: %r" % err)
        check(TOKEN not in err, "the token is in the warning")


@case
def test_config_bad_setting_source():
    """A bad setting from the environment or the file names where it is."""
    with Home() as home:
        _, err = expect(run(home, ["stats"], env={"SHAROKEY_TIMEOUT": "soon"}), 2, "bad SHAROKEY_TIMEOUT")
        check(err.startswith("sharokey: SHAROKEY_TIMEOUT: ") and err.count("\n") == 1,
              "SHAROKEY_TIMEOUT not named: %r" % err)
        _, err = expect(run(home, ["stats"], api_url="http://example.com/api/v1"), 2, "bad SHAROKEY_API_URL")
        check(err.startswith("sharokey: SHAROKEY_API_URL: ") and err.count("\n") == 1,
              "SHAROKEY_API_URL not named: %r" % err)
        os.makedirs(os.path.dirname(home.config))
        with open(os.open(home.config, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            json.dump({"api_url": "http://example.com/api/v1"}, f)
        _, err = expect(run(home, ["stats"]), 2, "bad api_url in the file")
        check(err == "sharokey: %s: The API URL must use https (plain http only reaches this machine)\n"
              % home.config, "the config file not named: %r" % err)
        # A broken file: every command says which and what to do; config
        # does not overwrite what may be the only copy of a token.
        with open(home.config, "w") as f:
            f.write('{"token": "tok-in-broken-file",')
        for args, stdin in ((["stats"], b""), (["config", "--show"], b""), (["config", "--token", "-"], b"new\n")):
            _, err = expect(run(home, args, stdin=stdin), 2, "broken file: %s" % args)
            check(err == "sharokey: %s is not a JSON object: fix it, or remove it and run "
                  "\u201csharokey config\u201d again\n" % home.config, "broken file message: %r" % err)
        with open(home.config) as f:
            check("tok-in-broken-file" in f.read(), "config overwrote a broken file")
        os.remove(home.config)
        # A flag names itself: no prefix.
        _, err = expect(run(home, ["--api-url", "http://example.com/api/v1", "stats"]), 2, "bad --api-url")
        check(err.startswith("sharokey: The API URL"), "flag error: %r" % err)


@case
def test_config_show_sources():
    """One resolver: `config --show` names where each setting comes from,
    and `localhost.` is the loopback name it is, as in the library."""
    with Server() as server, Home() as home:
        loopback = "http://localhost.:%d/api/v1" % server.port
        expect(run(home, ["config", "--api-url", loopback], token=None), 0, "config --api-url localhost.")
        out, _ = expect(run(home, ["--token", TOKEN, "config", "--show"], token=None,
                            env={"SHAROKEY_TIMEOUT": "9"}), 0, "config --show")
        text = out.decode()
        check("%s (config file)" % loopback in text, "API URL source: %r" % text)
        check("9 (SHAROKEY_TIMEOUT)" in text, "timeout source: %r" % text)
        check(re.search(r"^Token: .*\(command line\)$", text, re.M), "token source: %r" % text)
        out, _ = expect(run(home, ["--json", "config", "--show"], token=TOKEN), 0, "--json config --show")
        shown = json.loads(out)
        check(shown["api_url_source"] == "config-file" and shown["timeout_source"] == "default"
              and shown["token_source"] == "environment", "json sources: %r" % shown)
        expect(run(home, ["stats"], token=TOKEN), 0, "stats through localhost.")


@case
def test_config_token_argv_warning():
    """A token on the command line is visible in the process list: said."""
    with Server() as server, Home() as home:
        _, err = expect(run(home, ["config", "--token", TOKEN, "--store", "file",
                                   "--api-url", server.api_url], token=None), 0, "config --token VALUE")
        check("warning" in err and "other users" in err and "--token -" in err and TOKEN not in err,
              "no warning for config --token VALUE: %r" % err)
        _, err = expect(run(home, ["config", "--token", "-", "--store", "file"], token=None,
                            stdin=(TOKEN + "\n").encode()), 0, "config --token -")
        check("warning" not in err, "warning for config --token -: %r" % err)
        _, err = expect(run(home, ["--token", TOKEN, "stats"], token=None), 0, "--token VALUE stats")
        check("warning" in err and "other users" in err and TOKEN not in err,
              "no warning for the global --token: %r" % err)
        _, err = expect(run(home, ["stats"], token=None), 0, "stats with the file's token")
        check(err == "", "stats said something: %r" % err)


@case
def test_config_store_usage():
    """--store and --clear-token misused: usage errors, nothing written."""
    with Home() as home:
        for args, message in ((["--token", "-", "--store", "disk"], "--store must be \u201ckeyring\u201d"),
                              (["--store", "file"], "--store goes with --token"),
                              (["--clear-token", "--token", "-"], "--clear-token and --token cannot")):
            _, err = expect(run(home, ["config", *args], token=None, stdin=b"tok\n"), 2, " ".join(args))
            check(err.startswith("sharokey: " + message) and err.count("\n") == 1, "%s: %r" % (args, err))
        check(not os.path.exists(os.path.dirname(home.config)), "a usage error wrote files")
        # Without a keyring here: the file, with a notice; --clear-token removes it.
        _, err = expect(run(home, ["config", "--token", "-"], token=None, stdin=b"tok-file\n"), 0,
                        "config --token - without a keyring")
        check("the token is saved in %s (mode 0600) instead" % home.config in err, "notice: %r" % err)
        _, err = expect(run(home, ["config", "--clear-token"], token=None), 0, "--clear-token")
        with open(home.config) as f:
            check("token" not in json.load(f), "--clear-token left the token")


if __name__ == "__main__":
    raise SystemExit(main())
