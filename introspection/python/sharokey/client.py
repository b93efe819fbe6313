# SPDX-License-Identifier: LGPL-2.1-or-later
"""The asyncio client."""

import json
import os
import warnings

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


def _answer(data):
    """The API's envelope around ``data``, as the other Sharokey SDKs give it."""
    return {"success": True, "data": data}


def _item(obj):
    """The envelope of a typed result, from the server's JSON for its item."""
    return _answer(_to_python(obj.get_json()))


def _created(secret):
    """create's envelope: the server's item plus the link made from it."""
    data = _to_python(secret.get_json())
    data["share_url"] = secret.props.share_url
    return _answer(data)


def _request(request):
    """A request's envelope: the fields in ``data`` and in ``data.request``,
    the two readings of the SDKs."""
    data = _to_python(request.get_json())
    data["request"] = dict(data)
    return _answer(data)


def _page(page):
    """A list's envelope: ``data.items`` and, when sent, ``data.pagination``."""
    data = {"items": [_to_python(item.get_json()) for item in page]}
    pagination = page.get_json()
    if pagination is not None:
        data["pagination"] = _to_python(pagination)
    return _answer(data)


def _diagnosis(report):
    """test()'s dict, as the Python SDK gives it, from a ``Sharokey.Diagnosis``:
    ``{"passed", "total", "details": [{"name", "label", "success", "message"}]}``."""
    return {
        "passed": report.get_n_passed(),
        "total": report.get_n_items(),
        "details": [{"name": check.get_name(), "label": check.get_label(),
                     "success": check.get_passed(), "message": check.get_message()}
                    for check in report],
    }


def _deleted(key, value):
    def convert(ok):
        return _answer({key: value, "deleted": bool(ok)})
    return convert


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
    API's JSON as dicts and lists (``{"success": True, "data": …}``, where
    ``data`` is the server's own object). Several calls may be awaited at
    once: they run concurrently without blocking the event loop. Secrets are
    encrypted locally; the share link returned by :meth:`create`
    (``data.share_url``) is the only place where the decryption key appears.

    The typed objects of the library are there too: :meth:`list_secrets`
    yields ``Sharokey.Secret`` objects (read-only properties such as
    ``slug``, ``status`` or ``expiration``, a ``GLib.DateTime``), and
    :meth:`create_secret`, :meth:`get_secret`, :meth:`list_page` and
    :meth:`list_requests_page` return them as the library gives them.
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
            # The library's resolver, as the tools use it; api_url and
            # timeout, when given, win as flags do.
            config = Sharokey.Config.resolve(None, api_url, None if timeout is None else str(timeout))
            if config.get_path_exposed():
                warnings.warn(_("{path} is readable by other users; it holds your API token, "
                                "restrict it with: chmod 600 {path}").format(path=config.get_path()),
                              stacklevel=4)
            return Sharokey.Client.new_for_config(config)
        props = {"token": token}
        if api_url is not None:
            props["api_url"] = api_url
        if timeout is not None:
            props["timeout"] = timeout
        return Sharokey.Client(**props)

    # -- plumbing ---------------------------------------------------------

    def _call(self, method, *args, convert=_identity):
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

    async def create(self, content, hours=24, views=1, **options):
        """Encrypts ``content`` locally and stores it on the server.

        Takes the keyword arguments of :meth:`create_secret`. Returns the
        API's answer, whose ``data.share_url`` is the link to hand to the
        recipient.
        """
        return _created(await self.create_secret(content, hours, views, **options))

    async def create_secret(self, content, hours=24, views=1, *, description=None,
                            message=None, password=None, captcha=False, otp_email=None,
                            otp_phone=None, ip_whitelist=None, geolocation=None,
                            attachments=None, progress=None):
        """Like :meth:`create`, but returns the ``Sharokey.Secret`` itself;
        its ``share_url`` property is the link.

        ``attachments`` is a list of file paths; each file is encrypted with
        the secret's key. ``progress``, when given, is called as
        ``progress(sent, total)`` in the package's GLib thread while the
        body uploads.
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
        if progress is not None and not callable(progress):
            raise ValidationError(_("{what} must be callable").format(what=_("Progress")))
        on_progress = None if progress is None else (lambda sent, total, *data: progress(sent, total))
        # PyGObject hands a notified callback's data back as a tuple of
        # arguments: an empty one, not None.
        return await self._call("create", content, hours, views, options, on_progress,
                                None if progress is None else ())

    async def list(self, *, limit=50, page=1, status=None, creator=None, search=None):
        """Lists one page of the account's secrets (``status`` is active or
        expired); ``data.pagination.total`` tells how many there are."""
        return _page(await self.list_page(limit=limit, page=page, status=status,
                                          creator=creator, search=search))

    async def list_page(self, *, limit=50, page=1, status=None, creator=None, search=None):
        """One page of secrets as the library gives it: a ``Sharokey.Page``,
        a ``Gio.ListModel`` of ``Sharokey.Secret`` with ``total`` and
        ``last_page`` properties."""
        return await self._call("list", _uint(limit, _("Limit")), _uint(page, _("Page")),
                                _text(status, _("Status")), _text(creator, _("Creator")),
                                _text(search, _("Search")))

    async def list_secrets(self, *, status=None, creator=None, search=None, per_page=50):
        """Yields every ``Sharokey.Secret`` of the account, page after page::

            async for secret in client.list_secrets(status="active"):
                print(secret.props.slug, secret.props.expiration.format_iso8601())
        """
        number = 1
        while True:
            page = await self.list_page(limit=per_page, page=number, status=status,
                                        creator=creator, search=search)
            for secret in page:
                yield secret
            if page.get_n_items() == 0 or page.props.page >= page.props.last_page:
                return
            number = page.props.page + 1

    async def get(self, slug):
        """Gets the details of a secret (never its content)."""
        return _item(await self.get_secret(slug))

    async def get_secret(self, slug):
        """Like :meth:`get`, as a ``Sharokey.Secret``."""
        return await self._call("get", _text(slug, _("Slug")))

    async def delete(self, slug):
        """Expires a secret and deletes its content."""
        slug = _text(slug, _("Slug"))
        return await self._call("delete", slug, convert=_deleted("slug", slug))

    async def stats(self):
        """Gets the account's secret statistics."""
        return await self._call("stats", convert=_item)

    # -- diagnostics ------------------------------------------------------

    async def test(self):
        """Runs the diagnostic checks; returns ``{passed, total, details}``."""
        return await self._call("test", convert=_diagnosis)

    async def test_connection(self):
        """Tells whether the server can be reached and accepts the token."""
        try:
            return await self._call("test_connection", convert=bool)
        except SharokeyError:
            return False

    async def health(self):
        """Tells whether the server is up: ``{"status": "ok"}``.

        Like the other Sharokey SDKs, a failure is reported in the result
        (``{"status": "error", "message": …}``) rather than raised.
        """
        try:
            await self._call("health", convert=bool)
        except SharokeyError as error:
            return {"status": "error", "message": error.message}
        return {"status": "ok"}

    def get_config(self):
        """Returns the client's settings, as the Python SDK does:
        ``{"api_url", "timeout", "has_token", "token_length"}``; the token
        itself is left out."""
        client = self._client
        if client is None:
            raise SharokeyError(_("The client is closed"))

        def describe():
            return {"api_url": client.get_api_url(), "timeout": client.get_timeout(),
                    "has_token": client.get_has_token(),
                    "token_length": len(client.dup_token() or "")}

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
        return await self._call("create_request", options, convert=_request)

    async def list_requests(self, *, limit=50, page=1, status=None, creator=None, search=None):
        """Lists one page of the account's secret requests."""
        return _page(await self.list_requests_page(limit=limit, page=page, status=status,
                                                   creator=creator, search=search))

    async def list_requests_page(self, *, limit=50, page=1, status=None, creator=None, search=None):
        """One page of requests: a ``Sharokey.Page`` of ``Sharokey.SecretRequest``."""
        return await self._call("list_requests", _uint(limit, _("Limit")), _uint(page, _("Page")),
                                _text(status, _("Status")), _text(creator, _("Creator")),
                                _text(search, _("Search")))

    async def get_request(self, token):
        """Gets a secret request by its token."""
        return await self._call("get_request", _text(token, _("Request token")), convert=_request)

    async def delete_request(self, token):
        """Cancels a secret request."""
        token = _text(token, _("Request token"))
        return await self._call("delete_request", token, convert=_deleted("token", token))

    async def request_stats(self):
        """Gets the account's request statistics."""
        return await self._call("request_stats", convert=_item)

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
