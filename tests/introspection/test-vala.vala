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
    var client = (Sharokey.Client) Object.new (typeof (Sharokey.Client),
                                               "token", Environment.get_variable ("SHAROKEY_TOKEN"),
                                               "api-url", api_url);

    var text = "from Vala: ünïcödé ✓";
    var options = new Sharokey.SecretOptions ();
    options.description = "vala test";
    options.message = "hi from vala";
    int64 uploaded = 0;
    Sharokey.Secret created = yield client.create_async (text, 2, 1, options, (sent, total) => {
        uploaded = sent;
    });
    var slug = created.slug;
    var share_url = created.share_url;
    check (share_url.contains ("/s/" + slug + "#"), "create gives a share link");
    check (uploaded > 0, "create reports its upload");
    check (created.status == Sharokey.SecretStatus.ACTIVE, "a new secret is active");
    check (created.expiration.difference (new DateTime.now_utc ()) > TimeSpan.HOUR, "it expires in 2 hours");

    Sharokey.Secret got = yield client.get_async (slug, null);
    check_equal (got.description, "vala test", "get returns the description");
    check (got.share_url == null, "only create's result has the link");
    Sharokey.Page page = yield client.list_async (10, 1, null, null, null);
    bool listed = false;
    for (uint i = 0; i < page.get_n_items (); i++)
        listed = listed || ((Sharokey.Secret) page.get_item (i)).slug == slug;
    check (listed, "list contains the secret");
    check (page.total >= 1, "the page gives the total");
    Sharokey.Stats stats = yield client.stats_async (null);
    check (stats.total_secrets >= 1, "stats count it");

    int status;
    var plain = yield open_share_url (share_url, out status);
    check (status == 0, "the link opens");
    check_equal (plain, text, "the link opens to the same plaintext");

    check (yield client.delete_async (slug, null), "delete returns true");
    Sharokey.Secret gone = yield client.get_async (slug, null);
    check (gone.status == Sharokey.SecretStatus.EXPIRED, "delete expires the secret");
    check_equal (gone.get_json ().get_object ().get_string_member ("status"), "expired",
                 "the server's JSON stays reachable");

    var request = new Sharokey.RequestOptions ();
    request.message = "send it from vala";
    request.maximum_views = 1;
    Sharokey.SecretRequest req = yield client.create_request_async (request, null);
    var token = req.token;
    check (token != null && token != "", "create_request gives a token");
    Sharokey.SecretRequest req_got = yield client.get_request_async (token, null);
    check_equal (req_got.message, "send it from vala", "get_request returns it");
    check (req_got.status == Sharokey.SecretRequestStatus.ACTIVE, "the request waits");
    check (yield client.delete_request_async (token, null), "delete_request returns true");

    Sharokey.Diagnosis report = yield client.test_async (null);
    check (report.get_n_items () == 6 && report.n_passed == 6 && report.passed, "test() passes");
    var first = (Sharokey.Check) report.get_item (0);
    check_equal (first.name, "Configuration", "the first check is Configuration");
    check (first.passed && first.message != "", "a check says what it found");
    var wrong = (Sharokey.Client) Object.new (typeof (Sharokey.Client), "token", "not-the-token",
                                         "api-url", client.api_url);
    Sharokey.Diagnosis failed = yield wrong.test_async (null);
    var auth = (Sharokey.Check) failed.get_item (2);
    check (!failed.passed && failed.n_passed == 2, "a wrong token fails the diagnosis");
    check (auth.name == "Authentication" && !auth.passed, "the Authentication check fails");
    check_equal (auth.message, "Invalid token", "it says the token is invalid");
    check (yield client.test_connection_async (null), "test_connection");
    check (yield client.health_async (null), "health");

    try {
        yield client.get_async ("NOSUCHSLUG3", null);
        check (false, "unknown slug: NOT_FOUND", "no error");
    } catch (Sharokey.Error.NOT_FOUND e) {
        check (true, "unknown slug: NOT_FOUND");
    }
    try {
        yield client.create_async ("x", 0, 1, null);
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
