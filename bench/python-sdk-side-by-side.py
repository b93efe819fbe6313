#!/usr/bin/env python3
# python-sdk-side-by-side.py: the client rows of sharokey-bench, for this
# project and for the Sharokey Python SDK, against the same local
# sharokey-server, in one table.
#
# The Python SDK is not a dependency: point the script at a copy of it
# (--python-sdk PATH, or env SHAROKEY_PYTHON_SDK: the directory that holds
# the `sharokey` package). Without one, the script says so in one line,
# prints this project's figures alone and exits 0.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import asyncio
import inspect
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOKEN = "test-token-0123456789"
HERE = os.path.dirname(os.path.abspath(__file__))


def default_build_dir():
    return os.environ.get("SHAROKEY_BUILD_DIR", os.path.join(os.path.dirname(HERE), "build"))


def parse_args(argv):
    build = default_build_dir()
    parser = argparse.ArgumentParser(
        description="Runs the client rows of sharokey-bench (one create as a process next to "
                    "--version, creates all started at once: wall time and client CPU, client CPU "
                    "per create by creates in flight, a create with 1 MB attachments: wall time and "
                    "peak RSS) with this project and with the Sharokey Python SDK, against the same "
                    "local sharokey-server, and prints them side by side. Without a Python SDK it "
                    "says so and prints this project's figures alone (exit status 0).")
    parser.add_argument("--python-sdk", metavar="PATH",
                        default=os.environ.get("SHAROKEY_PYTHON_SDK"),
                        help="directory holding the Python SDK's `sharokey` package "
                             "(default: env SHAROKEY_PYTHON_SDK; none: this project only)")
    parser.add_argument("--python", metavar="PATH", default=sys.executable,
                        help="Python interpreter that runs the SDK, e.g. its virtualenv's "
                             "(default: this one)")
    parser.add_argument("--server", metavar="PATH",
                        default=os.environ.get("SHAROKEY_SERVER", os.path.join(build, "server", "sharokey-server")),
                        help="sharokey-server binary (default: env SHAROKEY_SERVER, else build/)")
    parser.add_argument("--tool", metavar="PATH",
                        default=os.environ.get("SHAROKEY_TOOL", os.path.join(build, "tools", "sharokey")),
                        help="sharokey command-line tool (default: env SHAROKEY_TOOL, else build/)")
    parser.add_argument("--bench", metavar="PATH",
                        default=os.environ.get("SHAROKEY_BENCH", os.path.join(build, "bench", "sharokey-bench")),
                        help="sharokey-bench binary (default: env SHAROKEY_BENCH, else build/)")
    parser.add_argument("--burst", type=int, default=1000, metavar="N",
                        help="creates all started at once in one process (default 1000)")
    parser.add_argument("--in-flight", default="10,100,1000", metavar="LIST",
                        help="creates in flight for the client CPU per create (default 10,100,1000)")
    parser.add_argument("--process-runs", type=int, default=21, metavar="N",
                        help="runs of each process for the start-up medians (default 21)")
    parser.add_argument("--attachments", type=int, default=10, metavar="N",
                        help="files of 1 MB in the attachment create (default 10)")
    parser.add_argument("--sdk-driver", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.levels = [int(x) for x in args.in_flight.split(",")]
    except ValueError:
        args.levels = []
    if args.burst < 1 or args.process_runs < 1 or args.attachments < 1 or not args.levels \
            or min(args.levels) < 1:
        parser.error("--burst, --process-runs, --attachments and every --in-flight number "
                     "must be at least 1")
    return args


# --- the Python SDK, in a child process of its own ---------------------------

def sdk_client(sdk_path, api_url):
    """The SDK's client. Its README constructs SharokeyClient(token=..., api_url=...);
    adapt here if your copy differs."""
    sys.path.insert(0, sdk_path)
    import sharokey  # noqa: E402  (from the given path)
    cls = getattr(sharokey, "SharokeyClient", None) or getattr(sharokey, "Sharokey")
    return cls(token=os.environ["SHAROKEY_TOKEN"], api_url=api_url)


async def sdk_create(client, content, attachments=None):
    kwargs = {"hours": 1, "views": 1}
    if attachments:
        kwargs["attachments"] = attachments
    result = client.create(content, **kwargs)
    if inspect.isawaitable(result):
        result = await result
    return result


async def sdk_many(client, total, in_flight):
    """@total creates, @in_flight at a time (all at once when equal)."""
    started = 0

    async def worker():
        nonlocal started
        while started < total:
            started += 1
            await sdk_create(client, "benchmark secret")

    await asyncio.gather(*(worker() for _ in range(min(total, in_flight))))


def sdk_driver(args):
    what, api_url = args.sdk_driver[0], args.sdk_driver[1]
    client = sdk_client(args.python_sdk, api_url)
    if what == "create":
        result = asyncio.run(sdk_create(client, "benchmark secret"))
        print(result["data"]["share_url"] if isinstance(result, dict) else result)
    elif what == "many":
        total, in_flight = int(args.sdk_driver[2]), int(args.sdk_driver[3])
        start = time.monotonic()
        asyncio.run(sdk_many(client, total, in_flight))
        print("%.6f" % (time.monotonic() - start))
    elif what == "attachments":
        files = args.sdk_driver[2:]
        asyncio.run(sdk_create(client, "warm-up"))
        start = time.monotonic()
        asyncio.run(sdk_create(client, "with attachments", attachments=files))
        print("%.6f" % (time.monotonic() - start))
    return 0


def sdk_measure(args, api_url, what, *rest):
    """Wall time (printed by the child), CPU time and peak RSS of one
    driver child, from its own rusage."""
    cmd = [args.python, os.path.abspath(__file__), "--python-sdk", args.python_sdk,
           "--sdk-driver", what, api_url, *rest]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError("the Python SDK failed (%s)" % what)
    return float(out.decode().strip()), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


# --- rows ------------------------------------------------------------------------

def time_process(cmd, env):
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def process_rows(args, api_url, env):
    """Medians of interleaved runs: --version, create, and the SDK's create."""
    commands = {"--version": [args.tool, "--version"],
                "create": [args.tool, "create", "benchmark secret"]}
    if args.python_sdk:
        commands["sdk"] = [args.python, os.path.abspath(__file__), "--python-sdk",
                           args.python_sdk, "--sdk-driver", "create", api_url]
    times = {name: [] for name in commands}
    for run in range(args.process_runs + 1):
        for name, cmd in commands.items():
            ms = time_process(cmd, env)
            if run > 0:        # the first run warms the page cache
                times[name].append(ms)
    return {name: statistics.median(values) for name, values in times.items()}


def bench_rows(args, api_url, env):
    """This project's rows, from sharokey-bench against the same server."""
    out = subprocess.run(
        [args.bench, "--api-url", api_url, "--burst", str(args.burst),
         "--in-flight", ",".join(map(str, args.levels)), "--process-runs", "1",
         "--creates", "1", "--attachments", str(args.attachments)],
        env=env, stdout=subprocess.PIPE, check=True).stdout.decode()
    rows = {}
    m = re.search(r"creates all started at once: ([\d.]+) s wall, ([\d.]+) s client CPU", out)
    rows["burst"] = (float(m.group(1)), float(m.group(2)))
    m = re.search(r"client CPU per create by creates in flight:(.*)\(", out)
    rows["in_flight"] = {int(n): float(ms) for n, ms in re.findall(r"(\d+): ([\d.]+) ms", m.group(1))}
    m = re.search(r"files: ([\d.]+) s wall, peak RSS ([\d.]+) MiB", out)
    rows["attachments"] = (float(m.group(1)), float(m.group(2)))
    return rows


def sdk_rows(args, api_url, files):
    rows = {}
    wall, cpu, _ = sdk_measure(args, api_url, "many", str(args.burst), str(args.burst))
    rows["burst"] = (wall, cpu)
    rows["in_flight"] = {}
    for level in args.levels:
        total = max(level, args.burst)
        _, cpu, _ = sdk_measure(args, api_url, "many", str(total), str(level))
        rows["in_flight"][level] = 1000 * cpu / total
    wall, _, rss = sdk_measure(args, api_url, "attachments", *files)
    rows["attachments"] = (wall, rss)
    return rows


def print_table(args, proc, ours, sdk):
    def ratio(a, b):
        return " (%.2f x)" % (a / b) if b else ""

    lines = [("Work", "Python SDK", "This project")]
    lines.append(("one create as a process (start to link)",
                  "%.1f ms" % proc["sdk"] if sdk else "-",
                  "%.1f ms; --version %.1f ms%s" % (proc["create"], proc["--version"],
                                                   ratio(proc["create"], proc["--version"]))))
    wall, cpu = ours["burst"]
    lines.append(("%d creates, all started at once, one process" % args.burst,
                  "%.2f s wall, %.2f s CPU" % sdk["burst"] if sdk else "-",
                  "%.2f s wall, %.2f s CPU" % (wall, cpu)))
    for level in args.levels:
        lines.append(("client CPU per create, %d in flight" % level,
                      "%.2f ms" % sdk["in_flight"][level] if sdk else "-",
                      "%.2f ms" % ours["in_flight"][level]))
    wall, rss = ours["attachments"]
    lines.append(("%d x 1 MB attachments" % args.attachments,
                  "%.2f s, %.0f MiB" % sdk["attachments"] if sdk else "-",
                  "%.2f s, %.0f MiB" % (wall, rss)))
    widths = [max(len(line[i]) for line in lines) for i in range(3)]
    for n, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main(argv):
    args = parse_args(argv)
    if args.sdk_driver:
        return sdk_driver(args)
    if not args.python_sdk:
        print("Python SDK: none given (--python-sdk PATH or SHAROKEY_PYTHON_SDK); "
              "figures of this project only.")
    elif not os.path.isdir(os.path.join(args.python_sdk, "sharokey")):
        print("python-sdk-side-by-side: %s holds no `sharokey` package" % args.python_sdk,
              file=sys.stderr)
        return 2

    # The tests' server fixture (a fresh database, a free port); imported
    # here, not in the SDK's driver processes, which are measured.
    sys.path.insert(0, os.path.join(HERE, "..", "tests", "common"))
    from sharokey_test_server import Server
    server = Server("--rate-limit", "100000000", binary=args.server)
    home = tempfile.mkdtemp(prefix="sharokey-side-by-side-home-")
    files_dir = tempfile.mkdtemp(prefix="sharokey-side-by-side-files-")
    try:
        # The token goes through the environment, never argv.
        env = dict(os.environ, SHAROKEY_API_URL=server.api_url, SHAROKEY_TOKEN=TOKEN,
                   HOME=home, XDG_CONFIG_HOME=home)
        os.environ.update(SHAROKEY_TOKEN=TOKEN)
        files = []
        for i in range(args.attachments if args.python_sdk else 0):
            path = os.path.join(files_dir, "file-%d.bin" % i)
            with open(path, "wb") as f:
                f.write(os.urandom(1000 * 1000))
            files.append(path)

        proc = process_rows(args, server.api_url, env)
        ours = bench_rows(args, server.api_url, env)
        sdk = sdk_rows(args, server.api_url, files) if args.python_sdk else None
        print_table(args, proc, ours, sdk)
    finally:
        server.close()
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(files_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
