import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Job, JobHistoryPoint, JobKind, JobProgress, JobState } from './types.ts';

interface JobRow {
  id: string; kind: string; state: string; params: string; created_at: number; started_at: number | null;
  finished_at: number | null; progress: string | null; error: string | null; model_id: string | null;
  attempts: number; resumed_from: number; cancel_requested: number; result: string | null;
  failed_starts: number; run_ms: number;
}

export type JobStore = ReturnType<typeof openJobStore>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, params TEXT NOT NULL,
  created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER, progress TEXT, error TEXT,
  model_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, resumed_from INTEGER NOT NULL DEFAULT 0,
  cancel_requested INTEGER NOT NULL DEFAULT 0, result TEXT,
  failed_starts INTEGER NOT NULL DEFAULT 0, run_ms INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, created_at);
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs(finished_at);
CREATE TABLE IF NOT EXISTS job_history (
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, iteration INTEGER NOT NULL,
  time INTEGER NOT NULL, losses TEXT NOT NULL, PRIMARY KEY (job_id, iteration));`;

/**
 * The job table in SQLite (better-sqlite3, synchronous and fast: every call is a few microseconds,
 * so it runs on the event loop). WAL mode keeps readers and the writer apart and survives a crash.
 * `file` ":memory:" gives a private in-memory store.
 */
export function openJobStore(file: string) {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  addMissingColumns(db);
  const q = prepare(db);

  return {
    create(kind: JobKind, params: Record<string, unknown>, id: string = randomUUID()): Job {
      q.insert.run({ id, kind, params: JSON.stringify(params), created_at: Date.now() });
      return this.get(id)!;
    },
    get(id: string): Job | undefined {
      const row = q.get.get(id) as JobRow | undefined;
      return row && toJob(row);
    },
    list(limit = 100): Job[] {
      return (q.list.all(limit) as JobRow[]).map(toJob);
    },
    /** Oldest queued job (the runner's next), if any. */
    nextQueued(): Job | undefined {
      const row = q.nextQueued.get() as JobRow | undefined;
      return row && toJob(row);
    },
    /** Jobs waiting to run (the queue cap counts these). */
    queuedCount(): number {
      return (q.queuedCount.get() as { n: number }).n;
    },
    /**
     * A start: attempts and failed_starts both go up. failed_starts stays up until the job shows
     * durable progress (a checkpoint) or ends cleanly, so a start that crashes the process, or the
     * job's own process, keeps counting across restarts.
     */
    markRunning(id: string, resumedFrom: number): void {
      q.markRunning.run({ id, now: Date.now(), resumed_from: resumedFrom });
    },
    /** Consecutive starts that ended in a crash (or are still unconfirmed). */
    failedStarts(id: string): number {
      return (q.failedStarts.get(id) as { failed_starts: number } | undefined)?.failed_starts ?? 0;
    },
    clearFailedStarts(id: string): void {
      q.clearFailedStarts.run(id);
    },
    /** Wall-clock milliseconds the job has run over all its starts. */
    runMs(id: string): number {
      return (q.runMs.get(id) as { run_ms: number } | undefined)?.run_ms ?? 0;
    },
    addRunMs(id: string, ms: number): void {
      q.addRunMs.run({ id, ms: Math.max(0, Math.round(ms)) });
    },
    /** A running job back to the queue (stopped from outside, or crashed with starts left). */
    requeue(id: string): void {
      q.requeueOne.run(id);
    },
    /** Removes a job and its history. */
    remove(id: string): void {
      q.remove.run(id);
    },
    /** Ids of finished jobs that finished before `time` (ms since the epoch). */
    finishedBefore(time: number): string[] {
      return (q.finishedBefore.all(time) as { id: string }[]).map((r) => r.id);
    },
    /** Every job id (orphaned run directories are those without one). */
    ids(): Set<string> {
      return new Set((q.ids.all() as { id: string }[]).map((r) => r.id));
    },
    markResumedFrom(id: string, iteration: number): void {
      q.markResumedFrom.run({ id, resumed_from: iteration });
    },
    setProgress(id: string, progress: JobProgress): void {
      q.setProgress.run({ id, progress: JSON.stringify(progress) });
    },
    addHistory(id: string, point: Omit<JobHistoryPoint, 'time'>): void {
      q.addHistory.run({ job_id: id, iteration: point.iteration, time: Date.now(), losses: JSON.stringify(point.losses) });
    },
    history(id: string): JobHistoryPoint[] {
      return (q.history.all(id) as { iteration: number; time: number; losses: string }[]).map((r) => ({
        iteration: r.iteration, time: new Date(r.time).toISOString(), losses: JSON.parse(r.losses) as Record<string, number>,
      }));
    },
    finish(id: string, state: Extract<JobState, 'succeeded' | 'failed' | 'cancelled'>, fields: { error?: string; modelId?: string; result?: unknown } = {}): void {
      const result = fields.result === undefined ? null : JSON.stringify(fields.result);
      q.finish.run({ id, state, now: Date.now(), error: fields.error ?? null, model_id: fields.modelId ?? null, result });
    },
    requestCancel(id: string): void {
      q.requestCancel.run(id);
    },
    /**
     * After a restart: jobs left "running" by the previous process go back to the queue to resume,
     * except those whose last `maxFailedStarts` starts all crashed (they may be what crashed it):
     * those are failed with `failMessage(starts)`.
     */
    requeueInterrupted(maxFailedStarts: number, failMessage: (starts: number) => string): { requeued: string[]; failed: string[] } {
      const rows = q.running.all() as { id: string; failed_starts: number }[];
      const failed = rows.filter((r) => r.failed_starts >= maxFailedStarts);
      for (const r of failed) this.finish(r.id, 'failed', { error: failMessage(r.failed_starts) });
      q.requeue.run();
      return { requeued: rows.filter((r) => !failed.includes(r)).map((r) => r.id), failed: failed.map((r) => r.id) };
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare(`INSERT INTO jobs (id, kind, state, params, created_at) VALUES (@id, @kind, 'queued', @params, @created_at)`),
    get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
    list: db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    nextQueued: db.prepare(`SELECT * FROM jobs WHERE state = 'queued' AND cancel_requested = 0 ORDER BY created_at, rowid LIMIT 1`),
    queuedCount: db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued' AND cancel_requested = 0`),
    markRunning: db.prepare(`UPDATE jobs SET state = 'running', started_at = COALESCE(started_at, @now),
      attempts = attempts + 1, failed_starts = failed_starts + 1, resumed_from = @resumed_from WHERE id = @id`),
    failedStarts: db.prepare('SELECT failed_starts FROM jobs WHERE id = ?'),
    clearFailedStarts: db.prepare('UPDATE jobs SET failed_starts = 0 WHERE id = ?'),
    runMs: db.prepare('SELECT run_ms FROM jobs WHERE id = ?'),
    addRunMs: db.prepare('UPDATE jobs SET run_ms = run_ms + @ms WHERE id = @id'),
    requeueOne: db.prepare(`UPDATE jobs SET state = 'queued' WHERE id = ? AND state = 'running'`),
    remove: db.prepare('DELETE FROM jobs WHERE id = ?'),
    finishedBefore: db.prepare(`SELECT id FROM jobs WHERE state IN ('succeeded', 'failed', 'cancelled') AND finished_at < ?`),
    ids: db.prepare('SELECT id FROM jobs'),
    markResumedFrom: db.prepare('UPDATE jobs SET resumed_from = @resumed_from WHERE id = @id'),
    setProgress: db.prepare('UPDATE jobs SET progress = @progress WHERE id = @id'),
    addHistory: db.prepare('INSERT OR REPLACE INTO job_history (job_id, iteration, time, losses) VALUES (@job_id, @iteration, @time, @losses)'),
    history: db.prepare('SELECT iteration, time, losses FROM job_history WHERE job_id = ? ORDER BY iteration'),
    finish: db.prepare(`UPDATE jobs SET state = @state, finished_at = @now, error = @error,
      model_id = COALESCE(@model_id, model_id), result = COALESCE(@result, result) WHERE id = @id`),
    requestCancel: db.prepare('UPDATE jobs SET cancel_requested = 1 WHERE id = ?'),
    running: db.prepare(`SELECT id, failed_starts FROM jobs WHERE state = 'running'`),
    requeue: db.prepare(`UPDATE jobs SET state = 'queued' WHERE state = 'running'`),
  };
}

/** Databases written before these columns existed get them with their defaults. */
function addMissingColumns(db: Database.Database): void {
  const have = new Set((db.prepare('PRAGMA table_info(jobs)').all() as { name: string }[]).map((c) => c.name));
  if (!have.has('failed_starts')) db.exec('ALTER TABLE jobs ADD COLUMN failed_starts INTEGER NOT NULL DEFAULT 0');
  if (!have.has('run_ms')) db.exec('ALTER TABLE jobs ADD COLUMN run_ms INTEGER NOT NULL DEFAULT 0');
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    state: r.state as JobState,
    params: JSON.parse(r.params) as Record<string, unknown>,
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: r.started_at === null ? null : new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
    progress: r.progress === null ? null : (JSON.parse(r.progress) as JobProgress),
    error: r.error,
    modelId: r.model_id,
    attempts: r.attempts,
    resumedFrom: r.resumed_from,
    cancelRequested: r.cancel_requested === 1,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  };
}
