import { tf, type Tensor4D } from '../backend/tf.ts';
import { checkImages } from './validateConfig.ts';
import type { Genegan, Generator, Latent } from './types.ts';

/**
 * GeneGAN's crossover (docs/model.md "Crossover", M3 and M4): with a = Enc(Au) = [A, u] and
 * b = Enc(B0) = [B, e], Bu = Dec(B, u) gains Au's object part and A0 = Dec(A, 0) loses it. The
 * training losses, the critic step (training mode) and the inference swap all build their fakes
 * here; Bu is decoded first (the order the training step records BN moments in).
 * @returns bu and a0, NHWC [N,S,S,3] in [0,1].
 */
export function crossover(model: Pick<Generator, 'decode'>, a: Latent, b: Latent): { bu: Tensor4D; a0: Tensor4D };
export function crossover(model: Pick<Genegan, 'decode'>, a: Latent, b: Latent, training: boolean): { bu: Tensor4D; a0: Tensor4D };
export function crossover(model: Pick<Generator | Genegan, 'decode'>, a: Latent, b: Latent, training = false): { bu: Tensor4D; a0: Tensor4D } {
  const m = model as Pick<Genegan, 'decode'>;
  const bu = m.decode(b.background, a.object, training);
  const a0 = m.decode(a.background, tf.zerosLike(a.object), training);
  return { bu, a0 };
}

/**
 * Swap (M5): A0 = Dec(A, 0) loses the attribute, Bu = Dec(B, u) gains Au's.
 * @param au NHWC [N,S,S,3] in [0,1], images with the attribute.
 * @param b0 NHWC [N,S,S,3] in [0,1], images without it; pairs are (au[i], b0[i]).
 * @returns a0 and bu, NHWC [N,S,S,3] in [0,1]; the caller disposes them.
 */
export function swap(model: Generator, au: Tensor4D, b0: Tensor4D): { a0: Tensor4D; bu: Tensor4D } {
  checkImages(model.config, au, 'swap au');
  checkImages(model.config, b0, 'swap b0', au.shape[0]);
  return tf.tidy(() => crossover(model, model.encode(au), model.encode(b0)));
}

/** Remove (M6): Dec(A, 0). @param au NHWC [N,S,S,3] in [0,1]. @returns NHWC [N,S,S,3] in [0,1]; the caller disposes it. */
export function remove(model: Generator, au: Tensor4D): Tensor4D {
  checkImages(model.config, au, 'remove');
  return tf.tidy(() => {
    const a = model.encode(au);
    return model.decode(a.background, tf.zerosLike(a.object));
  });
}

/**
 * Adds an exemplar's attribute with a strength (M7): Dec(B, lambda * u); lambda in [0, 1], beyond 1
 * exaggerates, 0 gives B0's reconstruction without any object.
 * @param b0 NHWC [N,S,S,3] in [0,1], targets.
 * @param exemplar NHWC [1,S,S,3] (used for every target) or [N,S,S,3] (pairwise), in [0,1].
 * @returns NHWC [N,S,S,3] in [0,1]; the caller disposes it.
 */
export function addAttribute(model: Generator, b0: Tensor4D, exemplar: Tensor4D, strength = 1): Tensor4D {
  checkImages(model.config, b0, 'addAttribute b0');
  const n = b0.shape[0];
  checkImages(model.config, exemplar, 'addAttribute exemplar', exemplar.shape[0] !== 1 ? n : undefined);
  if (!Number.isFinite(strength)) throw new Error(`addAttribute strength: expected a finite number, but got ${strength}`);
  return tf.tidy(() => {
    const b = model.encode(b0);
    const x = model.encode(exemplar).object;
    const object = tf.mul(x.shape[0] === n ? x : tf.tile(x, [n, 1, 1, 1]), strength) as Tensor4D;
    return model.decode(b.background, object);
  });
}

/**
 * Interpolates between two exemplars' object parts on each target (M8): step j of `steps` uses
 * (1 - t) u_from + t u_to with t = j / (steps - 1).
 * @param targets NHWC [N,S,S,3] in [0,1]; @param from, to NHWC [1,S,S,3] in [0,1].
 * @returns NHWC [N*steps,S,S,3] in [0,1], index n*steps + j. The caller disposes it.
 */
export function interpolate(model: Generator, targets: Tensor4D, from: Tensor4D, to: Tensor4D, steps: number): Tensor4D {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`interpolate steps: expected an integer >= 2, but got ${steps}`);
  for (const [name, t] of [['from', from], ['to', to]] as const) {
    if (t.shape[0] !== 1) throw new Error(`interpolate ${name}: expected one exemplar [1,S,S,3], but got [${t.shape.join(',')}]`);
  }
  const weights = Array.from({ length: steps }, (_, j) => [1 - j / (steps - 1), j / (steps - 1)]);
  const exemplars = from.concat(to, 0) as Tensor4D;
  try {
    return decodeWithMixedObjects(model, targets, exemplars, weights);
  } finally {
    exemplars.dispose();
  }
}

/** Exemplars of the matrix grid: its four corners. */
export const MATRIX_EXEMPLARS = 4;

/**
 * The 4-exemplar attribute-subspace grid (M9): cell (r, c) mixes the exemplars' object parts with
 * matrixWeights — exemplar 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.
 * @param targets NHWC [N,S,S,3] in [0,1]; @param exemplars NHWC [4,S,S,3] in [0,1].
 * @returns NHWC [N*rows*cols,S,S,3] in [0,1], index n*rows*cols + r*cols + c. The caller disposes it.
 */
export function matrix(model: Generator, targets: Tensor4D, exemplars: Tensor4D, rows: number, cols = rows): Tensor4D {
  if (exemplars.shape[0] !== MATRIX_EXEMPLARS) {
    throw new Error(`matrix exemplars: expected ${MATRIX_EXEMPLARS} images, but got ${exemplars.shape[0]}`);
  }
  for (const [name, v] of [['rows', rows], ['cols', cols]] as const) {
    if (!Number.isInteger(v) || v < 2) throw new Error(`matrix ${name}: expected an integer >= 2, but got ${v}`);
  }
  return decodeWithMixedObjects(model, targets, exemplars, matrixWeights(rows, cols));
}

/**
 * The matrix's mixing weights, row-major: cell (r, c) with a = r / (rows - 1), b = c / (cols - 1)
 * weighs exemplars 0..3 by (1-a)(1-b), (1-a)b, a(1-b), ab.
 */
export function matrixWeights(rows: number, cols = rows): number[][] {
  const weights: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const a = r / (rows - 1);
      const b = c / (cols - 1);
      weights.push([(1 - a) * (1 - b), (1 - a) * b, a * (1 - b), a * b]);
    }
  }
  return weights;
}

/**
 * Mix (M10): decodes every target with M mixtures of the exemplars' object parts, mixture m being
 * sum_k weights[m][k] * u_k.
 * @param targets NHWC [N,S,S,3] in [0,1] (their background parts are kept).
 * @param exemplars NHWC [K,S,S,3] in [0,1] (their object parts are mixed). @param weights M rows of K numbers.
 * @returns NHWC [N*M,S,S,3] in [0,1], target-major: index n*M + m. The caller disposes it.
 */
export function decodeWithMixedObjects(model: Generator, targets: Tensor4D, exemplars: Tensor4D, weights: number[][]): Tensor4D {
  checkImages(model.config, targets, 'targets');
  checkImages(model.config, exemplars, 'exemplars');
  const k = exemplars.shape[0];
  const m = weights.length;
  weights.forEach((row, i) => {
    if (row.length !== k || !row.every(Number.isFinite)) throw new Error(`weights[${i}]: expected ${k} finite numbers, but got [${row.join(',')}]`);
  });
  if (m === 0) throw new Error('weights: expected at least one mixture, but got none');
  const n = targets.shape[0];
  return tf.tidy(() => {
    const background = model.encode(targets).background;
    const objects = model.encode(exemplars).object;
    const [, h, w, c] = objects.shape;
    const mixed = tf.matMul(tf.tensor2d(weights), tf.reshape(objects, [k, h * w * c])).reshape([1, m, h, w, c]);
    const bg = background.reshape([n, 1, h, w, background.shape[3]]).tile([1, m, 1, 1, 1]).reshape([n * m, h, w, background.shape[3]]);
    const obj = mixed.tile([n, 1, 1, 1, 1]).reshape([n * m, h, w, c]);
    return model.decode(bg as Tensor4D, obj as Tensor4D);
  });
}

/** One output row of decodeMixes: input `background`'s background part with the object part sum_j weights[j] * u_j. */
export interface LatentMix {
  background: number;
  /** One weight per input image. */
  weights: number[];
}

/**
 * Every inference operation as one encode and one decode (docs/model.md "Inference operations"):
 * with inputs [A, B], swap is A0 = {background 0, weights [0, 0]} and Bu = {1, [λ, 0]}; a
 * reconstruction of input i is {i, one-hot i}; strength, a four-exemplar mix and the matrix are
 * other weights. Rows do not affect each other.
 * @param images NHWC [N,S,S,3] in [0,1]. @param mixes M rows, each with N weights.
 * @returns NHWC [M,S,S,3] in [0,1], row order; the caller disposes it.
 */
export function decodeMixes(model: Generator, images: Tensor4D, mixes: LatentMix[]): Tensor4D {
  checkImages(model.config, images, 'decodeMixes');
  const n = images.shape[0];
  if (mixes.length === 0) throw new Error('decodeMixes: expected at least one mix, but got none');
  mixes.forEach((mix, i) => {
    if (!Number.isInteger(mix.background) || mix.background < 0 || mix.background >= n) {
      throw new Error(`mixes[${i}].background: expected an input index 0..${n - 1}, but got ${mix.background}`);
    }
    if (mix.weights.length !== n || !mix.weights.every(Number.isFinite)) {
      throw new Error(`mixes[${i}].weights: expected ${n} finite numbers, but got [${mix.weights.join(',')}]`);
    }
  });
  return tf.tidy(() => {
    const { background, object } = model.encode(images);
    const [, h, w, c] = object.shape;
    const objects = tf.matMul(tf.tensor2d(mixes.map((m) => m.weights)), tf.reshape(object, [n, h * w * c])).reshape([mixes.length, h, w, c]) as Tensor4D;
    const backgrounds = tf.gather(background, mixes.map((m) => m.background)) as Tensor4D;
    return model.decode(backgrounds, objects);
  });
}
