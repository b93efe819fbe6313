# SPDX-License-Identifier: LGPL-2.1-or-later
"""The application: one window, files given on the command line attached."""

import gi

gi.require_version("Gtk", "4.0")
gi.require_version("Adw", "1")
gi.require_version("Sharokey", "1")

from gi.repository import Adw, Gio, GLib, Gtk, Sharokey  # noqa: E402

from sharokey_app import APP_ID  # noqa: E402
from sharokey_app.connection import Connection  # noqa: E402
from sharokey_app.i18n import _  # noqa: E402
from sharokey_app.preferences import PreferencesWindow  # noqa: E402
from sharokey_app.window import Window  # noqa: E402



def version():
    """The version of the application: the library's, built together."""
    return "{}.{}.{}".format(Sharokey.get_major_version(), Sharokey.get_minor_version(),
                             Sharokey.get_micro_version())


class Application(Adw.Application):
    """Sharokey for GNOME. `sharokey-app FILE…` opens the Share page with the files attached."""

    def __init__(self):
        super().__init__(application_id=APP_ID, flags=Gio.ApplicationFlags.HANDLES_OPEN)
        self.connection = None
        GLib.set_application_name(_("Sharokey"))
        for name, callback, accels in (("preferences", self._on_preferences, ["<Control>comma"]),
                                       ("about", self._on_about, []),
                                       ("quit", lambda *_a: self.quit(), ["<Control>q"])):
            action = Gio.SimpleAction.new(name, None)
            action.connect("activate", callback)
            self.add_action(action)
            self.set_accels_for_action("app." + name, accels)
        self.set_accels_for_action("win.refresh", ["<Control>r", "F5"])

    def do_startup(self):
        Adw.Application.do_startup(self)
        self.connection = Connection()

    def _window(self):
        window = self.get_active_window()
        if window is None:
            window = Window(self, self.connection)
        return window

    def do_activate(self):
        self._window().present()

    def do_open(self, files, _n_files, _hint):
        window = self._window()
        window.share_page.add_files(files)
        window.stack.set_visible_child_name("share")
        window.present()

    def _on_preferences(self, *_args):
        PreferencesWindow(self.connection, transient_for=self.get_active_window()).present()

    def _on_about(self, *_args):
        Adw.AboutWindow(transient_for=self.get_active_window(), application_name=_("Sharokey"),
                        application_icon=APP_ID, version=version(),
                        comments=_("Share passwords and files through self-destructing links"),
                        license_type=Gtk.License.LGPL_2_1,
                        website="https://www.sharokey.com").present()


def main(argv):
    """Runs the application with ARGV."""
    # The desktop shell matches windows to the desktop file by this name.
    GLib.set_prgname(APP_ID)
    return Application().run(argv)
