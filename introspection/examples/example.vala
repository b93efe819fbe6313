/* example.vala: shares a secret from Vala and prints its link
 *
 *     valac --pkg sharokey-glib-1 example.vala
 *     SHAROKEY_TOKEN=… [SHAROKEY_API_URL=…] ./example
 *
 * The text is encrypted here; the server only ever sees ciphertext. The
 * link printed on stdout holds the key in its fragment: hand it to the
 * recipient only.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

async int share () {
    try {
        var client = new Sharokey.Client.from_environment ();
        var options = new Sharokey.SecretOptions ();
        options.description = "example.vala";
        options.message = "This link works once.";

        Sharokey.Secret created = yield client.create_async ("Hello from Vala", 24, 1, options);
        Sharokey.Secret details = yield client.get_async (created.slug);
        stderr.printf ("%s expires %s\n", details.slug, details.expiration.to_local ().format ("%c"));
        print ("%s\n", created.share_url);
        return 0;
    } catch (Sharokey.Error.AUTHENTICATION e) {
        stderr.printf ("example: check SHAROKEY_TOKEN: %s\n", e.message);
    } catch (Error e) {
        stderr.printf ("example: %s\n", e.message);
    }
    return 1;
}

int main () {
    var loop = new MainLoop ();
    int status = 1;
    share.begin ((obj, res) => {
        status = share.end (res);
        loop.quit ();
    });
    loop.run ();
    return status;
}
