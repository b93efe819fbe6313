// browser.mjs: the recipient's side in headless Chromium, one browser for a
// whole test. It reads one JSON object per line on stdin and answers each
// with one JSON line {"ok": true, "result": …} or {"ok": false, "error": …}.
// What it is given (links hold keys, answers are secrets) comes on stdin,
// never on the command line.
//   {"mode": "reveal", "link": L}          opens a secret's link, presses
//                                          Reveal; result: the text
//   {"mode": "answer", "link": L, "text": T}
//                                          answers a request on its page;
//                                          result: "sealed" when sealed to
//                                          the requester, else "link"
// Exits 77 when Chromium or playwright-core is missing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const CHROMIUM = '/usr/bin/chromium';
const STEP_TIMEOUT = 30000;
const require = createRequire(process.env.NODE_PATH + '/');
let playwright;
try {
  playwright = require('playwright-core');
} catch (e) {
  console.error('SKIP: playwright-core is not installed (run scripts/install-deps.sh)');
  process.exit(77);
}
if (!existsSync(CHROMIUM)) {
  console.error(`SKIP: ${CHROMIUM} is missing`);
  process.exit(77);
}

async function reveal(page, { link }) {
  await page.goto(link);
  await page.waitForSelector('#intro:not([hidden])', { timeout: STEP_TIMEOUT });
  await page.click('#reveal');
  await page.waitForSelector('#secret:not([hidden])', { timeout: STEP_TIMEOUT });
  return page.textContent('#content');
}

async function answer(page, { link, text }) {
  await page.goto(link);
  await page.waitForSelector('#form:not([hidden])', { timeout: STEP_TIMEOUT });
  await page.fill('#secret-text', text);
  await page.click('#send');
  await page.waitForSelector('#sealed-done:not([hidden]), #done:not([hidden])', { timeout: STEP_TIMEOUT });
  return (await page.isVisible('#sealed-done')) ? 'sealed' : 'link';
}

const modes = { reveal, answer };
const browser = await playwright.chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
  timeout: STEP_TIMEOUT,
});
try {
  for await (const line of createInterface({ input: process.stdin })) {
    const request = JSON.parse(line);
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const result = await modes[request.mode](await context.newPage(), request);
      process.stdout.write(JSON.stringify({ ok: true, result }) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ ok: false, error: String(e.stack || e) }) + '\n');
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
