import { parentPort } from 'node:worker_threads';
import { serializeError } from '../httpError.ts';
import type { TaskHandler, TaskMessage, WorkerMessage } from './types.ts';

/**
 * The worker side of createWorkerPool: runs `init` once, reports ready, then answers each task
 * with its handler's result or a serialized error (an HttpError keeps its status and code, so a
 * bad input inside a worker still becomes a clear 4xx). One task at a time per worker.
 */
export async function serveTasks(handlers: Record<string, TaskHandler>, init: () => Promise<Record<string, unknown>>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run inside a worker thread');
  const info = await init();
  port.postMessage({ type: 'ready', info } satisfies WorkerMessage);
  port.on('message', async (msg: TaskMessage) => {
    if (msg.type !== 'task') return;
    const handler = handlers[msg.kind];
    try {
      if (!handler) throw new Error(`unknown task kind "${msg.kind}"; expected one of ${Object.keys(handlers).join(', ')}`);
      const { result, transfer } = await handler(msg.payload);
      port.postMessage({ type: 'result', id: msg.id, ok: true, result } satisfies WorkerMessage, transfer ?? []);
    } catch (err) {
      port.postMessage({ type: 'result', id: msg.id, ok: false, error: serializeError(err) } satisfies WorkerMessage);
    }
  });
}
