import { tf, type Tensor4D } from '../backend/tf.ts';
import { assignVariables } from '../model/assignVariables.ts';
import { checkImages } from '../model/checkImages.ts';
import { createGenegan } from '../model/createGenegan.ts';
import { latentChannels, objectChannels } from '../model/validateConfig.ts';
import type { Genegan, GeneganConfig } from '../model/types.ts';
import { createGeneratorRunner, type GeneratorRunner } from './createGeneratorRunner.ts';
import { unpackGenerator } from './unpackGenerator.ts';
import type { GeneratorEngine, PackedGenerator } from './types.ts';

/** An inference Genegan whose encoder and decoder run from packed low-bit codes. */
export interface PackedGenegan extends Genegan {
  readonly engine: GeneratorEngine;
}

/**
 * Wraps a packed generator as a Genegan (src/model/types.ts) so swap/remove/matrix and the service
 * use it unchanged. encode/decode run on `engine` (GeneratorEngine); the variables (entries) hold
 * the dequantized weights, so the model also describes itself like any other. Inference only:
 * training-mode calls and the critics are clear errors. `where` names the directory in errors.
 */
export function packedGenegan(packed: PackedGenerator, config: GeneganConfig, engine: GeneratorEngine, where: string): PackedGenegan {
  const base = createGenegan({ ...config, quant: undefined }, { critics: false });
  let runner: GeneratorRunner;
  try {
    const values = unpackGenerator(packed);
    const tensors = tf.tidy(() => Object.fromEntries([...values].map(([name, t]) => [name, tf.tensor(t.values, t.shape)])));
    try {
      assignVariables(base, tensors, where, (e) => e.group === 'generator');
    } finally {
      tf.dispose(Object.values(tensors));
    }
    runner = createGeneratorRunner(packed, config, engine);
  } catch (err) {
    base.dispose();
    throw err;
  }
  const split = latentChannels(config) - objectChannels(config);
  const inferenceOnly = (training: boolean, op: string) => {
    if (training) throw new Error(`${op}: ${where} is a packed low-bit model (inference only); train from the float model`);
  };
  return {
    engine,
    config: { ...base.config, quant: { ...packed.quant } },
    hasCritics: false,
    recorder: null,
    encode(images, training) {
      inferenceOnly(training, 'encode');
      checkImages(base, images, 'encode');
      return tf.tidy(() => {
        const latent = runner.encode(images);
        const [background, object] = tf.split(latent, [split, latent.shape[3] - split], 3) as [Tensor4D, Tensor4D];
        return { background, object };
      });
    },
    encodeFrozen() {
      throw new Error(`encodeFrozen: ${where} is a packed low-bit model (inference only); train from the float model`);
    },
    decode(background, object, training) {
      inferenceOnly(training, 'decode');
      checkLatent(background, object, split, objectChannels(config));
      return tf.tidy(() => runner.decode(tf.concat([background, object], 3)));
    },
    critic() {
      throw new Error(`${where} is a packed low-bit model: it has no critics`);
    },
    generatorVariables: () => base.generatorVariables(),
    criticVariables: () => [],
    entries: () => base.entries(),
    applyStateUpdates() {
      throw new Error(`${where} is a packed low-bit model (inference only): no running state to update`);
    },
    dispose() {
      runner.dispose();
      base.dispose();
    },
  };
}

function checkLatent(background: Tensor4D, object: Tensor4D, split: number, objectC: number): void {
  const shapes = `[${background.shape.join(',')}] and [${object.shape.join(',')}]`;
  const ok = background.rank === 4 && object.rank === 4 && background.shape[3] === split && object.shape[3] === objectC && background.shape[0] === object.shape[0];
  if (!ok) throw new Error(`decode: expected background [N,8,8,${split}] and object [N,8,8,${objectC}], but got ${shapes}`);
}
