import path from 'node:path';
import { HttpError } from '../httpError.ts';
import { JOB_HISTORY_MIN_INTERVAL_MS } from '../constants.ts';
import { startJobProcess, type JobProcess } from './startJobProcess.ts';
import { removeInside } from '../../shared/files.ts';
import { checkSubmit } from './validateJob.ts';
import { TERMINAL_STATES, type EvalJobParams, type Job, type JobKind, type TrainJobParams, type TrainingMessage, type TrainingWorkerInput } from './types.ts';
import type { JobStore } from './openJobStore.ts';
import type { JobEvents } from './createJobEvents.ts';
import type { JobRunnerOptions } from '../types.ts';

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
  options: JobRunnerOptions;
  /** Bytes in the data directory as last measured (the disk budget). */
  diskUsage(): number;
  /** Called when a job process has ended (retention, disk usage). */
  onJobEnd?(): void;
  env: Record<string, string | undefined>;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
}

type StopReason = 'cancel' | 'shutdown' | 'timeout';

interface Running {
  jobId: string;
  proc: JobProcess;
  stopReason: StopReason | null;
  settled: boolean;
  lastHistoryAt: number;
  /** Run time up to here is in the store already. */
  accountedAt: number;
  timers: NodeJS.Timeout[];
}

export type JobRunner = ReturnType<typeof createJobRunner>;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Runs queued jobs (training or evaluation) one at a time, each in its own child process at a
 * lower CPU priority (startJobProcess.ts), so training can neither stall nor crash the API.
 * Progress goes to SQLite and to live listeners. A job the previous process left "running" is
 * queued again at start and resumes from the last checkpoint in its run directory, unless its
 * last starts all crashed. Cancel, shutdown and the wall-clock limit ask the process to stop
 * after its iteration (training checkpoints first) and kill it after a grace period.
 */
export function createJobRunner(config: JobRunnerConfig) {
  const { store, events, log, options } = config;
  let current: Running | null = null;
  let closed = false;
  const crashed = (starts: number) => `job process: expected the job to start and make progress, but its last ${starts} starts ended in a crash; it is not started again`;
  const { requeued, failed } = store.requeueInterrupted(options.maxFailedStarts, crashed);
  if (requeued.length > 0) log.info({ jobs: requeued }, 'interrupted jobs queued again to resume');
  if (failed.length > 0) log.warn({ jobs: failed }, 'interrupted jobs failed: their starts kept crashing');

  function publishState(jobId: string): void {
    const job = store.get(jobId);
    if (job) events.publish(jobId, { type: 'state', job });
  }

  function wake(): void {
    if (!options.autoStart || closed || current) return;
    const job = store.nextQueued();
    if (job) start(job);
  }

  const runsDir = path.join(config.dataDir, 'runs');
  const runDirOf = (jobId: string) => path.join(runsDir, jobId);
  const limitMsOf = (job: Job) => 1000 * ((job.params.maxRunSeconds as number | undefined) ?? options.maxRunSeconds);

  function start(job: Job): void {
    store.markRunning(job.id, 0);
    let input: TrainingWorkerInput;
    try {
      input = workerInput(job, runDirOf(job.id));
    } catch (err) {
      store.finish(job.id, 'failed', { error: (err as Error).message });
      publishState(job.id);
      setImmediate(wake);
      return;
    }
    const run: Running = { jobId: job.id, proc: null as unknown as JobProcess, stopReason: null, settled: false, lastHistoryAt: 0, accountedAt: Date.now(), timers: [] };
    run.proc = startJobProcess(job.kind, input, {
      env: config.env, niceness: options.niceness,
      onMessage: (m) => onMessage(run, m),
      onError: (err) => log.error({ err, job: job.id }, 'job process error'),
    });
    current = run;
    void run.proc.exited.then((how) => onExit(run, how));
    const left = limitMsOf(job) - store.runMs(job.id);
    run.timers.push(setTimeout(() => requestStop(run, 'timeout'), Math.max(0, left)).unref());
    log.info({ job: job.id, attempt: job.attempts + 1, pid: run.proc.pid }, 'job started');
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

  function requestStop(run: Running, reason: StopReason): void {
    run.stopReason ??= reason;
    run.proc.stop();
    run.timers.push(setTimeout(() => run.proc.kill(), options.stopGraceMs).unref());
  }

  function accountRunTime(run: Running): void {
    const now = Date.now();
    store.addRunMs(run.jobId, now - run.accountedAt);
    run.accountedAt = now;
  }

  const timedOut = (id: string) => {
    const job = store.get(id)!;
    return `job ${id}: expected to finish within its wall-clock limit of ${seconds(limitMsOf(job))}, but it ran for ${seconds(store.runMs(id))}; its last checkpoint is kept`;
  };

  function onMessage(run: Running, msg: TrainingMessage): void {
    const id = run.jobId;
    switch (msg.type) {
      case 'started':
        store.markResumedFrom(id, msg.resumedFrom);
        return publishState(id);
      case 'checkpoint':
        store.clearFailedStarts(id); // durable progress: this start did not crash at start
        return accountRunTime(run);
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
        store.clearFailedStarts(id);
        if (run.stopReason === 'cancel') store.finish(id, 'cancelled');
        else if (run.stopReason === 'timeout') store.finish(id, 'failed', { error: timedOut(id) });
        // Stopped from outside (a signal to the job process): it resumes from its checkpoint.
        else if (run.stopReason === null) store.requeue(id);
        // On shutdown the job stays "running" in the store; the next start queues it to resume.
        return publishState(id);
      case 'failed':
        run.settled = true;
        store.finish(id, 'failed', { error: msg.message });
        log.error({ job: id, message: msg.message }, 'job failed');
        return publishState(id);
    }
  }

  function onExit(run: Running, how: { code: number | null; signal: NodeJS.Signals | null }): void {
    run.timers.forEach(clearTimeout);
    accountRunTime(run);
    const id = run.jobId;
    const ended = how.signal ?? `exit code ${how.code}`;
    if (!run.settled && run.stopReason === 'cancel') {
      store.finish(id, 'cancelled', { error: `job process: did not stop within ${seconds(options.stopGraceMs)} of the cancel and was killed (${ended}); its last checkpoint is kept` });
    } else if (!run.settled && run.stopReason === 'timeout') {
      store.finish(id, 'failed', { error: timedOut(id) });
    } else if (!run.settled && run.stopReason === 'shutdown') {
      store.clearFailedStarts(id); // killed by us while closing: not a crash; it resumes next start
    } else if (!run.settled) {
      const starts = store.failedStarts(id);
      if (starts >= options.maxFailedStarts) {
        store.finish(id, 'failed', { error: `${crashed(starts)} (last: ${ended})` });
        log.error({ job: id, ended }, 'job process crashed; job failed');
      } else {
        store.requeue(id);
        log.warn({ job: id, ended, starts }, 'job process crashed; the job resumes from its last checkpoint');
      }
    }
    publishState(id);
    if (current === run) current = null;
    config.onJobEnd?.();
    setImmediate(wake);
  }

  /** Deletes a finished job: its run directory (never anything outside runs/) and its row. */
  async function remove(job: Job): Promise<Job> {
    await removeInside(runsDir, job.id);
    store.remove(job.id);
    events.publish(job.id, { type: 'state', job });
    config.onJobEnd?.();
    return job;
  }

  setImmediate(wake);
  return {
    /** Queues a job and starts it when the runner is free; 400/429/507 when limits refuse it. */
    submit(kind: JobKind, params: TrainJobParams | EvalJobParams, id?: string): Job {
      checkSubmit(params, options, store.queuedCount(), config.diskUsage());
      const job = store.create(kind, params as unknown as Record<string, unknown>, id);
      setImmediate(wake);
      return job;
    },
    /**
     * DELETE: cancels a queued job at once, asks a running one to stop (it is killed after the
     * grace period), and deletes a finished one with its run directory; 404 for an unknown id.
     */
    async delete(id: string): Promise<Job> {
      const job = store.get(id);
      if (!job) throw new HttpError(404, 'unknown_job', `job: no job with id "${id}"`);
      if (TERMINAL_STATES.includes(job.state)) return remove(job);
      if (current?.jobId === id) {
        store.requestCancel(id);
        requestStop(current, 'cancel');
      } else {
        store.finish(id, 'cancelled');
      }
      publishState(id);
      return store.get(id)!;
    },
    runningJobId: () => current?.jobId ?? null,
    /** The running job's process id (tests, diagnostics). */
    runningPid: () => current?.proc.pid ?? null,
    /** Checkpoints, losses.jsonl and sample grids of a job. */
    runDirOf,
    /** Stops the running job with a checkpoint (it resumes on the next start), killing it after the grace period. */
    async close(): Promise<void> {
      closed = true;
      const run = current;
      if (!run) return;
      requestStop(run, 'shutdown');
      await run.proc.exited;
    },
  };
}
