// open-link.mjs: opens a share link the way a recipient does, in headless
// Chromium, presses "Reveal the secret" and prints what the page shows.
// The link is read from standard input: it holds keyB, which must never
// appear in a process's argv.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'tests/server/package.json'));
const { chromium } = require('playwright-core');

const link = readFileSync(0, 'utf8').trim();
const profile = mkdtempSync(join(tmpdir(), 'sharokey-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await context.newPage();
  const visible = (ids) => ids.map((id) => `#${id}:not([hidden])`).join(', ');
  await page.goto(link, { timeout: 30000 });
  await page.waitForSelector(visible(['intro', 'gone', 'failure']), { timeout: 30000 });
  if (await page.isVisible('#intro')) {
    await page.click('#reveal', { timeout: 30000 });
    await page.waitForSelector(visible(['secret', 'gone', 'failure', 'reveal-error']), { timeout: 30000 });
  }
  if (!(await page.isVisible('#secret'))) {
    console.error('open-link: the secret is gone or could not be opened');
    process.exitCode = 4;
  } else {
    process.stdout.write(await page.textContent('#content'));
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
