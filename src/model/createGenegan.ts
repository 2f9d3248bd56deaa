import { tf, type Tensor, type Tensor4D } from '../backend/tf.ts';
import { createCritic, type Critic } from './critic.ts';
import { createTrainableGenerator } from './generator.ts';
import { bnMomentum, l2Normalize, type ForwardContext } from './normalization.ts';
import { createRandom } from '../shared/random.ts';
import { checkImages, checkLatent, latentChannels, objectChannels, validateConfig } from './validateConfig.ts';
import { VariableStore } from './variables.ts';
import type { Genegan, GeneganConfig, Latent, StateRecorder, VariableEntry } from './types.ts';

export interface CreateGeneganOptions {
  /** Seed of the initial weights (N(0, 0.02) kernels); the same seed gives the same model. Default 0. */
  seed?: number;
  /** Build the two critics (training). Inference models (loadModel) have none. Default true. */
  critics?: boolean;
}

/**
 * Builds GeneGAN in the official layout (docs/model.md "Networks") from plain tf ops and
 * tf.Variables: the generator (generator.ts; fake-quantized with config.quant) and, for training,
 * the critics D_u and D_0. Variables are created (and drawn from the seeded stream) in the order
 * encoder, decoder, critic_u, critic_0.
 */
export function createGenegan(config: GeneganConfig, options: CreateGeneganOptions = {}): Genegan {
  const cfg = validateConfig(config);
  const random = createRandom(options.seed ?? 0);
  const store = new VariableStore();
  const generator = createTrainableGenerator(store, cfg, random, cfg.quant);
  const critics: Record<'u' | '0', Critic> | null =
    options.critics === false ? null : { u: createCritic(store, 'critic_u', cfg, random), 0: createCritic(store, 'critic_0', cfg, random) };
  const split = latentChannels(cfg) - objectChannels(cfg);
  const model: Genegan = {
    config: cfg,
    hasCritics: critics !== null,
    recorder: null as StateRecorder | null,
    encode(images, training = false) {
      checkImages(cfg, images, 'encode');
      return splitLatent(generator.encode(images, ctx(training)));
    },
    encodeFrozen(images) {
      checkImages(cfg, images, 'encode');
      // Batch moments as in training (the moving averages lag, and after a switch to QAT they
      // belong to other weights: reading fakes with them blew up a Smiling run, docs/training.md).
      return splitLatent(generator.encode(images, { training: true, recorder: null, frozen: true }));
    },
    decode(background, object, training = false) {
      checkLatent(cfg, background, object);
      return generator.decode(tf.concat([background, object], 3), ctx(training));
    },
    critic(side, images, training) {
      if (critics === null) throw new Error('this model has no critics (an inference model); load a checkpoint to train');
      checkImages(cfg, images, `critic ${side}`);
      return critics[side].apply(images, ctx(training));
    },
    generatorVariables: () => trainable(store.entries(), 'generator'),
    criticVariables: () => trainable(store.entries(), 'critic'),
    entries: () => store.entries(),
    applyStateUpdates(updates) {
      tf.tidy(() => applyStateUpdates(store, updates));
    },
    dispose: () => store.dispose(),
  };
  const ctx = (training: boolean): ForwardContext => ({ training, recorder: model.recorder });
  /** The last objectChannels of the latent are the object part (docs/model.md "Latent split"). */
  function splitLatent(latent: Tensor4D): Latent {
    const [background, object] = tf.split(latent, [split, latent.shape[3] - split], 3) as [Tensor4D, Tensor4D];
    latent.dispose();
    return { background, object };
  }
  return model;
}

/** Names of running-state variables a proposal can update. */
const SN_SUFFIX = '/sn_u';
const BN_SUFFIXES = ['/moving_mean', '/moving_variance'];

function trainable(entries: VariableEntry[], group: VariableEntry['group']): tf.Variable[] {
  return entries.filter((e) => e.group === group && e.role === 'trainable').map((e) => e.variable);
}

/**
 * BN moving stats move towards the batch moments with the warm-up momentum of their layer (one
 * step per layer and call, see bnMomentum); SN vectors are replaced by the normalised proposal.
 */
function applyStateUpdates(store: VariableStore, updates: Record<string, Tensor>): void {
  const touched = new Map<string, number>();
  for (const [name, value] of Object.entries(updates)) {
    const entry = store.get(name);
    if (entry.role !== 'state') throw new Error(`"${name}" is not a running-state variable`);
    if (name.endsWith(SN_SUFFIX)) {
      entry.variable.assign(l2Normalize(value));
      continue;
    }
    const suffix = BN_SUFFIXES.find((s) => name.endsWith(s));
    if (suffix === undefined) throw new Error(`"${name}" cannot be updated from a proposal`);
    const layer = name.slice(0, -suffix.length);
    const updatesSoFar = touched.get(layer) ?? store.get(`${layer}/updates`).variable.dataSync()[0];
    touched.set(layer, updatesSoFar);
    const m = bnMomentum(updatesSoFar);
    entry.variable.assign(tf.add(tf.mul(entry.variable, m), tf.mul(value, 1 - m)));
  }
  for (const [layer, count] of touched) store.get(`${layer}/updates`).variable.assign(tf.scalar(count + 1));
}
