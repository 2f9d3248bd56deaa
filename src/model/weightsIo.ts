import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { tf, type NamedTensorMap } from '../backend/tf.ts';
import { writeFileAtomic } from '../shared/files.ts';
import type { WeightsGroup } from './types.ts';

/** Bytes per element of the dtypes a weights file may hold. */
const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Writes tensors in tfjs's weights format (one .bin) and returns its weights-manifest group. */
export async function writeWeights(dir: string, fileName: string, tensors: NamedTensorMap): Promise<WeightsGroup[]> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  await writeFileAtomic(path.join(dir, fileName), new Uint8Array(data));
  return [{ paths: [fileName], weights: specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype })) }];
}

/**
 * Reads the tensors a weights manifest describes. `where` names the manifest in errors.
 * Checks the manifest's structure and that every .bin exists and has exactly the bytes it should.
 * @returns tensors by name; the caller disposes them.
 */
export async function readWeights(dir: string, groups: unknown, where: string): Promise<NamedTensorMap> {
  const valid = checkGroups(groups, where);
  const out: NamedTensorMap = {};
  for (const group of valid) {
    const buffers = await Promise.all(group.paths.map((p) => readBin(dir, p, where)));
    const data = concat(buffers);
    const expected = group.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[w.dtype], 0);
    if (data.byteLength !== expected) {
      throw new Error(`${path.join(dir, group.paths.join('+'))}: expected ${expected} bytes for ${group.weights.length} weights listed in ${where}, but the file has ${data.byteLength}`);
    }
    Object.assign(out, tf.io.decodeWeights(data, group.weights));
  }
  return out;
}

async function readBin(dir: string, file: string, where: string): Promise<ArrayBuffer> {
  const full = path.join(dir, file);
  try {
    const buf = await readFile(full);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`${full}: ${code === 'ENOENT' ? 'missing weights file' : 'cannot read'} (listed in ${where})`);
  }
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  if (buffers.length === 1) return buffers[0];
  const out = new Uint8Array(buffers.reduce((s, b) => s + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

function checkGroups(groups: unknown, where: string): WeightsGroup[] {
  if (!Array.isArray(groups)) throw new Error(`${where}: weightsManifest: expected an array, but got ${typeof groups}`);
  groups.forEach((g, i) => {
    const field = `${where}: weightsManifest[${i}]`;
    if (typeof g !== 'object' || g === null || !Array.isArray(g.paths) || !g.paths.every((p: unknown) => typeof p === 'string' && !p.includes('..'))) {
      throw new Error(`${field}.paths: expected an array of file names`);
    }
    if (!Array.isArray(g.weights)) throw new Error(`${field}.weights: expected an array`);
    g.weights.forEach((w: unknown, j: number) => checkSpec(w, `${field}.weights[${j}]`));
  });
  return groups as WeightsGroup[];
}

function checkSpec(w: unknown, field: string): void {
  const spec = w as { name?: unknown; shape?: unknown; dtype?: unknown };
  if (typeof spec !== 'object' || spec === null || typeof spec.name !== 'string') throw new Error(`${field}.name: expected a string`);
  if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`${field} (${spec.name}).shape: expected an array of non-negative integers, but got ${JSON.stringify(spec.shape)}`);
  }
  if (typeof spec.dtype !== 'string' || !(spec.dtype in DTYPE_BYTES)) {
    throw new Error(`${field} (${spec.name}).dtype: expected one of ${Object.keys(DTYPE_BYTES).join('|')}, but got ${JSON.stringify(spec.dtype)}`);
  }
}
