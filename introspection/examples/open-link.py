#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Opens a share link through GObject Introspection and prints the secret.

    python3 open-link.py < link-file

The link is read from standard input, which keeps its key (the part after
#) out of the process list. The views that remain are shown before one is
used; the text is decrypted here, never on the server. No token is needed.
"""

import sys

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Sharokey", "1")
from gi.repository import GLib, Sharokey  # noqa: E402


def on_opened(client, result, loop):
    try:
        opened = client.open_finish(result)
    except GLib.Error as error:
        if error.matches(Sharokey.Error.quark(), Sharokey.Error.GONE):
            print("open-link.py: the secret is no longer available", file=sys.stderr)
        else:
            print(f"open-link.py: {error.message}", file=sys.stderr)
        loop.quit()
        return
    for i in range(opened.get_n_attachments()):
        size = opened.get_attachment_data(i).get_size()
        print(f"file {opened.get_attachment_name(i)!r}: {size} bytes", file=sys.stderr)
    print(opened.get_text())
    print(f"{opened.get_remaining_views()} views remain", file=sys.stderr)
    loop.quit()


def main():
    link = sys.stdin.readline().strip()
    client = Sharokey.Client()
    try:
        info = client.inspect_link_sync(link, None)  # uses no view
    except GLib.Error as error:
        sys.exit(f"open-link.py: {error.message}")
    print(f"{info.get_remaining_views()} views remain before this one", file=sys.stderr)
    loop = GLib.MainLoop()
    client.open_async(link, None, None, on_opened, loop)
    loop.run()


if __name__ == "__main__":
    main()
