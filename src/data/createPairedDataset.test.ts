import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../backend/tf.ts';
import { createPairedDataset } from './createPairedDataset.ts';
import type { ImageSource } from './types.ts';
import { selectBackend } from '../backend/selectBackend.ts';

before(() => selectBackend({ log: () => {} }));

const SIZE = 4;

/** An in-memory source: image k is filled with value k (so a batch tells which images it holds). */
function source(counts: { with: number; without: number }, bad: Set<string> = new Set(), attribute = 'test'): ImageSource & { loads: number } {
  const ids = {
    with: Array.from({ length: counts.with }, (_, i) => `w${i}`),
    without: Array.from({ length: counts.without }, (_, i) => `o${i}`),
  };
  const src = {
    layout: 'folder' as const, imageSize: SIZE, attribute, split: 'train' as const, ids, loads: 0,
    load: async (id: string): Promise<Uint8Array> => {
      src.loads++;
      if (bad.has(id)) throw new Error('corrupt');
      const k = Number(id.slice(1)) + (id[0] === 'o' ? 100 : 0);
      const img = new Uint8Array(SIZE * SIZE * 3).fill(k);
      img[0] = 255; // top-left marker: shows horizontal flips
      return img;
    },
  };
  return src;
}

async function ids(t: tf.Tensor4D): Promise<number[]> {
  const v = await t.data();
  const per = SIZE * SIZE * 3;
  return Array.from({ length: t.shape[0] }, (_, n) => Math.round(v[n * per + 5] * 255));
}

test('batches are NHWC float32 in [0, 1] with the requested size; no tensors leak', async () => {
  const before = tf.memory().numTensors;
  const ds = createPairedDataset(source({ with: 10, without: 12 }), { imageSize: SIZE, seed: 1 });
  const b = await ds.next('with', 3);
  assert.deepEqual(b.shape, [3, SIZE, SIZE, 3]);
  assert.equal(b.dtype, 'float32');
  const [min, max] = tf.tidy(() => [b.min().dataSync()[0], b.max().dataSync()[0]]);
  assert.ok(min >= 0 && max <= 1);
  b.dispose();
  await ds.close();
  assert.equal(tf.memory().numTensors, before);
});

test('one epoch visits every image once, in a seeded order; sides are independent', async () => {
  const a = createPairedDataset(source({ with: 6, without: 6 }), { imageSize: SIZE, seed: 7, prefetch: 0 });
  const b = createPairedDataset(source({ with: 6, without: 6 }), { imageSize: SIZE, seed: 7 });
  const c = createPairedDataset(source({ with: 6, without: 6 }), { imageSize: SIZE, seed: 8 });
  const take = async (ds: typeof a, side: 'with' | 'without', n: number): Promise<number[]> => {
    const t = await ds.next(side, n);
    const out = await ids(t);
    t.dispose();
    return out;
  };
  const epochA = await take(a, 'with', 6);
  assert.deepEqual([...epochA].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(await take(b, 'with', 6), epochA);
  assert.notDeepEqual(await take(c, 'with', 6), epochA);
  assert.deepEqual((await take(a, 'without', 6)).sort((x, y) => x - y), [100, 101, 102, 103, 104, 105]);
  assert.deepEqual(a.state(), { with: { epoch: 1, position: 0 }, without: { epoch: 1, position: 0 } });
});

test('restore continues exactly where state() was taken (also in a new instance)', async () => {
  const a = createPairedDataset(source({ with: 5, without: 7 }), { imageSize: SIZE, seed: 3, flip: true });
  await (await a.next('with', 3)).data();
  const saved = a.state();
  const expected = await a.next('with', 4);
  const b = createPairedDataset(source({ with: 5, without: 7 }), { imageSize: SIZE, seed: 3, flip: true });
  b.restore(saved);
  const again = await b.next('with', 4);
  assert.deepEqual(Array.from(await again.data()), Array.from(await expected.data()));
  tf.dispose([expected, again]);
  assert.throws(() => b.restore({ with: { epoch: 0, position: 99 } } as never), /DatasetState|position/);
});

test('flip mirrors about half of the images, deterministically', async () => {
  const ds = createPairedDataset(source({ with: 40, without: 2 }), { imageSize: SIZE, seed: 5, flip: true });
  const t = await ds.next('with', 40);
  const v = await t.data();
  const per = SIZE * SIZE * 3;
  let flipped = 0;
  for (let n = 0; n < 40; n++) {
    const left = v[n * per];
    const right = v[n * per + (SIZE - 1) * 3];
    assert.ok(left === 1 || right === 1);
    if (right === 1) flipped++;
  }
  t.dispose();
  assert.ok(flipped > 8 && flipped < 32, `flipped ${flipped} of 40`);
});

test('flip is ignored for an attribute a mirror inverts (Lit_Left)', async () => {
  const ds = createPairedDataset(source({ with: 40, without: 2 }, new Set(), 'Lit_Left'), { imageSize: SIZE, seed: 5, flip: true });
  const t = await ds.next('with', 40);
  const v = await t.data();
  t.dispose();
  await ds.close();
  const per = SIZE * SIZE * 3;
  assert.ok(Array.from({ length: 40 }, (_, n) => v[n * per]).every((left) => left === 1), 'every marker stays top-left');
});

test('corrupt images are skipped and counted once; batches stay full', async () => {
  const ds = createPairedDataset(source({ with: 6, without: 3 }, new Set(['w1', 'w4'])), { imageSize: SIZE, seed: 2 });
  for (let i = 0; i < 4; i++) {
    const t = await ds.next('with', 3);
    assert.equal(t.shape[0], 3);
    assert.ok(!(await ids(t)).includes(1));
    t.dispose();
  }
  assert.equal(ds.skipped, 2);
});

test('a side that is empty, or entirely unreadable, is a clear error', async () => {
  assert.throws(() => createPairedDataset(source({ with: 0, without: 3 }), { imageSize: SIZE }), /no images for the "with" side of test in the train split/);
  const ds = createPairedDataset(source({ with: 2, without: 3 }, new Set(['w0', 'w1'])), { imageSize: SIZE });
  await assert.rejects(ds.next('with', 2), /every image of the "with" side \(2\) is unreadable/);
});

test('the cache is bounded and serves repeats without decoding again', async () => {
  const src = source({ with: 4, without: 2 });
  const ds = createPairedDataset(src, { imageSize: SIZE, seed: 1, cacheSize: 4, prefetch: 0 });
  for (let i = 0; i < 5; i++) (await ds.next('with', 4)).dispose();
  assert.equal(src.loads, 4);
  const small = source({ with: 8, without: 2 });
  const ds2 = createPairedDataset(small, { imageSize: SIZE, seed: 1, cacheSize: 2, prefetch: 0 });
  for (let i = 0; i < 4; i++) (await ds2.next('with', 8)).dispose();
  assert.ok(small.loads >= 8 * 3, `expected re-decoding with a tiny cache, got ${small.loads} loads`);
});

test('prefetch decodes the next batch ahead of the request', async () => {
  const src = source({ with: 20, without: 2 });
  const ds = createPairedDataset(src, { imageSize: SIZE, seed: 1, prefetch: 2, cacheSize: 0 });
  (await ds.next('with', 3)).dispose();
  await new Promise((r) => setImmediate(r));
  assert.equal(src.loads, 3 + 6);
  (await ds.next('with', 3)).dispose();
  assert.equal(src.loads, 3 + 6 + 3); // the 3 requested were ready; only the new tail was started
});

test('batchAt walks a side in file order without shuffling', async () => {
  const ds = createPairedDataset(source({ with: 5, without: 2 }), { imageSize: SIZE, seed: 9, flip: true });
  const { images, ids: got } = await ds.batchAt('with', 3, 10);
  assert.deepEqual(got, ['w3', 'w4']);
  assert.deepEqual(await ids(images), [3, 4]);
  images.dispose();
  assert.deepEqual(ds.ids('without'), ['o0', 'o1']);
});

test('prefetched decodes are consumed: never more pending than prefetch x batch, even with a big cache', async () => {
  const ds = createPairedDataset(source({ with: 300, without: 2 }), { imageSize: SIZE, seed: 1, prefetch: 2, cacheSize: 512 });
  for (let i = 0; i < 40; i++) {
    (await ds.next('with', 5)).dispose();
    assert.ok((ds as unknown as { pendingDecodes: number }).pendingDecodes <= 2 * 5);
  }
});
