#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Shares a secret with the sharokey package and prints its link.

    SHAROKEY_TOKEN=… [SHAROKEY_API_URL=…] python3 example.py

The text is encrypted here; the server only ever sees ciphertext. The link
printed on stdout holds the key in its fragment: hand it to the recipient
only.
"""

import asyncio
import sys

import sharokey


async def main():
    client = sharokey.SharokeyClient()  # token (and API URL) from the environment
    try:
        created = await client.create("Hello from Python", hours=24, views=1,
                                      description="example.py",
                                      message="This link works once.")
        slug = created["data"]["slug"]
        # Two calls in flight at once.
        details, stats = await asyncio.gather(client.get(slug), client.stats())
    except sharokey.AuthenticationError as error:
        sys.exit(f"example.py: check SHAROKEY_TOKEN: {error}")
    except sharokey.SharokeyError as error:
        sys.exit(f"example.py: {error}")
    print(f"{slug} expires {details['data']['expiration']}; "
          f"{stats['data']['active_secrets']} active secrets", file=sys.stderr)
    print(created["data"]["share_url"])


if __name__ == "__main__":
    asyncio.run(main())
