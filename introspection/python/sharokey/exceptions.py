# SPDX-License-Identifier: LGPL-2.1-or-later
"""Exceptions raised by the sharokey package.

Every failure of the library arrives as a ``GLib.Error`` in the
``sharokey-error-quark`` domain; :func:`from_glib_error` turns it into one of
the classes below, so callers can catch the kind of failure they care about.
"""

from ._gi import GLib, Sharokey, _

__all__ = [
    "SharokeyError",
    "ValidationError",
    "AuthenticationError",
    "NotFoundError",
    "AttachmentError",
    "NetworkError",
    "EncryptionError",
]


class SharokeyError(Exception):
    """Base class of every error raised by the package.

    ``code`` is the ``Sharokey.Error`` code (an int) when the error came from
    the library, else ``None``.
    """

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code


class ValidationError(SharokeyError):
    """A value was rejected, before sending or by the server (HTTP 422)."""


class AuthenticationError(SharokeyError):
    """The token is missing, invalid or lacks a permission (HTTP 401/403)."""


class NotFoundError(SharokeyError):
    """No such secret or request (HTTP 404)."""


class AttachmentError(SharokeyError):
    """A file is missing, unreadable or too large, or there are too many."""


class NetworkError(SharokeyError):
    """The server could not be reached or answered badly.

    Covers unreachable servers, timeouts, rate limiting (HTTP 429), server
    failures (HTTP 5xx) and answers that are not the expected JSON.
    """


class EncryptionError(SharokeyError):
    """Encryption or decryption failed."""


class KeyringError(SharokeyError):
    """The keyring (Secret Service) cannot be reached, stayed locked or refused."""


def _by_code():
    E = Sharokey.Error
    return {
        int(E.FAILED): SharokeyError,
        int(E.VALIDATION): ValidationError,
        int(E.AUTHENTICATION): AuthenticationError,
        int(E.NOT_FOUND): NotFoundError,
        int(E.ATTACHMENT): AttachmentError,
        int(E.NETWORK): NetworkError,
        int(E.TIMEOUT): NetworkError,
        int(E.RATE_LIMITED): NetworkError,
        int(E.SERVER): NetworkError,
        int(E.PROTOCOL): NetworkError,
        int(E.ENCRYPTION): EncryptionError,
        int(E.KEYRING_UNAVAILABLE): KeyringError,
        int(E.KEYRING): KeyringError,
    }


_BY_CODE = _by_code()
ERROR_DOMAIN = GLib.quark_to_string(Sharokey.Error.quark())
# Failures below HTTP keep their own domain in the library.
_TRANSPORT_DOMAINS = {"g-tls-error-quark", "g-resolver-error-quark", "g-io-error-quark"}


def from_glib_error(error):
    """Returns the SharokeyError that matches a ``GLib.Error``."""
    if error.domain == ERROR_DOMAIN:
        cls = _BY_CODE.get(error.code, SharokeyError)
        return cls(error.message, error.code)
    if error.domain in _TRANSPORT_DOMAINS:
        return NetworkError(_("Network error: {message}").format(message=error.message))
    return SharokeyError(error.message)
