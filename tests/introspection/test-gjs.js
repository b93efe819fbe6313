// SPDX-License-Identifier: LGPL-2.1-or-later
//
// libsharokey-glib from GJS, with Gio._promisify so calls are awaited,
// against the sharokey-server given by SHAROKEY_API_URL / SHAROKEY_TOKEN.
// The secret created here must open in the viewer to the same plaintext.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Json from 'gi://Json';
import Sharokey from 'gi://Sharokey?version=1';
import System from 'system';

for (const name of ['create', 'list', 'get', 'delete', 'stats', 'test', 'health',
    'test_connection', 'create_request', 'get_request', 'list_requests',
    'delete_request', 'request_stats', 'inspect_link', 'open'])
    Gio._promisify(Sharokey.Client.prototype, `${name}_async`, `${name}_finish`);
Gio._promisify(Gio.Subprocess.prototype, 'communicate_async', 'communicate_finish');

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

function equal(got, expected, name) {
    return ok(got === expected, name, `got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
}

const slugsOf = page => Array.from({length: page.get_n_items()}, (_, i) => page.get_item(i).slug);

// Opens a share link like the viewer does; the link goes on stdin since its
// fragment is the key. Resolves to [exit status, plaintext].
async function openShareUrl(url, attachmentsDir = null) {
    const argv = [GLib.getenv('SHAROKEY_TEST_OPEN')];
    if (attachmentsDir !== null)
        argv.push('--attachments', attachmentsDir);
    const proc = Gio.Subprocess.new(argv,
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    const [stdout] = await proc.communicate_async(new GLib.Bytes(new TextEncoder().encode(url)), null);
    return [proc.get_exit_status(), new TextDecoder().decode(stdout.toArray())];
}

async function expectError(code, name, promise) {
    try {
        await promise;
        ok(false, name, 'no error');
    } catch (e) {
        ok(e instanceof GLib.Error && e.matches(Sharokey.Error, code), name, `${e}`);
    }
}

async function main() {
    const apiUrl = GLib.getenv('SHAROKEY_API_URL');
    const client = new Sharokey.Client({token: GLib.getenv('SHAROKEY_TOKEN'), api_url: apiUrl});
    equal(client.get_api_url(), apiUrl, 'the API URL is set at construction');

    const text = 'from GJS: ünïcödé ✓';
    const workdir = GLib.dir_make_tmp('sharokey-gjs-XXXXXX');
    const attachment = GLib.build_filenamev([workdir, 'notes.txt']);
    const attachmentText = 'attached from GJS\n'.repeat(5);
    GLib.file_set_contents(attachment, attachmentText);
    const options = new Sharokey.SecretOptions({description: 'gjs test', message: 'hi from gjs'});
    options.add_attachment(attachment);
    let uploaded = [0, 0];
    const created = await client.create_async(text, 2, 1, options, (sent, total) => {
        uploaded = [sent, total];
    }, null);
    const slug = created.slug;
    ok(created.share_url.includes(`/s/${slug}#`), 'create gives a share link');
    ok(uploaded[0] === uploaded[1] && uploaded[1] > 0, 'the progress callback sees the whole upload',
        JSON.stringify(uploaded));
    ok(created.expiration instanceof GLib.DateTime, 'expiration is a GLib.DateTime');
    equal(created.status, Sharokey.SecretStatus.ACTIVE, 'a new secret is active');

    const got = await client.get_async(slug, null);
    equal(got.description, 'gjs test', 'get returns the description');
    equal(got.share_url, null, 'only create gives the link');
    const listed = await client.list_async(10, 1, null, null, null, null);
    ok(slugsOf(listed).includes(slug), 'list contains the secret');
    ok(listed.total >= 1 && listed.last_page >= 1, 'the page has its figures');
    const stats = await client.stats_async(null);
    ok(stats.total_secrets >= 1, 'stats count it');

    const outdir = GLib.build_filenamev([workdir, 'opened']);
    GLib.mkdir_with_parents(outdir, 0o700);
    const [status, plain] = await openShareUrl(created.share_url, outdir);
    equal(status, 0, 'the link opens');
    equal(plain, text, 'the link opens to the same plaintext');
    const [, opened] = GLib.file_get_contents(GLib.build_filenamev([outdir, 'notes.txt']));
    equal(new TextDecoder().decode(opened), attachmentText, 'the attachment opens to the same text');
    for (const path of [GLib.build_filenamev([outdir, 'notes.txt']), outdir, attachment, workdir])
        GLib.unlink(path) === 0 || GLib.rmdir(path);

    // Several promises in flight at once.
    const texts = ['gjs one', 'gjs two', 'gjs three'];
    const answers = await Promise.all(texts.map(t => client.create_async(t, 1, 1, null, null, null)));
    for (const [i, secret] of answers.entries()) {
        const [st, pt] = await openShareUrl(secret.share_url);
        equal(`${st}:${pt}`, `0:${texts[i]}`, `concurrent secret ${i} opens`);
    }

    equal(await client.delete_async(slug, null), true, 'delete returns true');
    const gone = await client.get_async(slug, null);
    equal(gone.status, Sharokey.SecretStatus.EXPIRED, 'delete expires the secret');

    const request = new Sharokey.RequestOptions({message: 'send it', maximum_views: 1});
    const req = await client.create_request_async(request, null);
    const token = req.token;
    ok(typeof token === 'string' && token.length > 0, 'create_request gives a token');
    const reqGot = await client.get_request_async(token, null);
    equal(reqGot.message, 'send it', 'get_request returns it');
    const requests = await client.list_requests_async(10, 0, null, null, null, null);
    ok(Array.from({length: requests.get_n_items()}, (_, i) => requests.get_item(i).token).includes(token),
        'list_requests contains it');
    ok((await client.request_stats_async(null)).total_requests >= 1, 'request_stats count it');
    equal(await client.delete_request_async(token, null), true, 'delete_request returns true');

    const report = await client.test_async(null);
    const checkList = Array.from({length: report.get_n_items()}, (_, i) => report.get_item(i));
    ok(report.n_items === 6 && report.n_passed === 6 && report.passed, 'test() passes',
        checkList.map(c => `${c.name}: ${c.message}`).join('; '));
    equal(checkList.map(c => c.name).join(','),
        'Configuration,Network,Authentication,Read Access,Write Access,Statistics', 'the six checks, in order');
    const wrongReport = await new Sharokey.Client({token: 'wrong-token', api_url: apiUrl}).test_async(null);
    ok(!wrongReport.passed && wrongReport.n_passed === 2, 'a wrong token fails the diagnosis');
    const auth = wrongReport.get_item(2);
    ok(auth instanceof Sharokey.Check && auth.name === 'Authentication' && !auth.passed &&
        auth.message === 'Invalid token', 'the Authentication check fails', `${auth.name}: ${auth.message}`);
    equal(await client.test_connection_async(null), true, 'test_connection');
    equal(await client.health_async(null), true, 'health');

    await expectError(Sharokey.Error.NOT_FOUND, 'unknown slug: NOT_FOUND', client.get_async('NOSUCHSLUG2', null));
    await expectError(Sharokey.Error.VALIDATION, 'hours 0: VALIDATION',
        client.create_async('x', 0, 1, null, null, null));
    const bad = new Sharokey.Client({token: 'wrong-token', api_url: apiUrl});
    await expectError(Sharokey.Error.AUTHENTICATION, 'wrong token: AUTHENTICATION', bad.stats_async(null));

    // The recipient's side: a client without token opens the link.
    const shared = (await client.create_async('Opened from GJS ✓', 1, 2, null, null, null)).share_url;
    const opener = new Sharokey.Client();
    const linkInfo = await opener.inspect_link_async(shared, null);
    equal(linkInfo.get_remaining_views(), 2, 'inspect_link: two views remain');
    let received = await opener.open_async(shared, null, null);
    equal(received.get_text(), 'Opened from GJS ✓', 'open: the text');
    equal(received.get_remaining_views(), 1, 'open: one view remains');
    equal(received.get_n_attachments(), 0, 'open: no files');
    received = await opener.open_async(shared, null, null);
    equal(received.get_remaining_views(), 0, 'open again: no view remains');
    await expectError(Sharokey.Error.GONE, 'a third open: GONE', opener.open_async(shared, null, null));
    equal(Sharokey.link_get_id(shared), shared.split('/s/')[1].split('#')[0], 'link_get_id');
    equal(Sharokey.file_name_from_untrusted('../.x'), '___.x', 'file_name_from_untrusted');
}

const loop = new GLib.MainLoop(null, false);
let exitCode = 0;
const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 120, () => {
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
if (failures > 0 || count === 0)
    exitCode = 1;
System.exit(exitCode);
