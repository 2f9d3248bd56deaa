/**
 * One progress line for long-running commands, on stderr by default. On a terminal the line is
 * redrawn in place; on pipes and logs (CI, docker logs) plain lines are printed, fewer of them, so a
 * log stays readable. The caller decides what the line says; this decides when it is written.
 */

/** Where the line goes: a Node stream, or anything with write (tests). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressLineOptions {
  stream?: ProgressStream;
  /** Milliseconds between redraws on a terminal (0: every update). */
  ttyIntervalMs?: number;
  /** Milliseconds between plain lines (Infinity: the first line and those shown with `force`). */
  plainIntervalMs?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
}

export interface ProgressLine {
  /** Offers the current line; it is written when its interval has passed, or at once with `force`. */
  show(line: string, force?: boolean): void;
  /** Writes the last line offered if it was held back, and ends a terminal line. */
  done(): void;
}

export function progressLine(options: ProgressLineOptions = {}): ProgressLine {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  const interval = tty ? (options.ttyIntervalMs ?? 0) : (options.plainIntervalMs ?? Infinity);
  let last = -Infinity;
  let pending: string | null = null;
  const write = (line: string) => {
    stream.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
    pending = null;
  };
  return {
    show(line, force = false) {
      pending = line;
      const t = now();
      if (force || t - last >= interval) {
        last = t;
        write(line);
      }
    },
    done() {
      if (pending !== null) write(pending);
      if (tty) stream.write('\n');
    },
  };
}

/** A duration for humans: "9m38s", "2h05m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}
