/**
 * Service benchmark (docs/service.md "Measurements").   npm run bench:serve [-- options]
 * Starts `genegan serve` as a child process (so the load generator does not share its CPU time
 * accounting or memory), then drives POST /v1/swap with autocannon:
 *   1. aligned 64 px pairs (align=none, PNG out; runs of --duration seconds) and 2. two ~2 MP
 *      photos (align=auto: detect, align, model, residual composition, JPEG out; 2 requests per
 *      connection, at least 10), each at concurrency 1, 8 and 32, and the photos with
 *      composite=replace at concurrency 1 for comparison;
 *   3. the size of the default JSON answer for the two photos;
 *   4. memory: the server's resident and peak memory (from /proc) around one align=auto request
 *      with a 4096x4096 all-zero PNG (answered 422: no face), after start, after the runs above,
 *      and after 5,000 more aligned requests.
 * Prints Markdown tables. Options: --duration S (per run, default 10), --amount N (default 5000),
 * --photo-requests N (photo requests per run, at least and default 10; more gives a steadier p50),
 * --models DIR (default: models/ when it has a model, else a compact64 model with random weights —
 * the compute is the same as a trained one), --workers N.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createGenegan } from '../src/model/createGenegan.ts';
import { presetConfig } from '../src/model/presets.ts';
import { saveModel } from '../src/model/saveModel.ts';
import { selectBackend } from '../src/backend/selectBackend.ts';

/** The parts of autocannon's result used here (autocannon ships no type declarations). */
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Record<string, unknown>) => Promise<CannonResult>;

const CONCURRENCY = [1, 8, 32];
/** Side of the aligned inputs of scenario 1 (the model size). */
const ALIGNED_SIDE = 64;
/** Pixels of the photos of scenario 2. */
const PHOTO_PIXELS = 2_000_000;
const PHOTO_REQUESTS_PER_CONNECTION = 2;
/** Photo requests of a run, at least (--photo-requests): at concurrency 1 this is the p50's sample. */
const PHOTO_MIN_REQUESTS = 10;
/** Warm-up connections: at least the pool size, so every worker has loaded everything. */
const WARM_CONNECTIONS = 4;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' }, amount: { type: 'string', default: '5000' }, 'photo-requests': { type: 'string' },
    models: { type: 'string' }, workers: { type: 'string' }, port: { type: 'string', default: '18080' },
  },
});
const photoRequests = Math.max(PHOTO_MIN_REQUESTS, Number(values['photo-requests'] ?? PHOTO_MIN_REQUESTS));
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'genegan-bench-serve-'));
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;

/** Resident (VmRSS) or peak resident (VmHWM) memory of a process in MB, from /proc. */
const memMb = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** Sum over the server and its inference workers (threads share the process, so this is one number). */
const rssMb = (pid: number): number => memMb(pid);

async function modelsDir(): Promise<string> {
  if (values.models) return path.resolve(values.models);
  const bundled = path.join(root, 'models');
  if (existsSync(bundled) && readdirSync(bundled).some((d) => existsSync(path.join(bundled, d, 'manifest.json')))) return bundled;
  await selectBackend({ log: () => {} });
  const model = createGenegan(presetConfig('compact64'), { critics: false, seed: 1 });
  await saveModel(path.join(work, 'models', 'bench-compact64'), model, { attribute: 'Eyeglasses' });
  model.dispose();
  return path.join(work, 'models');
}

async function startServer(models: string): Promise<ChildProcess> {
  const args = [path.join(root, 'bin/genegan.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--models', models, '--data', path.join(work, 'data')];
  if (values.workers) args.push('--workers', values.workers);
  const child = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const ready = await fetch(`${base}/ready`).then((r) => r.status === 200, () => false);
    if (ready) return child;
  }
  throw new Error('the server did not become ready in 120 s');
}

async function form(files: Record<string, Buffer>, fields: Record<string, string>): Promise<{ body: Buffer; type: string }> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, v] of Object.entries(files)) fd.append(k, new Blob([new Uint8Array(v)]), `${k}.jpg`);
  const req = new Request(base, { method: 'POST', body: fd });
  return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type')! };
}

async function inputs() {
  const samples = path.join(root, 'public/samples');
  const small = (f: string) => sharp(path.join(samples, f)).resize(ALIGNED_SIDE, ALIGNED_SIDE).jpeg({ quality: 90 }).toBuffer();
  const demo = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')), 'demo');
  const photo = async (f: string) => {
    const meta = await sharp(path.join(demo, f)).metadata();
    const scale = Math.sqrt(PHOTO_PIXELS / (meta.width! * meta.height!));
    return sharp(path.join(demo, f)).resize(Math.round(meta.width! * scale)).jpeg({ quality: 90 }).toBuffer();
  };
  const [a, b] = [await photo('sample1.jpg'), await photo('sample2.jpg')];
  const zeros = await sharp(Buffer.alloc(4096 * 4096 * 3), { raw: { width: 4096, height: 4096, channels: 3 } }).png({ compressionLevel: 9 }).toBuffer();
  return {
    aligned: await form({ a: await small('with-1.jpg'), b: await small('without-1.jpg') }, { align: 'none', format: 'png' }),
    photos: await form({ a, b }, { align: 'auto', format: 'jpeg' }),
    photosReplace: await form({ a, b }, { align: 'auto', format: 'jpeg', composite: 'replace' }),
    photosDefault: await form({ a, b }, { align: 'auto' }),
    zeroPng: await form({ a: zeros, b }, { align: 'auto' }),
    zeroPngBytes: zeros.length,
  };
}

/** One request: status, error code and answer size. */
async function post(b: { body: Buffer; type: string }): Promise<{ status: number; code: string; bytes: number }> {
  const res = await fetch(`${base}/v1/swap`, { method: 'POST', body: new Uint8Array(b.body), headers: { 'content-type': b.type } });
  const text = await res.text();
  let code = '';
  try { code = JSON.parse(text).code ?? ''; } catch { /* not JSON */ }
  return { status: res.status, code, bytes: Buffer.byteLength(text) };
}

async function load(body: { body: Buffer; type: string }, connections: number, opts: { duration?: number; amount?: number }) {
  const r = await autocannon({
    url: `${base}/v1/swap`, method: 'POST', connections, body: body.body, headers: { 'content-type': body.type },
    timeout: 120, ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration }),
  });
  const codes = Object.entries(r.statusCodeStats ?? {}).map(([c, v]) => `${c}:${v.count}`).join(' ');
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, errors: r.errors + r.timeouts, codes };
}

const child = await startServer(await modelsDir());
try {
  const body = await inputs();
  const pid = child.pid!;
  await load(body.aligned, WARM_CONNECTIONS, { amount: 2 * WARM_CONNECTIONS });
  const rssStart = rssMb(pid);
  console.log(`\nserver pid ${pid}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // Memory first, while the peak is still the start-up one: a 4096x4096 all-zero PNG, align=auto.
  const before = { rss: memMb(pid), hwm: memMb(pid, 'VmHWM') };
  const zero = await post(body.zeroPng);
  const after = { rss: memMb(pid), hwm: memMb(pid, 'VmHWM') };
  console.log(`\n| 4096x4096 all-zero PNG (${(body.zeroPngBytes / 1024).toFixed(0)} KB), align=auto | MB |\n|---|---|\n| answer | ${zero.status} ${zero.code} |\n| resident before / after | ${before.rss.toFixed(0)} / ${after.rss.toFixed(0)} |\n| peak resident before / after (rise) | ${before.hwm.toFixed(0)} / ${after.hwm.toFixed(0)} (+${(after.hwm - before.hwm).toFixed(0)}) |`);
  const answer = await post(body.photosDefault);
  console.log(`\n| two ~2 MP photos, default answer | |\n|---|---|\n| status | ${answer.status} |\n| JSON bytes | ${answer.bytes} (${(answer.bytes / 1e6).toFixed(2)} MB) |`);
  console.log('\n| input | concurrency | requests/s | p50 ms | p99 ms | requests | errors | status codes |\n|---|---|---|---|---|---|---|---|');
  for (const [name, b] of [['aligned 64 px pair', body.aligned], ['two ~2 MP photos, align=auto, residual', body.photos]] as const) {
    await load(b, WARM_CONNECTIONS, { amount: 2 * WARM_CONNECTIONS }); // every worker loads the model (and face pipeline)
    for (const c of CONCURRENCY) {
      // Photos take about a second each: a fixed count per run gives every connection several
      // requests, where a short fixed duration would end before the queue drains.
      const r = await load(b, c, b === body.photos ? { amount: Math.max(photoRequests, PHOTO_REQUESTS_PER_CONNECTION * c) } : { duration: Number(values.duration) });
      console.log(`| ${name} | ${c} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.errors} | ${r.codes} |`);
    }
  }
  const replace = await load(body.photosReplace, 1, { amount: photoRequests });
  console.log(`| two ~2 MP photos, align=auto, replace | 1 | ${replace.rps.toFixed(1)} | ${replace.p50} | ${replace.p99} | ${replace.total} | ${replace.errors} | ${replace.codes} |`);
  const rssAfterRuns = rssMb(pid);
  const amount = Number(values.amount);
  const m = await load(body.aligned, 8, { amount });
  const rssAfter = rssMb(pid);
  console.log(`\n| server RSS | MB |\n|---|---|\n| after start (workers warm) | ${rssStart.toFixed(0)} |\n| after the runs above | ${rssAfterRuns.toFixed(0)} |\n| after ${m.total} more aligned requests (concurrency 8, ${m.rps.toFixed(1)} req/s, codes ${m.codes}) | ${rssAfter.toFixed(0)} |`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}
