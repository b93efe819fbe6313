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

        var created = yield client.create_async ("Hello from Vala", 24, 1, options);
        var data = created.get_object ().get_object_member ("data");
        var details = yield client.get_async (data.get_string_member ("slug"));
        stderr.printf ("%s expires %s\n", data.get_string_member ("slug"),
                       details.get_object ().get_object_member ("data").get_string_member ("expiration"));
        print ("%s\n", data.get_string_member ("share_url"));
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
