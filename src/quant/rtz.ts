/**
 * Round half toward zero: rtz(x) = sgn(x) * ceil(|x| - 1/2) (spec "Balanced quantization" step 3).
 * Ties go toward zero: rtz(0.5) = 0, rtz(1.5) = 1, rtz(-1.5) = -1. Returns +0 for -0.5..0.5.
 */
export function rtz(x: number): number {
  const r = Math.sign(x) * Math.ceil(Math.abs(x) - 0.5);
  return r === 0 ? 0 : r;
}

/**
 * Round half to even, the rounding of TensorFlow's (and tfjs's) `round`, which DoReFa's
 * quantize_k uses; the JS weight path uses it so it agrees with the in-graph activation path.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}
