/**
 * The web app and long texts, against a running `unspin serve`:
 * - first page load: bytes of JavaScript and CSS, and the time until the app shows its inputs (Debian's Chromium
 *   through playwright-core, a fresh browser context each time; targets ≤ 300 KB and < 1 s);
 * - a 10,000-word pair (ten of the demo's originals against their spun copies): POST /api/compare and
 *   POST /api/inspect of the copy, one request at a time.
 */
import { existsSync } from 'node:fs';
import { buildDemoSet } from '../src/demo/demo-set.js';
import { loadLexicon } from '../src/lexicon/index.js';

const CHROMIUM = '/usr/bin/chromium';
const LOADS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export interface PageLoad {
  readonly scriptAndStyleBytes: number;
  readonly interactiveMs: number;
}

/** Median of LOADS cold loads of `/`; undefined (with a message) where Chromium is missing. */
export async function pageLoad(url: string): Promise<PageLoad | undefined> {
  if (!existsSync(CHROMIUM)) {
    console.log(`  first page load: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return undefined;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const bytes: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let total = 0;
      const sizes: Promise<void>[] = [];
      page.on('response', (response) => {
        const type = response.request().resourceType();
        if (type === 'script' || type === 'stylesheet') sizes.push(response.body().then((b) => void (total += b.length)));
      });
      await page.goto(url);
      // Interactive: the compare view's text boxes are on screen and take input.
      await page.locator('textarea').first().waitFor({ state: 'visible' });
      await page.locator('textarea').first().fill('x');
      times.push(await page.evaluate(() => performance.now()));
      await Promise.all(sizes);
      bytes.push(total);
      await context.close();
    }
    return { scriptAndStyleBytes: median(bytes), interactiveMs: Math.round(median(times)) };
  } finally {
    await browser.close();
  }
}

export interface LongPair {
  readonly words: number;
  readonly compareMs: number;
  readonly inspectMs: number;
}

/** One compare and one inspect of a 10,000-word pair, timed from the client. */
export async function longPair(url: string): Promise<LongPair> {
  const lexicon = loadLexicon();
  const sets = Array.from({ length: 10 }, (_, i) => buildDemoSet(lexicon, i + 1));
  const a = sets.map((s) => s.original.document.text).join('\n\n');
  const b = sets.map((s) => s.spun.document.text).join('\n\n');
  const timed = async (path: string, body: unknown): Promise<number> => {
    const started = performance.now();
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
    return Math.round(performance.now() - started);
  };
  return { words: b.split(/\s+/).length, compareMs: await timed('/api/compare', { a, b }), inspectMs: await timed('/api/inspect', { text: b }) };
}
