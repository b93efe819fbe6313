# SPDX-License-Identifier: LGPL-2.1-or-later
"""Translations: the application speaks through the library's "sharokey" domain.

Loading libsharokey-glib binds that domain to its catalogue (or to
SHAROKEY_LOCALEDIR), so the application's messages and the library's
errors come from one catalogue.
"""

import gi

gi.require_version("Sharokey", "1")
from gi.repository import GLib, Sharokey  # noqa: E402

GETTEXT_PACKAGE = "sharokey"

# The first call into the library binds the domain.
Sharokey.get_major_version()


def _(message):
    """Translates MESSAGE."""
    return GLib.dgettext(GETTEXT_PACKAGE, message)


def ngettext(singular, plural, n):
    """Translates SINGULAR or PLURAL, as N asks."""
    return GLib.dngettext(GETTEXT_PACKAGE, singular, plural, n)


def N_(message):
    """Marks MESSAGE for translation, translated later by _()."""
    return message
