import type { EvalProgress } from './runEvaluation.ts';

/**
 * Progress on stderr: one rewritten line with rate and ETA on a TTY; on pipes and logs a plain
 * line per phase change and every `step` share of the pairs.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr, step = 0.1): (p: EvalProgress) => void {
  const started = performance.now();
  let lastPhase = '';
  let lastShare = -1;
  return (p) => {
    const seconds = (performance.now() - started) / 1000;
    const share = p.total > 0 ? p.done / p.total : 0;
    let line = `eval ${p.phase}: ${p.message}`;
    if (p.phase === 'evaluate' && p.done > 0) {
      const eta = (seconds / p.done) * (p.total - p.done);
      line += `  ${(p.done / seconds).toFixed(1)} pairs/s  ETA ${eta.toFixed(0)} s`;
    }
    if (stream.isTTY) {
      stream.write(`\r\x1b[K${line}${p.phase === 'done' ? '\n' : ''}`);
      return;
    }
    if (p.phase !== lastPhase || share - lastShare >= step || p.phase === 'done') {
      stream.write(line + '\n');
      lastPhase = p.phase;
      lastShare = share;
    }
  };
}
