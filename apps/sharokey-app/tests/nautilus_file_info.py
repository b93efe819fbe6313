# SPDX-License-Identifier: LGPL-2.1-or-later
"""What the tests share to drive the Files extension with the real Nautilus 4.0 typelib."""

import importlib.util
import os

import gi

gi.require_version("Nautilus", "4.0")
from gi.repository import Gio, GObject, Nautilus  # noqa: E402


class FileInfo(GObject.Object, Nautilus.FileInfo):
    """A selected file as Files describes it to extensions, for a real location."""

    def __init__(self, location):
        super().__init__()
        self.location = location

    @classmethod
    def for_path(cls, path):
        return cls(Gio.File.new_for_path(path))

    def do_get_location(self):
        return self.location

    def do_get_uri(self):
        return self.location.get_uri()

    def do_get_uri_scheme(self):
        return self.location.get_uri_scheme()

    def do_is_directory(self):
        path = self.location.get_path()
        return path is not None and os.path.isdir(path)


def load_extension():
    """The extension module, loaded from SHAROKEY_APP_EXTENSION as nautilus-python does."""
    spec = importlib.util.spec_from_file_location("sharokey_nautilus",
                                                  os.environ["SHAROKEY_APP_EXTENSION"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
