# SPDX-License-Identifier: LGPL-2.1-or-later
"""Loads the typelibs the package is built on."""

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Json", "1.0")
gi.require_version("Sharokey", "1")

from gi.repository import GLib, Gio, Json, Sharokey  # noqa: E402

__all__ = ["GLib", "Gio", "Json", "Sharokey", "_"]

GETTEXT_PACKAGE = "sharokey"

# Loading the library binds its translation domain; share it.
Sharokey.get_major_version()


def _(message):
    """Translates a message of the package (domain "sharokey")."""
    return GLib.dgettext(GETTEXT_PACKAGE, message)
