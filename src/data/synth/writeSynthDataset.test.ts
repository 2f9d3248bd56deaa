import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { TEMPLATE_128 } from '../constants.ts';
import { writeSynthDataset } from './writeSynthDataset.ts';

const COUNT = 40;
const out = mkdtempSync(path.join(tmpdir(), 'genegan-synth-'));
const summary = writeSynthDataset({ out, count: COUNT, size: 64, seed: 12, masks: true });

const table = (file: string): { header: string[]; rows: string[][] } => {
  const lines = readFileSync(path.join(out, file), 'utf8').trim().split('\n');
  return { header: lines[1].trim().split(/\s+/), rows: lines.slice(2).map((l) => l.trim().split(/\s+/)) };
};
const csv = (): Array<Record<string, string>> => {
  const [head, ...rows] = readFileSync(path.join(out, 'factors.csv'), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
};

test('writes CelebA aligned layout: images, count + header lines, partition', async () => {
  await summary;
  assert.equal(readdirSync(path.join(out, 'img_align_celeba')).length, COUNT);
  const first = readFileSync(path.join(out, 'list_attr_celeba.txt'), 'utf8').split('\n');
  assert.equal(first[0], String(COUNT));
  const attr = table('list_attr_celeba.txt');
  assert.equal(attr.header.length, 44);
  assert.equal(attr.rows[0][0], '000001.jpg');
  const meta = await sharp(path.join(out, 'img_align_celeba', '000007.jpg')).metadata();
  assert.deepEqual([meta.width, meta.height, meta.format], [64, 64, 'jpeg']);
  const splits = readFileSync(path.join(out, 'list_eval_partition.txt'), 'utf8').trim().split('\n').map((l) => l.split(' ')[1]);
  assert.deepEqual([splits.filter((s) => s === '0').length, splits.filter((s) => s === '1').length, splits.filter((s) => s === '2').length], [32, 4, 4]);
});

test('factors.csv agrees with the attribute file, row by row', async () => {
  await summary;
  const attr = table('list_attr_celeba.txt');
  const col = (name: string): number => attr.header.indexOf(name) + 1;
  const factors = csv();
  assert.equal(factors.length, COUNT);
  attr.rows.forEach((row, i) => {
    const f = factors[i];
    assert.equal(f.image, row[0]);
    assert.equal(row[col('Eyeglasses')], f.glasses === '1' ? '1' : '-1');
    assert.equal(row[col('Smiling')], f.smiling === '1' ? '1' : '-1');
    assert.equal(row[col('Bangs')], f.bangs === '1' ? '1' : '-1');
    assert.equal(row[col('Side_Lit')], f.light === 'front' ? '-1' : '1');
    assert.equal(row[col('Lit_Left')], f.light === 'left' ? '1' : '-1');
    assert.equal(f.glasses === '1', f.glasses_type !== 'none');
  });
});

test('landmarks are the true points: eyes near the 64 px template', async () => {
  await summary;
  for (const row of table('list_landmarks_align_celeba.txt').rows) {
    const [lx, ly, rx, ry] = row.slice(1, 5).map(Number);
    assert.ok(Math.hypot(lx - TEMPLATE_128[0][0] / 2, ly - TEMPLATE_128[0][1] / 2) < 3);
    assert.ok(Math.hypot(rx - TEMPLATE_128[1][0] / 2, ry - TEMPLATE_128[1][1] / 2) < 3);
  }
});

test('masks: one grey PNG per attribute; the face region is larger than the glasses', async () => {
  await summary;
  const factors = csv();
  const area = async (mask: string, image: string): Promise<number> => {
    const file = path.join(out, 'masks', mask, image.replace('.jpg', '.png'));
    assert.equal((await sharp(file).metadata()).channels, 1);
    const { data } = await sharp(file).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    return data.reduce((s, v) => s + (v > 127 ? 1 : 0), 0);
  };
  for (const f of factors.slice(0, 8)) {
    for (const m of ['eyeglasses', 'smiling', 'bangs', 'lighting']) assert.ok((await area(m, f.image)) > 20, `${m} mask of ${f.image} is empty`);
    assert.ok((await area('lighting', f.image)) > (await area('eyeglasses', f.image)));
  }
});

test('deterministic per seed, and image i does not depend on the count', async () => {
  await summary;
  const again = mkdtempSync(path.join(tmpdir(), 'genegan-synth-'));
  await writeSynthDataset({ out: again, count: 5, size: 64, seed: 12, concurrency: 1 });
  for (const name of ['000001.jpg', '000005.jpg']) {
    assert.ok(readFileSync(path.join(out, 'img_align_celeba', name)).equals(readFileSync(path.join(again, 'img_align_celeba', name))));
  }
  const other = mkdtempSync(path.join(tmpdir(), 'genegan-synth-'));
  await writeSynthDataset({ out: other, count: 1, size: 64, seed: 13 });
  assert.ok(!readFileSync(path.join(out, 'img_align_celeba', '000001.jpg')).equals(readFileSync(path.join(other, 'img_align_celeba', '000001.jpg'))));
});

test('bad options are clear errors', async () => {
  await assert.rejects(writeSynthDataset({ out, count: 0, size: 64, seed: 1 }), /expected --count to be a positive integer, but got 0/);
  await assert.rejects(writeSynthDataset({ out, count: 1, size: 100, seed: 1 }), /expected --size to be one of 64\|128, but got 100/);
});
