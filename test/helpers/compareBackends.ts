import { tf } from '../../src/backend/tf.ts';
import { selectBackend } from '../../src/backend/selectBackend.ts';

/** A tensor's contents, portable between backends (values + shape + dtype). */
export interface HostTensor {
  values: Float32Array | Int32Array;
  shape: number[];
  dtype: 'float32' | 'int32';
}

/** Activates wasm (with the training kernels) once; both backends stay registered afterwards. */
export async function readyWasmAndCpu(): Promise<void> {
  await selectBackend({ force: 'wasm', log: () => {} });
  await tf.setBackend('cpu');
  await tf.setBackend('wasm');
}

/** Uniform random host tensor in [-1, 1) from a small seeded generator (same on every run). */
export function randomHost(shape: number[], seed: number): HostTensor {
  let s = seed >>> 0;
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    values[i] = s / 2147483648 - 1;
  }
  return { values, shape, dtype: 'float32' };
}

/**
 * Runs `fn` on `backend` with the host inputs turned into tensors there, and returns its outputs as
 * host tensors. Everything created inside is disposed; switches back to the previous backend.
 */
export function runOn(backend: 'wasm' | 'cpu', inputs: HostTensor[], fn: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[]): HostTensor[] {
  const previous = tf.getBackend();
  tf.setBackend(backend);
  try {
    let result: HostTensor[] = [];
    tf.tidy(() => {
      const xs = inputs.map((h) => tf.tensor(h.values, h.shape, h.dtype));
      const out = fn(...xs);
      result = (Array.isArray(out) ? out : [out]).map(toHost);
    });
    return result;
  } finally {
    tf.setBackend(previous);
  }
}

export function toHost(t: tf.Tensor): HostTensor {
  const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
  return { values: t.dataSync() as Float32Array | Int32Array, shape: [...t.shape], dtype };
}

/**
 * max |a - b| / max |b|: the error relative to the reference's scale (elementwise relative error is
 * meaningless where the reference is near zero). Shapes must match.
 */
export function maxRelativeError(a: HostTensor, reference: HostTensor): number {
  if (a.shape.join(',') !== reference.shape.join(',')) {
    throw new Error(`shapes differ: [${a.shape}] vs reference [${reference.shape}]`);
  }
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.values.length; i++) {
    diff = Math.max(diff, Math.abs(a.values[i] - reference.values[i]));
    scale = Math.max(scale, Math.abs(reference.values[i]));
  }
  if (Number.isNaN(diff)) return Number.POSITIVE_INFINITY;
  return scale === 0 ? diff : diff / scale;
}
