import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { HttpError } from '../httpError.ts';
import { JOB_HISTORY_MIN_INTERVAL_MS } from '../constants.ts';
import { TERMINAL_STATES, type EvalJobParams, type Job, type JobKind, type TrainJobParams, type TrainingMessage, type TrainingWorkerInput } from './types.ts';
import type { JobStore } from './openJobStore.ts';
import type { JobEvents } from './createJobEvents.ts';

const BOOTSTRAP = new URL('../pool/bootstrapWorker.mjs', import.meta.url);
const WORKERS = { train: new URL('./trainingWorker.ts', import.meta.url), eval: new URL('./evalWorker.ts', import.meta.url) };

export interface JobRunnerConfig {
  store: JobStore;
  events: JobEvents;
  dataDir: string;
  trainedModelsDir: string;
  /** Resolves a dataset.path parameter to a directory (checked at POST time). */
  resolveDataset(p: string): string;
  /** Called after a job registered a model (the registry rescans). */
  onModel(modelId: string): Promise<void>;
  /** A served model's directory (evaluation jobs). */
  resolveModel(id: string): string;
  autoStart: boolean;
  env: Record<string, string | undefined>;
  log: { info(o: object, m: string): void; error(o: object, m: string): void };
}

interface Running {
  jobId: string;
  worker: Worker;
  stopReason: 'cancel' | 'shutdown' | null;
  settled: boolean;
  lastHistoryAt: number;
  exited: Promise<void>;
}

export type JobRunner = ReturnType<typeof createJobRunner>;

/**
 * Runs queued jobs (training or evaluation) one at a time, each in its own worker thread (it would otherwise stall
 * the event loop). Progress goes to SQLite and to live listeners. A job the previous process left
 * "running" is queued again at start and its worker resumes from the last checkpoint in its run
 * directory. Cancel asks the worker to stop at the end of an iteration (it writes a checkpoint).
 */
export function createJobRunner(config: JobRunnerConfig) {
  const { store, events, log } = config;
  let current: Running | null = null;
  let closed = false;
  const requeued = store.requeueInterrupted();
  if (requeued.length > 0) log.info({ jobs: requeued }, 'interrupted jobs queued again to resume');

  function publishState(jobId: string): void {
    const job = store.get(jobId);
    if (job) events.publish(jobId, { type: 'state', job });
  }

  function wake(): void {
    if (!config.autoStart || closed || current) return;
    const job = store.nextQueued();
    if (job) start(job);
  }

  const runDirOf = (jobId: string) => path.join(config.dataDir, 'runs', jobId);

  function start(job: Job): void {
    const runDir = runDirOf(job.id);
    store.markRunning(job.id, 0);
    let input: TrainingWorkerInput;
    try {
      input = workerInput(job, runDir);
    } catch (err) {
      store.finish(job.id, 'failed', { error: (err as Error).message });
      publishState(job.id);
      setImmediate(wake);
      return;
    }
    const worker = new Worker(BOOTSTRAP, { workerData: { script: WORKERS[job.kind].href, options: input }, env: config.env });
    const running: Running = { jobId: job.id, worker, stopReason: null, settled: false, lastHistoryAt: 0, exited: new Promise((r) => worker.once('exit', () => r())) };
    current = running;
    worker.on('message', (msg: TrainingMessage) => onMessage(running, msg));
    worker.on('error', (err) => log.error({ err, job: job.id }, 'training worker error'));
    worker.on('exit', (code) => onExit(running, code));
    log.info({ job: job.id, attempt: job.attempts + 1 }, 'job started');
    publishState(job.id);
  }

  /** Paths resolved now (a model or dataset may have gone since the job was queued). */
  function workerInput(job: Job, runDir: string): TrainingWorkerInput {
    const params = job.params as unknown as TrainJobParams & Partial<EvalJobParams>;
    return {
      jobId: job.id, params, runDir, trainedModelsDir: config.trainedModelsDir,
      syntheticDir: path.join(config.dataDir, 'datasets'),
      datasetDir: 'path' in params.dataset ? config.resolveDataset(params.dataset.path) : null,
      ...(job.kind === 'eval' ? { modelDir: config.resolveModel(params.model!) } : {}),
      ...(params.classifier ? { classifierDir: config.resolveDataset(params.classifier) } : {}),
    };
  }

  function onMessage(run: Running, msg: TrainingMessage): void {
    const id = run.jobId;
    switch (msg.type) {
      case 'started':
        store.markResumedFrom(id, msg.resumedFrom);
        return publishState(id);
      case 'progress':
        store.setProgress(id, msg.progress);
        const hasLosses = Object.keys(msg.progress.losses).length > 0; // evaluation and data phases have none
        if (hasLosses && (Date.now() - run.lastHistoryAt >= JOB_HISTORY_MIN_INTERVAL_MS || msg.progress.iteration === msg.progress.iterations)) {
          run.lastHistoryAt = Date.now();
          store.addHistory(id, { iteration: msg.progress.iteration, losses: msg.progress.losses });
        }
        return events.publish(id, { type: 'progress', progress: msg.progress });
      case 'sample':
        return events.publish(id, { type: 'sample', iteration: msg.iteration, png: msg.png });
      case 'done': {
        run.settled = true;
        const registered = msg.modelId === undefined ? Promise.resolve() : config.onModel(msg.modelId);
        void registered.finally(() => {
          store.finish(id, 'succeeded', { modelId: msg.modelId, result: msg.result });
          log.info({ job: id, model: msg.modelId }, msg.modelId ? 'job finished; model registered' : 'job finished');
          publishState(id);
        });
        return;
      }
      case 'stopped':
        run.settled = true;
        if (run.stopReason === 'cancel') store.finish(id, 'cancelled');
        // On shutdown the job stays "running" in the store; the next start queues it to resume.
        return publishState(id);
      case 'failed':
        run.settled = true;
        store.finish(id, 'failed', { error: msg.message });
        log.error({ job: id, message: msg.message }, 'job failed');
        return publishState(id);
    }
  }

  function onExit(run: Running, code: number): void {
    if (!run.settled && run.stopReason !== 'shutdown') {
      store.finish(run.jobId, run.stopReason === 'cancel' ? 'cancelled' : 'failed', { error: `the training worker stopped unexpectedly (exit code ${code})` });
      publishState(run.jobId);
    }
    if (current === run) current = null;
    setImmediate(wake);
  }

  setImmediate(wake);
  return {
    /** Queues a job and starts it when the runner is free. */
    submit(kind: JobKind, params: TrainJobParams | EvalJobParams, id?: string): Job {
      const job = store.create(kind, params as unknown as Record<string, unknown>, id);
      setImmediate(wake);
      return job;
    },
    /** Cancels a queued job at once, or asks the running one to stop; 404/409 otherwise. */
    cancel(id: string): Job {
      const job = store.get(id);
      if (!job) throw new HttpError(404, 'unknown_job', `job: no job with id "${id}"`);
      if (TERMINAL_STATES.includes(job.state)) throw new HttpError(409, 'job_finished', `job ${id}: expected a queued or running job, but it is ${job.state}`);
      if (current?.jobId === id) {
        store.requestCancel(id);
        current.stopReason = 'cancel';
        current.worker.postMessage({ type: 'stop' });
      } else {
        store.finish(id, 'cancelled');
      }
      publishState(id);
      return store.get(id)!;
    },
    runningJobId: () => current?.jobId ?? null,
    /** Checkpoints, losses.jsonl and sample grids of a job. */
    runDirOf,
    /** Stops the running job with a checkpoint (it resumes on the next start); waits up to graceMs. */
    async close(graceMs: number): Promise<void> {
      closed = true;
      const run = current;
      if (!run) return;
      run.stopReason ??= 'shutdown';
      run.worker.postMessage({ type: 'stop' });
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([run.exited, timer])) === 'timeout') await run.worker.terminate();
    },
  };
}
