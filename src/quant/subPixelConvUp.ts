import { tf, type Tensor4D } from '../backend/tf.ts';

/**
 * The decoder's "deconv 4x4 s2, SAME" rewritten as four stride-1 2x2 convolutions, one per output
 * phase (sub-pixel convolution), interleaved with depthToSpace. tfjs-backend-wasm runs conv2d
 * through XNNPACK but conv2dTranspose through a plain loop, so this form is several times faster
 * there; it also lets integer-code kernels reuse the fast conv.
 *
 * Derivation: a transposed conv with stride 2 and SAME padding (pad before = 1 for a 4-tap kernel)
 * sends input row i through tap k to output row o = 2i + k - 1. Output rows 2m (phase 0) receive
 * taps k = 3 (from row m-1) and k = 1 (row m); rows 2m+1 (phase 1) receive k = 2 (row m) and
 * k = 0 (row m+1). Columns likewise.
 */
const PHASE_TAPS: readonly (readonly [number, number])[] = [[3, 1], [2, 0]];
/** Padding [before, after] of the 2-tap stride-1 conv of each phase. */
const PHASE_PAD: readonly (readonly [number, number])[] = [[1, 0], [0, 1]];
const PHASES = [0, 1] as const;
const SUB_PIXEL_BLOCK = 2;

/**
 * Splits a transposed-conv kernel [4, 4, Cout, Cin] (tfjs layout) into the four phase kernels
 * [2, 2, Cin, Cout] in depthToSpace order (py, px) = (0,0), (0,1), (1,0), (1,1).
 */
export function subPixelKernels(kernel: Tensor4D): Tensor4D[] {
  return tf.tidy(() => {
    const k = kernel.transpose([0, 1, 3, 2]); // [ky, kx, Cin, Cout]
    return PHASES.flatMap((py) =>
      PHASES.map((px) => {
        const rows = tf.gather(k, [...PHASE_TAPS[py]], 0);
        return tf.gather(rows, [...PHASE_TAPS[px]], 1) as Tensor4D;
      }),
    );
  });
}

/**
 * conv2dTranspose(x, kernel, [N, 2H, 2W, Cout], 2, 'same') from the phase kernels.
 * @param x NHWC [N, H, W, Cin], any range (float or integer-valued).
 * @param phaseKernels from subPixelKernels.
 * @returns NHWC [N, 2H, 2W, Cout].
 */
export function subPixelConvUp(x: Tensor4D, phaseKernels: Tensor4D[]): Tensor4D {
  return tf.tidy(() => {
    const outs = PHASES.flatMap((py) =>
      PHASES.map((px) => {
        const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [...PHASE_PAD[py]], [...PHASE_PAD[px]], [0, 0]];
        return tf.conv2d(x, phaseKernels[py * 2 + px], 1, pad);
      }),
    );
    return tf.depthToSpace(tf.concat(outs, 3) as Tensor4D, SUB_PIXEL_BLOCK);
  });
}
