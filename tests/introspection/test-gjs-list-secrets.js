// SPDX-License-Identifier: LGPL-2.1-or-later
//
// introspection/examples/list-secrets.js against a sharokey-server: the page
// from list_finish feeds the example's selection model and its factory's
// bind step, which reads only properties; then, on a display (the test suite
// gives it a virtual one), the example's Gtk.ListView in a window shows one
// row per secret, each with the text of rowText. Run by hand without any
// display, that last part is skipped, saying so.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Gtk from 'gi://Gtk?version=4.0';
import Sharokey from 'gi://Sharokey?version=1';
import System from 'system';

import {bindRow, loadPage, makeFactory, makeListView, rowText} from '../../introspection/examples/list-secrets.js';

Gio._promisify(Sharokey.Client.prototype, 'create_async', 'create_finish');

let count = 0;
let failures = 0;

function ok(condition, name, detail = '') {
    count++;
    if (condition) {
        print(`ok ${count} - ${name}`);
    } else {
        failures++;
        print(`not ok ${count} - ${name}${detail ? `: ${detail}` : ''}`);
    }
    return condition;
}

async function main() {
    const client = new Sharokey.Client({
        token: GLib.getenv('SHAROKEY_TOKEN'),
        api_url: GLib.getenv('SHAROKEY_API_URL'),
    });
    const descriptions = ['gjs list one', 'gjs list two', 'gjs list three'];
    for (const description of descriptions) {
        const options = new Sharokey.SecretOptions({description});
        await client.create_async(`secret of ${description}`, 3, 2, options, null, null);
    }

    const page = await loadPage(client);
    ok(page instanceof Gio.ListModel, 'list_finish gives a Gio.ListModel');
    ok(page.get_item_type() === Sharokey.Secret.$gtype, 'of Sharokey.Secret');
    ok(page.get_n_items() === 3 && page.total === 3, 'with every secret and the total',
        `${page.get_n_items()} items, total ${page.total}`);

    // What a Gtk.ListView is given: a selection model over the page and
    // the example's factory. Neither needs a display.
    const selection = new Gtk.NoSelection({model: page});
    ok(selection.get_n_items() === 3, 'a Gtk.NoSelection wraps the page as it is');
    ok(makeFactory() instanceof Gtk.SignalListItemFactory, 'the factory is a Gtk.SignalListItemFactory');

    // The bind step, on stand-ins for Gtk.ListItem and its Gtk.Label.
    const year = `${GLib.DateTime.new_now_utc().get_year()}`;
    for (let i = 0; i < selection.get_n_items(); i++) {
        const secret = selection.get_item(i);
        const listItem = {item: secret, child: {label: ''}};
        bindRow(listItem);
        ok(secret.expiration instanceof GLib.DateTime, `row ${i}: expiration is a GLib.DateTime`);
        ok(descriptions.includes(secret.description) &&
           listItem.child.label.startsWith(`${secret.slug}  ${secret.description}  0/2  active  `) &&
           listItem.child.label.includes(year),
        `row ${i}: bound from the properties`, listItem.child.label);
        ok(listItem.child.label === rowText(secret), `row ${i}: the text of rowText`);
    }

    if (!GLib.getenv('DISPLAY') && !GLib.getenv('WAYLAND_DISPLAY')) {
        count++;
        print(`ok ${count} # SKIP the Gtk.ListView itself: no display`);
        return;
    }
    if (!ok(Gtk.init_check(), 'GTK opens the display'))
        return;
    const view = makeListView(page);
    ok(view.model.get_n_items() === 3, 'the Gtk.ListView has the page');
    const window = new Gtk.Window({default_width: 640, default_height: 400, child: view});
    window.present();
    const expected = [...Array(page.get_n_items()).keys()].map(i => rowText(page.get_item(i))).sort();
    const shown = await shownRows(view, expected.length);
    ok(JSON.stringify(shown.sort()) === JSON.stringify(expected),
        'the window shows one row per secret, with its text', JSON.stringify(shown));
    window.destroy();
}

// The labels of the rows @view shows, once it shows @n (bounded wait: the
// factory's setup and bind steps run as the view is laid out).
async function shownRows(view, n) {
    const labels = () => {
        const texts = [];
        for (let row = view.get_first_child(); row; row = row.get_next_sibling()) {
            const label = row.get_first_child();
            if (label instanceof Gtk.Label && label.label)
                texts.push(label.label);
        }
        return texts;
    };
    const deadline = GLib.get_monotonic_time() + 20 * GLib.USEC_PER_SEC;
    while (labels().length < n && GLib.get_monotonic_time() < deadline)
        await new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, 20, () => {
            resolve();
            return GLib.SOURCE_REMOVE;
        }));
    return labels();
}

const loop = new GLib.MainLoop(null, false);
let exitCode = 0;
const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 60, () => {
    print('Bail out! timed out');
    exitCode = 1;
    loop.quit();
    return GLib.SOURCE_REMOVE;
});
main().catch(e => {
    print(`Bail out! ${e}\n${e.stack ?? ''}`);
    exitCode = 1;
}).finally(() => {
    GLib.source_remove(timeout);
    loop.quit();
});
loop.run();
print(`1..${count}`);
System.exit(failures > 0 || count === 0 ? 1 : exitCode);
