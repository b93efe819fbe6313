# SPDX-License-Identifier: LGPL-2.1-or-later
"""The asyncio client."""

import json
import os

from ._bridge import get_bridge
from ._gi import GLib, Json, Sharokey, _
from .exceptions import SharokeyError, ValidationError, from_glib_error

__all__ = ["SharokeyClient"]

_UINT_MAX = 0xFFFFFFFF


def _to_python(node):
    """Turns a JsonNode into plain dicts, lists, strings and numbers."""
    if node is None:
        return None
    return json.loads(Json.to_string(node, False))


def _identity(value):
    return value


def _uint(value, what):
    # guint arguments: reject what GI could not convert, with the same kind
    # of error the library gives for out-of-range values.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _UINT_MAX:
        raise ValidationError(_("{what} must be a non-negative integer").format(what=what))
    return value


def _text(value, what):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(_("{what} must be a string").format(what=what))
    return value


def _raise_from(error):
    raise from_glib_error(error) from None


class SharokeyClient:
    """An asyncio client for a Sharokey server.

    When ``token`` is omitted the client is configured like the Sharokey
    tools: from ``~/.config/sharokey/config.json``, then the environment
    variables ``SHAROKEY_TOKEN``, ``SHAROKEY_API_URL`` and
    ``SHAROKEY_TIMEOUT``; ``api_url`` and ``timeout`` (seconds), when given,
    win. Otherwise they default to the hosted service
    (``Sharokey.DEFAULT_API_URL``) and ``Sharokey.DEFAULT_TIMEOUT``. A
    missing token makes calls fail with :class:`AuthenticationError`.

    Every method except :meth:`get_config` is a coroutine; each returns the
    API's JSON as dicts and lists. Several calls may be awaited at once: they
    run concurrently without blocking the event loop. Secrets are encrypted
    locally; the share link returned by :meth:`create` (``data.share_url``)
    is the only place where the decryption key appears.
    """

    def __init__(self, token=None, api_url=None, timeout=None):
        _text(token, _("Token"))
        _text(api_url, _("API URL"))
        if timeout is not None:
            _uint(timeout, _("Timeout"))
        self._bridge = get_bridge()
        try:
            self._client = self._bridge.run_sync(self._make_client, token, api_url, timeout)
        except GLib.Error as error:
            _raise_from(error)

    @staticmethod
    def _make_client(token, api_url, timeout):
        # Built in the GLib thread: its HTTP session belongs to that context.
        if token is None:
            client = Sharokey.Client.new_from_environment()
        else:
            client = Sharokey.Client.new(token)
        if api_url is not None:
            client.set_api_url(api_url)
        if timeout is not None:
            client.set_timeout(timeout)
        return client

    # -- plumbing ---------------------------------------------------------

    def _call(self, method, *args, convert=_to_python):
        """Awaits ``client.<method>_async(*args)`` and its ``_finish``."""
        client = self._client
        if client is None:
            raise SharokeyError(_("The client is closed"))
        begin = getattr(client, method + "_async")
        finish = getattr(client, method + "_finish")

        def start(cancellable, callback):
            begin(*args, cancellable, callback, None)

        return self._await(self._bridge.start(start, finish, convert))

    @staticmethod
    async def _await(future):
        try:
            return await future
        except GLib.Error as error:
            _raise_from(error)

    # -- secrets ----------------------------------------------------------

    async def create(self, content, hours=24, views=1, *, description=None,
                     message=None, password=None, captcha=False, otp_email=None,
                     otp_phone=None, ip_whitelist=None, geolocation=None,
                     attachments=None):
        """Encrypts ``content`` locally and stores it on the server.

        ``attachments`` is a list of file paths; each file is encrypted with
        the secret's key. Returns the API's answer, whose ``data.share_url``
        is the link to hand to the recipient.
        """
        _text(content, _("Content"))
        hours = _uint(hours, _("Hours"))
        views = _uint(views, _("Views"))
        options = Sharokey.SecretOptions(
            description=_text(description, _("Description")),
            message=_text(message, _("Message")),
            password=_text(password, _("Password")),
            captcha=bool(captcha),
            otp_email=_text(otp_email, _("OTP e-mail")),
            otp_phone=_text(otp_phone, _("OTP phone")),
            ip_whitelist=_text(ip_whitelist, _("IP whitelist")),
            geolocation=_text(geolocation, _("Geolocation")),
        )
        if attachments:
            if isinstance(attachments, (str, bytes, os.PathLike)):
                attachments = [attachments]
            options.set_attachments([os.fsdecode(os.fspath(p)) for p in attachments])
        return await self._call("create", content, hours, views, options)

    async def list(self, *, limit=50, status=None, creator=None, search=None):
        """Lists the account's secrets (``status`` is active or expired)."""
        return await self._call("list", _uint(limit, _("Limit")), _text(status, _("Status")),
                                _text(creator, _("Creator")), _text(search, _("Search")))

    async def get(self, slug):
        """Gets the details of a secret (never its content)."""
        return await self._call("get", _text(slug, _("Slug")))

    async def delete(self, slug):
        """Expires a secret and deletes its content."""
        return await self._call("delete", _text(slug, _("Slug")))

    async def stats(self):
        """Gets the account's secret statistics."""
        return await self._call("stats")

    # -- diagnostics ------------------------------------------------------

    async def test(self):
        """Runs the diagnostic checks; returns ``{passed, total, details}``."""
        return await self._call("test")

    async def test_connection(self):
        """Tells whether the server can be reached and accepts the token."""
        try:
            return await self._call("test_connection", convert=bool)
        except SharokeyError:
            return False

    async def health(self):
        """Gets the server's ``/health`` answer.

        Like the other Sharokey SDKs, a failure is reported in the result
        (``{"status": "error", "message": …}``) rather than raised.
        """
        try:
            return await self._call("health")
        except SharokeyError as error:
            return {"status": "error", "message": error.message}

    def get_config(self):
        """Returns the client's settings, as the Python SDK does:
        ``{"api_url", "timeout", "has_token", "token_length"}``; the token
        itself is left out."""
        client = self._client
        if client is None:
            raise SharokeyError(_("The client is closed"))

        def describe():
            config = _to_python(client.get_config())
            config["token_length"] = len(client.get_token() or "")
            return config

        return self._bridge.run_sync(describe)

    # -- secret requests ----------------------------------------------------

    async def create_request(self, *, message=None, description=None, email_to=None,
                             email_reply=None, secret_expiration_hours=24,
                             request_expiration_hours=48, maximum_views=1,
                             locale=None):
        """Asks someone for a secret; returns the API's answer."""
        options = Sharokey.RequestOptions(
            message=_text(message, _("Message")),
            description=_text(description, _("Description")),
            email_to=_text(email_to, _("Email to")),
            email_reply=_text(email_reply, _("Email reply")),
            secret_expiration_hours=_uint(secret_expiration_hours, _("Secret expiration hours")),
            request_expiration_hours=_uint(request_expiration_hours, _("Request expiration hours")),
            maximum_views=_uint(maximum_views, _("Maximum views")),
            locale=_text(locale, _("Locale")),
        )
        return await self._call("create_request", options)

    async def list_requests(self, *, limit=50, status=None, creator=None, search=None):
        """Lists the account's secret requests."""
        return await self._call("list_requests", _uint(limit, _("Limit")), _text(status, _("Status")),
                                _text(creator, _("Creator")), _text(search, _("Search")))

    async def get_request(self, token):
        """Gets a secret request by its token."""
        return await self._call("get_request", _text(token, _("Request token")))

    async def delete_request(self, token):
        """Cancels a secret request."""
        return await self._call("delete_request", _text(token, _("Request token")))

    async def request_stats(self):
        """Gets the account's request statistics."""
        return await self._call("request_stats")

    # -- lifetime -------------------------------------------------------------

    async def close(self):
        """Releases the client; calls in flight still complete."""
        self._release()

    def _release(self):
        client, self._client = getattr(self, "_client", None), None
        if client is not None and getattr(self, "_bridge", None) is not None:
            # Drop the last reference in the thread that owns its session.
            self._bridge.call_soon(_identity, client)

    def __del__(self):
        self._release()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        await self.close()
