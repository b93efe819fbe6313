# SPDX-License-Identifier: LGPL-2.1-or-later
"""Files (Nautilus) extension: "Share as a self-destructing link…" on selected files.

It opens Sharokey for GNOME with the files attached, through the
application's desktop file (D-Bus activation: the files travel as URIs in
the Open call, never through a shell). Installed in
DATADIR/nautilus-python/extensions/, loaded by python3-nautilus.
"""

import gi

gi.require_version("Nautilus", "4.0")
from gi.repository import GLib, GObject, Gio, Nautilus  # noqa: E402

APP_ID = "org.sharokey.Sharokey"
GETTEXT_PACKAGE = "sharokey"
MAX_FILES = 10  # the most a secret can hold (SHAROKEY_MAX_ATTACHMENTS)


def _(message):
    """Translates MESSAGE ("sharokey" domain; Files binds none for it, the app's catalogue is used)."""
    return GLib.dgettext(GETTEXT_PACKAGE, message)


def shareable(files):
    """Whether FILES (Nautilus.FileInfo) can be attached: local, regular, at most ten."""
    return (0 < len(files) <= MAX_FILES and
            all(f.get_uri_scheme() == "file" and not f.is_directory() for f in files))


def app_info():
    """The application's desktop entry, or None when it is not installed."""
    try:
        return Gio.DesktopAppInfo.new(APP_ID + ".desktop")
    except TypeError:  # PyGObject: the constructor returned NULL
        return None


class SharokeyMenuProvider(GObject.GObject, Nautilus.MenuProvider):
    """Adds the menu item to the selection's context menu."""

    def get_file_items(self, files):
        info = app_info()
        if info is None or not shareable(files):
            return []
        item = Nautilus.MenuItem(name="SharokeyMenuProvider::share",
                                 label=_("Share as a self-destructing link…"),
                                 tip=_("Attach the selected files to a new Sharokey secret"),
                                 icon=APP_ID + "-symbolic")
        item.connect("activate", self._on_activate, info, [f.get_location() for f in files])
        return [item]

    def get_background_items(self, _folder):
        return []

    @staticmethod
    def _on_activate(_item, info, locations):
        context = Gio.AppLaunchContext()
        info.launch(locations, context)
