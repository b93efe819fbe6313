// browser.mjs MODE: the recipient's side in headless Chromium. What it is
// given (links hold keys, answers are secrets) comes on stdin, never on the
// command line.
//   reveal   stdin: a secret's link. Opens it, presses Reveal, prints the text.
//   answer   stdin: a request's link, then the answer (the rest of stdin).
//            Answers the request on its page (sealed to the requester when
//            the request asks so).
// Exits 77 when Chromium or playwright-core is missing.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';

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

async function reveal(page, input) {
  await page.goto(input.trim());
  await page.waitForSelector('#intro:not([hidden])', { timeout: STEP_TIMEOUT });
  await page.click('#reveal');
  await page.waitForSelector('#secret:not([hidden])', { timeout: STEP_TIMEOUT });
  process.stdout.write(await page.textContent('#content'));
}

async function answer(page, input) {
  const newline = input.indexOf('\n');
  await page.goto(input.slice(0, newline));
  await page.waitForSelector('#form:not([hidden])', { timeout: STEP_TIMEOUT });
  await page.fill('#secret-text', input.slice(newline + 1));
  await page.click('#send');
  await page.waitForSelector('#sealed-done:not([hidden]), #done:not([hidden])', { timeout: STEP_TIMEOUT });
  process.stdout.write(await page.isVisible('#sealed-done') ? 'sealed' : 'link');
}

const modes = { reveal, answer };
const mode = modes[process.argv[2]];
if (!mode) {
  console.error('usage: browser.mjs reveal|answer');
  process.exit(2);
}
const input = readFileSync(0, 'utf8');
const browser = await playwright.chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
  timeout: STEP_TIMEOUT,
});
try {
  await mode(await (await browser.newContext({ locale: 'en-US' })).newPage(), input);
} finally {
  await browser.close();
}
