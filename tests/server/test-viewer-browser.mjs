// test-viewer-browser.mjs: the viewer and request pages in headless Chromium.
//
// Secrets are encrypted by the library (sharokey-test-make-secret) and
// opened by the real page served by a real sharokey-server. Exits 77 (skip)
// only when Chromium or playwright-core is missing.
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
for (const name of ['SHAROKEY_SERVER', 'SHAROKEY_TEST_MAKE_SECRET', 'SHAROKEY_TEST_OPEN'])
  if (!process.env[name])
    throw new Error(`${name} is not set`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer(dir) {
  const portFile = join(dir, 'port');
  const log = join(dir, 'server.log');
  const logFd = openSync(log, 'a');
  const child = spawn(process.env.SHAROKEY_SERVER,
    ['--listen', '127.0.0.1', '--port', '0', '--port-file', portFile, '--db', join(dir, 'db'),
     '--token', 'test-token-0123456789:alice@example.com'],
    { stdio: ['ignore', 'ignore', logFd] });
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
  const created = await apiCall(server, 'POST', '/requests',
                                { message: 'Send me the VPN key', email_reply: 'alice@example.com',
                                  maximum_views: 1, secret_expiration_hours: 2 });
  assert.equal(created.status, 201);
  const typed = 'vpn-key: Ωmega-42 ✓';
  const page = await context.newPage();
  await page.goto(created.json.data.url);
  await page.waitForSelector('#form:not([hidden])', { timeout: STEP_TIMEOUT });
  assert.equal(await page.textContent('#message'), 'Send me the VPN key');
  assert.equal(await page.textContent('#limits'), 'It can be opened 1 time, within 2 hours.');
  await page.fill('#secret-text', typed);
  await page.click('#send');
  await page.waitForSelector('#done:not([hidden])', { timeout: STEP_TIMEOUT });
  const shareUrl = await page.inputValue('#share-url');
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

const dir = mkdtempSync(join(tmpdir(), 'sharokey-browser-'));
const server = await startServer(dir);
const userDataDir = mkdtempSync(join(tmpdir(), 'sharokey-chromium-'));
let context;
let failed = 0;
try {
  context = await playwright.chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run'],
    timeout: STEP_TIMEOUT,
  });
  for (const { name, fn } of tests) {
    try {
      await fn({ server, context, dir });
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n${e.stack}`);
    }
  }
} finally {
  if (context)
    await context.close();
  server.child.kill('SIGTERM');
  rmSync(userDataDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
console.log(`1..${tests.length}`);
process.exit(failed ? 1 : 0);
