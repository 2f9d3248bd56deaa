import { Worker } from 'node:worker_threads';
import { HttpError, deserializeError } from '../httpError.ts';
import type { PoolStats, WorkerMessage, WorkerPoolConfig } from './types.ts';

/** Worker threads do not inherit tsx's loader from the main thread (Node 20): every pool worker starts here. */
const BOOTSTRAP = new URL('../../backend/bootstrapWorker.mjs', import.meta.url);

interface Task {
  id: number;
  kind: string;
  payload: unknown;
  transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  timeoutMs: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current?: Task;
  whenReady: Promise<void>;
  /** Terminated on purpose (deadline passed); already replaced. */
  retired?: boolean;
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;

/**
 * A fixed set of worker threads that run model work, so the event loop never does. Requests wait
 * in a bounded FIFO queue; when it is full they are refused at once with 503 + Retry-After (a
 * fast "no" beats a slow timeout). Every task has a deadline counted from its arrival: a task
 * still queued at the deadline is dropped, a running one has its worker terminated and replaced.
 * Workers start lazily (first task or warmUp) and are respawned when they die.
 */
export function createWorkerPool(config: WorkerPoolConfig) {
  const slots: Slot[] = [];
  const queue: Task[] = [];
  const counters = { completed: 0, failed: 0, timedOut: 0, rejectedFull: 0, restarts: 0 };
  let nextId = 1;
  let closing = false;

  function spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, {
      workerData: { script: config.script.href, options: config.workerOptions },
      env: config.env ?? process.env,
    });
    let markReady!: () => void;
    let failReady!: (err: Error) => void;
    const slot: Slot = { worker, ready: false, whenReady: new Promise((res, rej) => ((markReady = res), (failReady = rej))) };
    slot.whenReady.catch(() => {}); // observed by warmUp; a failed start must not be an unhandled rejection
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        config.log?.info({ worker: worker.threadId, ...msg.info }, 'pool worker ready');
        markReady();
        dispatch();
      } else if (msg.type === 'result') settle(slot, msg);
    });
    worker.on('error', (err) => config.log?.error({ err, worker: worker.threadId }, 'pool worker error'));
    worker.on('exit', (code) => onExit(slot, code, failReady));
    slots.push(slot);
    return slot;
  }

  function onExit(slot: Slot, code: number, failReady: (err: Error) => void): void {
    if (slot.retired) return;
    slots.splice(slots.indexOf(slot), 1);
    failReady(new Error(`pool worker exited with code ${code} before it was ready`));
    const task = slot.current;
    if (task) finish(task, new HttpError(500, 'worker_crashed', `the worker running this ${task.kind} stopped (exit code ${code})`));
    if (closing) return;
    if (!slot.ready) {
      // A worker that cannot even start would fail forever: refuse the queue instead of looping.
      for (const t of queue.splice(0)) finish(t, new HttpError(500, 'worker_failed', 'the model workers could not start; see the server log'));
      return;
    }
    counters.restarts++;
    spawn();
  }

  function settle(slot: Slot, msg: Extract<WorkerMessage, { type: 'result' }>): void {
    const task = slot.current;
    if (!task || task.id !== msg.id) return; // a timed-out task's late answer
    slot.current = undefined;
    finish(task, msg.ok ? undefined : deserializeError(msg.error), msg.ok ? msg.result : undefined);
    dispatch();
  }

  function finish(task: Task, err?: Error, result?: unknown): void {
    clearTimeout(task.timer);
    if (err) {
      counters.failed++;
      task.reject(err);
    } else {
      counters.completed++;
      task.resolve(result);
    }
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.ready || slot.current) continue;
      const task = queue.shift()!;
      slot.current = task;
      slot.worker.postMessage({ type: 'task', id: task.id, kind: task.kind, payload: task.payload }, task.transfer);
    }
  }

  function onTimeout(task: Task): void {
    counters.timedOut++;
    const queued = queue.indexOf(task);
    if (queued >= 0) queue.splice(queued, 1);
    const slot = slots.find((s) => s.current === task);
    if (slot) retire(slot);
    const where = queued >= 0 ? 'waiting for a free worker' : 'running';
    finish(task, new HttpError(503, 'timeout', `the ${task.kind} took longer than ${task.timeoutMs} ms (${where}); try again later`, retryHeader()));
  }

  /** Takes a stuck worker out of service at once and starts its replacement. */
  function retire(slot: Slot): void {
    slot.retired = true;
    slot.current = undefined;
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
    if (closing) return;
    counters.restarts++;
    spawn();
  }

  function retryHeader(): Record<string, string> {
    return { 'Retry-After': String(config.retryAfterSeconds) };
  }

  function ensureStarted(): void {
    while (slots.length < config.size) spawn();
  }

  return {
    /** Runs one task; resolves with the worker's result, rejects with an HttpError. */
    run<T>(kind: string, payload: unknown, transfer: ArrayBuffer[] = [], options: { timeoutMs?: number } = {}): Promise<T> {
      if (closing) return Promise.reject(new HttpError(503, 'shutting_down', 'the server is shutting down', retryHeader()));
      // Capacity: one task per worker (running, or waiting for its worker to start) plus the queue.
      const inSystem = queue.length + slots.filter((s) => s.current).length;
      if (inSystem >= config.size + config.queueLimit) {
        counters.rejectedFull++;
        return Promise.reject(new HttpError(503, 'busy', `all ${config.size} model workers are busy and ${Math.max(0, inSystem - config.size)} requests are waiting; try again in ${config.retryAfterSeconds} s`, retryHeader()));
      }
      ensureStarted();
      return new Promise<T>((resolve, reject) => {
        const task = { id: nextId++, kind, payload, transfer, resolve, reject } as Task;
        task.timeoutMs = options.timeoutMs ?? config.timeoutMs;
        task.timer = setTimeout(() => onTimeout(task), task.timeoutMs);
        queue.push(task);
        dispatch();
      });
    },
    /** Starts every worker and waits until each has loaded its engine. */
    async warmUp(): Promise<void> {
      ensureStarted();
      await Promise.all(slots.map((s) => s.whenReady));
    },
    stats(): PoolStats {
      return {
        size: config.size, started: slots.length, ready: slots.filter((s) => s.ready).length,
        busy: slots.filter((s) => s.current).length, queued: queue.length, ...counters,
      };
    },
    /** Refuses queued tasks, lets running ones finish for up to graceMs, then stops the workers. */
    async close(graceMs = 10_000): Promise<void> {
      closing = true;
      for (const t of queue.splice(0)) finish(t, new HttpError(503, 'shutting_down', 'the server is shutting down', retryHeader()));
      const deadline = Date.now() + graceMs;
      while (slots.some((s) => s.current) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
