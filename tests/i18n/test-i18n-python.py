# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Python package speaks French through the library's catalogue.

Run as ``test-i18n-python.py``: runs itself twice, with LANGUAGE=fr and
without LANGUAGE, each in a fresh interpreter (gettext caches translations
for the life of a process), and checks the messages of both runs. The
catalogue comes from SHAROKEY_LOCALEDIR, set by meson.build.
"""

import asyncio
import locale
import os
import subprocess
import sys

EXPECTED = {
    "fr": [
        "Le paramètre « Jeton » doit être une chaîne de caractères",
        "Le paramètre « Vues » doit être un entier positif ou nul",
        "Le contenu est obligatoire",
    ],
    "en": [
        "Token must be a string",
        "Views must be a non-negative integer",
        "Content is required",
    ],
}


def child():
    # The application's part, as for a C program: use the environment's locale.
    locale.setlocale(locale.LC_ALL, "")
    import sharokey

    messages = []
    try:
        sharokey.SharokeyClient(token=5)
    except sharokey.ValidationError as error:
        messages.append(str(error))

    async def create(content, views):
        # Port 9 is never reached: validation fails before any request.
        client = sharokey.SharokeyClient(token="test-token",
                                         api_url="http://127.0.0.1:9/api/v1")
        try:
            await client.create(content, views=views)
        except sharokey.ValidationError as error:
            messages.append(str(error))
        finally:
            await client.close()

    asyncio.run(create("x", -1))
    asyncio.run(create("", 1))
    for message in messages:
        print(message)


def main():
    failures = 0
    print("1..2")
    for number, language in enumerate(["fr", "en"], start=1):
        env = dict(os.environ)
        env.pop("LANGUAGE", None)
        if language != "en":
            env["LANGUAGE"] = language
        run = subprocess.run([sys.executable, __file__, "--child"], env=env,
                             capture_output=True, text=True, timeout=60)
        got = run.stdout.splitlines()
        if run.returncode == 0 and got == EXPECTED[language]:
            print("ok %d - %s messages" % (number, language))
        else:
            failures += 1
            print("not ok %d - %s messages" % (number, language))
            print("# exit status %d" % run.returncode)
            for line in got:
                print("# got: %s" % line)
            for line in run.stderr.splitlines():
                print("# stderr: %s" % line)
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        child()
    else:
        sys.exit(main())
