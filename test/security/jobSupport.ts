import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** A job that would run for hours: no checkpoint or sample grid comes from its intervals. */
export const longJob = {
  dataset: { synthetic: { count: 32, seed: 5 } }, attribute: 'Eyeglasses', preset: 'tiny', recipe: 'fast',
  iterations: 1_000_000, batchSize: 2, checkpointEvery: 100_000, sampleEvery: 100_000,
};

/** Polls `check` every 100 ms until it returns a value, or fails after `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined | null | false> | T | undefined | null | false): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`expected ${what} within ${ms} ms, but it did not happen`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function getJob(app: FastifyInstance, id: string) {
  return (await app.inject({ url: `/v1/jobs/${id}` })).json().job;
}

/** Resolves once the job has trained at least `iterations` iterations (in its current start). */
export function waitForTraining(app: FastifyInstance, id: string, iterations = 3, ms = 60_000) {
  return waitFor(`job ${id} training past iteration ${iterations}`, ms, async () => {
    const job = await getJob(app, id);
    return job.state === 'running' && job.progress?.phase === 'training' && job.progress.iteration >= iterations && job;
  });
}

/** Iterations of the checkpoints in a run directory, oldest first. */
export function checkpointIterations(runDir: string): number[] {
  let names: string[] = [];
  try {
    names = readdirSync(path.join(runDir, 'checkpoints'));
  } catch {
    return [];
  }
  return names.filter((n) => /^ckpt-\d+$/.test(n)).map((n) => JSON.parse(readFileSync(path.join(runDir, 'checkpoints', n, 'checkpoint.json'), 'utf8')).iteration as number).sort((a, b) => a - b);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
