# SPDX-License-Identifier: LGPL-2.1-or-later
"""The "Your secrets" page: the account's secrets from list_async()."""

from gi.repository import Sharokey

from sharokey_app.i18n import _, ngettext
from sharokey_app.list_page import PAGE_SIZE, ListPage, Row, format_time


def status_text(secret):
    """The status of SECRET, in words, and its style class."""
    status = secret.props.status
    if status == Sharokey.SecretStatus.ACTIVE:
        return _("Active"), "success"
    if status == Sharokey.SecretStatus.EXPIRED:
        return _("Expired"), "dim-label"
    return _("Unknown"), "warning"


class SecretsPage(ListPage):
    """The secrets of the account, newest first as the server lists them."""

    def __init__(self, connection, toasts):
        self.list_label = _("Your secrets")
        self.empty_title = _("No Secrets")
        self.empty_icon = "org.sharokey.Sharokey-symbolic"
        # TRANSLATORS: shown in the undo toast; {name} is the secret's description or slug.
        self.removal_label = _("“{name}” will be revoked")
        # TRANSLATORS: accessible name of a row's Revoke button.
        self.remove_label = _("Revoke “{name}”")
        self.load_failed_label = _("Could not list the secrets")
        self.remove_failed_label = _("Could not revoke the secret")
        super().__init__(connection, toasts)

    def load_async(self, client, cancellable, callback):
        client.list_async(PAGE_SIZE, 1, None, None, None, cancellable, callback)

    def load_finish(self, client, result):
        return client.list_finish(result)

    def remove_async(self, client, key, cancellable, callback, data):
        client.delete_async(key, cancellable, callback, data)

    def remove_finish(self, client, result):
        return client.delete_finish(result)

    def key_of(self, secret):
        return secret.props.slug

    def name_of(self, secret):
        return secret.props.description or secret.props.slug

    def can_remove(self, secret):
        return secret.props.status == Sharokey.SecretStatus.ACTIVE

    def make_row(self):
        return Row(_("Revoke"))

    def bind_row(self, row, secret, pending):
        row.title.set_label(self.name_of(secret))
        views = ngettext("{current} of {maximum} view", "{current} of {maximum} views",
                         secret.props.maximum_views).format(current=secret.props.current_views,
                                                            maximum=secret.props.maximum_views)
        details = _("{views} · expires {date}").format(
            views=views, date=format_time(secret.props.expiration))
        if secret.props.description:
            # TRANSLATORS: the secret's slug (its name in links), then its details.
            details = _("{slug} · {details}").format(slug=secret.props.slug, details=details)
        row.details.set_label(details)
        if pending:
            row.set_status(_("Revoking…"), "warning")
        else:
            row.set_status(*status_text(secret))
