# SPDX-License-Identifier: LGPL-2.1-or-later
"""The "Requests" page: the account's secret requests from list_requests_async()."""

from gi.repository import Adw, Gdk, GLib, Gtk, Sharokey

from sharokey_app.i18n import _
from sharokey_app.list_page import PAGE_SIZE, ListPage, Row, format_time


def status_text(request):
    """The status of REQUEST, in words, and its style class."""
    status = request.props.status
    if status == Sharokey.SecretRequestStatus.ACTIVE:
        return _("Waiting for an answer"), "accent"
    if status == Sharokey.SecretRequestStatus.FULFILLED:
        return _("Answered"), "success"
    if status == Sharokey.SecretRequestStatus.EXPIRED:
        return _("Expired"), "dim-label"
    return _("Unknown"), "warning"


class RequestsPage(ListPage):
    """Requests: links asking someone to send a secret."""

    def __init__(self, connection, toasts):
        self.list_label = _("Requests")
        self.empty_title = _("No Requests")
        self.empty_icon = "mail-send-symbolic"
        # TRANSLATORS: shown in the undo toast; {name} is the request's description or message.
        self.removal_label = _("“{name}” will be closed")
        # TRANSLATORS: accessible name of a row's Close button.
        self.remove_label = _("Close request “{name}”")
        self.load_failed_label = _("Could not list the requests")
        self.remove_failed_label = _("Could not close the request")
        super().__init__(connection, toasts)

    def load_async(self, client, cancellable, callback):
        client.list_requests_async(PAGE_SIZE, 1, None, None, None, cancellable, callback)

    def load_finish(self, client, result):
        return client.list_requests_finish(result)

    def remove_async(self, client, key, cancellable, callback, data):
        client.delete_request_async(key, cancellable, callback, data)

    def remove_finish(self, client, result):
        return client.delete_request_finish(result)

    def key_of(self, request):
        return request.props.token or str(request.props.id)

    def name_of(self, request):
        return request.props.description or request.props.message or self.key_of(request)

    def can_remove(self, request):
        return request.props.status == Sharokey.SecretRequestStatus.ACTIVE

    def make_row(self):
        row = Row(_("Close"))
        row.copy_button = Gtk.Button(label=_("Copy Link"))
        row.copy_button.connect("clicked", self._on_copy_link, row)
        row.actions.prepend(row.copy_button)
        return row

    def bind_row(self, row, request, pending):
        row.title.set_label(self.name_of(request))
        row.details.set_label(_("Secret valid {hours} h · request open until {date}").format(
            hours=request.props.secret_expiration_hours,
            date=format_time(request.props.request_expiration)))
        row.url = request.props.url
        row.copy_button.set_visible(bool(row.url) and
                                    request.props.status == Sharokey.SecretRequestStatus.ACTIVE)
        if pending:
            row.set_status(_("Closing…"), "warning")
        else:
            row.set_status(*status_text(request))

    def _on_copy_link(self, _button, row):
        self.get_clipboard().set_content(Gdk.ContentProvider.new_for_bytes(
            "text/plain;charset=utf-8", GLib.Bytes.new(row.url.encode("utf-8"))))
        self.toasts.add_toast(Adw.Toast.new(_("Link copied")))
