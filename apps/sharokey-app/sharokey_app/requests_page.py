# SPDX-License-Identifier: LGPL-2.1-or-later
"""The "Requests" page: the account's secret requests from list_requests_async()."""

from gi.repository import Adw, Gdk, GLib, Gtk, Pango, Sharokey

from sharokey_app.errors import show_error
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
        row = Row(_("Close Request"))
        row.copy_button = Gtk.Button(label=_("Copy Link"))
        row.copy_button.connect("clicked", self._on_copy_link, row)
        row.actions.prepend(row.copy_button)
        # The answer of a request sealed to this computer's key (open_request).
        row.open_button = Gtk.Button(label=_("Open Answer"), css_classes=["suggested-action"])
        row.open_button.connect("clicked", self._on_open_answer, row)
        row.actions.prepend(row.open_button)
        return row

    def bind_row(self, row, request, pending):
        row.title.set_label(self.name_of(request))
        row.details.set_label(_("Secret valid {hours} h · request open until {date}").format(
            hours=request.props.secret_expiration_hours,
            date=format_time(request.props.request_expiration)))
        row.url = request.props.url
        row.token = self.key_of(request)
        row.open_button.set_visible(self.can_open(request))
        row.open_button.update_property([Gtk.AccessibleProperty.LABEL],
                                        [_("Open the answer to “{name}”").format(name=self.name_of(request))])
        row.copy_button.set_visible(bool(row.url) and
                                    request.props.status == Sharokey.SecretRequestStatus.ACTIVE)
        if pending:
            row.set_status(_("Closing…"), "warning")
        else:
            row.set_status(*status_text(request))

    @staticmethod
    def can_open(request):
        """Whether REQUEST has an answer to open (the library tells, on opening,
        whether it was sealed to this computer's key)."""
        return (hasattr(Sharokey.Client, "open_request_async")
                and request.props.status == Sharokey.SecretRequestStatus.FULFILLED)

    def _on_open_answer(self, _button, row):
        try:
            client = self.connection.get_client()
        except Exception as error:  # NotReady or GLib.Error
            show_error(self.toasts, error)
            return
        client.open_request_async(row.token, None, self._on_answer_opened)

    def _on_answer_opened(self, client, result):
        try:
            content = client.open_request_finish(result)
        except GLib.Error as error:
            show_error(self.toasts, error, _("Could not open the answer"))
            return
        data = content.get_data() or b""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            show_error(self.toasts, _("The answer is not text"))
            return
        AnswerDialog(self.get_root(), text).present()

    def _on_copy_link(self, _button, row):
        self.get_clipboard().set_content(Gdk.ContentProvider.new_for_bytes(
            "text/plain;charset=utf-8", GLib.Bytes.new(row.url.encode("utf-8"))))
        self.toasts.add_toast(Adw.Toast.new(_("Link copied")))


class AnswerDialog(Adw.MessageDialog):
    """Shows the answer to a request; it lives only in this window's memory."""

    def __init__(self, parent, text):
        super().__init__(transient_for=parent, modal=True, heading=_("Answer"),
                         body=_("Copy it where it belongs, then close this window."))
        self.text = text
        label = Gtk.Label(label=text, selectable=True, wrap=True, wrap_mode=Pango.WrapMode.WORD_CHAR,
                          css_classes=["monospace"])
        self.set_extra_child(label)
        self.add_response("copy", _("Copy"))
        self.add_response("close", _("Close"))
        self.set_default_response("close")
        self.set_close_response("close")
        self.connect("response", self._on_response)

    def _on_response(self, _dialog, response):
        if response == "copy":
            self.get_clipboard().set_content(Gdk.ContentProvider.new_for_bytes(
                "text/plain;charset=utf-8", GLib.Bytes.new(self.text.encode("utf-8"))))
