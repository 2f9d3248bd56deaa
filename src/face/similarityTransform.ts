import type { Affine2x3, Point, SimilarityTransform } from './types.ts';

/**
 * Least-squares similarity transform (rotation + uniform scale + shift, never a reflection)
 * that maps `source[i]` onto `target[i]` (docs/face.md "Similarity transform",
 * (F1) and (F2)). Parametrised as x' = a x - b y + tx, y' = b x + a y + ty, which cannot reflect,
 * so the closed-form solution after centring both point sets is exact least squares:
 *   a = sum(s . t) / sum|s|^2,  b = sum(s x t) / sum|s|^2.
 * Optional `weights` (one per pair, >= 0) make it weighted least squares, e.g. to favour the eyes.
 * Needs at least two distinct source points with positive weight.
 */
export function similarityTransform(source: readonly Point[], target: readonly Point[], weights?: readonly number[]): SimilarityTransform {
  checkPoints(source, target);
  const n = source.length;
  const w = checkWeights(weights, n);
  const [sx, sy] = centroid(source, w);
  const [tx, ty] = centroid(target, w);
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const px = source[i][0] - sx;
    const py = source[i][1] - sy;
    const qx = target[i][0] - tx;
    const qy = target[i][1] - ty;
    dot += w[i] * (px * qx + py * qy);
    cross += w[i] * (px * qy - py * qx);
    norm += w[i] * (px * px + py * py);
  }
  if (!(norm > 1e-12)) {
    throw new RangeError('similarityTransform: expected at least two distinct source points, but all source points coincide');
  }
  const a = dot / norm;
  const b = cross / norm;
  if (a === 0 && b === 0) {
    throw new RangeError('similarityTransform: expected target points with some spread, but they all coincide');
  }
  const matrix: Affine2x3 = [
    [a, -b, tx - (a * sx - b * sy)],
    [b, a, ty - (b * sx + a * sy)],
  ];
  return {
    matrix,
    inverse: invertAffine(matrix),
    scale: Math.hypot(a, b),
    rotation: Math.atan2(b, a),
    rmsError: rms(matrix, source, target, w),
  };
}

/** Applies a 2x3 affine matrix to one point. */
export function applyAffine(m: Affine2x3, [x, y]: Point): Point {
  return [m[0][0] * x + m[0][1] * y + m[0][2], m[1][0] * x + m[1][1] * y + m[1][2]];
}

/** Inverse of an invertible 2x3 affine matrix; throws on a singular one. */
export function invertAffine(m: Affine2x3): Affine2x3 {
  const [[a, b, c], [d, e, f]] = m;
  const det = a * e - b * d;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-15) {
    throw new RangeError(`invertAffine: expected an invertible matrix, but its determinant is ${det}`);
  }
  const ia = e / det;
  const ib = -b / det;
  const id = -d / det;
  const ie = a / det;
  return [
    [ia, ib, -(ia * c + ib * f)],
    [id, ie, -(id * c + ie * f)],
  ];
}

function checkPoints(source: readonly Point[], target: readonly Point[]): void {
  if (source.length !== target.length) {
    throw new RangeError(`similarityTransform: expected as many target points as source points (${source.length}), but got ${target.length}`);
  }
  if (source.length < 2) {
    throw new RangeError(`similarityTransform: expected at least 2 point pairs, but got ${source.length}`);
  }
  for (const [name, pts] of [['source', source], ['target', target]] as const) {
    pts.forEach((p, i) => {
      if (!Array.isArray(p) || p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        throw new RangeError(`similarityTransform: expected ${name}[${i}] to be a finite [x, y], but got ${JSON.stringify(p)}`);
      }
    });
  }
}

function checkWeights(weights: readonly number[] | undefined, n: number): number[] {
  if (weights === undefined) return new Array<number>(n).fill(1);
  if (weights.length !== n) {
    throw new RangeError(`similarityTransform: expected ${n} weights (one per point pair), but got ${weights.length}`);
  }
  weights.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`similarityTransform: expected weights[${i}] to be a finite number >= 0, but got ${v}`);
  });
  if (!weights.some((v) => v > 0)) throw new RangeError('similarityTransform: expected at least one positive weight, but all are 0');
  return [...weights];
}

function centroid(points: readonly Point[], w: readonly number[]): Point {
  let x = 0;
  let y = 0;
  let total = 0;
  points.forEach((p, i) => {
    x += w[i] * p[0];
    y += w[i] * p[1];
    total += w[i];
  });
  return [x / total, y / total];
}

/** Weighted root-mean-square residual (plain RMS when all weights are equal). */
function rms(m: Affine2x3, source: readonly Point[], target: readonly Point[], w: readonly number[]): number {
  let sum = 0;
  let total = 0;
  source.forEach((p, i) => {
    const [x, y] = applyAffine(m, p);
    sum += w[i] * ((x - target[i][0]) ** 2 + (y - target[i][1]) ** 2);
    total += w[i];
  });
  return Math.sqrt(sum / total);
}
