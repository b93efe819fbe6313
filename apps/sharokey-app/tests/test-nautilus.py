#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Files extension, loaded with the real Nautilus 4.0 typelib: which
selections get "Share as a self-destructing link…", and what its
activation launches (the desktop entry built here, found through
XDG_DATA_DIRS, with the files as URIs). Launching itself is exercised by
app-ui, against the running application."""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="sharokey-nautilus-")
checks = 0


def ok(condition, name):
    global checks
    checks += 1
    print(f"{'ok' if condition else 'not ok'} {checks} - {name}")
    return condition


def run_without_desktop_entry():
    """In a child process: GLib reads XDG_DATA_DIRS once."""
    sys.path.insert(0, HERE)
    from nautilus_file_info import FileInfo, load_extension
    items = load_extension().SharokeyMenuProvider().get_file_items([FileInfo.for_path(__file__)])
    sys.exit(0 if items == [] else 1)


if len(sys.argv) > 1 and sys.argv[1] == "--without-desktop-entry":
    run_without_desktop_entry()

failed = False
try:
    child = subprocess.run([sys.executable, __file__, "--without-desktop-entry"],
                           env=dict(os.environ, XDG_DATA_DIRS=os.path.join(work, "empty"),
                                    XDG_DATA_HOME=os.path.join(work, "empty-home")))
    failed |= not ok(child.returncode == 0, "no menu item when the application is not installed")

    sys.path.insert(0, HERE)
    from installed_app import install_app  # noqa: E402
    install_app(work)
    os.environ["XDG_DATA_DIRS"] = os.path.join(work, "share")
    os.environ["XDG_DATA_HOME"] = os.path.join(work, "home")

    from gi.repository import Gio  # noqa: E402
    from nautilus_file_info import FileInfo, load_extension  # noqa: E402

    extension = load_extension()
    provider = extension.SharokeyMenuProvider()
    files = []
    for i in range(11):
        path = os.path.join(work, f"file {i}.txt")
        with open(path, "w") as f:
            f.write("x")
        files.append(FileInfo.for_path(path))

    items = provider.get_file_items(files[:2])
    failed |= not ok(len(items) == 1, "one menu item for two local files")
    item = items[0]
    failed |= not ok(item.props.label == "Share as a self-destructing link…", "its label")
    failed |= not ok(item.props.name == "SharokeyMenuProvider::share", "its name")
    failed |= not ok(item.props.icon == "org.sharokey.Sharokey-symbolic", "its icon")
    failed |= not ok(len(provider.get_file_items(files[:10])) == 1, "ten files are accepted")
    failed |= not ok(provider.get_file_items(files) == [], "eleven files are too many")
    failed |= not ok(provider.get_file_items([]) == [], "nothing selected, no item")
    failed |= not ok(provider.get_file_items([FileInfo.for_path(work)]) == [],
                     "a folder gets no item")
    remote = FileInfo(Gio.File.new_for_uri("sftp://example.com/notes.txt"))
    failed |= not ok(provider.get_file_items([files[0], remote]) == [],
                     "a remote file gets no item")
    failed |= not ok(provider.get_background_items(FileInfo.for_path(work)) == [],
                     "no item on a folder's background")

    # What activation launches: the application's own desktop entry, with the files' URIs.
    info = extension.app_info()
    failed |= not ok(info is not None and info.get_id() == "org.sharokey.Sharokey.desktop",
                     "the desktop entry found is the application's")
    failed |= not ok(info.get_commandline() == "sharokey-app %U", "it opens files by URI")
    failed |= not ok(info.get_boolean("DBusActivatable"),
                     "it is D-Bus activatable (the files travel in the Open call)")
    failed |= not ok(info.supports_uris(), "it takes URIs")
finally:
    shutil.rmtree(work, ignore_errors=True)
print(f"1..{checks}")
sys.exit(1 if failed else 0)
