#!/usr/bin/python3
"""list, get, delete and stats, readable and --json; request commands."""

import json
import os
import re
import subprocess
import time
import unicodedata

from clitest import (Home, assert_opens, case, check, expect, main, run, share_url)
from sharokey_test_links import open_link, slug_of
from sharokey_test_server import Server


def create(home, server, content, *flags):
    out, _ = expect(run(home, ["create", content, *flags], api_url=server.api_url), 0, "create")
    return share_url(out, server)


def json_items(out, alt):
    body = json.loads(out)
    data = body["data"]
    if isinstance(data, list):
        return data
    return data.get("items", data.get(alt))


@case
def test_list_get_delete():
    with Server() as server, Home() as home:
        first = create(home, server, "first secret", "--description", "Première clé", "--views", "2")
        second = create(home, server, "second secret", "--description", "backup codes")
        slug1, slug2 = slug_of(first), slug_of(second)

        out, _ = expect(run(home, ["list"], api_url=server.api_url), 0, "list")
        table = out.decode()
        lines = table.splitlines()
        check(lines[0].split()[:2] == ["SLUG", "DESCRIPTION"], "no table header: %r" % table)
        check(any(slug1 in l and "Première clé" in l and "0/2" in l for l in lines),
              "first secret not in the table: %r" % table)
        check(any(slug2 in l and "backup codes" in l for l in lines), "second not listed: %r" % table)
        check("#" not in table, "a key fragment is in the list")

        out, _ = expect(run(home, ["--json", "list"], api_url=server.api_url), 0, "--json list")
        slugs = {item["slug"] for item in json_items(out, "secrets")}
        check(slugs == {slug1, slug2}, "json list: %r" % slugs)

        out, _ = expect(run(home, ["list", "--limit", "1"], api_url=server.api_url), 0, "list --limit 1")
        check(len(out.decode().strip().splitlines()) == 2, "--limit 1 shows %r" % out)
        out, _ = expect(run(home, ["list", "--search", "backup"], api_url=server.api_url), 0, "list --search")
        check(slug2 in out.decode() and slug1 not in out.decode(), "--search: %r" % out)
        out, _ = expect(run(home, ["list", "--creator", "alice@example.com"], api_url=server.api_url), 0,
                        "list --creator")
        check(slug1 in out.decode(), "--creator: %r" % out)

        out, _ = expect(run(home, ["get", slug1], api_url=server.api_url), 0, "get")
        text = out.decode()
        check(re.search(r"^slug:\s+%s$" % slug1, text, re.M), "get shows no slug: %r" % text)
        check(re.search(r"^description:\s+Première clé$", text, re.M), "get: %r" % text)
        check("first secret" not in text, "get printed the content")
        out, _ = expect(run(home, ["--json", "get", slug1], api_url=server.api_url), 0, "--json get")
        check(json.loads(out)["data"]["slug"] == slug1, "json get: %r" % out)

        out, _ = expect(run(home, ["delete", slug1], api_url=server.api_url), 0, "delete")
        check(slug1 in out.decode(), "delete says nothing: %r" % out)
        status, _ = open_link(first)
        check(status == 4, "a deleted secret still opens (exit %d)" % status)

        out, _ = expect(run(home, ["list", "--status", "active"], api_url=server.api_url), 0,
                        "list --status active")
        check(slug2 in out.decode() and slug1 not in out.decode(), "active list: %r" % out)
        out, _ = expect(run(home, ["list", "--status", "expired"], api_url=server.api_url), 0,
                        "list --status expired")
        check(slug1 in out.decode() and slug2 not in out.decode(), "expired list: %r" % out)
        assert_opens(second, b"second secret")


def columns(text):
    """Terminal columns of text: 2 for East Asian wide characters, 0 for combining marks."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


@case
def test_list_layout():
    """Long, wide, combining and control characters keep the columns aligned."""
    descriptions = ["日本語の説明です、とても長い説明文がここに続きます", "Cafe\u0301 cre\u0300me",
                    "x" * 70, "tab\there\nnewline", "short"]
    started = time.time()
    with Server() as server, Home() as home:
        for description in descriptions:
            create(home, server, "layout", "--description", description)
        out, _ = expect(run(home, ["list"], api_url=server.api_url), 0, "list")
        lines = out.decode().splitlines()
        check(len(lines) == 1 + len(descriptions), "rows: %r" % lines)
        check(not any(ord(c) < 0x20 or ord(c) == 0x7f for line in lines for c in line),
              "control characters in the table: %r" % lines)
        # Where VIEWS starts, in columns: the same on every row.
        starts = {columns(lines[0][:lines[0].index("VIEWS")])}
        for line in lines[1:]:
            starts.add(columns(line[:line.index("0/1")]))
        check(len(starts) == 1, "columns do not line up (%r): %s" % (starts, "\n".join(lines)))
        rows = {line.split()[0]: line for line in lines[1:]}
        first = lines[0].index("DESCRIPTION")
        cells = [line[first:line.index("0/1")].rstrip() for line in lines[1:]]
        check(max(columns(c) for c in cells) <= 40, "a description is wider than 40 columns: %r" % cells)
        check(sum(c.endswith("\u2026") for c in cells) == 2, "the two long descriptions are not cut: %r" % cells)
        check(any(c == "Cafe\u0301 cre\u0300me" for c in cells), "combining marks changed: %r" % cells)
        check(len(rows) == len(descriptions), "slugs: %r" % rows)
        # Expiry in local minutes (TZ=UTC here), a day after the secrets were made.
        days = {time.strftime("%Y-%m-%d", time.gmtime(t + 24 * 3600)) for t in (started, time.time())}
        for line in lines[1:]:
            check(re.search(r"  (%s) \d\d:\d\d$" % "|".join(days), line),
                  "EXPIRES is not readable: %r" % line)


@case
def test_list_empty():
    with Server() as server, Home() as home:
        out, _ = expect(run(home, ["list"], api_url=server.api_url), 0, "list")
        check(out.decode().strip() == "No secrets.", "empty list: %r" % out)


def fill(server, count, description):
    """Stores @count secrets straight through the API: the paging tests
    are about listing them, not about creating them one process at a time."""
    make = os.environ.get("SHAROKEY_TEST_MAKE_SECRET", "")
    check(make and os.access(make, os.X_OK), "SHAROKEY_TEST_MAKE_SECRET is not set")
    body = json.loads(subprocess.run([make, "--description", description], input=b"paged",
                                     capture_output=True, check=True, timeout=60).stdout)
    for _ in range(count):
        status, _, answer = server.call("POST", "/secrets", body=body)
        check(status == 201, "POST /secrets answered %s: %r" % (status, answer))


def rows(out):
    """The table's rows, without its header."""
    return out.decode().splitlines()[1:]


@case
def test_list_pages():
    """130 secrets: `list` shows the first page of 50 and says so on
    stderr; --page walks to the others; --all shows all 130."""
    with Server() as server, Home() as home:
        fill(server, 130, "paged")

        out, err = expect(run(home, ["list"], api_url=server.api_url), 0, "list")
        check(len(rows(out)) == 50, "list shows %d rows" % len(rows(out)))
        check(err == "50 of 130 shown; --all for every page\n", "no paging hint: %r" % err)

        out, err = expect(run(home, ["list", "--all"], api_url=server.api_url), 0, "list --all")
        slugs = {line.split()[0] for line in rows(out)}
        check(len(rows(out)) == 130 and len(slugs) == 130, "list --all: %d rows, %d slugs"
              % (len(rows(out)), len(slugs)))
        check(err == "", "list --all hints: %r" % err)

        out, err = expect(run(home, ["list", "--page", "3"], api_url=server.api_url), 0, "list --page 3")
        check(len(rows(out)) == 30, "page 3 shows %d rows" % len(rows(out)))
        check(err == "30 of 130 shown; --all for every page\n", "page 3 hint: %r" % err)
        out, _ = expect(run(home, ["list", "--page", "2", "--limit", "100"], api_url=server.api_url), 0,
                        "list --page 2 --limit 100")
        check(len(rows(out)) == 30, "page 2 of 100 shows %d rows" % len(rows(out)))

        out, err = expect(run(home, ["list", "--limit", "200"], api_url=server.api_url), 0, "list --limit 200")
        check(len(rows(out)) == 130 and err == "", "one page of 200: %d rows, %r" % (len(rows(out)), err))

        out, err = expect(run(home, ["--json", "list", "--all"], api_url=server.api_url), 0, "--json list --all")
        items = json.loads(out)["data"]["items"]
        check(len(items) == 130 and len({i["slug"] for i in items}) == 130, "json --all: %d" % len(items))
        check(err == "", "--json hints: %r" % err)
        out, _ = expect(run(home, ["--json", "list"], api_url=server.api_url), 0, "--json list")
        body = json.loads(out)["data"]
        check(len(body["items"]) == 50 and int(body["pagination"]["total"]) == 130,
              "json page: %d items, %r" % (len(body["items"]), body.get("pagination")))

        for args in (["list", "--page", "2", "--all"], ["list", "--page", "0"], ["list-requests", "--page", "x"]):
            _, err = expect(run(home, args, api_url=server.api_url), 2, " ".join(args))
            check(err.startswith("sharokey: ") and err.count("\n") == 1, "not one line: %r" % err)


@case
def test_list_docs_shape():
    """The list shape of the API docs (data as an array) reads the same."""
    with Server("--list-shape", "docs") as server, Home() as home:
        url = create(home, server, "docs shape", "--description", "shape A")
        out, _ = expect(run(home, ["list"], api_url=server.api_url), 0, "list")
        check(slug_of(url) in out.decode() and "shape A" in out.decode(), "list: %r" % out)


@case
def test_stats():
    with Server() as server, Home() as home:
        create(home, server, "one")
        create(home, server, "two", "--password", "secret-pw")
        out, _ = expect(run(home, ["stats"], api_url=server.api_url), 0, "stats")
        text = out.decode()
        check(re.search(r"^total_secrets:\s+2$", text, re.M), "stats: %r" % text)
        check(re.search(r"^secrets_with_password:\s+1$", text, re.M), "stats: %r" % text)
        out, _ = expect(run(home, ["--json", "stats"], api_url=server.api_url), 0, "--json stats")
        check(int(json.loads(out)["data"]["active_secrets"]) == 2, "json stats: %r" % out)


def request_of(out):
    data = json.loads(out)["data"]
    return data.get("request", data)


@case
def test_requests():
    with Server() as server, Home() as home:
        out, err = expect(run(home, ["create-request", "--message", "Send the VPN key",
                                     "--description", "VPN für Bob", "--secret-hours", "12",
                                     "--request-hours", "72", "--views", "2",
                                     "--email-to", "bob@example.com", "--email-reply", "alice@example.com",
                                     "--locale", "fr"], api_url=server.api_url), 0, "create-request")
        lines = out.decode().splitlines()
        check(len(lines) == 1 and re.match(r"https?://", lines[0]), "create-request printed %r" % out)
        request_url = lines[0]

        out, _ = expect(run(home, ["--json", "create-request"], api_url=server.api_url), 0,
                        "--json create-request")
        second = request_of(out)
        check(second.get("url") and second.get("token"), "json create-request: %r" % out)
        check(int(second["secret_expiration_hours"]) == 24 and
              int(second["request_expiration_hours"]) == 48 and int(second["maximum_views"]) == 1,
              "request defaults: %r" % second)

        out, _ = expect(run(home, ["--json", "list-requests"], api_url=server.api_url), 0,
                        "--json list-requests")
        items = json_items(out, "requests")
        first = next(r for r in items if r.get("url") == request_url or r.get("description") == "VPN für Bob")
        token = first["token"]
        check(int(first["maximum_views"]) == 2, "views: %r" % first)

        out, _ = expect(run(home, ["list-requests"], api_url=server.api_url), 0, "list-requests")
        table = out.decode()
        check(table.splitlines()[0].split()[0] == "TOKEN", "header: %r" % table)
        check(token in table and "VPN für Bob" in table and second["token"] in table,
              "list-requests: %r" % table)
        out, _ = expect(run(home, ["list-requests", "--limit", "1"], api_url=server.api_url), 0,
                        "list-requests --limit 1")
        check(len(out.decode().strip().splitlines()) == 2, "--limit 1: %r" % out)

        out, _ = expect(run(home, ["get-request", token], api_url=server.api_url), 0, "get-request")
        text = out.decode()
        check(re.search(r"^token:\s+%s$" % re.escape(token), text, re.M), "get-request: %r" % text)
        check(re.search(r"^message:\s+Send the VPN key$", text, re.M), "get-request: %r" % text)

        out, _ = expect(run(home, ["request-stats"], api_url=server.api_url), 0, "request-stats")
        check(re.search(r"^total_requests:\s+2$", out.decode(), re.M), "request-stats: %r" % out)
        out, _ = expect(run(home, ["--json", "request-stats"], api_url=server.api_url), 0,
                        "--json request-stats")
        check(int(json.loads(out)["data"]["active_requests"]) == 2, "json request-stats: %r" % out)

        out, _ = expect(run(home, ["delete-request", token], api_url=server.api_url), 0, "delete-request")
        check(token in out.decode(), "delete-request says nothing: %r" % out)
        code, out, _ = run(home, ["--json", "get-request", token], api_url=server.api_url)
        check(code == 4 or (code == 0 and request_of(out)["status"] == "expired"),
              "a deleted request is still active (exit %d, %r)" % (code, out))
        out, _ = expect(run(home, ["list-requests", "--status", "active"], api_url=server.api_url), 0,
                        "list-requests --status active")
        check(token not in out.decode() and second["token"] in out.decode(), "active: %r" % out)


if __name__ == "__main__":
    raise SystemExit(main())
