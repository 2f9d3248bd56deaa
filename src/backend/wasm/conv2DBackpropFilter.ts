import { tf } from '../tf.ts';
import { callKernel, heapF32, offsetF32, release } from './callKernel.ts';
import { FILTER_GRAD_ENV, IM2COL_PATCH_PER_OUT_CHANNEL, WASM_BACKEND } from './constants.ts';
import { transposeMatrix } from './transposeMatrix.ts';
import type { FilterGradMethod, KernelArgs, TensorInfo, WasmBackend } from './types.ts';

type Inputs = { x: TensorInfo; dy: TensorInfo };
type Attrs = {
  filterShape: [number, number, number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};
type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/**
 * Conv2DBackpropFilter (the gradient of conv2d with respect to its filter), missing from
 * tfjs-backend-wasm 4.22, built from its fast XNNPACK kernels in one of two ways (chosen per shape
 * by `chooseFilterGradMethod`, docs/engine.md "Conv2DBackpropFilter"):
 * - dilated: dW = conv2d(x^T [Ci,H,W,N], dy^T [Ho,Wo,N,Co], dilation = stride), transposed back;
 * - im2col: patches = conv2d(x, one-hot [kh,kw,Ci,kh*kw*Ci], stride), dW = patches^T @ dy
 *   (the transpose in a JS loop, see transposeMatrix.ts).
 *
 * x: [N, H, W, Ci] NHWC float32, dy: [N, Ho, Wo, Co]; returns dW [kh, kw, Ci, Co] = filterShape.
 */
export function conv2DBackpropFilter(args: KernelArgs<Inputs, Attrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  if (attrs.dataFormat === 'NCHW') {
    throw new Error(`Conv2DBackpropFilter on wasm: expected dataFormat NHWC, but got ${attrs.dataFormat}`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  return chooseFilterGradMethod(attrs.filterShape) === 'im2col'
    ? viaIm2col(backend, x, dy, info)
    : viaDilatedConv(backend, x, dy, info);
}

/** im2col when the patch (kh*kw*Ci) is short next to Co, else the dilated convolution. */
export function chooseFilterGradMethod(filterShape: readonly number[]): FilterGradMethod {
  const forced = process.env[FILTER_GRAD_ENV];
  if (forced === 'im2col' || forced === 'dilated') return forced;
  const [kh, kw, ci, co] = filterShape;
  return kh * kw * ci <= IM2COL_PATCH_PER_OUT_CHANNEL * co ? 'im2col' : 'dilated';
}

function viaDilatedConv(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const xt = callKernel(backend, 'Transpose', { x }, { perm: [3, 1, 2, 0] });
  const dyt = callKernel(backend, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  // Output rows = H + top + bottom - s*(Ho-1); choose bottom so that it is kh, or crop below.
  const bottom = info.filterHeight - info.inHeight - info.padInfo.top + info.strideHeight * (info.outHeight - 1);
  const right = info.filterWidth - info.inWidth - info.padInfo.left + info.strideWidth * (info.outWidth - 1);
  const grad = callKernel(backend, 'Conv2D', { x: xt, filter: dyt }, {
    strides: [1, 1],
    dilations: [info.strideHeight, info.strideWidth],
    pad: [[0, 0], [info.padInfo.top, Math.max(0, bottom)], [info.padInfo.left, Math.max(0, right)], [0, 0]],
    dataFormat: 'NHWC',
  });
  release(backend, xt, dyt);
  const exact = bottom >= 0 && right >= 0
    ? grad
    : callKernel(backend, 'Slice', { x: grad }, { begin: [0, 0, 0, 0], size: [-1, info.filterHeight, info.filterWidth, -1] });
  const dw = callKernel(backend, 'Transpose', { x: exact }, { perm: [1, 2, 0, 3] });
  release(backend, grad);
  if (exact !== grad) release(backend, exact);
  return dw;
}

function viaIm2col(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, outChannels: co } = info;
  const patchLength = kh * kw * ci;
  const oneHot = makeOneHotFilter(backend, kh, kw, ci);
  const patches = callKernel(backend, 'Conv2D', { x, filter: oneHot }, {
    strides: [info.strideHeight, info.strideWidth],
    dilations: [1, 1],
    pad: [[0, 0], [info.padInfo.top, info.padInfo.bottom], [info.padInfo.left, info.padInfo.right], [0, 0]],
    dataFormat: 'NHWC',
  });
  release(backend, oneHot);
  const rows = info.batchSize * info.outHeight * info.outWidth;
  const patchesT = transposeMatrix(backend, patches, rows, patchLength);
  release(backend, patches);
  const dyFlat = callKernel(backend, 'Reshape', { x: dy }, { shape: [1, rows, co] });
  const product = callKernel(backend, 'BatchMatMul', { a: patchesT, b: dyFlat }, { transposeA: false, transposeB: false });
  release(backend, patchesT, dyFlat);
  const dw = callKernel(backend, 'Reshape', { x: product }, { shape: [kh, kw, ci, co] });
  release(backend, product);
  return dw;
}

/** Filter [kh, kw, Ci, kh*kw*Ci] whose convolution copies each input patch into the channels. */
function makeOneHotFilter(backend: WasmBackend, kh: number, kw: number, ci: number): TensorInfo {
  const patchLength = kh * kw * ci;
  const out = backend.makeOutput([kh, kw, ci, patchLength], 'float32');
  const heap = heapF32(backend);
  const start = offsetF32(backend, out);
  heap.fill(0, start, start + patchLength * patchLength);
  for (let k = 0; k < patchLength; k++) heap[start + k * patchLength + k] = 1;
  return out;
}

export const conv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: WASM_BACKEND,
  kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc,
};
