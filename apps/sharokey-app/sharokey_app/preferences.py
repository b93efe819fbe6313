# SPDX-License-Identifier: LGPL-2.1-or-later
"""Preferences: the API URL (GSettings) and the API token (the keyring, via the library)."""

from gi.repository import Adw, GLib, Gtk, Sharokey

from sharokey_app.errors import show_error
from sharokey_app.i18n import _

# Words for Sharokey.ConfigSource values; the keyring's exists once the
# library is built with it.
SOURCE_NAMES = {
    "DEFAULT": _("not set"),
    "CONFIG_FILE": _("the configuration file"),
    "ENVIRONMENT": _("the SHAROKEY_TOKEN environment variable"),
    "COMMAND_LINE": _("the command line"),
    "KEYRING": _("the keyring"),
}


def keyring_available():
    """Whether this build of the library can use the Secret Service."""
    is_available = getattr(Sharokey, "keyring_is_available", None)
    return is_available is not None and is_available()


def source_name(source):
    """Words for SOURCE, a Sharokey.ConfigSource."""
    return SOURCE_NAMES.get(source.value_name.replace("SHAROKEY_CONFIG_SOURCE_", ""), "?")


class PreferencesWindow(Adw.PreferencesWindow):
    """Where the server and the token are set."""

    def __init__(self, connection, **kwargs):
        super().__init__(title=_("Preferences"), search_enabled=False, **kwargs)
        self.connection = connection
        self._just_stored = False
        page = Adw.PreferencesPage(title=_("Connection"), icon_name="network-server-symbolic")
        self.add(page)

        server = Adw.PreferencesGroup(
            title=_("Server"),
            description=_("Leave empty to use SHAROKEY_API_URL, the configuration file or "
                          "the Sharokey service."))
        self.url_row = Adw.EntryRow(title=_("API URL"), show_apply_button=True,
                                    input_purpose=Gtk.InputPurpose.URL)
        self.url_row.set_text(connection.settings.get_string("api-url"))
        self.url_row.connect("apply", self._on_url_apply)
        server.add(self.url_row)
        self.test_row = Adw.ActionRow(title=_("Connection"), subtitle=_("Not tested"))
        test = Gtk.Button(label=_("Test"), valign=Gtk.Align.CENTER)
        test.connect("clicked", self._on_test)
        self.test_row.add_suffix(test)
        server.add(self.test_row)
        page.add(server)

        token = Adw.PreferencesGroup(
            title=_("API Token"),
            description=_("Stored in the keyring, never in a file."))
        self.token_row = Adw.PasswordEntryRow(title=_("API token"))
        self.token_row.connect("entry-activated", self._on_token_apply)
        self.save_button = Gtk.Button(label=_("Save Token"), valign=Gtk.Align.CENTER,
                                      css_classes=["suggested-action"])
        self.save_button.connect("clicked", lambda _b: self._on_token_apply(self.token_row))
        self.token_row.add_suffix(self.save_button)
        token.add(self.token_row)
        self.source_row = Adw.ActionRow(title=_("Token in use"))
        self.clear_button = Gtk.Button(label=_("Remove from Keyring"),
                                       valign=Gtk.Align.CENTER, css_classes=["destructive-action"])
        self.clear_button.connect("clicked", self._on_clear)
        self.source_row.add_suffix(self.clear_button)
        token.add(self.source_row)
        page.add(token)
        if not keyring_available():
            self.token_row.set_sensitive(False)
            self.save_button.set_sensitive(False)
            self.clear_button.set_sensitive(False)
            token.set_description(_("This build cannot use the keyring: set the token with "
                                    "“sharokey config --token -” or SHAROKEY_TOKEN."))

        self._changed = connection.connect("changed", lambda *_a: self._show_source())
        self.connect("close-request", self._on_close)
        self._show_source()

    def _on_close(self, *_args):
        self.connection.disconnect(self._changed)
        return False

    def _toast(self, text):
        self.add_toast(Adw.Toast.new(GLib.markup_escape_text(text)))

    def _show_source(self):
        config = self.connection.config
        if config is None:
            self.source_row.set_subtitle(_("Connecting…"))
            return
        source = config.get_token_source()
        self.source_row.set_subtitle(_("From {source}").format(source=source_name(source)))
        # Another copy of a token ranks above the keyring: say so, as the one saved is not used.
        if self._just_stored and source_name(source) != SOURCE_NAMES["KEYRING"]:
            self._toast(_("The token saved is not the one in use: {source} gives one too").format(
                source=source_name(source)))
        self._just_stored = False

    def _on_url_apply(self, row):
        url = row.get_text().strip()
        if url:
            try:
                Sharokey.validate_api_url(url)
            except GLib.Error as error:
                show_error(self, error)
                return
        self.connection.settings.set_string("api-url", url)
        self._toast(_("API URL saved"))

    def _on_test(self, _button):
        try:
            client = self.connection.get_client()
        except Exception as error:  # NotReady or GLib.Error
            show_error(self, error)
            return
        self.test_row.set_subtitle(_("Testing…"))
        client.test_connection_async(None, self._on_tested)

    def _on_tested(self, client, result):
        try:
            client.test_connection_finish(result)
            self.test_row.set_subtitle(_("Connected"))
        except GLib.Error as error:
            self.test_row.set_subtitle(GLib.markup_escape_text(error.message))

    def _on_token_apply(self, row):
        token = row.get_text().strip()
        if not token:
            return
        Sharokey.keyring_store_token_async(self.connection.api_url, token, None, self._on_stored)

    def _on_stored(self, _source, result):
        try:
            Sharokey.keyring_store_token_finish(result)
        except GLib.Error as error:
            show_error(self, error, _("Token not saved"))
            return
        self.token_row.set_text("")
        self._toast(_("Token saved in the keyring"))
        self._just_stored = True
        self.connection.reload()

    def _on_clear(self, _button):
        Sharokey.keyring_clear_token_async(self.connection.api_url, None, self._on_cleared)

    def _on_cleared(self, _source, result):
        try:
            removed = Sharokey.keyring_clear_token_finish(result)
        except GLib.Error as error:
            show_error(self, error)
            return
        self._toast(_("Token removed from the keyring") if removed
                    else _("The keyring held no token for this server"))
        self.connection.reload()
