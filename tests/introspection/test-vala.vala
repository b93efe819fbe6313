/* test-vala.vala: libsharokey-glib through its Vala binding
 *
 * Awaits the client's calls with `yield`, against the sharokey-server given
 * by SHAROKEY_API_URL / SHAROKEY_TOKEN; the secret created here must open in
 * the viewer to the same plaintext.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

int count = 0;
int failures = 0;

bool check (bool condition, string name, string detail = "") {
    count++;
    if (condition) {
        print ("ok %d - %s\n", count, name);
    } else {
        failures++;
        print ("not ok %d - %s%s\n", count, name, detail != "" ? ": " + detail : "");
    }
    return condition;
}

bool check_equal (string? got, string? expected, string name) {
    return check (got == expected, name, "got \"%s\", expected \"%s\"".printf (got ?? "(null)", expected ?? "(null)"));
}

Json.Object data_of (Json.Node answer) {
    return answer.get_object ().get_object_member ("data");
}

/* Opens a share link like the viewer does; the link goes on stdin since its
 * fragment is the key. */
async string? open_share_url (string url, out int status) throws Error {
    var opener = Environment.get_variable ("SHAROKEY_TEST_OPEN");
    var proc = new Subprocess.newv ({ opener }, SubprocessFlags.STDIN_PIPE | SubprocessFlags.STDOUT_PIPE);
    string? stdout_text;
    yield proc.communicate_utf8_async (url, null, out stdout_text, null);
    status = proc.get_exit_status ();
    return stdout_text;
}

async void run () throws Error {
    var api_url = Environment.get_variable ("SHAROKEY_API_URL");
    var client = new Sharokey.Client (Environment.get_variable ("SHAROKEY_TOKEN"));
    client.set_api_url (api_url);

    var text = "from Vala: ünïcödé ✓";
    var options = new Sharokey.SecretOptions ();
    options.description = "vala test";
    options.message = "hi from vala";
    var created = data_of (yield client.create_async (text, 2, 1, options, null));
    var slug = created.get_string_member ("slug");
    var share_url = created.get_string_member ("share_url");
    check (share_url.contains ("/s/" + slug + "#"), "create gives a share link");

    var got = data_of (yield client.get_async (slug, null));
    check_equal (got.get_string_member ("description"), "vala test", "get returns the description");
    var listed = Json.to_string (yield client.list_async (10, null, null, null, null), false);
    check (listed.contains (slug), "list contains the secret");
    var stats = data_of (yield client.stats_async (null));
    check (stats.get_int_member ("total_secrets") >= 1, "stats count it");

    int status;
    var plain = yield open_share_url (share_url, out status);
    check (status == 0, "the link opens");
    check_equal (plain, text, "the link opens to the same plaintext");

    yield client.delete_async (slug, null);
    var gone = data_of (yield client.get_async (slug, null));
    check_equal (gone.get_string_member ("status"), "expired", "delete expires the secret");

    var request = new Sharokey.RequestOptions ();
    request.message = "send it from vala";
    request.maximum_views = 1;
    var req = data_of (yield client.create_request_async (request, null));
    if (req.has_member ("request"))
        req = req.get_object_member ("request");
    var token = req.get_string_member ("token");
    check (token != null && token != "", "create_request gives a token");
    var req_got = data_of (yield client.get_request_async (token, null));
    if (req_got.has_member ("request"))
        req_got = req_got.get_object_member ("request");
    check_equal (req_got.get_string_member ("message"), "send it from vala", "get_request returns it");
    yield client.delete_request_async (token, null);

    var report = (yield client.test_async (null)).get_object ();
    check (report.get_int_member ("total") > 0 &&
           report.get_int_member ("passed") == report.get_int_member ("total"), "test() passes");
    check (yield client.test_connection_async (null), "test_connection");

    try {
        yield client.get_async ("NOSUCHSLUG3", null);
        check (false, "unknown slug: NOT_FOUND", "no error");
    } catch (Sharokey.Error.NOT_FOUND e) {
        check (true, "unknown slug: NOT_FOUND");
    }
    try {
        yield client.create_async ("x", 0, 1, null, null);
        check (false, "hours 0: VALIDATION", "no error");
    } catch (Sharokey.Error.VALIDATION e) {
        check (true, "hours 0: VALIDATION");
    }
}

int main (string[] args) {
    var loop = new MainLoop ();
    int exit_code = 0;
    var timeout = Timeout.add_seconds (120, () => {
        print ("Bail out! timed out\n");
        exit_code = 1;
        loop.quit ();
        return Source.REMOVE;
    });
    run.begin ((obj, res) => {
        try {
            run.end (res);
        } catch (Error e) {
            print ("Bail out! %s\n", e.message);
            exit_code = 1;
        }
        Source.remove (timeout);
        loop.quit ();
    });
    loop.run ();
    print ("1..%d\n", count);
    return (exit_code != 0 || failures > 0 || count == 0) ? 1 : exit_code;
}
