# SPDX-License-Identifier: LGPL-2.1-or-later
"""The main window: Share, Your secrets and Requests in a view stack."""

from gi.repository import Adw, Gio, GLib, Gtk

from sharokey_app.i18n import _
from sharokey_app.requests_page import RequestsPage
from sharokey_app.secrets_page import SecretsPage
from sharokey_app.share_page import SharePage


class Window(Adw.ApplicationWindow):
    """One window of the application."""

    def __init__(self, application, connection):
        super().__init__(application=application, title=_("Sharokey"),
                         default_width=760, default_height=820)
        self.toasts = Adw.ToastOverlay()
        self.share_page = SharePage(connection, self.toasts)
        self.secrets_page = SecretsPage(connection, self.toasts)
        self.requests_page = RequestsPage(connection, self.toasts)

        self.stack = Adw.ViewStack()
        self.stack.add_titled(self.share_page, "share", _("Share")).set_icon_name("send-to-symbolic")
        self.stack.add_titled(self.secrets_page, "secrets",
                              _("Your Secrets")).set_icon_name("view-list-symbolic")
        self.stack.add_titled(self.requests_page, "requests",
                              _("Requests")).set_icon_name("mail-send-symbolic")
        self.stack.connect("notify::visible-child-name", self._on_page_changed)
        self.share_page.connect("shared", lambda *_a: self.secrets_page.refresh())

        title = Adw.ViewSwitcherTitle(stack=self.stack, title=_("Sharokey"))
        header = Adw.HeaderBar(title_widget=title)
        self.refresh_button = Gtk.Button(icon_name="view-refresh-symbolic", tooltip_text=_("Refresh"),
                                         action_name="win.refresh", visible=False)
        self.refresh_button.update_property([Gtk.AccessibleProperty.LABEL], [_("Refresh")])
        header.pack_start(self.refresh_button)
        menu = Gio.Menu()
        menu.append(_("_Preferences"), "app.preferences")
        menu.append(_("_About Sharokey"), "app.about")
        menu_button = Gtk.MenuButton(icon_name="open-menu-symbolic", menu_model=menu,
                                     tooltip_text=_("Main Menu"), primary=True)
        menu_button.update_property([Gtk.AccessibleProperty.LABEL], [_("Main Menu")])
        header.pack_end(menu_button)

        # On a narrow window the switcher moves to the bottom.
        switcher_bar = Adw.ViewSwitcherBar(stack=self.stack)
        title.bind_property("title-visible", switcher_bar, "reveal", 0)

        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        box.append(header)
        self.stack.set_vexpand(True)
        box.append(self.stack)
        box.append(switcher_bar)
        self.toasts.set_child(box)
        self.set_content(self.toasts)

        refresh = Gio.SimpleAction.new("refresh", None)
        refresh.connect("activate", lambda *_a: self._refresh_visible())
        self.add_action(refresh)
        self.show_page = Gio.SimpleAction.new("show-page", GLib.VariantType("s"))
        self.show_page.connect("activate", lambda _a, name: self.stack.set_visible_child_name(name.unpack()))
        self.add_action(self.show_page)

    def _visible_list(self):
        page = self.stack.get_visible_child()
        return page if page in (self.secrets_page, self.requests_page) else None

    def _refresh_visible(self):
        page = self._visible_list()
        if page is not None:
            page.refresh()

    def _on_page_changed(self, *_args):
        page = self._visible_list()
        self.refresh_button.set_visible(page is not None)
        if page is not None:
            page.refresh()  # what the user comes to see is the current state
