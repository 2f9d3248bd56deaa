import { tf, type NamedTensorMap, type Tensor, type Variable } from '../backend/tf.ts';
import type { OptimizerConfig } from './types.ts';

/**
 * A small optimiser over named variables whose whole state is a named tensor map, so that
 * checkpoints restore it exactly (resume = uninterrupted run) and gradients from workers can be
 * averaged before `apply`.
 */
export interface Optimizer {
  readonly config: OptimizerConfig;
  /**
   * Updates every variable that has a gradient in `grads` (keys: stable names), with the configured
   * learning rate times `scale` (a schedule's factor, default 1). Does not dispose grads.
   */
  apply(grads: NamedTensorMap, scale?: number): void;
  /** Copies of the slots by "<slot>/<variable name>" (and "step"); the caller disposes them. */
  state(): NamedTensorMap;
  /** Restores slots written by state(); missing or misshapen slots are an error. */
  restore(state: NamedTensorMap): void;
  dispose(): void;
}

type Slots = Record<string, Variable>;

export function createOptimizer(config: OptimizerConfig, variables: Record<string, Variable>): Optimizer {
  const cfg = { ...config };
  const slotNames = cfg.kind === 'rmsprop' ? ['rms'] : ['m', 'v'];
  const slots: Record<string, Slots> = {};
  for (const slot of slotNames) {
    slots[slot] = {};
    for (const [name, v] of Object.entries(variables)) {
      // TF1's RMSPropOptimizer starts its mean square at 1 (the official code's optimiser); Adam at 0.
      slots[slot][name] = variableFrom(cfg.kind === 'rmsprop' ? tf.onesLike(v) : tf.zerosLike(v));
    }
  }
  const step = variableFrom(tf.scalar(0));
  return {
    config: cfg,
    apply(grads, scale = 1) {
      if (!(scale >= 0)) throw new Error(`optimizer: expected a learning-rate scale >= 0, but got ${scale}`);
      const lr = cfg.learningRate * scale;
      tf.tidy(() => {
        step.assign(tf.add(step, 1));
        const t = step.dataSync()[0];
        for (const [name, g] of Object.entries(grads)) {
          const v = variables[name];
          if (v === undefined) throw new Error(`optimizer: gradient for unknown variable "${name}"`);
          if (cfg.kind === 'rmsprop') rmspropUpdate(cfg, lr, v, slots.rms[name], g);
          else adamUpdate(cfg, lr, v, slots.m[name], slots.v[name], g, t);
        }
      });
    },
    state() {
      const out: NamedTensorMap = { step: step.clone() };
      for (const slot of slotNames) for (const [name, s] of Object.entries(slots[slot])) out[`${slot}/${name}`] = s.clone();
      return out;
    },
    restore(state) {
      assignChecked(step, state.step, 'step');
      for (const slot of slotNames) for (const [name, s] of Object.entries(slots[slot])) assignChecked(s, state[`${slot}/${name}`], `${slot}/${name}`);
    },
    dispose() {
      step.dispose();
      for (const slot of slotNames) tf.dispose(Object.values(slots[slot]));
    },
  };
}

/** TF's RMSProp: ms = decay ms + (1 - decay) g^2; w -= lr g / sqrt(ms + eps). */
function rmspropUpdate(cfg: Extract<OptimizerConfig, { kind: 'rmsprop' }>, lr: number, v: Variable, ms: Variable, g: Tensor): void {
  ms.assign(tf.add(tf.mul(ms, cfg.decay), tf.mul(tf.square(g), 1 - cfg.decay)));
  v.assign(tf.sub(v, tf.mul(tf.div(g, tf.sqrt(tf.add(ms, cfg.epsilon))), lr)));
}

/** Adam with bias correction (Kingma & Ba), step t >= 1. */
function adamUpdate(cfg: Extract<OptimizerConfig, { kind: 'adam' }>, lr: number, v: Variable, m: Variable, s: Variable, g: Tensor, t: number): void {
  m.assign(tf.add(tf.mul(m, cfg.beta1), tf.mul(g, 1 - cfg.beta1)));
  s.assign(tf.add(tf.mul(s, cfg.beta2), tf.mul(tf.square(g), 1 - cfg.beta2)));
  const corrected = (lr * Math.sqrt(1 - cfg.beta2 ** t)) / (1 - cfg.beta1 ** t);
  v.assign(tf.sub(v, tf.mul(tf.div(m, tf.add(tf.sqrt(s), cfg.epsilon)), corrected)));
}

/** A non-trainable variable holding `initial` (which is disposed: tf.variable keeps its own reference). */
function variableFrom(initial: Tensor): Variable {
  const v = tf.variable(initial, false);
  initial.dispose();
  return v;
}

function assignChecked(target: Variable, value: Tensor | undefined, name: string): void {
  if (value === undefined) throw new Error(`optimizer state: missing slot "${name}"`);
  if (value.shape.join(',') !== target.shape.join(',')) {
    throw new Error(`optimizer state: slot "${name}": expected shape [${target.shape}], but got [${value.shape}]`);
  }
  target.assign(value);
}
