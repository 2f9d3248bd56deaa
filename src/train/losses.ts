import { tf, type Tensor, type Tensor2D, type Tensor4D } from '../backend/tf.ts';
import { stopGradient } from '../model/normalization.ts';
import { crossover } from '../model/operations.ts';
import type { Genegan } from '../model/types.ts';
import { shownFakes } from './residualFakes.ts';
import type { Fakes, GanLoss, LossWeights, Recipe } from './types.ts';

type Scalar = tf.Scalar;

/** Names of the generator's loss terms, in log order (docs/training.md "Losses"). */
export const GENERATOR_TERMS = ['nulling', 'reconstructionAu', 'reconstructionB0', 'adversarial', 'parallelogram', 'weightDecay', 'objectCycle', 'swapCycle'] as const;
export type GeneratorTerm = (typeof GENERATOR_TERMS)[number];

/** Names of the critic's loss terms: one per critic. */
export const CRITIC_TERMS = ['criticU', 'critic0'] as const;
export type CriticTerm = (typeof CRITIC_TERMS)[number];

export interface GeneratorForward {
  /** Weighted terms; `total` is their sum. */
  terms: Record<GeneratorTerm, Scalar>;
  total: Scalar;
  /** Au' = Dec(A, x), B0' = Dec(B, 0), A0 = Dec(A, 0), Bu = Dec(B, x); NHWC in [0,1]. */
  images: { auRec: Tensor4D; b0Rec: Tensor4D } & Fakes;
  /** The fakes as the critics saw them (Recipe.fakes): the decodes, or the residual composites. */
  shown: Fakes;
}

/**
 * The generator's forward graph and loss terms in training mode.
 * @param au NHWC [N,S,S,3] in [0,1], images with the attribute.
 * @param b0 NHWC [N,S,S,3] in [0,1], images without it (same N).
 */
export function generatorForward(model: Genegan, au: Tensor4D, b0: Tensor4D, recipe: Recipe): GeneratorForward {
  const w = recipe.weights;
  const { background: a, object: x } = model.encode(au, true);
  const { background: b, object: e } = model.encode(b0, true);
  const auRec = model.decode(a, x, true);
  const b0Rec = model.decode(b, tf.zerosLike(x), true); // a ZERO object part, not e (docs/model.md "Crossover")
  const { bu, a0 } = crossover(model, { background: a, object: x }, { background: b, object: e }, true);
  const shown = shownFakes(recipe.fakes ?? { kind: 'decoded' }, { au, b0, auRec, b0Rec, bu, a0 });
  const terms: Record<GeneratorTerm, Scalar> = {
    nulling: weighted(w.nulling, nullingTerm(e)),
    reconstructionAu: weighted(w.reconstruction, l1(au, auRec)),
    reconstructionB0: weighted(w.reconstruction, l1(b0, b0Rec)),
    adversarial: weighted(w.adversarial, tf.add(generatorGan(recipe.gan, model.critic('u', shown.bu, true)), generatorGan(recipe.gan, model.critic('0', shown.a0, true)))),
    parallelogram: weighted(w.parallelogram, parallelogramTerm(au, b0, bu, a0)),
    weightDecay: weightDecay(model, w),
    ...cycleTerms(model, { au, b0, x, bu, a0 }, w),
  };
  const total = tf.addN(Object.values(terms)) as Scalar;
  return { terms, total, images: { auRec, b0Rec, bu, a0 }, shown };
}

/**
 * The nulling term (docs/training.md "Losses", (L1)): mean |e| over all elements, e being B0's
 * object part [N,8,8,c], which should be zero for an image without the attribute. Unweighted.
 */
export function nullingTerm(e: Tensor4D): Scalar {
  return tf.mean(tf.abs(e));
}

/**
 * The parallelogram term (docs/training.md "Losses", (L4)): mean |Au + B0 - Bu - A0| over all
 * elements of the NHWC [N,S,S,3] images in [0,1]; the crossover exchanges the object part between
 * the pair, so the sums of the pair's images before and after should match. Unweighted.
 */
export function parallelogramTerm(au: Tensor4D, b0: Tensor4D, bu: Tensor4D, a0: Tensor4D): Scalar {
  return tf.mean(tf.abs(tf.sub(tf.add(au, b0), tf.add(bu, a0))));
}

/**
 * The critics' loss terms on real (au, b0) and fake (bu, a0) batches, NHWC in [0,1].
 * WGAN: mean D(fake) - mean D(real) per critic (docs/training.md "Losses", (L7));
 * hinge (L8) and least squares (L9) for `fast`.
 */
export function criticForward(model: Genegan, au: Tensor4D, b0: Tensor4D, fakes: Fakes, gan: GanLoss): { terms: Record<CriticTerm, Scalar>; total: Scalar } {
  const terms: Record<CriticTerm, Scalar> = {
    criticU: criticGan(gan, model.critic('u', au, true), model.critic('u', fakes.bu, true)),
    critic0: criticGan(gan, model.critic('0', b0, true), model.critic('0', fakes.a0, true)),
  };
  return { terms, total: tf.add(terms.criticU, terms.critic0) as Scalar };
}

function generatorGan(gan: GanLoss, fakeScores: Tensor2D): Scalar {
  if (gan === 'lsgan') return tf.mul(tf.mean(tf.square(tf.sub(fakeScores, 1))), 0.5) as Scalar;
  return tf.neg(tf.mean(fakeScores)) as Scalar; // WGAN and hinge: -mean D(fake)
}

function criticGan(gan: GanLoss, real: Tensor2D, fake: Tensor2D): Scalar {
  switch (gan) {
    case 'wgan':
      return tf.sub(tf.mean(fake), tf.mean(real)) as Scalar;
    case 'hinge':
      return tf.add(tf.mean(tf.relu(tf.sub(1, real))), tf.mean(tf.relu(tf.add(1, fake)))) as Scalar;
    case 'lsgan':
      return tf.mul(tf.add(tf.mean(tf.square(tf.sub(real, 1))), tf.mean(tf.square(fake))), 0.5) as Scalar;
  }
}

/**
 * The optional terms that read the fakes back with the frozen encoder, (B', x') = Enc(Bu) and
 * (A', e') = Enc(A0); each a constant 0 (nothing computed) when its weight is 0 or absent.
 * objectCycle: mean|x' - x| (x without gradient) + mean|e'|.
 * swapCycle (ELEGANT's swap back): mean|Au - Dec(A', x')| + mean|B0 - Dec(B', 0)|.
 */
function cycleTerms(
  model: Genegan,
  t: { au: Tensor4D; b0: Tensor4D; x: Tensor4D; bu: Tensor4D; a0: Tensor4D },
  w: LossWeights,
): Record<'objectCycle' | 'swapCycle', Scalar> {
  const [objectWeight, swapWeight] = [w.objectCycle ?? 0, w.swapCycle ?? 0];
  const terms = { objectCycle: tf.scalar(0), swapCycle: tf.scalar(0) };
  if (objectWeight === 0 && swapWeight === 0) return terms;
  const fromBu = model.encodeFrozen(t.bu);
  const fromA0 = model.encodeFrozen(t.a0);
  if (objectWeight > 0) terms.objectCycle = weighted(objectWeight, tf.add(l1(stopGradient(t.x), fromBu.object), tf.mean(tf.abs(fromA0.object))));
  if (swapWeight > 0) {
    // The crossover again, the other way: Bu's object part back onto A0's background, and none on Bu's.
    const { bu: auBack, a0: b0Back } = crossover(model, fromBu, fromA0, true);
    terms.swapCycle = weighted(swapWeight, tf.add(l1(t.au, auBack), l1(t.b0, b0Back)));
  }
  return terms;
}

/** Sum over generator kernels of mean(W^2), times the weight (docs/training.md "Losses", (L5); 2.5e-5 in both recipes). */
function weightDecay(model: Genegan, w: LossWeights): Scalar {
  const kernels = model.entries().filter((e) => e.group === 'generator' && e.role === 'trainable' && e.name.endsWith('/kernel'));
  return weighted(w.weightDecay, tf.addN(kernels.map((k) => tf.mean(tf.square(k.variable)))) as Scalar);
}

function l1(a: Tensor, b: Tensor): Scalar {
  return tf.mean(tf.abs(tf.sub(a, b)));
}

function weighted(weight: number, term: Tensor): Scalar {
  return tf.mul(term, weight) as Scalar;
}
