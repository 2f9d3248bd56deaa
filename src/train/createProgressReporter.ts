import type { IterationInfo } from './types.ts';

/** Redraws per second on a terminal; plain lines every this many seconds otherwise. */
const TTY_REDRAWS_PER_SECOND = 4;
const PLAIN_LINE_SECONDS = 30;
const BAR_WIDTH = 24;

export interface ProgressOptions {
  stream?: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  batchSize: number;
  now?: () => number;
}

/**
 * A training progress bar on stderr: on a TTY one redrawn line with a bar, it/s, pairs/s, ETA and
 * the main losses; otherwise (logs, CI) a plain line every 30 s and at the end.
 */
export function createProgressReporter(options: ProgressOptions): { update(info: IterationInfo): void; done(): void } {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = stream.isTTY === true;
  let last = 0;
  let pending: IterationInfo | null = null;
  const draw = (info: IterationInfo) => {
    const line = formatProgress(info, options.batchSize);
    stream.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    pending = null;
  };
  return {
    update(info) {
      pending = info;
      const t = now();
      const interval = tty ? 1000 / TTY_REDRAWS_PER_SECOND : PLAIN_LINE_SECONDS * 1000;
      if (t - last >= interval || info.iteration === info.iterations) {
        last = t;
        draw(info);
      }
    },
    done() {
      if (pending !== null) draw(pending);
      if (tty) stream.write('\n');
    },
  };
}

/** "[#####-----] 120/1000 12.0% 1.52 it/s 24.3 pairs/s ETA 9m38s | G 1.234 rec 0.081 null 0.012 | D 0.95" */
export function formatProgress(info: IterationInfo, batchSize: number): string {
  const frac = info.iterations === 0 ? 1 : info.iteration / info.iterations;
  const filled = Math.round(frac * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const eta = info.rate > 0 ? duration((info.iterations - info.iteration) / info.rate) : '?';
  const g = info.losses.generator;
  const rec = (g.reconstructionAu ?? 0) + (g.reconstructionB0 ?? 0);
  return (
    `${bar} ${info.iteration}/${info.iterations} ${(frac * 100).toFixed(1)}% ${info.rate.toFixed(2)} it/s ` +
    `${(info.rate * batchSize).toFixed(1)} pairs/s ETA ${eta} | G ${num(g.total)} rec ${num(rec)} null ${num(g.nulling)} | D ${num(info.losses.critic.total)}`
  );
}

function num(v: number | undefined): string {
  return v === undefined ? '-' : v.toFixed(3);
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}
