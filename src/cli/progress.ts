import type { EvalProgress } from '../eval/runEvaluation.ts';
import type { IterationInfo } from '../train/types.ts';
import { formatDuration, progressLine, type ProgressStream } from '../shared/progress.ts';

/** Training: terminal redraws per second, and seconds between plain lines in logs. */
const TTY_REDRAWS_PER_SECOND = 4;
const PLAIN_LINE_SECONDS = 30;
const BAR_WIDTH = 24;

/**
 * genegan train's progress: on a terminal one redrawn line with a bar, it/s, pairs/s, ETA and the
 * main losses; otherwise (logs, CI) a plain line every 30 s and at the last iteration.
 */
export function trainProgress(options: { batchSize: number; stream?: ProgressStream; now?: () => number }): {
  update(info: IterationInfo): void;
  done(): void;
} {
  const line = progressLine({
    stream: options.stream,
    now: options.now,
    ttyIntervalMs: 1000 / TTY_REDRAWS_PER_SECOND,
    plainIntervalMs: PLAIN_LINE_SECONDS * 1000,
  });
  return {
    update: (info) => line.show(formatTrainProgress(info, options.batchSize), info.iteration === info.iterations),
    done: () => line.done(),
  };
}

/** "[#####-----] 120/1000 12.0% 1.52 it/s 24.3 pairs/s ETA 9m38s | G 1.234 rec 0.081 null 0.012 | D 0.95" */
export function formatTrainProgress(info: IterationInfo, batchSize: number): string {
  const frac = info.iterations === 0 ? 1 : info.iteration / info.iterations;
  const filled = Math.round(frac * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const eta = info.rate > 0 ? formatDuration((info.iterations - info.iteration) / info.rate) : '?';
  const g = info.losses.generator;
  const rec = (g.reconstructionAu ?? 0) + (g.reconstructionB0 ?? 0);
  return (
    `${bar} ${info.iteration}/${info.iterations} ${(frac * 100).toFixed(1)}% ${info.rate.toFixed(2)} it/s ` +
    `${(info.rate * batchSize).toFixed(1)} pairs/s ETA ${eta} | G ${num(g.total)} rec ${num(rec)} null ${num(g.nulling)} | D ${num(info.losses.critic.total)}`
  );
}

/**
 * genegan eval's progress: on a terminal every update redrawn, with pairs/s and ETA while pairs
 * are scored; on pipes and logs a line per phase change and every `step` share of the pairs.
 */
export function evalProgress(stream?: ProgressStream, step = 0.1): (p: EvalProgress) => void {
  const started = performance.now();
  const line = progressLine({ stream, ttyIntervalMs: 0, plainIntervalMs: Infinity });
  let lastPhase = '';
  let lastShare = -1;
  return (p) => {
    const seconds = (performance.now() - started) / 1000;
    const share = p.total > 0 ? p.done / p.total : 0;
    let text = `eval ${p.phase}: ${p.message}`;
    if (p.phase === 'evaluate' && p.done > 0) {
      const eta = (seconds / p.done) * (p.total - p.done);
      text += `  ${(p.done / seconds).toFixed(1)} pairs/s  ETA ${eta.toFixed(0)} s`;
    }
    const due = p.phase !== lastPhase || share - lastShare >= step || p.phase === 'done';
    if (due) {
      lastPhase = p.phase;
      lastShare = share;
    }
    line.show(text, due);
    if (p.phase === 'done') line.done();
  };
}

function num(v: number | undefined): string {
  return v === undefined ? '-' : v.toFixed(3);
}
