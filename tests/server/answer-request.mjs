// answer-request.mjs URL: answers the secret request at URL in headless
// Chromium, as a person would on sharokey-server's response page, with the
// text read from standard input (never from the command line). Fails
// unless the page says it seals the answer and then that it was sent.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const playwright = require('playwright-core');

const url = process.argv[2];
if (!url) {
  console.error('usage: answer-request.mjs URL < text');
  process.exit(2);
}
const text = readFileSync(0, 'utf8');

const browser = await playwright.chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run'],
  timeout: 60000,
});
let status = 1;
try {
  const page = await browser.newPage({ locale: 'en-US' });
  await page.goto(url);
  await page.waitForSelector('#form:not([hidden])', { timeout: 30000 });
  if (await page.isHidden('#sealed-note'))
    throw new Error('the page does not seal the answer');
  if (await page.isVisible('#files'))
    throw new Error('a sealed answer offers files');
  await page.fill('#secret-text', text);
  await page.click('#send');
  await page.waitForSelector('#sealed-done:not([hidden])', { timeout: 30000 });
  status = 0;
} catch (e) {
  console.error(`answer-request.mjs: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(status);
