# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Sharokey.Client the pages share, built from the preferences.

The API URL comes from the application's settings when set there; the rest
(and the token) is resolved by the library as the sharokey tool does:
environment, configuration file, then the keyring. Resolving may ask the
Secret Service over D-Bus, so it runs in a worker thread: the main loop
never waits for it.
"""

import threading

from gi.repository import Gio, GLib, GObject, Sharokey

from sharokey_app import APP_ID
from sharokey_app.i18n import _


class NotReady(Exception):
    """The client is still being set up."""


class Connection(GObject.Object):
    """Holds the current client; emits "changed" whenever a new one is ready."""

    __gsignals__ = {"changed": (GObject.SignalFlags.RUN_FIRST, None, ())}

    def __init__(self):
        super().__init__()
        self.settings = Gio.Settings.new(APP_ID)
        self.config = None
        self._client = None
        self._error = None
        self._generation = 0
        self.settings.connect("changed::api-url", lambda *_args: self.reload())
        self.reload()

    def reload(self):
        """Resolves the configuration again and builds a new client; calls in
        flight keep the client they started with."""
        self._generation += 1
        generation = self._generation
        api_url = self.settings.get_string("api-url").strip() or None
        self._client = None
        self._error = NotReady(_("Connecting…"))
        threading.Thread(target=self._resolve, args=(generation, api_url), daemon=True).start()

    def _resolve(self, generation, api_url):
        try:
            result = Sharokey.Config.resolve(None, api_url, None)
        except GLib.Error as error:
            result = error
        GLib.idle_add(self._resolved, generation, result)

    def _resolved(self, generation, result):
        if generation != self._generation:
            return GLib.SOURCE_REMOVE  # the settings changed meanwhile
        if isinstance(result, GLib.Error):
            self.config, self._client, self._error = None, None, result
        else:
            self.config, self._client, self._error = result, Sharokey.Client.new_for_config(result), None
        self.emit("changed")
        return GLib.SOURCE_REMOVE

    @property
    def api_url(self):
        """The resolved API URL, or the one in the settings until it is resolved."""
        if self.config is not None:
            return self.config.get_api_url()
        return self.settings.get_string("api-url").strip() or None

    def get_client(self):
        """The client, or raises why there is none (yet)."""
        if self._client is None:
            raise self._error
        return self._client
