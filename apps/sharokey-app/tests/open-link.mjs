// open-link.mjs: opens the link read on stdin (it holds the key: never on the
// command line) in headless Chromium, presses Reveal on the viewer page and
// prints the secret's text. Exits 77 when Chromium or playwright-core is missing.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const STEP_TIMEOUT = 20000;
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

const link = readFileSync(0, 'utf8').trim();
const browser = await playwright.chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
  timeout: STEP_TIMEOUT,
});
try {
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(link);
  await page.waitForSelector('#intro:not([hidden])', { timeout: STEP_TIMEOUT });
  await page.click('#reveal');
  await page.waitForSelector('#secret:not([hidden])', { timeout: STEP_TIMEOUT });
  process.stdout.write(await page.textContent('#content'));
} finally {
  await browser.close();
}
