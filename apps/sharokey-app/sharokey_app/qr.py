# SPDX-License-Identifier: LGPL-2.1-or-later
"""The link as a QR code texture, drawn in memory (python3-qrcode computes the matrix).

The link holds the key: it is drawn straight into a Gdk.MemoryTexture,
never written to a file or handed to another program.
"""

from gi.repository import Gdk, GLib

try:
    import qrcode
except ImportError:  # the QR code is optional; the link and Copy remain
    qrcode = None

MODULE_PIXELS = 6


def available():
    """Whether QR codes can be drawn."""
    return qrcode is not None


def texture_for(text):
    """A black-on-white Gdk.Texture of TEXT's QR code (quiet zone included)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * MODULE_PIXELS
    rows = bytearray()
    for modules in matrix:
        row = bytearray()
        for dark in modules:
            row += (b"\x00\x00\x00" if dark else b"\xff\xff\xff") * MODULE_PIXELS
        rows += bytes(row) * MODULE_PIXELS
    return Gdk.MemoryTexture.new(size, size, Gdk.MemoryFormat.R8G8B8,
                                 GLib.Bytes.new(bytes(rows)), size * 3)
