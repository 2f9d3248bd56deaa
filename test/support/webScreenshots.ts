/**
 * Renders the web page's pictures for docs/ (docs/web-*.png) in Chromium:
 *   node --import tsx test/support/webScreenshots.ts [--models DIR] [--out docs]
 * Without --models, a tiny model with random weights is used (grey outputs). The train picture
 * runs a real tiny training job on 32 synthetic faces.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { buildApp } from '../helper.ts';
import { saveTinyModel } from './tinyModel.ts';
import { launchChromium } from './launchChromium.ts';

const { values } = parseArgs({ options: { models: { type: 'string' }, out: { type: 'string', default: 'docs' }, iterations: { type: 'string', default: '120' } } });
const work = mkdtempSync(path.join(os.tmpdir(), 'genegan-shots-'));
const modelsDir = values.models ? path.resolve(values.models) : await saveTinyModel(path.join(work, 'models'));
const demo = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');
const out = (name: string) => path.resolve(values.out!, name);

const app = await buildApp({ modelsDir, dataDir: path.join(work, 'data'), datasetsDir: path.join(work, 'datasets'), pool: { size: 2 } });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`;

async function open(page: Page, tab: string): Promise<void> {
  await page.goto(`${url}#${tab}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

async function allImagesLoaded(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0), selector);
}

try {
  const desk = await launchChromium({ width: 1000, height: 900 });
  const page = await desk.context.newPage();
  await open(page, 'swap');
  await page.click('#swap-run');
  await page.waitForSelector('#swap-results:not([hidden])', { timeout: 60_000 });
  await allImagesLoaded(page, '#swap-results img');
  await page.screenshot({ path: out('web-swap.png'), fullPage: true });

  await page.setInputFiles('#swap-a input[type=file]', path.join(demo, 'sample1.jpg'));
  await page.setInputFiles('#swap-b input[type=file]', path.join(demo, 'sample6.jpg'));
  await page.click('#swap-run');
  await page.waitForSelector('#swap-photos:not([hidden])', { timeout: 60_000 });
  await allImagesLoaded(page, '#swap-photos img');
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot of a scrolled page misplaces the sticky header
  await page.screenshot({ path: out('web-swap-photos.png'), fullPage: true });

  await open(page, 'strength');
  await page.locator('#strength').fill('1.5');
  await page.waitForFunction(() => document.getElementById('strength-caption')?.textContent === 'λ = 1.5', undefined, { timeout: 60_000 });
  await page.screenshot({ path: out('web-strength.png'), fullPage: true });

  await open(page, 'matrix');
  await page.click('#matrix-run');
  await page.waitForSelector('#matrix-result:not([hidden])', { timeout: 60_000 });
  await allImagesLoaded(page, '#matrix-grid');
  await page.screenshot({ path: out('web-matrix.png'), fullPage: true });

  await open(page, 'train');
  await page.selectOption('select[name=preset]', 'tiny');
  await page.fill('input[name=count]', '64');
  await page.fill('input[name=iterations]', values.iterations!);
  await page.click('#train-form button');
  await page.waitForFunction(() => (document.getElementById('job-progress') as HTMLProgressElement).value >= 0.6, undefined, { timeout: 600_000 });
  await allImagesLoaded(page, '#job-sample');
  await page.screenshot({ path: out('web-train.png'), fullPage: true });
  await desk.close();

  const phone = await launchChromium({ width: 390, height: 844 });
  const small = await phone.context.newPage();
  await open(small, 'swap');
  await small.click('#swap-run');
  await small.waitForSelector('#swap-results:not([hidden])', { timeout: 60_000 });
  await allImagesLoaded(small, '#swap-results img');
  await small.locator('#swap-results').scrollIntoViewIfNeeded();
  await small.screenshot({ path: out('web-phone.png') });
  await phone.close();
  console.log(`wrote ${['swap', 'swap-photos', 'strength', 'matrix', 'train', 'phone'].map((n) => out(`web-${n}.png`)).join(', ')}`);
} finally {
  await app.close();
  rmSync(work, { recursive: true, force: true });
}
