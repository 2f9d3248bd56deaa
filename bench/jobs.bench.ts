/**
 * Serving while a job trains (docs/service.md "Measurements").   npm run bench:jobs [-- options]
 * Starts `genegan serve` as a child process and measures the latency of POST /v1/swap on aligned
 * 64 px pairs (align=none, one request at a time) in rounds: idle, while a training job runs (in
 * its own process at niceness 10), and idle again after the job is cancelled. Prints each
 * round's p50/p90 and the medians. Options: --requests N per round (default 200), --rounds N
 * (default 3), --preset P of the training job (default compact64), --workers N (default 1).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' }, rounds: { type: 'string', default: '3' },
    preset: { type: 'string', default: 'compact64' }, workers: { type: 'string', default: '1' }, port: { type: 'string', default: '18090' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'genegan-bench-jobs-'));
const base = `http://127.0.0.1:${values.port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const server = spawn(process.execPath, [
  path.join(root, 'bin/genegan.js'), 'serve', '--port', values.port, '--host', '127.0.0.1', '--workers', values.workers,
  '--models', path.join(root, 'models'), '--data', path.join(work, 'data'), '--datasets', work,
], { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });

try {
  await waitUntil('the server is ready', 120_000, async () => (await fetch(`${base}/ready`).catch(() => null))?.status === 200);
  const model = ((await (await fetch(`${base}/v1/models`)).json()) as { models: { id: string }[] }).models[0].id;
  const sample = (f: string) => sharp(path.join(root, 'public/samples', f)).resize(64, 64).png().toBuffer();
  const [a, b] = [await sample('with-1.jpg'), await sample('without-1.jpg')];
  const swap = async () => {
    const fd = new FormData();
    fd.append('model', model);
    fd.append('align', 'none');
    fd.append('a', new Blob([new Uint8Array(a)]), 'a.png');
    fd.append('b', new Blob([new Uint8Array(b)]), 'b.png');
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/swap`, { method: 'POST', body: fd });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`POST /v1/swap: expected 200, but got ${res.status}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 20; i++) await swap(); // warm-up: the worker has loaded the model
  const round = async () => {
    const ms: number[] = [];
    for (let i = 0; i < Number(values.requests); i++) ms.push(await swap());
    return { p50: quantile(ms, 0.5), p90: quantile(ms, 0.9) };
  };
  const rows: [string, { p50: number; p90: number }][] = [];
  for (let r = 1; r <= Number(values.rounds); r++) {
    rows.push(['idle', await round()]);
    const job = await (await fetch(`${base}/v1/jobs`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: { synthetic: { count: 256, seed: 1 } }, attribute: 'Eyeglasses', preset: values.preset, iterations: 1_000_000, checkpointEvery: 100_000, sampleEvery: 100_000 }),
    })).json() as { id: string };
    await waitUntil('the job trains', 300_000, async () => {
      const { job: j } = (await (await fetch(`${base}/v1/jobs/${job.id}`)).json()) as { job: { progress: { phase: string; iteration: number } | null } };
      return j.progress?.phase === 'training' && j.progress.iteration >= 2;
    });
    rows.push(['training', await round()]);
    const { job: j } = (await (await fetch(`${base}/v1/jobs/${job.id}`)).json()) as { job: { progress: { rate: number } } };
    console.log(`round ${r}: the job trained at ${j.progress.rate.toFixed(2)} it/s while measured`);
    await fetch(`${base}/v1/jobs/${job.id}`, { method: 'DELETE' });
    await waitUntil('the job is cancelled', 60_000, async () => ((await (await fetch(`${base}/v1/jobs/${job.id}`)).json()) as { job: { state: string } }).job.state === 'cancelled');
    await fetch(`${base}/v1/jobs/${job.id}`, { method: 'DELETE' }); // and its run
  }
  console.log(`\n| round | job | p50 ms | p90 ms |\n|---|---|---|---|`);
  rows.forEach(([state, r], i) => console.log(`| ${Math.floor(i / 2) + 1} | ${state} | ${r.p50.toFixed(1)} | ${r.p90.toFixed(1)} |`));
  const median = (state: string, k: 'p50' | 'p90') => quantile(rows.filter(([s]) => s === state).map(([, r]) => r[k]), 0.5);
  console.log(`\nmedian p50: idle ${median('idle', 'p50').toFixed(1)} ms, training ${median('training', 'p50').toFixed(1)} ms (p90 ${median('idle', 'p90').toFixed(1)} / ${median('training', 'p90').toFixed(1)} ms); ${os.availableParallelism()} cores, ${values.workers} inference worker(s), ${values.preset} job`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function waitUntil(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(200)) if (await check().catch(() => false)) return;
  throw new Error(`bench: expected ${what} within ${ms / 1000} s, but it did not happen`);
}
