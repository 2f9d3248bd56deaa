import { Worker } from 'node:worker_threads';
import type { PackedStep, WorkerRequest, WorkerResponse } from './messages.ts';

/** The worker entry (TypeScript, loaded through tsx by the bootstrap). */
const GRADIENT_WORKER = new URL('./gradientWorker.ts', import.meta.url);

/** Worker threads do not inherit tsx's loader from the main thread (Node 20): start here. */
const BOOTSTRAP = new URL('../../backend/bootstrapWorker.mjs', import.meta.url);

/** Distributes `Omit` over the request union so each kind keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** One gradient worker thread with request/response matching by id. */
export interface Helper {
  request(message: WithoutId<WorkerRequest>, transfer?: ArrayBuffer[]): Promise<PackedStep | undefined>;
  terminate(): Promise<void>;
}

export function startHelper(): Helper {
  const worker = new Worker(BOOTSTRAP, { workerData: { script: GRADIENT_WORKER.href } });
  const pending = new Map<number, { resolve: (step: PackedStep | undefined) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  // An idle helper must not keep the process alive; a busy one must.
  worker.unref();
  const failAll = (err: Error) => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (response: WorkerResponse) => {
    const p = pending.get(response.id);
    if (p === undefined) return;
    pending.delete(response.id);
    if (pending.size === 0) worker.unref();
    if (response.ok) p.resolve(response.step);
    else p.reject(new Error(`gradient worker: ${response.error}`));
  });
  worker.on('error', (err) => failAll(new Error(`gradient worker crashed: ${err.message}`)));
  worker.on('exit', (code) => failAll(new Error(`gradient worker exited (code ${code})`)));
  return {
    request(message, transfer = []) {
      if (failure !== null) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ ...message, id }, transfer);
      });
    },
    async terminate() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
