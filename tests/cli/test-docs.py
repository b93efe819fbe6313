#!/usr/bin/python3
"""--help, --version, the man page and the bash completion."""

import os
import re
import shutil
import subprocess

from clitest import (CLI, Home, SOURCE_ROOT, case, check, expect, main, run)

COMMANDS = ["create", "list", "get", "delete", "open", "stats", "test", "create-request", "list-requests",
            "get-request", "delete-request", "request-stats", "config"]


@case
def test_help():
    with Home() as home:
        out, _ = expect(run(home, ["--help"]), 0, "--help")
        text = out.decode()
        for command in COMMANDS:
            check(re.search(r"^  %s\s" % re.escape(command), text, re.M), "%s not in --help" % command)
        check("SHAROKEY_TOKEN" in text, "--help does not point to SHAROKEY_TOKEN")
        for command in COMMANDS:
            out, _ = expect(run(home, [command, "--help"]), 0, "%s --help" % command)
            check(("sharokey %s" % command) in out.decode(), "%s --help has no usage line" % command)
        out, _ = expect(run(home, ["create", "--help"]), 0, "create --help")
        for flag in ["--hours", "--views", "--description", "--message", "--password", "--captcha",
                     "--otp-email", "--otp-phone", "--ip-whitelist", "--geolocation", "--attach"]:
            check(flag in out.decode(), "%s missing from create --help" % flag)
        # The flags that put a secret in argv say so, and point to the way around it.
        text = out.decode()
        password_help = re.search(r"^\s+--password=PASSWORD\s+(.*)$", text, re.M)
        check(password_help and "process list" in password_help.group(1) and
              "--password-fd" in password_help.group(1), "--password help: %r" % text)
        out, _ = expect(run(home, ["config", "--help"]), 0, "config --help")
        check(re.search(r"^\s+--token=TOKEN\s+.*standard input.*process list", out.decode(), re.M),
              "config --token does not point to standard input: %r" % out)
        out, _ = expect(run(home, ["--help"]), 0, "--help")
        check(re.search(r"^\s+--token=TOKEN\s+.*SHAROKEY_TOKEN", out.decode(), re.M),
              "--token does not point to SHAROKEY_TOKEN: %r" % out)
        _, err = expect(run(home, []), 2, "no command")
        check(err.startswith("sharokey: ") and err.count("\n") == 1 and "sharokey --help" in err,
              "not a one-line pointer to --help: %r" % err)


@case
def test_version():
    with Home() as home:
        out, _ = expect(run(home, ["--version"]), 0, "--version")
        check(re.fullmatch(r"sharokey \d+\.\d+\.\d+ \(libsharokey-glib \d+\.\d+\.\d+\)\n", out.decode()),
              "--version printed %r" % out)


@case
def test_man_page():
    page = os.path.join(SOURCE_ROOT, "tools", "sharokey.1")
    groff = shutil.which("groff")
    check(groff is not None, "groff is not installed")
    proc = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", page], capture_output=True, timeout=60)
    check(proc.returncode == 0 and proc.stderr == b"", "groff warnings: %r" % proc.stderr)
    proc = subprocess.run([groff, "-man", "-Tutf8", page], capture_output=True, timeout=60,
                          env=dict(os.environ, LC_ALL="C.UTF-8"))
    text = re.sub(r".\x08", "", proc.stdout.decode(errors="replace"))
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "FILES", "ENVIRONMENT",
                    "EXIT STATUS", "SECURITY"]:
        check(re.search(r"^%s$" % heading, text, re.M), "no %s section" % heading)
    for command in COMMANDS:
        check(command in text, "%s not documented" % command)


def help_flags(home, *command):
    """The long flags that `sharokey [COMMAND] --help-all` lists (a command's
    own and the global ones it accepts), --help itself aside."""
    out, _ = expect(run(home, [*command, "--help-all" if command else "--help"]), 0,
                    "%s --help-all" % " ".join(command))
    flags = set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)", out.decode(), re.M))
    return flags - {"--help", "--help-all", "--help-global"}


def man_text():
    page = os.path.join(SOURCE_ROOT, "tools", "sharokey.1")
    proc = subprocess.run(["groff", "-man", "-Tutf8", "-P-cbou", page], capture_output=True, timeout=60,
                          env=dict(os.environ, LC_ALL="C.UTF-8"))
    return proc.stdout.decode(errors="replace")


def completed_flags(*words):
    """What the completion offers after `sharokey WORDS... --`."""
    script = os.path.join(SOURCE_ROOT, "tools", "sharokey.bash-completion")
    probe = r'''
source "$1"; shift
COMP_WORDS=(sharokey "$@" --); COMP_CWORD=${#COMP_WORDS[@]}; COMP_CWORD=$((COMP_CWORD - 1))
COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _sharokey
printf '%s\n' "${COMPREPLY[@]}"
'''
    proc = subprocess.run(["bash", "--norc", "-c", probe, "probe", script, *words],
                          capture_output=True, timeout=60)
    check(proc.returncode == 0, "bash failed: %r" % proc.stderr)
    return set(proc.stdout.decode().split())


@case
def test_flags_documented():
    """Every flag of --help is in the man page and the completion, and back."""
    text = man_text()
    with Home() as home:
        for command in [None] + COMMANDS:
            words = [command] if command else []
            flags = help_flags(home, *words)
            check(len(flags) >= (1 if command in ("config", "list") else 0),
                  "no flags parsed for %s" % command)
            for flag in flags:
                check(flag in text, "%s of %s is not in the man page" % (flag, command or "sharokey"))
            offered = completed_flags(*words) - {"--help"}
            check(offered == flags, "completion of %s offers %s, --help lists %s"
                  % (command or "sharokey", sorted(offered), sorted(flags)))
        check("--password-fd" in help_flags(home, "create"), "create has no --password-fd")


@case
def test_bash_completion():
    script = os.path.join(SOURCE_ROOT, "tools", "sharokey.bash-completion")
    probe = r'''
source "$1"
complete -p sharokey
reply() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
          COMPREPLY=(); _sharokey; echo "${COMPREPLY[*]}"; }
reply sharokey cre
reply sharokey --json --token x li
reply sharokey create -
reply sharokey create x --ho
reply sharokey list --status ""
reply sharokey create-request --locale ""
reply sharokey --ver
'''
    expected = ["complete -F _sharokey sharokey", "create create-request", "list list-requests",
                None, "--hours", "active expired", "en fr", "--version"]
    for preamble in ["", "source /usr/share/bash-completion/bash_completion\n"]:
        if preamble and not os.path.exists("/usr/share/bash-completion/bash_completion"):
            continue
        proc = subprocess.run(["bash", "--norc", "-c", preamble + probe, "probe", script],
                              capture_output=True, timeout=60)
        check(proc.returncode == 0, "bash failed: %r" % proc.stderr)
        lines = proc.stdout.decode().splitlines()
        check(len(lines) == len(expected), "completion output: %r" % lines)
        for got, want in zip(lines, expected):
            if want is None:
                check("--hours" in got and "--attach" in got, "create flags: %r" % got)
            else:
                check(got == want, "completion gave %r, expected %r" % (got, want))


if __name__ == "__main__":
    raise SystemExit(main())
