// A worker for createWorkerPool's own tests: tasks that echo, sleep, fail with a 4xx and crash,
// so queueing, deadlines, error passing and respawning can be checked without loading a model.
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../src/server/pool/serveTasks.ts';
import { HttpError } from '../../src/server/httpError.ts';

await serveTasks(
  {
    async echo(payload: { bytes: Uint8Array; n: number }) {
      const doubled = new Uint8Array(payload.bytes.map((b) => b * 2));
      return { result: { n: payload.n, bytes: doubled, option: workerData.options?.tag }, transfer: [doubled.buffer as ArrayBuffer] };
    },
    async sleep(payload: { ms: number }) {
      await new Promise((r) => setTimeout(r, payload.ms));
      return { result: payload.ms };
    },
    async fail() {
      throw new HttpError(422, 'no_face', 'field a: expected a face, but found none');
    },
    async crash() {
      process.exit(3);
    },
  },
  async () => ({ role: 'test' }),
);
