import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Queue, type Job as QueueJob, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import { HttpError } from '../httpError.ts';
import { createDiskMonitor } from './createDiskMonitor.ts';
import { createJobEventLog } from './createJobEventLog.ts';
import { createJobEventFeed } from './createJobEventFeed.ts';
import { findLatestSample } from './findLatestSample.ts';
import { removeInside } from '../../shared/files.ts';
import { checkSubmit } from './validateJob.ts';
import { QUEUE_NAME, REDIS_KEYS, toJob, type QueueJobData, type QueueJobResult } from './queueJob.ts';
import { TERMINAL_STATES, type JobHistoryPoint } from './types.ts';
import type { JobBackend } from './jobBackend.ts';
import type { JobRunnerOptions } from '../types.ts';

type Log = { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };

export interface RedisJobBackendConfig {
  redisUrl: string;
  /** The shared data directory: runs/ (written by workers) and models/. */
  dataDir: string;
  options: JobRunnerOptions;
  /** Called when a worker registered a model, and periodically (the registry rescans). */
  onModels(): Promise<void>;
  log: Log;
}

/** Every replica rescans the model directories this often, besides on a worker's message. */
const MODEL_RESCAN_MS = 10_000;
const HOUSEKEEPING_INTERVAL_MS = 15 * 60_000;
const WAITING: JobType[] = ['waiting', 'prioritized', 'delayed', 'paused'];
const LISTED: JobType[] = ['active', ...WAITING, 'completed', 'failed'];
const DAY_S = 24 * 3600;

/**
 * The scaled-out backend: jobs are BullMQ jobs in Redis, run by `genegan worker` processes
 * (createQueueWorker.ts) anywhere. This API replica keeps no job state of its own, so any replica
 * answers any request: state, progress and result are the BullMQ job's, the loss history is its
 * log, events are a Redis stream per job, and a cancel is a message to every worker.
 */
export async function createRedisJobBackend(config: RedisJobBackendConfig): Promise<JobBackend> {
  const { options, log } = config;
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (err) => log.error({ err }, 'redis connection error'));
  const queue = new Queue<QueueJobData, QueueJobResult>(QUEUE_NAME, { connection: redis });
  queue.on('error', (err) => log.error({ err }, 'job queue error'));
  const events = createJobEventLog(redis);
  const feed = await createJobEventFeed(redis, events, (err) => log.error({ err }, 'job event feed error'));
  const runsDir = path.join(config.dataDir, 'runs');
  const runDirOf = (id: string) => path.join(runsDir, id);
  const disk = createDiskMonitor(config.dataDir);
  await disk.refresh();

  const models = redis.duplicate();
  models.on('error', (err) => log.error({ err }, 'redis connection error'));
  const rescan = () => void config.onModels().catch((err) => log.error({ err }, 'model rescan failed'));
  models.on('message', rescan);
  await models.subscribe(REDIS_KEYS.modelsChannel);
  const rescanTimer = setInterval(rescan, MODEL_RESCAN_MS).unref();

  const describe = async (job: QueueJob<QueueJobData, QueueJobResult>) => toJob(job, await job.getState());
  const find = async (id: string) => {
    const job = await queue.getJob(id);
    if (!job) throw new HttpError(404, 'unknown_job', `job: no job with id "${id}"`);
    return job;
  };
  const publishState = async (id: string) => {
    const job = await queue.getJob(id);
    if (job) await events.append(id, { type: 'state', job: await describe(job) });
  };

  /** Run directories of jobs that are gone (removed by age, deleted) are deleted too. */
  const housekeeping = async () => {
    const names = await readdir(runsDir).catch(() => [] as string[]);
    for (const name of names) {
      if (name !== '.gitignore' && !(await queue.getJob(name))) await removeInside(runsDir, name);
    }
    await disk.refresh();
  };
  const housekeepingTimer = setInterval(() => void housekeeping().catch((err) => log.error({ err }, 'housekeeping failed')), HOUSEKEEPING_INTERVAL_MS).unref();

  return {
    mode: 'redis',
    async submit(kind, params, id) {
      checkSubmit(params, options, await queue.getJobCountByTypes(...WAITING), disk.bytes());
      const seq = await redis.incr(REDIS_KEYS.seq);
      const keep = options.retentionDays > 0 ? { age: options.retentionDays * DAY_S } : false;
      const job = await queue.add(kind, { kind, params: params as unknown as Record<string, unknown>, seq }, {
        jobId: id, attempts: options.maxFailedStarts, removeOnComplete: keep, removeOnFail: keep,
      });
      const created = toJob(job, 'waiting');
      await events.append(id, { type: 'state', job: created });
      return created;
    },
    async get(id) {
      const job = await queue.getJob(id);
      return job && describe(job);
    },
    async list(limit) {
      const lists = await Promise.all(LISTED.map(async (type) => (await queue.getJobs([type], 0, limit - 1, false)).filter(Boolean).map((j) => ({ j, type }))));
      return lists.flat().sort((a, b) => b.j.data.seq - a.j.data.seq).slice(0, limit)
        .map(({ j, type }) => toJob(j, type === 'paused' || type === 'prioritized' ? 'waiting' : (type as Parameters<typeof toJob>[1])));
    },
    async history(id): Promise<JobHistoryPoint[]> {
      const { logs } = await queue.getJobLogs(id, 0, -1, true);
      return logs.map((line) => JSON.parse(line) as JobHistoryPoint).sort((a, b) => a.iteration - b.iteration);
    },
    async delete(id) {
      const job = await find(id);
      const current = await describe(job);
      if (TERMINAL_STATES.includes(current.state)) {
        await removeInside(runsDir, id);
        await job.remove();
        await events.append(id, { type: 'state', job: current });
        await events.expire(id);
        return current;
      }
      // job.data is the API's alone, so the flag cannot be overwritten by the worker running it.
      await job.updateData({ ...job.data, cancelRequested: true, cancelledAt: Date.now() });
      await redis.publish(REDIS_KEYS.cancelChannel, id);
      await publishState(id);
      return describe(await find(id));
    },
    async latestSample(id) {
      const live = await events.latestSample(id);
      if (live) return live;
      const onDisk = await findLatestSample(runDirOf(id));
      return onDisk && { iteration: onDisk.iteration, png: new Uint8Array(await readFile(onDisk.file)) };
    },
    subscribe: (id, after, listener) => feed.subscribe(id, after, listener),
    runDirOf,
    runningJobId: () => null,
    runningPid: () => null,
    housekeeping,
    async close() {
      clearInterval(rescanTimer);
      clearInterval(housekeepingTimer);
      await feed.close();
      models.disconnect();
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
