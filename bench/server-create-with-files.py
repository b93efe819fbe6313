#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The server's side of a create with large attachments.

Starts each given sharokey-server binary (fresh database each), then runs
`sharokey create --attach FILE`... against them in turn, A B A B ..., and
prints per server the medians of: the wall time of the sharokey process,
the server's CPU time for that create (user + system, every thread: the
commit thread's fdatasync and checkpoint included) and its minor page
faults, and the server's peak RSS at the end. Comparing two builds of the
server side by side this way cancels most of the load of a shared machine.

    bench/server-create-with-files.py [--runs N] [--files N] [--tool PATH]
                                      [NAME=]SERVER [[NAME=]SERVER ...]

Exit status 0 when every create succeeded, 1 otherwise, 2 on bad usage.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'common'))
from sharokey_test_server import TOKEN, Server  # noqa: E402

TICK = os.sysconf('SC_CLK_TCK')
FILE_SIZE = 1000 * 1000


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError('must be at least 1')
    return value


def counters(pid):
    """(minor faults, CPU seconds) of the whole process."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return int(fields[7]), (int(fields[11]) + int(fields[12])) / TICK


def peak_rss_mib(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    return 0.0


class Measured:
    """One server build under measure: the tests' server fixture, and its figures."""

    def __init__(self, name, binary):
        self.name = name
        self.server = Server('--rate-limit', '100000000', binary=binary)
        self.proc = self.server.proc
        self.url = self.server.api_url
        self.wall, self.cpu, self.faults = [], [], []

    def stop(self):
        self.server.close()


def create(tool, server, files):
    env = dict(os.environ, SHAROKEY_TOKEN=TOKEN, SHAROKEY_API_URL=server.url)
    args = [tool, 'create', 'bench', '--hours', '1', '--views', '1']
    for path in files:
        args += ['--attach', path]
    start = time.monotonic()
    result = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    if result.returncode != 0:
        sys.stderr.write('%s: create failed: %s' % (server.name, result.stderr.decode(errors='replace')))
        return None
    return wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--runs', type=positive, default=10, help='creates per server (default 10)')
    parser.add_argument('--files', type=positive, default=10, help='files of 1 MB per create (default 10)')
    parser.add_argument('--tool', default=os.environ.get('SHAROKEY_TOOL', 'sharokey'),
                        help='the sharokey program (default $SHAROKEY_TOOL or sharokey)')
    parser.add_argument('servers', nargs='+', metavar='[NAME=]SERVER', help='sharokey-server binaries')
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix='sharokey-bench-')
    servers = []
    ok = True
    try:
        files = []
        for i in range(options.files):
            path = os.path.join(workdir, 'file-%d.bin' % i)
            with open(path, 'wb') as f:
                f.write(os.urandom(FILE_SIZE))
            files.append(path)
        for i, spec in enumerate(options.servers):
            name, _, binary = spec.rpartition('=')
            servers.append(Measured(name or 'server %d' % (i + 1), binary))
        for server in servers:  # warm-up: the first create pays for fresh memory
            ok = create(options.tool, server, files) is not None and ok
        for run in range(options.runs):
            for server in (servers if run % 2 == 0 else servers[::-1]):
                faults, cpu = counters(server.proc.pid)
                wall = create(options.tool, server, files)
                if wall is None:
                    ok = False
                    continue
                time.sleep(0.05)  # the commit thread's checkpoint
                faults_after, cpu_after = counters(server.proc.pid)
                server.wall.append(wall * 1000)
                server.cpu.append((cpu_after - cpu) * 1000)
                server.faults.append(faults_after - faults)
        width = max(len(s.name) for s in servers)
        for server in servers:
            if not server.wall:
                continue
            print('%-*s  create with %d x 1 MB files: %.0f ms wall (sharokey process), server CPU %.0f ms,'
                  ' %d page faults, server peak RSS %.1f MiB (medians of %d)'
                  % (width, server.name, options.files, statistics.median(server.wall),
                     statistics.median(server.cpu), statistics.median(server.faults),
                     peak_rss_mib(server.proc.pid), len(server.wall)))
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
