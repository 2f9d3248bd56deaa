import path from 'node:path';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job as QueueJob } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_HISTORY_MIN_INTERVAL_MS } from '../constants.ts';
import { createModelRegistry } from '../models/createModelRegistry.ts';
import { createJobEventLog } from './createJobEventLog.ts';
import { resolveDatasetPath } from './resolveDatasetPath.ts';
import { startJobProcess } from './startJobProcess.ts';
import { CANCELLED_REASON, QUEUE_NAME, REDIS_KEYS, toJob, type QueueJobData, type QueueJobProgress, type QueueJobResult } from './queueJob.ts';
import type { EvalJobParams, TrainJobParams, TrainingMessage, TrainingWorkerInput } from './types.ts';
import type { JobRunnerOptions } from '../types.ts';

type Log = { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
type Job = QueueJob<QueueJobData, QueueJobResult>;
type StopReason = 'cancel' | 'shutdown' | 'timeout';

export interface QueueWorkerConfig {
  redisUrl: string;
  /** Jobs run at once, each in its own process. */
  concurrency: number;
  /** Shared: checkpoints and outputs of every job, <runs>/<job id>. */
  runsDir: string;
  /** Shared: finished models are registered here (the API replicas' trained models). */
  modelsDir: string;
  /** Bundled models (evaluation jobs may name one). */
  bundledModelsDir: string;
  /** Root of the dataset folders jobs may name. */
  datasetsDir: string;
  /** Synthetic datasets are drawn here. */
  syntheticDir: string;
  /** A job whose worker stops renewing its lock this long (it died) is taken by another worker. */
  lockMs: number;
  options: Pick<JobRunnerOptions, 'maxRunSeconds' | 'stopGraceMs' | 'maxFailedStarts' | 'niceness'>;
  env: Record<string, string | undefined>;
  log: Log;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * A BullMQ worker for training and evaluation jobs. Each job runs in its own lower-priority
 * process (startJobProcess.ts), so this process keeps renewing the job's lock while it trains.
 * A worker that dies stops renewing: BullMQ's stalled-job check (in any other worker) puts the
 * job back in the queue, and the next start resumes from the last checkpoint in the shared run
 * directory. A cancel arrives as a message to every worker; the one running the job aborts it
 * with Worker.cancelJob. Closing checkpoints running jobs and puts them back in the queue.
 */
export async function createQueueWorker(config: QueueWorkerConfig) {
  const { options, log } = config;
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (err) => log.error({ err }, 'redis connection error'));
  const queue = new Queue<QueueJobData, QueueJobResult>(QUEUE_NAME, { connection: redis });
  const events = createJobEventLog(redis);
  const registry = await createModelRegistry([{ dir: config.bundledModelsDir, source: 'bundled' }, { dir: config.modelsDir, source: 'trained' }]);
  let closing = false;
  const pids = new Map<string, number | undefined>();

  const publishState = async (id: string) => {
    const job = await queue.getJob(id);
    if (job) await events.append(id, { type: 'state', job: toJob(job, await job.getState()) });
  };
  const quietly = (p: Promise<unknown>) => void p.catch((err) => log.warn({ err }, 'job update failed'));

  /** Paths on this machine (a model or dataset may have gone since the job was queued). */
  async function workerInput(job: Job): Promise<TrainingWorkerInput> {
    const params = job.data.params as unknown as TrainJobParams & Partial<EvalJobParams>;
    if (job.data.kind === 'eval') await registry.rescan();
    return {
      jobId: job.id!, params, runDir: path.join(config.runsDir, job.id!), trainedModelsDir: config.modelsDir, syntheticDir: config.syntheticDir,
      datasetDir: 'path' in params.dataset ? resolveDatasetPath(config.datasetsDir, params.dataset.path) : null,
      ...(job.data.kind === 'eval' ? { modelDir: registry.get(params.model!).dir } : {}),
      ...(params.classifier ? { classifierDir: resolveDatasetPath(config.datasetsDir, params.classifier) } : {}),
    };
  }

  async function processJob(job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<QueueJobResult> {
    const id = job.id!;
    if ((await queue.getJob(id))?.data.cancelRequested) throw new UnrecoverableError(CANCELLED_REASON);
    let input: TrainingWorkerInput;
    try {
      input = await workerInput(job);
    } catch (err) {
      throw new UnrecoverableError((err as Error).message);
    }
    const before = (typeof job.progress === 'object' ? job.progress : null) as QueueJobProgress | null;
    const startedAt = Date.now();
    const state: QueueJobProgress = { progress: before?.progress ?? null, resumedFrom: 0, runMs: before?.runMs ?? 0 };
    const runMs = () => state.runMs + (Date.now() - startedAt);
    const limitMs = 1000 * ((job.data.params.maxRunSeconds as number | undefined) ?? options.maxRunSeconds);
    let stopReason: StopReason | null = null;
    let outcome: TrainingMessage | null = null;
    let lastHistoryAt = 0;
    const timers: NodeJS.Timeout[] = [];

    const proc = startJobProcess(job.data.kind, input, {
      env: config.env, niceness: options.niceness, onMessage,
      onError: (err) => log.error({ err, job: id }, 'job process error'),
    });
    pids.set(id, proc.pid);
    const stop = (reason: StopReason) => {
      stopReason ??= reason;
      proc.stop();
      timers.push(setTimeout(() => proc.kill(), options.stopGraceMs).unref());
    };
    signal?.addEventListener('abort', () => stop(closing ? 'shutdown' : 'cancel'));
    timers.push(setTimeout(() => stop('timeout'), Math.max(0, limitMs - state.runMs)).unref());
    log.info({ job: id, attempt: job.attemptsStarted, pid: proc.pid, workerPid: process.pid }, 'job started');
    quietly(publishState(id));
    // A cancel sent between this worker taking the job and listening for it.
    if ((await queue.getJob(id))?.data.cancelRequested) stop('cancel');

    function onMessage(msg: TrainingMessage): void {
      switch (msg.type) {
        case 'started':
          state.resumedFrom = msg.resumedFrom;
          quietly(job.updateProgress({ ...state, runMs: runMs() }).then(() => publishState(id)));
          return;
        case 'progress': {
          const p = msg.progress;
          state.progress = p;
          quietly(job.updateProgress({ ...state, runMs: runMs() }));
          if (Object.keys(p.losses).length > 0 && (Date.now() - lastHistoryAt >= JOB_HISTORY_MIN_INTERVAL_MS || p.iteration === p.iterations)) {
            lastHistoryAt = Date.now();
            quietly(job.log(JSON.stringify({ iteration: p.iteration, time: new Date().toISOString(), losses: p.losses })));
          }
          quietly(events.append(id, { type: 'progress', progress: p }));
          return;
        }
        case 'sample':
          quietly(events.append(id, { type: 'sample', iteration: msg.iteration, png: msg.png }));
          return;
        case 'checkpoint':
          return;
        default:
          outcome = msg;
      }
    }

    const how = await proc.exited;
    timers.forEach(clearTimeout);
    pids.delete(id);
    await job.updateProgress({ ...state, runMs: runMs() }).catch(() => {});
    const ended = how.signal ?? `exit code ${how.code}`;
    const done = outcome as TrainingMessage | null;
    if (done?.type === 'done') {
      if (done.modelId) await redis.publish(REDIS_KEYS.modelsChannel, done.modelId);
      log.info({ job: id, model: done.modelId }, done.modelId ? 'job finished; model registered' : 'job finished');
      return { modelId: done.modelId, result: done.result };
    }
    if (done?.type === 'failed') throw new UnrecoverableError(done.message);
    if (stopReason === 'cancel') {
      throw new UnrecoverableError(done?.type === 'stopped' ? CANCELLED_REASON : `job process: did not stop within ${seconds(options.stopGraceMs)} of the cancel and was killed (${ended}); its last checkpoint is kept`);
    }
    if (stopReason === 'timeout') {
      throw new UnrecoverableError(`job ${id}: expected to finish within its wall-clock limit of ${seconds(limitMs)}, but it ran for ${seconds(runMs())}; its last checkpoint is kept`);
    }
    if (stopReason === 'shutdown' || done?.type === 'stopped') {
      // Checkpointed: back to the queue for any worker to resume.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    throw new Error(`job process: expected the job to finish, but its process ended (${ended}); it resumes from its last checkpoint`);
  }

  const worker = new Worker<QueueJobData, QueueJobResult>(QUEUE_NAME, processJob, {
    connection: redis, concurrency: config.concurrency, lockDuration: config.lockMs, stalledInterval: config.lockMs,
    maxStalledCount: options.maxFailedStarts,
  });
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  worker.on('completed', (job) => quietly(publishState(job.id!)));
  worker.on('failed', (job, err) => {
    if (!job) return;
    log.warn({ job: job.id, message: err.message }, 'job ended without success');
    quietly(publishState(job.id!));
  });
  worker.on('stalled', (jobId) => {
    log.warn({ job: jobId }, 'job stalled (its worker died); queued again to resume');
    quietly(publishState(jobId));
  });

  const cancels = redis.duplicate();
  cancels.on('error', (err) => log.error({ err }, 'redis connection error'));
  cancels.on('message', (_channel: string, jobId: string) => {
    if (worker.cancelJob(jobId, CANCELLED_REASON)) log.info({ job: jobId }, 'cancel requested');
  });
  await cancels.subscribe(REDIS_KEYS.cancelChannel);
  await worker.waitUntilReady();

  return {
    worker,
    /** Process ids of the job processes running here, by job id (tests, diagnostics). */
    runningPids: () => new Map(pids),
    /** Running jobs checkpoint and go back to the queue; then the worker and its connections close. */
    async close(): Promise<void> {
      closing = true;
      worker.cancelAllJobs('shutdown');
      await worker.close();
      cancels.disconnect();
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
