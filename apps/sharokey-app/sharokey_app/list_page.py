# SPDX-License-Identifier: LGPL-2.1-or-later
"""What the secrets and requests pages share: a Gtk.ListView bound to the
Sharokey.Page (a Gio.ListModel) a list call returns, a refresh, and removal
with an undo toast.

A removal is only sent when its toast goes away without Undo: until then the
row shows it as pending and nothing has reached the server.
"""

from gi.repository import Adw, Gio, GLib, Gtk, Pango

from sharokey_app.connection import NotReady
from sharokey_app.errors import show_error
from sharokey_app.i18n import _

PAGE_SIZE = 100
UNDO_SECONDS = 10


def format_time(date_time):
    """DATE_TIME (a GLib.DateTime or None) in local time, for a row."""
    if date_time is None:
        return "—"
    # TRANSLATORS: a date and time in a list row (strftime format).
    return date_time.to_local().format(_("%Y-%m-%d %H:%M"))


class ListPage(Gtk.Box):
    """A list of items of the account with refresh and removal-with-undo.

    Subclasses give load_async()/load_finish(), remove_async()/remove_finish(),
    key_of(item) and bind_row(row, item)."""

    empty_title = ""
    removal_label = ""

    def __init__(self, connection, toasts):
        super().__init__(orientation=Gtk.Orientation.VERTICAL)
        self.connection = connection
        self.toasts = toasts
        self.pending = set()      # keys whose removal waits for its toast
        self.cancellable = None

        self.list_view = Gtk.ListView(factory=self._make_factory(),
                                      css_classes=["navigation-sidebar"])
        self.list_view.update_property([Gtk.AccessibleProperty.LABEL], [self.list_label])
        self.empty = Adw.StatusPage(title=self.empty_title, icon_name=self.empty_icon)
        self.stack = Gtk.Stack()
        self.stack.add_named(Adw.Clamp(maximum_size=900,
                                       child=Gtk.ScrolledWindow(child=self.list_view, vexpand=True)),
                             "list")
        self.stack.add_named(self.empty, "empty")
        self.stack.add_named(Gtk.Spinner(spinning=True, halign=Gtk.Align.CENTER,
                                         valign=Gtk.Align.CENTER, width_request=32,
                                         height_request=32), "loading")
        self.append(self.stack)
        # A new connection (preferences) reloads a list already shown; the
        # others load when their page is shown.
        connection.connect("changed", lambda *_a: self.list_view.get_model() and self.refresh())

    def _make_factory(self):
        factory = Gtk.SignalListItemFactory()
        factory.connect("setup", lambda _f, item: item.set_child(self.make_row()))
        factory.connect("bind", lambda _f, item: self._bind(item.get_child(), item.get_item()))
        return factory

    def _bind(self, row, item):
        key = self.key_of(item)
        self.bind_row(row, item, key in self.pending)
        row.remove_button.set_visible(self.can_remove(item) and key not in self.pending)
        if row.handler is not None:
            row.remove_button.disconnect(row.handler)
        row.handler = row.remove_button.connect("clicked", lambda _b: self._ask_remove(item))
        row.remove_button.update_property([Gtk.AccessibleProperty.LABEL],
                                          [self.remove_label.format(name=self.name_of(item))])

    def refresh(self):
        """Loads the first page again (the previous load, if any, is cancelled)."""
        if self.cancellable is not None:
            self.cancellable.cancel()
        try:
            client = self.connection.get_client()
        except NotReady:
            return  # the connection says "changed" when it is
        except GLib.Error as error:
            show_error(self.toasts, error)
            return
        self.cancellable = Gio.Cancellable()
        if self.list_view.get_model() is None:
            self.stack.set_visible_child_name("loading")
        self.load_async(client, self.cancellable, self._on_loaded)

    def _on_loaded(self, client, result):
        self.cancellable = None
        try:
            page = self.load_finish(client, result)
        except GLib.Error as error:
            show_error(self.toasts, error, self.load_failed_label)
            if self.list_view.get_model() is None:
                self.stack.set_visible_child_name("empty")
            return
        self.list_view.set_model(Gtk.NoSelection(model=page))
        self.stack.set_visible_child_name("list" if page.get_n_items() > 0 else "empty")

    def _rebind(self):
        # Rows read the pending set when bound: bind them again.
        model = self.list_view.get_model()
        if model is not None:
            self.list_view.set_model(Gtk.NoSelection(model=model.get_model()))

    def _ask_remove(self, item):
        key = self.key_of(item)
        self.pending.add(key)
        self._rebind()
        toast = Adw.Toast(title=GLib.markup_escape_text(self.removal_label.format(name=self.name_of(item))),
                          button_label=_("Undo"), timeout=UNDO_SECONDS,
                          priority=Adw.ToastPriority.HIGH)
        undone = []
        toast.connect("button-clicked", lambda _t: undone.append(True))
        toast.connect("dismissed", lambda _t: self._on_toast_dismissed(key, bool(undone)))
        self.toasts.add_toast(toast)

    def _on_toast_dismissed(self, key, undone):
        if undone:
            self.pending.discard(key)
            self._rebind()
            return
        try:
            client = self.connection.get_client()
        except (NotReady, GLib.Error) as error:
            self.pending.discard(key)
            show_error(self.toasts, error)
            return
        self.remove_async(client, key, None, self._on_removed, key)

    def _on_removed(self, client, result, key):
        self.pending.discard(key)
        try:
            self.remove_finish(client, result)
        except GLib.Error as error:
            show_error(self.toasts, error, self.remove_failed_label)
        self.refresh()


class Row(Gtk.Box):
    """One list row: a title, a subtitle of details, a status and actions."""

    def __init__(self, remove_label):
        super().__init__(spacing=12, margin_top=6, margin_bottom=6, margin_start=6, margin_end=6)
        texts = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, hexpand=True, spacing=2)
        self.title = Gtk.Label(xalign=0, ellipsize=Pango.EllipsizeMode.END)
        self.details = Gtk.Label(xalign=0, ellipsize=Pango.EllipsizeMode.END, css_classes=["caption", "dim-label"])
        texts.append(self.title)
        texts.append(self.details)
        self.status = Gtk.Label(css_classes=["caption"], valign=Gtk.Align.CENTER)
        self.actions = Gtk.Box(spacing=6, valign=Gtk.Align.CENTER)
        self.remove_button = Gtk.Button(label=remove_label,
                                        css_classes=["destructive-action"])
        self.handler = None
        self.append(texts)
        self.append(self.status)
        self.append(self.actions)
        self.actions.append(self.remove_button)

    def set_status(self, text, style):
        self.status.set_label(text)
        self.status.set_css_classes(["caption", style])
