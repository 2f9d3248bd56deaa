import { createRequire } from 'node:module';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { UserError } from '../shared/errors.ts';
import { tf } from './tf.ts';
import { BACKEND_ENV, BACKEND_ORDER } from './constants.ts';
import { registerWasmTrainingKernels } from './wasm/registerWasmTrainingKernels.ts';
import type { BackendInfo, BackendName, SelectBackendConfig } from './types.ts';

const require = createRequire(import.meta.url);
let selected: Promise<BackendInfo> | undefined;

/** Picks the best available backend once per process (see BACKEND_ORDER) and logs the choice. */
export function selectBackend(config: SelectBackendConfig = {}): Promise<BackendInfo> {
  selected ??= pick({ ...config });
  return selected;
}

/** The backend chosen by selectBackend, or undefined before it has finished. */
export async function currentBackend(): Promise<BackendInfo | undefined> {
  return selected;
}

async function pick(config: SelectBackendConfig): Promise<BackendInfo> {
  const log = config.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const force = config.force ?? process.env[BACKEND_ENV];
  if (force !== undefined && force !== '') {
    if (!BACKEND_ORDER.includes(force as BackendName)) {
      throw new UserError('bad_backend', `${BACKEND_ENV}: expected one of ${BACKEND_ORDER.join('|')}, but got "${force}"`);
    }
    const name = force as BackendName;
    try {
      const info = { ...(await activate(name)), forced: true, skipped: {} };
      log(describeBackend(info));
      return info;
    } catch (err) {
      throw new UserError('backend_unavailable', `${BACKEND_ENV}=${name} was requested, but that backend is unavailable: ${message(err)}`);
    }
  }
  const skipped: BackendInfo['skipped'] = {};
  for (const name of config.order ?? BACKEND_ORDER) {
    try {
      const info = { ...(await activate(name)), forced: false, skipped };
      log(describeBackend(info));
      return info;
    } catch (err) {
      skipped[name] = message(err);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${JSON.stringify(skipped)}`);
}

type Activated = Omit<BackendInfo, 'forced' | 'skipped'>;

async function activate(name: BackendName): Promise<Activated> {
  switch (name) {
    case 'gpu':
      return activateNative('@tensorflow/tfjs-node-gpu', 'gpu');
    case 'node':
      return activateNative('@tensorflow/tfjs-node', 'node');
    case 'wasm':
      return activateWasm();
    case 'cpu':
      await setBackendOrThrow('cpu');
      return { name, tfjsName: 'cpu', details: { note: 'pure JavaScript; slow for training' } };
  }
}

async function activateNative(pkg: string, name: 'gpu' | 'node'): Promise<Activated> {
  await import(pkg); // registers the "tensorflow" backend; throws when the native binding is missing
  await setBackendOrThrow('tensorflow');
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  const gpu = backend.isUsingGpuDevice === true;
  if (name === 'gpu' && !gpu) throw new Error(`${pkg} loaded, but it sees no GPU device`);
  return { name, tfjsName: 'tensorflow', details: { package: pkg, gpu } };
}

async function activateWasm(): Promise<Activated> {
  const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  setWasmPaths(path.dirname(wasmFile) + path.sep);
  await setBackendOrThrow('wasm');
  const added = registerWasmTrainingKernels();
  return {
    name: 'wasm',
    tfjsName: 'wasm',
    details: {
      simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
      threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
      trainingKernels: added.length,
    },
  };
}

async function setBackendOrThrow(tfjsName: string): Promise<void> {
  const ok = await tf.setBackend(tfjsName);
  await tf.ready();
  if (!ok || tf.getBackend() !== tfjsName) throw new Error(`tf.setBackend("${tfjsName}") failed`);
}

/** One line for logs, the CLI and /health. */
export function describeBackend(info: BackendInfo): string {
  const details = Object.entries(info.details).map(([k, v]) => `${k}=${v}`).join(' ');
  const why = info.forced ? `forced by ${BACKEND_ENV}` : 'auto';
  return `genegan backend: ${info.name} (tfjs "${info.tfjsName}", ${why}) ${details}`.trim();
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 300);
}
