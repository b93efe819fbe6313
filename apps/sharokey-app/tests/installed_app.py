# SPDX-License-Identifier: LGPL-2.1-or-later
"""The application built here, installed for a test under a private prefix."""

import os
import shutil


def install_app(prefix):
    """Puts its desktop entry in PREFIX/share/applications and its launcher
    in PREFIX/bin, first on PATH: GLib loads a desktop entry only when its
    Exec program is there, and meson gives the launcher its mode at install
    only. Returns the launcher's path; the caller puts PREFIX/share in
    XDG_DATA_DIRS."""
    applications = os.path.join(prefix, "share", "applications")
    os.makedirs(applications)
    shutil.copy(os.environ["SHAROKEY_APP_DESKTOP_FILE"], applications)
    bin_dir = os.path.join(prefix, "bin")
    os.makedirs(bin_dir)
    launcher = shutil.copy(os.environ["SHAROKEY_APP_LAUNCHER"], bin_dir)
    os.chmod(launcher, 0o755)
    os.environ["PATH"] = bin_dir + ":" + os.environ["PATH"]
    return launcher
