#!/usr/bin/env python3
"""test_completion.py SHELL: the zsh or fish completions of sharokey,
git credential-sharokey and pass sharokey, as meson installs them, driven
by the real shell (zsh through a pseudo-terminal, fish with complete -C).

Each command line's offered words must include the expected ones; for the
programs, completing "--" after each command offers every flag that the
command's --help lists (so a new flag without completion fails here).
TAP output; exit 77 when the shell is missing."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SHELL = sys.argv[1]
MESON, BUILD = os.environ['MESON'], os.environ['MESON_BUILD_ROOT']
SRCDIR = os.path.dirname(os.path.abspath(__file__))
CLI, GITCRED = os.environ['SHAROKEY_CLI'], os.environ['SHAROKEY_GIT_CREDENTIAL']
PASS_EXTENSION = os.environ['SHAROKEY_PASS_EXTENSION']

if shutil.which(SHELL) is None:
    print(f'1..0 # SKIP {SHELL} is not installed')
    sys.exit(77)

work = tempfile.mkdtemp(prefix=f'sharokey-{SHELL}-completion-')
dest = os.path.join(work, 'dest')
# Only the completion files (install tag "completion"), as meson installs them.
subprocess.run([MESON, 'install', '-C', BUILD, '--no-rebuild', '--quiet', '--tags', 'completion',
                '--destdir', dest], check=True, stdout=subprocess.DEVNULL)
installed = {os.path.relpath(os.path.join(d, f), dest)
             for d, _, files in os.walk(dest) for f in files}


def installed_dir(suffix):
    for path in installed:
        if path.endswith(suffix):
            return os.path.join(dest, os.path.dirname(path))
    raise AssertionError(f'{suffix} was not installed (installed: {sorted(installed)})')


store = os.path.join(work, 'store')
os.makedirs(os.path.join(store, 'web'))
for entry in ('web/example.gpg', 'mail.gpg'):
    open(os.path.join(store, entry), 'w').close()
home = os.path.join(work, 'home')
os.makedirs(home)
env = {k: v for k, v in os.environ.items() if not k.startswith(('XDG_', 'FISH', 'ZDOTDIR'))}
env.update(HOME=home, PASSWORD_STORE_DIR=store, TERM='dumb')
# The programs are found in PATH, as once installed (fish completes only
# commands that exist).
bindir = os.path.join(work, 'bin')
os.makedirs(bindir)
os.symlink(CLI, os.path.join(bindir, 'sharokey'))
os.symlink(GITCRED, os.path.join(bindir, 'git-credential-sharokey'))
env['PATH'] = bindir + os.pathsep + env['PATH']

if SHELL == 'zsh':
    FILES = ['share/zsh/site-functions/_sharokey', '_git-credential-sharokey', '_pass-sharokey']
else:
    FILES = ['vendor_completions.d/sharokey.fish', 'vendor_completions.d/git-credential-sharokey.fish',
             'vendor_conf.d/git-credential-sharokey-git.fish', 'vendor_conf.d/pass-sharokey.fish']


def complete_all(lines):
    """{line: set of offered words}, from one shell session."""
    if SHELL == 'zsh':
        command = ['zsh', os.path.join(SRCDIR, 'zsh-complete.zsh'), installed_dir('/_sharokey'), *lines]
    else:
        data_dir = os.path.dirname(installed_dir('/sharokey.fish'))
        env['XDG_DATA_DIRS'] = os.path.dirname(data_dir)
        command = ['fish', '-c', 'for line in $argv; echo "== $line"; complete -C "$line"; end',
                   *lines]
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=True).stdout
    result, current = {}, None
    for row in out.splitlines():
        if row.startswith('== '):
            current = row[3:]
            result[current] = set()
        elif current is not None and row:
            result[current].add(row.split('\t')[0])
    missing = [line for line in lines if line not in result]
    assert not missing, f'no answer for {missing}: {out}'
    return result


def help_flags(program, *args):
    out = subprocess.run([program, *args, '--help'], env=env, capture_output=True, text=True).stdout
    return {m for m in re.findall(r'^\s+(?:-\w, )?(--[a-z][a-z-]*)', out, re.M)}


def usage_flags(block_start):
    """Flags in the usage of `pass sharokey` between BLOCK_START and the next command."""
    text = open(PASS_EXTENSION).read()
    block = text.split(block_start, 1)[1].split('$PROGRAM', 1)[0]
    return set(re.findall(r'--[a-z][a-z-]*', block))


SHAROKEY_COMMANDS = ['create', 'list', 'get', 'delete', 'stats', 'test', 'create-request', 'list-requests',
                     'get-request', 'open-request', 'delete-request', 'request-stats', 'config']
GIT_COMMANDS = ['share', 'request', 'receive', 'list', 'revoke']
PASS_VERBS = ['share', 'request', 'receive-request', 'list', 'get', 'delete', 'stats', 'test', 'list-requests', 'get-request',
              'delete-request', 'request-stats', 'help', 'version']

# (name, command line, words that must be offered, words that must not be);
# "*word": a word that ends so (zsh offers a file's name, fish its path).
cases = [
    ('sharokey-commands', 'sharokey ', SHAROKEY_COMMANDS, ['--hours']),
    ('sharokey-command-prefix', 'sharokey cre', ['create', 'create-request'], ['list']),
    ('sharokey-global-flags', 'sharokey --', ['--api-url', '--token', '--timeout', '--json', '--version'], []),
    ('sharokey-after-global-flag', 'sharokey --json li', ['list', 'list-requests'], ['create']),
    ('sharokey-global-flags-after-command', 'sharokey create --j', ['--json'], []),
    ('sharokey-status-values', 'sharokey list --status ', ['active', 'expired'], []),
    ('sharokey-locale-values', 'sharokey create-request --locale ', ['en', 'fr'], []),
    ('sharokey-list-pages', 'sharokey list --', ['--page', '--all'], ['--hours']),
    ('sharokey-attach-files', 'sharokey create --attach ' + os.path.join(store, 'ma'),
     ['*mail.gpg'], []),
    ('sharokey-config-flags', 'sharokey config --', ['--token', '--store', '--clear-token', '--api-url', '--timeout', '--show'], ['--hours']),
    ('sharokey-config-store', 'sharokey config --store ', ['keyring', 'file'], ['--show']),
    ('git-commands', 'git credential-sharokey ', GIT_COMMANDS, []),
    ('git-program-commands', 'git-credential-sharokey sh', ['share'], ['request']),
    ('git-share-flags', 'git credential-sharokey share https://example.com/r.git --',
     ['--format', '--password-fd', '--captcha', '--hours'], ['--email-to']),
    ('git-format-values', 'git credential-sharokey share --format ', ['git', 'password'], []),
    ('git-request-flags', 'git credential-sharokey request --', ['--email-to', '--locale'], ['--format']),
    ('git-own-commands-still-complete', 'git comm', ['commit'], []),
    ('pass-extension-command', 'pass sha', ['sharokey'], []),
    ('pass-own-commands-still-complete', 'pass ', ['generate', 'insert', 'sharokey', 'web/example'], []),
    ('pass-verbs-and-entries', 'pass sharokey ', PASS_VERBS + ['web/example', 'mail'], []),
    ('pass-share-entry-after-options', 'pass sharokey --hours 2 w', ['web/example'], []),
    ('pass-share-flags', 'pass sharokey share --', ['--line', '--all', '--clip', '--qrcode', '--password-fd'], []),
    ('pass-list-flags', 'pass sharokey list --', ['--status', '--page', '--all', '--json'], ['--line']),
    ('pass-request-locale', 'pass sharokey request --locale ', ['en', 'fr'], []),
    ('pass-request-entry', 'pass sharokey request --email-to a@example.com w', ['web/example'], []),
    ('pass-receive-request-entry', 'pass sharokey receive-request abc123 w', ['web/example'], []),
    ('sharokey-open-request', 'sharokey open', ['open-request'], []),
    ('git-receive-command', 'git credential-sharokey rec', ['receive'], []),
]
if shutil.which('pass') is None:
    cases = [c for c in cases if not c[0].startswith('pass-')]
if shutil.which('git') is None:
    cases = [c for c in cases if not c[0].startswith('git-')]

# Every flag of every command, from the programs' own --help.
coverage = [(f'sharokey-{c}-all-flags', f'sharokey {c} --', sorted(help_flags(CLI, c)), [])
            for c in SHAROKEY_COMMANDS]
coverage += [(f'git-{c}-all-flags', f'git-credential-sharokey {c} --', sorted(help_flags(GITCRED, c)), [])
             for c in GIT_COMMANDS]
if shutil.which('pass'):
    coverage += [
        ('pass-share-all-flags', 'pass sharokey share --', sorted(usage_flags('$PROGRAM sharokey [share]')), []),
        ('pass-request-all-flags', 'pass sharokey request --', sorted(usage_flags('$PROGRAM sharokey request')), []),
        ('pass-receive-request-all-flags', 'pass sharokey receive-request --',
         sorted(usage_flags('$PROGRAM sharokey receive-request')), []),
        ('pass-list-all-flags', 'pass sharokey list --', sorted(help_flags(CLI, 'list') - {'--help', '--help-all', '--help-global'}), []),
    ]
cases += coverage

offered = complete_all([line for _, line, _, _ in cases])
print(f'1..{len(cases) + 1}')
failed = 0
missing_files = [f for f in FILES if not any(p.endswith(f) for p in installed)]
print(('not ok' if missing_files else 'ok') + f' 1 - installed: {", ".join(FILES)}')
if missing_files:
    failed += 1
    print(f'# not installed: {missing_files}; installed: {sorted(installed)}')
for number, (name, line, wanted, unwanted) in enumerate(cases, start=2):
    got = offered[line]
    lacking = [w for w in wanted
               if not (any(g.endswith(w[1:]) for g in got) if w.startswith('*') else w in got)]
    extra = [w for w in unwanted if w in got]
    if lacking or extra or not wanted:
        failed += 1
        print(f'not ok {number} - {name}\n# {line!r}: lacking {lacking}, unexpected {extra}; offered {sorted(got)}')
    else:
        print(f'ok {number} - {name}')
shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if failed else 0)
