import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { build } from './helper.ts';
import { saveTinyModel, tempDir } from './support/tinyModel.ts';
import { CHROMIUM, chromiumPresent, launchChromium } from './support/launchChromium.ts';

const demo = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');
const skip = chromiumPresent() ? false : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;

/** Mean absolute difference (0..255) between a screenshot region and an image shown there. */
async function regionDiff(screenshot: Buffer, box: { x: number; y: number; width: number; height: number }, dataUrl: string): Promise<number> {
  const size = 48;
  const region = { left: Math.round(box.x), top: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
  const shown = await sharp(screenshot).extract(region).resize(size, size).removeAlpha().raw().toBuffer();
  const sent = await sharp(Buffer.from(dataUrl.split(',')[1], 'base64')).resize(size, size).removeAlpha().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < shown.length; i++) sum += Math.abs(shown[i] - sent[i]);
  return sum / shown.length;
}

test('in Chromium, the page uploads two photos, gets A0 and Bu (residual by default, replace by the toggle), and shows them', { skip }, async (t) => {
  const app = await build(t, { modelsDir: await saveTinyModel(tempDir(t)) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`;
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
  assert.match(await page.locator('#model').inputValue(), /tiny-eyeglasses/);
  await page.setInputFiles('#swap-a input[type=file]', path.join(demo, 'sample1.jpg'));
  await page.setInputFiles('#swap-b input[type=file]', path.join(demo, 'sample2.jpg'));
  assert.equal(await page.locator('#swap-align').inputValue(), 'auto', 'uploaded photos are searched for faces');
  assert.equal(await page.locator('#swap-composite').inputValue(), 'residual', 'results keep the photo\'s own pixels by default');
  await page.click('#swap-run');
  await page.waitForSelector('#swap-photos:not([hidden])', { timeout: 60_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('#swap-results img, #swap-photos img')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
  assert.equal(await page.textContent('#status'), '', 'no error shown');

  const shot = await page.screenshot({ fullPage: true, path: path.join(tempDir(t), 'web-swap.png') });
  for (const id of ['swap-in-a', 'swap-out-a0', 'swap-in-b', 'swap-out-bu', 'swap-mask-bu', 'swap-photo-a0', 'swap-photo-bu']) {
    const img = page.locator(`#${id}`);
    const natural = await img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
    if (id.startsWith('swap-in')) assert.equal(natural, 64, `${id} is a 64 px model crop`);
    if (id.startsWith('swap-out') || id === 'swap-mask-bu') assert.ok(natural > 64, `${id} is the face at its own resolution (${natural} px)`);
    const box = (await img.boundingBox())!;
    assert.ok(box.width > 40 && box.height > 40, `${id} is visible (${box.width}x${box.height})`);
    const diff = await regionDiff(shot, box, (await img.getAttribute('src'))!);
    assert.ok(diff < 25, `${id}: the screenshot shows the returned image (mean difference ${diff.toFixed(1)})`);
  }

  // The toggle: replace shows the generated 64 px faces, and no change mask.
  await page.selectOption('#swap-composite', 'replace');
  await page.click('#swap-run');
  await page.waitForFunction(() => (document.getElementById('swap-out-bu') as HTMLImageElement).naturalWidth === 64, undefined, { timeout: 60_000 });
  assert.equal(await page.locator('#swap-mask').isHidden(), true, 'replace has no change mask');
  assert.equal(await page.textContent('#status'), '', 'no error shown');
  assert.deepEqual(errors, []);
});
