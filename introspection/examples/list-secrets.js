// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The account's secrets in a Gtk.ListView:
//
//     SHAROKEY_TOKEN=… [SHAROKEY_API_URL=…] gjs -m list-secrets.js
//
// sharokey_client_list_finish() gives a Sharokey.Page, which is a
// Gio.ListModel of Sharokey.Secret: it goes straight into a selection model,
// and the factory reads each secret's properties. No JSON anywhere.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Gtk from 'gi://Gtk?version=4.0';
import Sharokey from 'gi://Sharokey?version=1';
import System from 'system';

Gio._promisify(Sharokey.Client.prototype, 'list_async', 'list_finish');

const STATUS = {
    [Sharokey.SecretStatus.ACTIVE]: 'active',
    [Sharokey.SecretStatus.EXPIRED]: 'expired',
    [Sharokey.SecretStatus.UNKNOWN]: '?',
};

// One row's text, from the secret's properties.
export function rowText(secret) {
    const expires = secret.expiration?.to_local().format('%Y-%m-%d %H:%M') ?? '-';
    return [
        secret.slug,
        secret.description ?? '',
        `${secret.current_views}/${secret.maximum_views}`,
        STATUS[secret.status],
        expires,
    ].join('  ');
}

// The factory's two steps, written against any list item that has `item`
// and `child`: Gtk.ListItem in the window.
export function setupRow(listItem) {
    listItem.child = new Gtk.Label({xalign: 0});
}

export function bindRow(listItem) {
    listItem.child.label = rowText(listItem.item);
}

export function makeFactory() {
    const factory = new Gtk.SignalListItemFactory();
    factory.connect('setup', (_factory, listItem) => setupRow(listItem));
    factory.connect('bind', (_factory, listItem) => bindRow(listItem));
    return factory;
}

// The first page of secrets: a Sharokey.Page (Gio.ListModel).
export function loadPage(client, page = 1) {
    return client.list_async(50, page, null, null, null, null);
}

export function makeListView(page) {
    return new Gtk.ListView({
        model: new Gtk.NoSelection({model: page}),
        factory: makeFactory(),
    });
}

async function main() {
    if (!Gtk.init_check())
        throw new Error('no display to open a window on');
    const client = Sharokey.Client.new_from_environment();
    const page = await loadPage(client);
    const window = new Gtk.Window({
        title: `Sharokey: ${page.get_n_items()} of ${page.total} secrets`,
        default_width: 640,
        default_height: 400,
        child: new Gtk.ScrolledWindow({child: makeListView(page)}),
    });
    const loop = new GLib.MainLoop(null, false);
    window.connect('close-request', () => {
        loop.quit();
        return false;
    });
    window.present();
    loop.run();
}

// Run as a program, not when a test imports the functions above.
if (import.meta.url === GLib.filename_to_uri(System.programPath, null)) {
    let status = 0;
    const loop = new GLib.MainLoop(null, false);
    main().catch(error => {
        printerr(`list-secrets.js: ${error.message}`);
        status = 1;
    }).finally(() => loop.quit());
    loop.run();
    System.exit(status);
}
