/// <reference lib="dom" />
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers/cli.js';
import { type Server, serve } from '../helpers/serve.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/e2e/', import.meta.url));
const DOCS_SCREENSHOT = fileURLToPath(new URL('../../docs/compare.png', import.meta.url));

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`test/e2e: skipped: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);

const SOURCE =
  'The ferry to the island leaves twice a day in summer, once at dawn and once at noon. In bad weather the captain may cancel ' +
  'both crossings without warning, so travellers should carry a warm coat and a little patience. The harbour office posts the ' +
  'timetable every Monday morning.';
// The same text with words swapped for synonyms, as a spinner does.
const SPUN =
  'The ferry to the island departs two times a day in summer, once at dawn and once at noon. In poor weather the skipper may call ' +
  'off both crossings without notice, so travellers should bring a warm coat and a little patience. The harbour office posts the ' +
  'schedule every Monday morning.';
const PARAPHRASE =
  'Twice a day in summer the island ferry sails, at dawn and at noon. The captain can cancel both trips without warning when the ' +
  'weather turns bad, so bring a warm coat and some patience. Every Monday morning the harbour office posts the timetable.';
const UNRELATED =
  'The city council met on Tuesday to discuss the new budget. Members agreed to spend more on schools and roads, and the mayor ' +
  'said the plan would be published next week.';
// Phrases an automatic spinner writes, which `inspect` flags with no list at hand.
const SPUN_ALONE =
  'The two leaders did not concur on the new trade plan. The primary minister said the authorities would invest far more in ' +
  'wellbeing treatment next year.';

/** How long a step may wait for the page: generous, as a test waits for elements and never sleeps. */
const WAIT = { timeout: 10_000 };

/** Console errors and uncaught exceptions of a page (a CSP violation is a console error). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe.skipIf(!hasChromium)('the web app', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([
      serve(['--db', join(tempFiles({}), 'e2e.db')]),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }),
    ]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill();
  });

  async function open(hash: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
    page.setDefaultTimeout(WAIT.timeout);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/${hash}`);
    return { page, errors };
  }

  // How fast it becomes interactive is measured by the web benchmark (bench/web-bench.ts), not asserted here: these
  // machines are shared and a timed assertion fails with the load of whatever runs beside it.
  it('loads in well under 300 KB of JavaScript and CSS, without console errors', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    const errors = watchErrors(page);
    const bodies: Promise<number>[] = [];
    page.on('response', (response) => {
      if (['script', 'stylesheet'].includes(response.request().resourceType())) bodies.push(response.body().then((b) => b.length));
    });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Compare', exact: true }).waitFor();
    const bytes = (await Promise.all(bodies)).reduce((sum, n) => sum + n, 0);
    // The app renders synchronously as its module runs, which is before DOMContentLoaded ends.
    const interactive = Number(await page.evaluate('performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd'));
    console.log(`test/e2e: first load ${bytes} bytes of JS+CSS, interactive after ${Math.round(interactive)} ms`);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(300 * 1024);
    expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('link').allTextContents()).toEqual(['Compare', 'Inspect', 'Corpus']);
    expect(errors).toEqual([]);
    await page.close();
  }, 20_000);

  it('compares two texts: passages on both sides, a swapped word shows its counterpart on hover and on focus', async () => {
    const { page, errors } = await open('#/compare');
    // Text A arrives as a file dropped on its box, text B is typed.
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'harbour.txt', { type: 'text/plain' }));
      return transfer;
    }, SOURCE);
    await page.locator('#text-a').dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => page.locator('#text-a').inputValue()).toBe(SOURCE);
    await page.locator('#text-b').fill(SPUN);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => page.locator('.banner .badge').textContent(), WAIT).toBe('spun');
    // The inspections come after the comparison; the texts are marked again when they do.
    await expect.poll(() => page.locator('.banner .facts').textContent(), WAIT).toContain('spin score');
    expect(await page.locator('[data-side="a"] mark.p').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-side="b"] mark.p').count()).toBeGreaterThan(0);

    await page.locator('[data-side="b"] .swap', { hasText: 'skipper' }).hover();
    await expect.poll(() => page.locator('#tip').textContent(), WAIT).toContain('“captain”');
    await page.screenshot({ path: join(ARTIFACTS, 'compare.png'), fullPage: true });

    // Keyboard: into text A, then the arrow keys step to the first swapped word; Escape hides the tip.
    await page.locator('[data-side="a"] .text').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('#tip').textContent(), WAIT).toContain('“departs”');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#tip').isHidden(), WAIT).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download report' }).click();
    expect((await download).suggestedFilename()).toBe('unspin-report.html');
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('shows an API error as an inline alert', async () => {
    const { page, errors } = await open('#/compare');
    await page.locator('#text-a').fill(SOURCE);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toContain('Text B is empty');
    expect(errors).toEqual([]);
    await page.close();
  }, 20_000);

  it('inspects a spun text, then restores it and lists each change', async () => {
    const { page, errors } = await open('#/inspect');
    await page.locator('#inspect-text').fill(SPUN_ALONE);
    await page.getByRole('button', { name: 'Inspect', exact: true }).click();
    await page.locator('.finding').first().waitFor();
    expect(await page.locator('ol.findings').textContent()).toContain('agree');
    await page.getByRole('button', { name: 'Restore original wording' }).click();
    const changes = page.getByRole('list', { name: 'Changes' });
    await changes.waitFor();
    expect(await changes.textContent()).toMatch(/concur.*agree/);
    expect(await page.locator('ins.restored').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'inspect.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('uploads a small corpus, runs a scan, and opens a member of a cluster as a pair', async () => {
    const dir = tempFiles({ 'original.txt': SOURCE, 'spun.txt': SPUN, 'paraphrase.txt': PARAPHRASE, 'council.txt': UNRELATED });
    const { page, errors } = await open('#/corpus');
    await page.getByText('No documents yet — upload files to start.').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'corpus-empty.png'), fullPage: true });

    await page.getByLabel('Files to add to the corpus').setInputFiles(['original.txt', 'spun.txt', 'paraphrase.txt', 'council.txt'].map((f) => join(dir, f)));
    await expect.poll(() => page.locator('.counts').textContent(), WAIT).toContain('4 indexed');
    await page.getByRole('button', { name: 'Run scan' }).click();
    const member = page.locator('.cluster a.id').first();
    await member.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'corpus.png'), fullPage: true });

    await member.click();
    await page.locator('[data-side="b"] mark.p').first().waitFor();
    expect(page.url()).toContain('#/corpus/pair?');
    expect(await page.locator('[data-side="a"] mark.p').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'pair.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('asks for the token when the server has one, keeps it for the tab, and retries the upload with it', async () => {
    const guarded = await serve(['--token', 's3cret', '--db', join(tempFiles({}), 'token.db')]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(WAIT.timeout);
    try {
      await page.goto(`${guarded.url}/#/corpus`);
      const dir = tempFiles({ 'original.txt': SOURCE });
      await page.getByLabel('Files to add to the corpus').setInputFiles(join(dir, 'original.txt'));
      await page.getByLabel('Token').fill('s3cret');
      await page.screenshot({ path: join(ARTIFACTS, 'token.png'), fullPage: true });
      await page.getByRole('button', { name: 'Use token and retry' }).click();
      await expect.poll(() => page.locator('.counts').textContent(), WAIT).toContain('1 indexed');
    } finally {
      await page.close();
      guarded.child.kill();
    }
  }, 30_000);

  it.runIf(process.env['UNSPIN_SCREENSHOT'] === '1')('saves the README screenshot of the compare view (UNSPIN_SCREENSHOT=1)', async () => {
    const { page } = await open('#/compare', { width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Try an example' }).click();
    await expect.poll(() => page.locator('.banner .facts').textContent(), WAIT).toContain('spin score');
    mkdirSync(dirname(DOCS_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: DOCS_SCREENSHOT });
    expect(statSync(DOCS_SCREENSHOT).size).toBeLessThan(200 * 1024);
    await page.close();
  }, 30_000);
});
