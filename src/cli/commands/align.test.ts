import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { command } from './align.ts';
import { UsageError } from '../types.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/genegan.js');
const require = createRequire(import.meta.url);
const demo = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

/** Runs the real CLI in a child process; resolves to exit code, stdout and stderr. */
async function genegan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'align', ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('genegan align writes one crop per face and JSON lines; photos without a face are skipped', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'genegan-cli-align-'));
  const photo = path.join(dir, 'group.jpg');
  writeFileSync(photo, await sharp(path.join(demo, 'sample1.jpg')).resize(800).jpeg().toBuffer());
  const blank = path.join(dir, 'blank.png');
  writeFileSync(blank, await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } }).png().toBuffer());
  const out = path.join(dir, 'out');
  const run = await genegan(photo, blank, '--out', out, '--size', '32', '--face', 'all', '--json', '--preview');
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /skipped: .*blank\.png: expected at least one face, but none was found \(no_face\)/);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.index), [0, 1, 2]);
  assert.equal(lines[0].size, 32);
  assert.equal(lines[0].matrix.length, 2);
  assert.deepEqual(readdirSync(out).sort(), ['blank_faces.jpg', 'group_0.png', 'group_1.png', 'group_2.png', 'group_faces.jpg']);
  const meta = await sharp(path.join(out, 'group_1.png')).metadata();
  assert.deepEqual([meta.width, meta.height], [32, 32]);
});

test('genegan align: user mistakes are UsageErrors naming the flag', async () => {
  const bad = (args: string[], message: RegExp) => assert.rejects(command.run(args), (e: Error) => e instanceof UsageError && message.test(e.message));
  await bad(['--out', '/tmp/x'], /expected at least one PHOTO, but got none/);
  await bad(['a.jpg'], /expected --out DIR/);
  await bad(['a.jpg', '--out', '/tmp/x', '--size', '0'], /--size: expected an integer >= 1, but got "0"/);
  await bad(['a.jpg', '--out', '/tmp/x', '--face', 'biggest'], /--face: expected "largest", "all" or a face index/);
  await bad(['a.jpg', '--out', '/tmp/x', '--border', 'wrap'], /expected --border to be constant or replicate, but got "wrap"/);
});
