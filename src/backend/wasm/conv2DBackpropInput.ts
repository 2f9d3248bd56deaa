import { tf } from '../tf.ts';
import { callKernel, heapF32, offsetF32, originalKernel, release } from './callKernel.ts';
import { COPY_WITHIN_MIN_CHANNELS, WASM_BACKEND } from './constants.ts';
import { createPhaseFilterCache } from './phaseFilterCache.ts';
import { planTransposePhases } from './planTransposePhases.ts';
import type { KernelArgs, PhasePlan, TensorInfo, WasmBackend } from './types.ts';

type Inputs = { dy: TensorInfo; filter: TensorInfo };
type Attrs = {
  inputShape: [number, number, number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** Phase filters per live source filter (see phaseFilterCache.ts); one per process, like the backend. */
export const phaseFilters = createPhaseFilterCache();

/**
 * Conv2DBackpropInput (the gradient of conv2d with respect to its input, and tf.conv2dTranspose)
 * for the wasm backend by sub-pixel phase decomposition: the stride-s transposed convolution is
 * one stride-1 XNNPACK convolution of dy with s*s phase filters stacked along output channels,
 * followed by an interleave of the phases into dx. tfjs-backend-wasm's own kernel is a naive loop,
 * about 10x slower than its Conv2D (docs/engine.md "Conv2DBackpropInput").
 *
 * dy: [N, Ho, Wo, Co] NHWC float32, filter: [kh, kw, Ci, Co]; returns dx [N, H, W, Ci] with
 * [N, H, W, Ci] = attrs.inputShape. Any value range.
 */
export function conv2DBackpropInput(args: KernelArgs<Inputs, Attrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  if (attrs.dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    return fallback(args);
  }
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  const planH = planTransposePhases(info.filterHeight, info.strideHeight, info.padInfo.top, info.inHeight, info.outHeight);
  const planW = planTransposePhases(info.filterWidth, info.strideWidth, info.padInfo.left, info.inWidth, info.outWidth);
  phaseFilters.sweep(backend);
  // Reshapes share a dataId, so the key includes the filter's shape as well as the plan.
  const planKey = JSON.stringify([filter.shape, planH, planW]);
  const phaseFilter = phaseFilters.get(backend, filter, planKey, () => buildPhaseFilter(backend, filter, planH, planW));
  const conv = callKernel(backend, 'Conv2D', { x: dy, filter: phaseFilter }, {
    strides: [1, 1],
    dilations: [1, 1],
    pad: [[0, 0], [planH.pad.before, planH.pad.after], [planW.pad.before, planW.pad.after], [0, 0]],
    dataFormat: 'NHWC',
  });
  if (isIdentityInterleave(planH, planW, attrs.inputShape)) return conv;
  const dx = backend.makeOutput([...attrs.inputShape], 'float32');
  interleavePhases(backend, conv, dx, planH, planW);
  release(backend, conv);
  return dx;
}

function fallback(args: KernelArgs<Inputs, Attrs>): TensorInfo {
  const original = originalKernel('Conv2DBackpropInput');
  if (original === undefined) throw new Error('Conv2DBackpropInput: no wasm fallback kernel for this case');
  const out = original(args as never);
  return Array.isArray(out) ? out[0] : out;
}

/** Stride 1 with an exact-size output: the convolution result already is dx. */
function isIdentityInterleave(planH: PhasePlan, planW: PhasePlan, shape: number[]): boolean {
  return planH.shift.length === 1 && planW.shift.length === 1 && planH.shift[0] === 0 && planW.shift[0] === 0 &&
    planH.convSize === shape[1] && planW.convSize === shape[2];
}

/**
 * Phase filter [Mh, Mw, Co, sh*sw*Ci]: output channel group g = rh*sw + rw holds phase (rh, rw)'s
 * taps w[a_h, a_w, ci, co] (zero where the phase has no tap). Input/output channels swap because
 * the stride-1 convolution runs over dy (Co channels) and produces dx channels (Ci).
 */
function buildPhaseFilter(backend: WasmBackend, filter: TensorInfo, planH: PhasePlan, planW: PhasePlan): TensorInfo {
  const [, kw, ci, co] = filter.shape;
  const groupsH = planH.tapIndex.length, groupsW = planW.tapIndex.length;
  const outChannels = groupsH * groupsW * ci;
  const out = backend.makeOutput([planH.taps, planW.taps, co, outChannels], 'float32');
  const heap = heapF32(backend);
  const src = offsetF32(backend, filter);
  let dst = offsetF32(backend, out);
  for (let jh = 0; jh < planH.taps; jh++) {
    for (let jw = 0; jw < planW.taps; jw++) {
      for (let o = 0; o < co; o++) {
        for (let rh = 0; rh < groupsH; rh++) {
          const ah = planH.tapIndex[rh][jh];
          for (let rw = 0; rw < groupsW; rw++) {
            const aw = planW.tapIndex[rw][jw];
            if (ah < 0 || aw < 0) {
              heap.fill(0, dst, dst + ci);
              dst += ci;
              continue;
            }
            let s = src + (ah * kw + aw) * ci * co + o;
            for (let c = 0; c < ci; c++, s += co) heap[dst++] = heap[s];
          }
        }
      }
    }
  }
  return out;
}

/** dx[n, sh*qh + rh, sw*qw + rw, :] = conv[n, qh + shiftH[rh], qw + shiftW[rw], group(rh, rw)]. */
function interleavePhases(backend: WasmBackend, conv: TensorInfo, dx: TensorInfo, planH: PhasePlan, planW: PhasePlan): void {
  const [n, h, w, ci] = dx.shape;
  const [, convH, convW, convC] = conv.shape;
  const sh = planH.shift.length, sw = planW.shift.length;
  const heap = heapF32(backend);
  const src0 = offsetF32(backend, conv);
  let dst = offsetF32(backend, dx);
  const wide = ci >= COPY_WITHIN_MIN_CHANNELS;
  for (let b = 0; b < n; b++) {
    for (let t = 0; t < h; t++) {
      const rh = t % sh;
      const rowBase = src0 + (b * convH + (t - rh) / sh + planH.shift[rh]) * convW * convC + rh * sw * ci;
      for (let u = 0; u < w; u++) {
        const rw = u % sw;
        const s = rowBase + ((u - rw) / sw + planW.shift[rw]) * convC + rw * ci;
        if (wide) heap.copyWithin(dst, s, s + ci);
        else for (let c = 0; c < ci; c++) heap[dst + c] = heap[s + c];
        dst += ci;
      }
    }
  }
}

export const conv2DBackpropInputConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: WASM_BACKEND,
  kernelFunc: conv2DBackpropInput as unknown as tf.KernelFunc,
};
