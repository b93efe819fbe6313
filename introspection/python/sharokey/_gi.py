# SPDX-License-Identifier: LGPL-2.1-or-later
"""Loads the typelibs the package is built on."""

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Json", "1.0")
try:
    gi.require_version("Sharokey", "1")
except ValueError as error:
    # PyGObject only searches the system's typelib directory by default.
    # Not translated: the translation domain is bound by the very library
    # that could not be found.
    raise ImportError(
        "The Sharokey-1 typelib was not found: install libsharokey-glib's "
        "introspection data, or add its girepository-1.0 directory to "
        "GI_TYPELIB_PATH") from error

from gi.repository import GLib, Gio, Json, Sharokey  # noqa: E402

__all__ = ["GLib", "Gio", "Json", "Sharokey", "_"]

GETTEXT_PACKAGE = "sharokey"

# Loading the library binds its translation domain; share it.
Sharokey.get_major_version()


def _(message):
    """Translates a message of the package (domain "sharokey")."""
    return GLib.dgettext(GETTEXT_PACKAGE, message)
