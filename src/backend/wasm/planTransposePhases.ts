import type { PhasePlan } from './types.ts';

/**
 * Splits one spatial dimension of a transposed convolution (Conv2DBackpropInput: dy of length
 * `inSize` -> dx of length `outSize`, forward kernel `kernel`, stride `stride`, forward padding
 * `padBefore` rows before) into `stride` phases: output rows t = stride*q + r of phase r are a
 * stride-1 correlation of dy with every stride-th kernel tap, reversed. All phases share one window
 * length so one stride-1 convolution computes all of them at once (phase = channel group); phase r
 * then reads its rows at offset shift[r]. Pure arithmetic, no tensors.
 *
 * Derivation: forward y[o] = sum_a x[o*s + a - p] w[a], so dx[t] = sum over (o, a) with
 * o*s + a - p = t of dy[o] w[a]. For t = s*q + r the taps are a = a0 + s*m with
 * a0 = (r + p) mod s, read at dy row o = q + c - m, c = (r + p - a0) / s.
 */
export function planTransposePhases(kernel: number, stride: number, padBefore: number, outSize: number, inSize: number): PhasePlan {
  const phases = Array.from({ length: stride }, (_, r) => phaseTaps(kernel, stride, padBefore, r));
  const taps = Math.max(1, ...phases.map((p) => p.count));
  // Window of phase r, extended to `taps` positions, starts at dy row q + c - taps + 1.
  const starts = phases.map((p) => p.c - taps + 1);
  const padTop = Math.max(0, -Math.min(...starts));
  const rowsPerPhase = Math.ceil(outSize / stride);
  const lastRowRead = rowsPerPhase - 1 + Math.max(...starts) + taps - 1;
  const padBottom = Math.max(0, lastRowRead - (inSize - 1));
  return {
    taps,
    pad: { before: padTop, after: padBottom },
    tapIndex: phases.map((p) =>
      Array.from({ length: taps }, (_, j) => {
        const a = p.a0 + stride * (taps - 1 - j);
        return p.count > 0 && a < kernel ? a : -1;
      }),
    ),
    shift: starts.map((start) => start + padTop),
    convSize: inSize + padTop + padBottom - taps + 1,
  };
}

function phaseTaps(kernel: number, stride: number, padBefore: number, r: number) {
  const a0 = (((r + padBefore) % stride) + stride) % stride;
  const count = a0 < kernel ? Math.ceil((kernel - a0) / stride) : 0;
  return { a0, count, c: (r + padBefore - a0) / stride };
}
