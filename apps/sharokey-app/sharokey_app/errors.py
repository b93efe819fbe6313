# SPDX-License-Identifier: LGPL-2.1-or-later
"""Failures shown to the user as toasts, in the library's own words."""

from gi.repository import Adw, GLib, Gio

from sharokey_app.i18n import _


def message_of(error):
    """The user-facing text of ERROR (a GLib.Error carries the library's translation)."""
    if isinstance(error, GLib.Error):
        return error.message
    return str(error)


def is_cancelled(error):
    """Whether ERROR only says that the call was cancelled."""
    return isinstance(error, GLib.Error) and error.matches(Gio.io_error_quark(),
                                                           Gio.IOErrorEnum.CANCELLED)


def show_error(overlay, error, what=None):
    """Shows ERROR on OVERLAY (an Adw.ToastOverlay); WHAT says what failed."""
    if is_cancelled(error):
        return
    text = message_of(error)
    if what:
        # TRANSLATORS: "{what}" says what failed, "{reason}" is why.
        text = _("{what}: {reason}").format(what=what, reason=text)
    toast = Adw.Toast.new(GLib.markup_escape_text(text))
    toast.set_timeout(8)
    toast.set_priority(Adw.ToastPriority.HIGH)
    overlay.add_toast(toast)
