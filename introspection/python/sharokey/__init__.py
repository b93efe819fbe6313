# SPDX-License-Identifier: LGPL-2.1-or-later
"""Sharokey for Python: zero-knowledge secret sharing on asyncio.

A thin layer over libsharokey-glib (through GObject Introspection) that
offers the familiar ``SharokeyClient`` with coroutine methods::

    import asyncio, sharokey

    async def main():
        client = sharokey.SharokeyClient()          # token from SHAROKEY_TOKEN
        answer = await client.create("db password: hunter2", hours=2, views=1)
        print(answer["data"]["share_url"])

    asyncio.run(main())

Failures raise :class:`SharokeyError` or one of its subclasses.
"""

from ._gi import Sharokey as _Sharokey
from .client import SharokeyClient
from .exceptions import (
    AttachmentError,
    AuthenticationError,
    EncryptionError,
    KeyringError,
    NetworkError,
    NotFoundError,
    SharokeyError,
    ValidationError,
)

__version__ = "%d.%d.%d" % (
    _Sharokey.get_major_version(),
    _Sharokey.get_minor_version(),
    _Sharokey.get_micro_version(),
)

__all__ = [
    "SharokeyClient",
    "SharokeyError",
    "ValidationError",
    "AuthenticationError",
    "NotFoundError",
    "AttachmentError",
    "NetworkError",
    "EncryptionError",
    "KeyringError",
]
