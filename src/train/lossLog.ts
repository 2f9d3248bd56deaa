import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One line of losses.jsonl. */
export interface LossLine {
  iteration: number;
  /** Seconds since the (re)start of this process's run. */
  seconds: number;
  generator: Record<string, number>;
  critic: Record<string, number>;
  criticSteps: number;
}

/**
 * Appends one JSON object per iteration to `file`. On resume, lines after the checkpoint's
 * iteration (written by the interrupted run after its last checkpoint) are dropped first, so the log
 * reads like one uninterrupted run.
 */
export function createLossLog(file: string, resumeAt: number | null): { append(line: LossLine): void } {
  if (resumeAt !== null && existsSync(file)) {
    const kept = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && (JSON.parse(l) as LossLine).iteration <= resumeAt);
    writeFileSync(file, kept.map((l) => l + '\n').join(''));
  } else if (resumeAt === null) {
    writeFileSync(file, '');
  }
  return { append: (line) => appendFileSync(file, JSON.stringify(line) + '\n') };
}

/** Reads a losses.jsonl file (for reports and tests). */
export function readLossLog(file: string): LossLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as LossLine;
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON`);
      }
    });
}
