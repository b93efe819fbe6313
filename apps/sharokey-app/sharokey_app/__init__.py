# SPDX-License-Identifier: LGPL-2.1-or-later
"""Sharokey for GNOME: share self-destructing secrets from the desktop.

Everything goes through the libsharokey-glib GObject Introspection binding.
"""

APP_ID = "org.sharokey.Sharokey"
