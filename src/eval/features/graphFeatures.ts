import { tf, type Tensor2D, type Tensor4D } from '../../backend/tf.ts';
import { fileIoHandler } from '../../face/fileIoHandler.ts';
import type { FeatureNetwork } from '../types.ts';

export interface GraphFeatureOptions {
  name: string;
  description: string;
  /** model.json of a tfjs graph model or layers model. */
  modelJson: string;
  /** Square input side the network expects. */
  inputSize: number;
  /** [0, 1] images are mapped linearly onto this range before the network. */
  inputRange: [number, number];
  /** Graph node to read the features from; default the model's (first) output. */
  output?: string;
}

/**
 * A feature network from a tfjs model on local disk (no download at run time): resize to the
 * network's input size (bilinear), rescale, run, flatten to [N, D].
 */
export async function graphFeatures(options: GraphFeatureOptions): Promise<FeatureNetwork> {
  const handler = fileIoHandler(options.modelJson);
  const artifacts = await handler.load!();
  const isLayers = artifacts.format === 'layers-model';
  const model = isLayers ? await tf.loadLayersModel(fileIoHandler(options.modelJson)) : await tf.loadGraphModel(fileIoHandler(options.modelJson));
  const [low, high] = options.inputRange;
  const run = (images: Tensor4D): Tensor2D =>
    tf.tidy(() => {
      const size = options.inputSize;
      const resized = images.shape[1] === size && images.shape[2] === size ? images : tf.image.resizeBilinear(images, [size, size]);
      const input = tf.add(tf.mul(resized, high - low), low);
      const raw = isLayers
        ? ((model as tf.LayersModel).predict(input) as tf.Tensor)
        : ((model as tf.GraphModel).execute(input, options.output) as tf.Tensor);
      const out = Array.isArray(raw) ? raw[0] : raw;
      return tf.reshape(out, [images.shape[0], -1]) as Tensor2D;
    });
  const probe = tf.zeros([1, options.inputSize, options.inputSize, 3]) as Tensor4D;
  const dim = run(probe);
  const size = dim.shape[1];
  tf.dispose([probe, dim]);
  return { name: options.name, description: options.description, dim: size, features: run, dispose: () => model.dispose() };
}
