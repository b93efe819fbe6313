# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Share page: text, files, lifetime, protections, then the link."""

from gi.repository import Adw, Gdk, Gio, GLib, GObject, Gtk, Pango, Sharokey

from sharokey_app import qr
from sharokey_app.connection import NotReady
from sharokey_app.errors import show_error
from sharokey_app.i18n import N_, _, ngettext

MAX_TEXT = 255

# (hours, label) and (views, label): the presets offered.
HOUR_PRESETS = [
    (1, N_("1 hour")),
    (24, N_("1 day")),
    (72, N_("3 days")),
    (168, N_("1 week")),
    (720, N_("30 days")),
]
DEFAULT_HOURS_INDEX = 1
VIEW_PRESETS = [1, 2, 3, 5, 10]

PROTECTION_NAMES = {
    Sharokey.Protection.NONE: N_("None: anyone with the link can open it"),
    Sharokey.Protection.CAPTCHA: N_("Captcha"),
    Sharokey.Protection.PASSWORD: N_("Password"),
    Sharokey.Protection.OTP_EMAIL: N_("Code by e-mail"),
    Sharokey.Protection.OTP_PHONE: N_("Code by SMS"),
}


class SharePage(Gtk.ScrolledWindow):
    """Composes a secret and shares it with create_async()."""

    def __init__(self, connection, toasts):
        super().__init__(hscrollbar_policy=Gtk.PolicyType.NEVER)
        self.connection = connection
        self.toasts = toasts
        self.files = []          # Gio.File, in the order added
        self.cancellable = None

        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=24,
                      margin_top=24, margin_bottom=24, margin_start=12, margin_end=12)
        self.set_child(Adw.Clamp(maximum_size=640, child=box))

        box.append(self._build_result())
        box.append(self._build_text())
        box.append(self._build_files())
        box.append(self._build_lifetime())
        box.append(self._build_protections())
        box.append(self._build_restrictions())
        box.append(self._build_share())

        # Files dropped anywhere on the page are attached.
        drop = Gtk.DropTarget.new(Gdk.FileList, Gdk.DragAction.COPY)
        drop.connect("drop", self._on_drop)
        self.add_controller(drop)
        self._update_counter()
        self._update_protection()

    # The text and its counter.
    def _build_text(self):
        group = Adw.PreferencesGroup(title=_("Secret"),
                                     description=_("Encrypted on this computer before it is sent."))
        self.text_view = Gtk.TextView(wrap_mode=Gtk.WrapMode.WORD_CHAR, accepts_tab=False,
                                      top_margin=8, bottom_margin=8, left_margin=8, right_margin=8)
        self.text_view.update_property([Gtk.AccessibleProperty.LABEL], [_("Secret text")])
        self.text_view.get_buffer().connect("changed", lambda *_a: self._update_counter())
        frame = Gtk.Frame(child=Gtk.ScrolledWindow(child=self.text_view, min_content_height=120,
                                                   hscrollbar_policy=Gtk.PolicyType.NEVER))
        group.add(frame)
        self.counter = Gtk.Label(xalign=1, margin_top=6, css_classes=["caption", "numeric"])
        group.add(self.counter)
        return group

    def _text(self):
        buffer = self.text_view.get_buffer()
        return buffer.get_text(buffer.get_start_iter(), buffer.get_end_iter(), False)

    def _update_counter(self):
        count = len(self._text())
        # TRANSLATORS: characters typed, out of the most a secret can hold.
        self.counter.set_label(_("{count} / {limit}").format(count=count, limit=MAX_TEXT))
        over = count > MAX_TEXT
        if over:
            self.counter.add_css_class("error")
        else:
            self.counter.remove_css_class("error")
        self.counter.update_property([Gtk.AccessibleProperty.DESCRIPTION],
                                     [_("Too long") if over else ""])
        self._update_share_sensitivity()

    # Attachments.
    def _build_files(self):
        self.files_group = Adw.PreferencesGroup(
            title=_("Files"),
            description=_("Add files with the button or drop them here (10 files, 10 MB in all)."))
        add = Gtk.Button(icon_name="list-add-symbolic", valign=Gtk.Align.CENTER,
                         tooltip_text=_("Add Files…"), css_classes=["flat"])
        add.update_property([Gtk.AccessibleProperty.LABEL], [_("Add Files…")])
        add.connect("clicked", self._on_add_files)
        self.files_group.set_header_suffix(add)
        self.file_rows = []
        return self.files_group

    def add_files(self, files):
        """Attaches FILES (Gio.File), skipping those already attached."""
        known = {f.get_uri() for f in self.files}
        for gfile in files:
            if gfile.get_uri() in known:
                continue
            known.add(gfile.get_uri())
            self.files.append(gfile)
            row = Adw.ActionRow(title=GLib.markup_escape_text(gfile.get_basename() or gfile.get_uri()),
                                subtitle=GLib.markup_escape_text(gfile.get_parse_name()))
            remove = Gtk.Button(icon_name="edit-delete-symbolic", valign=Gtk.Align.CENTER,
                                tooltip_text=_("Remove"), css_classes=["flat"])
            remove.update_property([Gtk.AccessibleProperty.LABEL],
                                   [_("Remove {name}").format(name=gfile.get_basename())])
            remove.connect("clicked", self._on_remove_file, gfile, row)
            row.add_suffix(remove)
            self.files_group.add(row)
            self.file_rows.append(row)
        self._update_share_sensitivity()

    def _on_remove_file(self, _button, gfile, row):
        self.files.remove(gfile)
        self.files_group.remove(row)
        self.file_rows.remove(row)
        self._update_share_sensitivity()

    def _on_add_files(self, _button):
        chooser = Gtk.FileChooserNative(title=_("Add Files"), transient_for=self.get_root(),
                                        action=Gtk.FileChooserAction.OPEN, select_multiple=True,
                                        accept_label=_("_Add"))
        chooser.connect("response", self._on_chooser_response)
        self._chooser = chooser  # a native dialog is not kept alive by GTK
        chooser.show()

    def _on_chooser_response(self, chooser, response):
        if response == Gtk.ResponseType.ACCEPT:
            files = chooser.get_files()
            self.add_files([files.get_item(i) for i in range(files.get_n_items())])
        self._chooser = None

    def _on_drop(self, _target, value, _x, _y):
        self.add_files(value.get_files())
        return True

    # Lifetime.
    def _build_lifetime(self):
        group = Adw.PreferencesGroup(title=_("Lifetime"),
                                     description=_("The link stops working at the first limit reached."))
        self.hours_row = Adw.ComboRow(title=_("Expires after"),
                                      model=Gtk.StringList.new([_(label) for _h, label in HOUR_PRESETS]),
                                      selected=DEFAULT_HOURS_INDEX)
        self.views_row = Adw.ComboRow(
            title=_("Can be opened"),
            model=Gtk.StringList.new([ngettext("{n} time", "{n} times", n).format(n=n)
                                      for n in VIEW_PRESETS]))
        group.add(self.hours_row)
        group.add(self.views_row)
        self.description_row = Adw.EntryRow(title=_("Description (only you see it)"))
        self.message_row = Adw.EntryRow(title=_("Message for the recipient"))
        group.add(self.description_row)
        group.add(self.message_row)
        return group

    # Protections: only the strongest applies, and the page says which.
    def _build_protections(self):
        group = Adw.PreferencesGroup(
            title=_("Protection"),
            description=_("Only the strongest one set applies: captcha, then password, "
                          "then code by e-mail, then code by SMS."))
        self.captcha_switch = Gtk.Switch(valign=Gtk.Align.CENTER)
        self.captcha_row = Adw.ActionRow(title=_("Captcha"), activatable_widget=self.captcha_switch)
        self.captcha_row.add_suffix(self.captcha_switch)
        self.password_row = Adw.PasswordEntryRow(title=_("Password"))
        self.otp_email_row = Adw.EntryRow(title=_("Code by e-mail to"),
                                          input_purpose=Gtk.InputPurpose.EMAIL)
        self.otp_phone_row = Adw.EntryRow(title=_("Code by SMS to"),
                                          input_purpose=Gtk.InputPurpose.PHONE)
        self.protection_rows = {
            Sharokey.Protection.CAPTCHA: self.captcha_row,
            Sharokey.Protection.PASSWORD: self.password_row,
            Sharokey.Protection.OTP_EMAIL: self.otp_email_row,
            Sharokey.Protection.OTP_PHONE: self.otp_phone_row,
        }
        self.protection_badges = {}
        for protection, row in self.protection_rows.items():
            badge = Gtk.Label(css_classes=["caption"], valign=Gtk.Align.CENTER, visible=False)
            row.add_suffix(badge)
            self.protection_badges[protection] = badge
            group.add(row)
        self.captcha_switch.connect("notify::active", lambda *_a: self._update_protection())
        for row in (self.password_row, self.otp_email_row, self.otp_phone_row):
            row.connect("changed", lambda *_a: self._update_protection())
        self.applied_label = Gtk.Label(xalign=0, wrap=True, margin_top=6)
        group.add(self.applied_label)
        return group

    def _build_restrictions(self):
        group = Adw.PreferencesGroup(title=_("Restrictions"),
                                     description=_("Where the link may be opened from."))
        self.ip_row = Adw.EntryRow(title=_("IP addresses or networks (comma-separated)"))
        self.countries_row = Adw.EntryRow(title=_("Country codes (comma-separated, e.g. FR,BE)"))
        group.add(self.ip_row)
        group.add(self.countries_row)
        return group

    def _options(self):
        """The Sharokey.SecretOptions the form describes (unset fields left out)."""
        options = Sharokey.SecretOptions.new()
        options.set_captcha(self.captcha_switch.get_active())
        for setter, row in ((options.set_password, self.password_row),
                            (options.set_otp_email, self.otp_email_row),
                            (options.set_otp_phone, self.otp_phone_row),
                            (options.set_ip_whitelist, self.ip_row),
                            (options.set_geolocation, self.countries_row),
                            (options.set_description, self.description_row),
                            (options.set_message, self.message_row)):
            value = row.get_text().strip()
            if value:
                setter(value)
        for gfile in self.files:
            options.add_attachment(gfile.get_path() or gfile.get_uri())
        return options

    def _update_protection(self):
        # The library decides which protection wins; the page shows its choice.
        applied = self._options().get_protection()
        for protection, badge in self.protection_badges.items():
            row = self.protection_rows[protection]
            is_set = (self.captcha_switch.get_active() if protection == Sharokey.Protection.CAPTCHA
                      else bool(row.get_text().strip()))
            badge.set_visible(is_set)
            if protection == applied:
                badge.set_label(_("Applied"))
                badge.set_css_classes(["caption", "success"])
            else:
                badge.set_label(_("Ignored: a stronger one is set"))
                badge.set_css_classes(["caption", "dim-label"])
        self.applied_label.set_label(
            _("Applied protection: {name}").format(name=_(PROTECTION_NAMES[applied])))

    # Share, progress and the result.
    def _build_share(self):
        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=12)
        self.share_button = Gtk.Button(label=_("Share"),
                                       halign=Gtk.Align.CENTER,
                                       css_classes=["suggested-action", "pill"])
        self.share_button.connect("clicked", self._on_share)
        self.progress = Gtk.ProgressBar(visible=False, show_text=True)
        self.progress.update_property([Gtk.AccessibleProperty.LABEL], [_("Upload progress")])
        box.append(self.share_button)
        box.append(self.progress)
        return box

    def _update_share_sensitivity(self):
        has_content = bool(self._text().strip()) or bool(self.files)
        self.share_button.set_sensitive(has_content and len(self._text()) <= MAX_TEXT
                                        and self.cancellable is None)

    def _build_result(self):
        self.result_group = Adw.PreferencesGroup(
            title=_("Link"),
            description=_("Whoever has this link can open the secret: send it to the recipient only."),
            visible=False)
        box = Gtk.Box(spacing=6)
        self.link_label = Gtk.Label(selectable=True, wrap=True, wrap_mode=Pango.WrapMode.WORD_CHAR, xalign=0, hexpand=True,
                                    css_classes=["monospace"])
        copy = Gtk.Button(label=_("Copy"), valign=Gtk.Align.CENTER)
        copy.connect("clicked", self._on_copy)
        box.append(self.link_label)
        box.append(copy)
        self.result_group.add(box)
        self.qr_picture = Gtk.Picture(can_shrink=False, halign=Gtk.Align.CENTER, margin_top=12,
                                      alternative_text=_("QR code of the link"),
                                      visible=qr.available())
        self.qr_picture.update_property([Gtk.AccessibleProperty.LABEL], [_("QR code of the link")])
        self.result_group.add(self.qr_picture)
        return self.result_group

    def _on_share(self, _button):
        try:
            client = self.connection.get_client()
        except (NotReady, GLib.Error) as error:
            show_error(self.toasts, error)
            return
        hours = HOUR_PRESETS[self.hours_row.get_selected()][0]
        views = VIEW_PRESETS[self.views_row.get_selected()]
        self.cancellable = Gio.Cancellable()
        self._update_share_sensitivity()
        self.progress.set_fraction(0)
        self.progress.set_text(_("Encrypting…"))
        self.progress.set_visible(True)
        self.result_group.set_visible(False)
        client.create_async(self._text(), hours, views, self._options(),
                            self._on_progress, (), self.cancellable, self._on_created)

    def _on_progress(self, sent, total, *_data):
        if total > 0:
            self.progress.set_fraction(sent / total)
            # TRANSLATORS: upload progress, in kilobytes.
            self.progress.set_text(_("Sending… {sent} of {total} kB").format(
                sent=(sent + 1023) // 1024, total=(total + 1023) // 1024))

    def _on_created(self, client, result):
        self.cancellable = None
        self.progress.set_visible(False)
        self._update_share_sensitivity()
        try:
            secret = client.create_finish(result)
        except GLib.Error as error:
            show_error(self.toasts, error, _("Could not share"))
            return
        link = secret.props.share_url
        self.link_label.set_label(link)
        if qr.available():
            self.qr_picture.set_paintable(qr.texture_for(link))
        self.result_group.set_visible(True)
        self.get_vadjustment().set_value(0)  # the link is at the top
        self.text_view.get_buffer().set_text("")
        self.emit("shared", secret)

    def _on_copy(self, _button):
        link = self.link_label.get_label().encode("utf-8")
        self.get_clipboard().set_content(
            Gdk.ContentProvider.new_for_bytes("text/plain;charset=utf-8", GLib.Bytes.new(link)))
        self.toasts.add_toast(Adw.Toast.new(_("Link copied")))


GObject.signal_new("shared", SharePage, GObject.SignalFlags.RUN_FIRST, None, (GObject.Object,))
