/**
 * Data module benchmarks (docs/data.md "Measurements").
 *   npm run bench:data [-- --synth 2000 --stream 10000 --full]
 * 1. `genegan synth` speed: images/s at 64 px for several concurrencies (sharp renders on libuv's
 *    thread pool), at 128 px, and with masks; with --full, one real 50,000-face run at 64 px.
 * 2. Streaming: 10,000 images at 64 px through openDataset (batches of 64, small cache, prefetch 2)
 *    from a 600-face set, so nearly every image is decoded again; RSS and heap are sampled and the
 *    run fails (exit 1) when RSS grows more than MEMORY_BOUND_MB after the first 1,000 images.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tf } from '../src/backend/tf.ts';
import { describeBackend, selectBackend } from '../src/backend/selectBackend.ts';
import { openDataset } from '../src/data/openDataset.ts';
import { writeSynthDataset } from '../src/data/synth/writeSynthDataset.ts';

const MEMORY_BOUND_MB = 64;
const BATCH = 64;
const { values } = parseArgs({
  options: { synth: { type: 'string', default: '2000' }, stream: { type: 'string', default: '10000' }, full: { type: 'boolean', default: false } },
});
const work = mkdtempSync(path.join(tmpdir(), 'genegan-bench-data-'));
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

async function synthRow(label: string, count: number, size: number, concurrency: number, masks: boolean): Promise<void> {
  const out = path.join(work, `synth-${label}`);
  const s = await writeSynthDataset({ out, count, size, seed: 1, concurrency, masks });
  const rate = count / s.seconds;
  console.log(`| ${label} | ${count} | ${size} | ${concurrency} | ${masks ? 'yes' : 'no'} | ${s.seconds.toFixed(1)} | ${rate.toFixed(0)} | ${(50000 / rate / 60).toFixed(1)} |`);
  rmSync(out, { recursive: true, force: true });
}

async function synthBench(count: number): Promise<void> {
  console.log('\n| run | faces | px | concurrency | masks | seconds | faces/s | 50k faces (min) |\n|---|---|---|---|---|---|---|---|');
  for (const c of [1, 4, 8, 16]) await synthRow(`c${c}`, count, 64, c, false);
  await synthRow('128px', count, 128, 8, false);
  await synthRow('masks', count, 64, 8, true);
  if (values.full) await synthRow('full', 50000, 64, 8, false);
}

async function streamBench(total: number): Promise<boolean> {
  const dir = path.join(work, 'stream');
  await writeSynthDataset({ out: dir, count: 600, size: 64, seed: 2 });
  const ds = await openDataset(dir, { attribute: 'Eyeglasses', imageSize: 64, seed: 1, flip: true, cacheSize: 32, prefetch: 2 });
  const tensors = tf.memory().numTensors;
  console.log(`\nstreaming ${total} images, 64 px, batch ${BATCH}, cache 32, prefetch 2 (with ${ds.counts.with} / without ${ds.counts.without})`);
  console.log('| images | rss MB | heap MB | images/s |\n|---|---|---|---|');
  let baseline = 0;
  let peak = 0;
  const started = performance.now();
  for (let done = 0; done < total; ) {
    const b = await ds.next(done % (2 * BATCH) === 0 ? 'with' : 'without', BATCH);
    b.dispose();
    done += BATCH;
    const rss = process.memoryUsage().rss;
    if (done >= 1000 && baseline === 0) baseline = rss;
    peak = Math.max(peak, rss);
    if (done % (BATCH * 25) === 0 || done >= total) {
      const rate = done / ((performance.now() - started) / 1000);
      console.log(`| ${done} | ${mb(rss)} | ${mb(process.memoryUsage().heapUsed)} | ${rate.toFixed(0)} |`);
    }
  }
  await ds.close();
  const growth = mb(peak - baseline);
  const ok = growth <= MEMORY_BOUND_MB && tf.memory().numTensors === tensors;
  console.log(`RSS growth after the first 1,000 images: ${growth} MB (bound ${MEMORY_BOUND_MB} MB); tensors ${tensors} -> ${tf.memory().numTensors}; skipped ${ds.skipped}: ${ok ? 'OK' : 'FAIL'}`);
  return ok;
}

console.log(describeBackend(await selectBackend({ log: () => {} })));
try {
  await synthBench(Number(values.synth));
  process.exitCode = (await streamBench(Number(values.stream))) ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
