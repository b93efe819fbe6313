// test-viewer-browser.mjs: the viewer and request pages in headless Chromium.
//
// Secrets are encrypted by the library (sharokey-test-make-secret) and
// opened by the real page served by a real sharokey-server. The French
// pages read the build's catalogue (SHAROKEY_LOCALEDIR); every page state
// is checked by axe-core in the light and the dark colour scheme. Exits 77
// (skip) only when Chromium or playwright-core is missing.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const CHROMIUM = '/usr/bin/chromium';
const STEP_TIMEOUT = 30000;

const require = createRequire(import.meta.url);
let playwright;
try {
  playwright = require('playwright-core');
} catch (e) {
  console.log('SKIP: playwright-core is not installed (run scripts/install-deps.sh)');
  process.exit(77);
}
if (!existsSync(CHROMIUM)) {
  console.log(`SKIP: ${CHROMIUM} is missing`);
  process.exit(77);
}
// The accessibility check is part of the test: without axe-core it fails.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
for (const name of ['SHAROKEY_SERVER', 'SHAROKEY_TEST_MAKE_SECRET', 'SHAROKEY_TEST_OPEN', 'SHAROKEY_LOCALEDIR'])
  if (!process.env[name])
    throw new Error(`${name} is not set`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// DIR is private (mkdtemp): the token goes in a tokens file there, never on
// the server's command line.
async function startServer(dir, env = {}) {
  const portFile = join(dir, 'port');
  const tokensFile = join(dir, 'tokens');
  const log = join(dir, 'server.log');
  writeFileSync(tokensFile, 'test-token-0123456789 alice@example.com\n', { mode: 0o600, flag: 'wx' });
  const logFd = openSync(log, 'a');
  const child = spawn(process.env.SHAROKEY_SERVER,
    ['--listen', '127.0.0.1', '--port', '0', '--port-file', portFile, '--db', join(dir, 'db'),
     '--tokens-file', tokensFile],
    { stdio: ['ignore', 'ignore', logFd], env: { ...process.env, ...env } });
  closeSync(logFd);
  for (let i = 0; i < 1500 && !existsSync(portFile); i++)
    await sleep(10);
  const port = readFileSync(portFile, 'utf8').trim();
  return { child, log, base: `http://127.0.0.1:${port}`, api: `http://127.0.0.1:${port}/api/v1` };
}

async function apiCall(server, method, path, body) {
  const response = await fetch(server.api + path, {
    method,
    headers: { Authorization: 'Bearer test-token-0123456789', 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json() };
}

function makeSecret(server, plaintext, args = []) {
  const result = spawnSync(process.env.SHAROKEY_TEST_MAKE_SECRET, [...args, '--post', server.api], {
    input: plaintext,
    env: { ...process.env, SHAROKEY_TOKEN: 'test-token-0123456789' },
    timeout: STEP_TIMEOUT,
  });
  assert.equal(result.status, 0, result.stderr.toString());
  return result.stdout.toString().trim();
}

// axe-core, evaluated in the page through the DevTools protocol (the page's
// Content-Security-Policy stays as served): every rule it has, zero violations.
async function expectAccessible(page, what) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined')))
    await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) =>
      `${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join('; ')}`);
  });
  assert.deepEqual(violations, [], `${what}: accessibility violations`);
}

// A page in a browser context of its own: LOCALE sets Accept-Language as a
// browser does, COLORSCHEME the prefers-color-scheme media query.
async function withPage(browser, { locale = 'en-US', colorScheme = 'light' }, fn) {
  const context = await browser.newContext({ locale, colorScheme, acceptDownloads: true });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

async function createRequest(server, fields = {}) {
  const created = await apiCall(server, 'POST', '/requests',
                                { message: 'Send me the VPN key', email_reply: 'alice@example.com',
                                  maximum_views: 1, secret_expiration_hours: 2, ...fields });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return created.json.data;
}

const visible = (selector) => `${selector}:not([hidden])`;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('opens-non-ascii-text-without-consuming-on-load', async ({ server, context }) => {
  const plaintext = 'Grüße, 世界! 🔐 “quotes” & <b>not html</b>\nseconde ligne: çà va';
  const shareUrl = makeSecret(server, plaintext, ['--views', '1']);
  const slug = new URL(shareUrl).pathname.split('/').pop();

  const page = await context.newPage();
  await page.goto(shareUrl);
  await page.waitForSelector('#intro:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.match(await page.textContent('#views-note'), /^It can be opened 1 more time, until /);
  // An unprotected secret asks for nothing: no password, captcha or code box shows.
  for (const box of ['#password-box', '#captcha-box', '#otp-box', '#message', '#attachments-note'])
    assert.equal(await page.isVisible(box), false, `${box} is shown`);
  // Loading the page (and its metadata) must not use the view.
  const meta = await apiCall(server, 'GET', `/secrets/${slug}`);
  assert.equal(meta.json.data.current_views, 0);
  assert.equal(meta.json.data.status, 'active');

  await page.click('#reveal');
  await page.waitForSelector('#secret:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#content'), plaintext);
  assert.ok(!page.url().includes('#'), 'the key is removed from the address bar');
  await page.close();

  // A second open of the 1-view secret shows that it is gone.
  const again = await context.newPage();
  await again.goto(shareUrl);
  await again.waitForSelector('#gone:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await again.isVisible('#content'), false);
  await again.close();
  const after = await apiCall(server, 'GET', `/secrets/${slug}`);
  assert.equal(after.json.data.status, 'expired');
});

test('attachment-downloads-byte-identical', async ({ server, context, dir }) => {
  const file = join(dir, 'report.bin');
  const bytes = randomBytes(150000);
  writeFileSync(file, bytes);
  const shareUrl = makeSecret(server, 'see the attached file', ['--attach', file, '--views', '3']);

  const page = await context.newPage();
  await page.goto(shareUrl);
  await page.waitForSelector('#intro:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#attachments-note'), '1 file attached.');
  assert.match(await page.textContent('#views-note'), /^It can be opened 3 more times, until /);
  await page.click('#reveal');
  await page.waitForSelector('#files:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#content'), 'see the attached file');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: STEP_TIMEOUT }),
    page.click('#attachments a'),
  ]);
  assert.equal(download.suggestedFilename(), 'report.bin');
  const saved = join(dir, 'downloaded.bin');
  await download.saveAs(saved);
  assert.ok(Buffer.compare(readFileSync(saved), bytes) === 0, 'downloaded file differs');
  assert.equal(await page.textContent('#remaining'), 'This secret can be opened 2 more times.');
  await page.close();
});

test('wrong-key-and-incomplete-link-are-explained', async ({ server, context }) => {
  const shareUrl = makeSecret(server, 'right key only', ['--views', '2']);
  const [base, keyB] = shareUrl.split('#');
  const wrongKey = keyB.slice(1) + (keyB[0] === 'A' ? 'B' : 'A');
  const page = await context.newPage();
  await page.goto(`${base}#${keyB.slice(0, 10)}`);
  await page.waitForSelector('#failure:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.match(await page.textContent('#failure-text'), /link is incomplete/);
  await page.goto('about:blank');
  await page.goto(`${base}#${wrongKey}`);
  await page.waitForSelector('#intro:not([hidden])', { timeout: STEP_TIMEOUT });
  await page.click('#reveal');
  await page.waitForSelector('#failure:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.match(await page.textContent('#failure-text'), /does not open this secret.*used one of its views/);
  assert.equal(await page.isVisible('#content'), false);
  await page.close();
});

test('password-is-checked-before-the-view-is-used', async ({ server, context }) => {
  const shareUrl = makeSecret(server, 'behind a password', ['--password', 'correct horse', '--views', '1']);
  const page = await context.newPage();
  await page.goto(shareUrl);
  await page.waitForSelector('#password-box:not([hidden])', { timeout: STEP_TIMEOUT });
  await page.fill('#password', 'wrong password');
  await page.click('#reveal');
  await page.waitForSelector('#reveal-error:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.match(await page.textContent('#reveal-error'), /Wrong password/);
  await page.fill('#password', 'correct horse');
  await page.click('#reveal');
  await page.waitForSelector('#secret:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#content'), 'behind a password');
  await page.close();
});

test('captcha-challenge', async ({ server, context }) => {
  const shareUrl = makeSecret(server, 'captcha protected', ['--captcha']);
  const page = await context.newPage();
  await page.goto(shareUrl);
  await page.waitForSelector('#captcha-box:not([hidden])', { timeout: STEP_TIMEOUT });
  const question = await page.textContent('#captcha-question');
  const [, a, b] = question.match(/(\d+) \+ (\d+)/);
  await page.fill('#captcha-answer', String(Number(a) + Number(b)));
  await page.click('#reveal');
  await page.waitForSelector('#secret:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#content'), 'captcha protected');
  await page.close();
});

test('one-time-code-from-the-log-and-geolocation-note', async ({ server, context }) => {
  const shareUrl = makeSecret(server, 'otp protected',
                              ['--otp-email', 'bob@example.com', '--geolocation', 'FR,DE']);
  const slug = new URL(shareUrl).pathname.split('/').pop();
  const page = await context.newPage();
  await page.goto(shareUrl);
  await page.waitForSelector('#otp-box:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.match(await page.textContent('#geo-note'), /does not geolocate/);
  await page.click('#otp-send');
  await page.waitForSelector('#otp-note:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.match(await page.textContent('#otp-note'), /b…@example\.com/);
  const lines = readFileSync(server.log, 'utf8').split('\n')
    .filter((l) => l.includes(`one-time code for secret ${slug}`));
  assert.equal(lines.length, 1);
  const code = lines[0].split(': ').pop().trim();
  assert.match(code, /^\d{6}$/);
  await page.fill('#otp-code', code);
  await page.click('#reveal');
  await page.waitForSelector('#secret:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#content'), 'otp protected');
  await page.close();
});

test('request-page-encrypts-in-the-browser', async ({ server, context }) => {
  const created = { json: { data: await createRequest(server) } };
  const typed = 'vpn-key: Ωmega-42 ✓';
  const page = await context.newPage();
  await page.goto(created.json.data.url);
  await page.waitForSelector('#form:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#message'), 'Send me the VPN key');
  assert.equal(await page.textContent('#limits'), 'It can be opened 1 time. It expires 2 hours after you send it.');
  await page.fill('#secret-text', typed);
  await page.click('#send');
  await page.waitForSelector('#done:not([hidden])', { timeout: STEP_TIMEOUT });
  const shareUrl = await page.inputValue('#share-url');
  // Focus lands on the link to send, and the change is announced.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'share-url');
  assert.equal(await page.textContent('#status'), 'Your secret is stored, encrypted');
  await page.close();

  // The requester sees the secret in its account...
  const request = await apiCall(server, 'GET', `/requests/${created.json.data.token}`);
  assert.equal(request.json.data.fulfilled, true);
  assert.ok(shareUrl.startsWith(request.json.data.secret_access_url + '#'));
  // ...and the link opens to exactly the typed text.
  const opened = spawnSync(process.env.SHAROKEY_TEST_OPEN, [], { input: shareUrl + '\n', timeout: STEP_TIMEOUT });
  assert.equal(opened.status, 0, opened.stderr.toString());
  assert.equal(opened.stdout.toString('utf8'), typed);
});

test('enter-in-the-password-field-reveals-and-focuses-the-secret', async ({ server, context }) => {
  const shareUrl = makeSecret(server, 'typed, then Enter', ['--password', 'correct horse', '--views', '1']);
  const page = await context.newPage();
  await page.goto(shareUrl);
  await page.waitForSelector(visible('#password-box'), { timeout: STEP_TIMEOUT });
  await page.fill('#password', 'wrong password');
  await page.press('#password', 'Enter');
  await page.waitForSelector(visible('#reveal-error'), { timeout: STEP_TIMEOUT });
  // A wrong password puts the cursor back in the field.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
  await page.fill('#password', 'correct horse');
  await page.press('#password', 'Enter');
  await page.waitForSelector(visible('#secret'), { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#content'), 'typed, then Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'content');
  // Announced through the live region.
  assert.equal(await page.getAttribute('#status', 'role'), 'status');
  assert.equal(await page.textContent('#status'), 'The secret is shown.');
  await page.close();
});

test('viewer-speaks-french-from-accept-language', async ({ server, browser, dir }) => {
  const file = join(dir, 'note.txt');
  writeFileSync(file, 'x'.repeat(2048));
  const shareUrl = makeSecret(server, 'en français', ['--password', 'mot-de-passe', '--views', '2',
                                                     '--attach', file]);
  await withPage(browser, { locale: 'fr-FR' }, async (page) => {
    await page.goto(shareUrl);
    await page.waitForSelector(visible('#intro'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.title(), 'Sharokey : un secret vous a été partagé');
    assert.equal(await page.textContent('#intro h2'), 'Un secret vous a été partagé');
    assert.equal(await page.textContent('label[for=password]'), 'Mot de passe');
    assert.match(await page.textContent('#views-note'), /^Il peut encore être ouvert 2 fois, jusqu’au /);
    assert.equal(await page.textContent('#attachments-note'), '1 fichier joint.');
    assert.equal(await page.textContent('#reveal'), 'Afficher le secret');
    // The server's own answer follows the page's language too.
    await page.fill('#password', 'faux');
    await page.press('#password', 'Enter');
    await page.waitForSelector(visible('#reveal-error'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.textContent('#reveal-error'), 'Mot de passe incorrect');
    await page.fill('#password', 'mot-de-passe');
    await page.press('#password', 'Enter');
    await page.waitForSelector(visible('#secret'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.textContent('#content'), 'en français');
    assert.equal(await page.textContent('#remaining'), 'Ce secret peut encore être ouvert 1 fois.');
    assert.equal(await page.textContent('#attachments li'), 'note.txt (2 Ko)');
    assert.equal(await page.textContent('#status'), 'Le secret est affiché.');
  });
  // The same server, the same secret, an English browser: English.
  await withPage(browser, { locale: 'en-GB' }, async (page) => {
    await page.goto(shareUrl);
    await page.waitForSelector(visible('#intro'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.textContent('#views-note'), /^It can be opened 1 more time, until /);
  });
});

test('french-comes-from-the-catalogue', async ({ browser }) => {
  // A server whose catalogue directory is empty has no French to give.
  const emptyDir = mkdtempSync(join(tmpdir(), 'sharokey-browser-nolocale-'));
  const other = await startServer(emptyDir, { SHAROKEY_LOCALEDIR: emptyDir });
  try {
    const shareUrl = makeSecret(other, 'no catalogue', []);
    await withPage(browser, { locale: 'fr-FR' }, async (page) => {
      await page.goto(shareUrl);
      await page.waitForSelector(visible('#intro'), { timeout: STEP_TIMEOUT });
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.textContent('#intro h2'), 'A secret was shared with you');
    });
  } finally {
    other.child.kill('SIGTERM');
    rmSync(emptyDir, { recursive: true, force: true });
  }
});

test('accept-language-q-values-pick-the-page-language', async ({ server }) => {
  const url = `${server.base}/s/AbCdEfGhIjKl`;
  const cases = [
    ['fr', 'fr'],
    ['fr-CH, de;q=0.9', 'fr'],
    ['de, fr;q=0.5, en;q=0.3', 'fr'],
    ['de, en;q=0.9, fr;q=0.8', 'en'],
    ['fr;q=0, en-US;q=0.5', 'en'],
    ['de, it', 'en'],
    ['', 'en'],
  ];
  for (const [header, expected] of cases) {
    const response = await fetch(url, { headers: header ? { 'Accept-Language': header } : {} });
    const html = await response.text();
    assert.equal(response.headers.get('content-language'), expected, `Accept-Language: ${header}`);
    assert.match(html, new RegExp(`<html lang="${expected}">`), `Accept-Language: ${header}`);
    assert.ok(!html.includes('{{'), 'every placeholder is replaced');
    assert.match(response.headers.get('vary') || '', /Accept-Language/);
  }
});

test('request-page-follows-the-request-locale', async ({ server, browser }) => {
  // locale fr: French for an English browser.
  const french = await createRequest(server, { locale: 'fr', maximum_views: 1, secret_expiration_hours: 2 });
  await withPage(browser, { locale: 'en-US' }, async (page) => {
    await page.goto(french.url);
    await page.waitForSelector(visible('#form'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.textContent('#asker'), 'alice@example.com vous demande un secret');
    assert.equal(await page.textContent('#limits'), 'Il pourra être ouvert 1 fois. Il expire 2 heures après votre envoi.');
    assert.equal(await page.textContent('label[for=secret-text]'), 'Votre secret (255 caractères au plus)');
    await page.click('#send');
    await page.waitForSelector(visible('#form-error'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.textContent('#form-error'), 'Saisissez d’abord le secret.');
    await page.fill('#secret-text', 'réponse');
    await page.click('#send');
    await page.waitForSelector(visible('#done'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.textContent('label[for=share-url]'), 'Lien vers le secret');
    assert.equal(await page.textContent('#mailto'), 'L’envoyer par e-mail à alice@example.com');
  });
  // locale en: English for a French browser; no locale: the browser's language.
  const english = await createRequest(server, { locale: 'en' });
  const none = await createRequest(server);
  await withPage(browser, { locale: 'fr-FR' }, async (page) => {
    await page.goto(english.url);
    await page.waitForSelector(visible('#form'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('#send'), 'Encrypt and send');
    await page.goto(none.url);
    await page.waitForSelector(visible('#form'), { timeout: STEP_TIMEOUT });
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.textContent('#send'), 'Chiffrer et envoyer');
  });
});

for (const colorScheme of ['light', 'dark']) {
  test(`viewer-has-no-accessibility-violations-${colorScheme}`, async ({ server, browser }) => {
    const plain = makeSecret(server, 'plain secret', ['--views', '1', '--message', 'From Alice']);
    const protectedUrl = makeSecret(server, 'protected secret', ['--password', 'pw-123456', '--views', '2']);
    const captcha = makeSecret(server, 'captcha', ['--captcha']);
    const otp = makeSecret(server, 'one-time code', ['--otp-email', 'bob@example.com', '--geolocation', 'FR']);
    await withPage(browser, { colorScheme }, async (page) => {
      assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
                   colorScheme === 'dark');
      await page.goto(plain);
      await page.waitForSelector(visible('#intro'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer before reveal');
      await page.click('#reveal');
      await page.waitForSelector(visible('#secret'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer after reveal');
      await page.goto('about:blank');
      await page.goto(plain);
      await page.waitForSelector(visible('#gone'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer of a secret that is gone');

      await page.goto(captcha);
      await page.waitForSelector(visible('#captcha-box'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer asking for a captcha');
      await page.goto(otp);
      await page.waitForSelector(visible('#otp-box'), { timeout: STEP_TIMEOUT });
      await page.click('#otp-send');
      await page.waitForSelector(visible('#otp-note'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer asking for a one-time code');

      await page.goto(protectedUrl);
      await page.waitForSelector(visible('#password-box'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer asking for a password');
      await page.fill('#password', 'wrong');
      await page.press('#password', 'Enter');
      await page.waitForSelector(visible('#reveal-error'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer after a wrong password');
      await page.fill('#password', 'pw-123456');
      await page.press('#password', 'Enter');
      await page.waitForSelector(visible('#secret'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'viewer after reveal with a password');
    });
  });

  test(`request-page-has-no-accessibility-violations-${colorScheme}`, async ({ server, browser }) => {
    const request = await createRequest(server, { description: 'For the staging VPN' });
    await withPage(browser, { colorScheme }, async (page) => {
      await page.goto(request.url);
      await page.waitForSelector(visible('#form'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'request page');
      await page.click('#send');
      await page.waitForSelector(visible('#form-error'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'request page with an error');
      await page.fill('#secret-text', 'the answer');
      await page.click('#send');
      await page.waitForSelector(visible('#done'), { timeout: STEP_TIMEOUT });
      await expectAccessible(page, 'request page, answered');
    });
  });
}

// The served seal.js against known answers made by an independent
// implementation (scripts/make-request-seal-vectors.py): with the vector's
// ephemeral key and IV, WebCrypto must give the same bytes as the library.
test('request-seal-known-answers', async ({ server, context }) => {
  const vectors = JSON.parse(readFileSync(new URL('../data/request-seal-vectors.json', import.meta.url),
                                          'utf8')).vectors;
  const page = await context.newPage();
  await page.goto(`${server.base}/assets/seal.js`);
  await page.addScriptTag({ url: `${server.base}/assets/seal.js` });
  for (const v of vectors) {
    const got = await page.evaluate(async (v) => {
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const text = (a) => btoa(String.fromCharCode(...a));
      const fixed = await SharokeySeal.seal(bytes(v.recipient_public), bytes(v.plaintext),
                                            { ephemeralJwk: v.ephemeral_jwk, iv: bytes(v.iv) });
      const fresh = await SharokeySeal.seal(bytes(v.recipient_public), bytes(v.plaintext));
      return { ephemeral: text(fixed.ephemeralPublic), sealed: text(fixed.sealed),
               freshEphemeral: text(fresh.ephemeralPublic), freshIv: text(fresh.iv) };
    }, v);
    assert.equal(got.ephemeral, v.ephemeral_public, `${v.name}: ephemeral public key`);
    assert.equal(got.sealed, v.sealed, `${v.name}: sealed bytes`);
    assert.notEqual(got.freshEphemeral, v.ephemeral_public, `${v.name}: a fresh ephemeral key`);
    assert.notEqual(got.freshIv, v.iv, `${v.name}: a fresh IV`);
  }
  await page.close();
});

const dir = mkdtempSync(join(tmpdir(), 'sharokey-browser-'));
const server = await startServer(dir);
let browser;
let context;
let failed = 0;
try {
  browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run'],
    timeout: STEP_TIMEOUT,
  });
  context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  // SHAROKEY_BROWSER_TESTS=REGEX runs only the tests whose name matches.
  const only = new RegExp(process.env.SHAROKEY_BROWSER_TESTS || '');
  for (const { name, fn } of tests.filter((t) => only.test(t.name))) {
    try {
      await fn({ server, browser, context, dir });
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n${e.stack}`);
    }
  }
} finally {
  if (context)
    await context.close();
  if (browser)
    await browser.close();
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(`1..${tests.length}`);
process.exit(failed ? 1 : 0);
