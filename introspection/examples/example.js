// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Shares a secret from GJS and prints its link:
//
//     SHAROKEY_TOKEN=… [SHAROKEY_API_URL=…] gjs -m example.js
//
// The text is encrypted here; the server only ever sees ciphertext. The link
// printed on stdout holds the key in its fragment: hand it to the recipient
// only.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Sharokey from 'gi://Sharokey?version=1';
import System from 'system';

// Make the *_async methods return promises.
Gio._promisify(Sharokey.Client.prototype, 'create_async', 'create_finish');
Gio._promisify(Sharokey.Client.prototype, 'get_async', 'get_finish');

async function main() {
    const client = Sharokey.Client.new_from_environment();
    const options = new Sharokey.SecretOptions({
        description: 'example.js',
        message: 'This link works once.',
    });
    // A Sharokey.Secret; no progress callback here.
    const created = await client.create_async('Hello from GJS', 24, 1, options, null, null);
    const details = await client.get_async(created.slug, null);
    printerr(`${details.slug} expires ${details.expiration.to_local().format('%c')}`);
    print(created.share_url);
}

const loop = new GLib.MainLoop(null, false);
let status = 0;
main().catch(error => {
    if (error instanceof GLib.Error && error.matches(Sharokey.Error, Sharokey.Error.AUTHENTICATION))
        printerr(`example.js: check SHAROKEY_TOKEN: ${error.message}`);
    else
        printerr(`example.js: ${error.message}`);
    status = 1;
}).finally(() => loop.quit());
loop.run();
System.exit(status);
