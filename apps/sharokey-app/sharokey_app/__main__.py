# SPDX-License-Identifier: LGPL-2.1-or-later
"""python3 -m sharokey_app: runs the application (as the installed launcher does)."""

import sys

from sharokey_app.main import main

sys.exit(main(sys.argv))
