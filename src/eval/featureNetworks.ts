import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { tf, type Tensor2D, type Tensor4D } from '../backend/tf.ts';
import { fileIoHandler } from '../face/fileIoHandler.ts';
import type { FeatureNetwork } from './types.ts';
import { FACERES, INCEPTION_DEFAULTS } from './constants.ts';
import { classify, featureSize } from './classifier/network.ts';
import type { Classifier } from './classifier/types.ts';
import { UserError } from '../shared/errors.ts';

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

const require = createRequire(import.meta.url);

/**
 * FD-faceres: the 1024-d face embedding of @vladmandic/human's faceres model (MobileNet-v1 at 224 px,
 * trained for age/gender/identity description), read from the installed npm package.
 */
export async function faceresFeatures(): Promise<FeatureNetwork> {
  let modelJson = '';
  try {
    modelJson = path.resolve(path.dirname(require.resolve(FACERES.package)), FACERES.modelJson);
  } catch {
    // reported below
  }
  if (!existsSync(modelJson)) {
    throw new UserError('bad_feature_network', `FD-faceres needs models/faceres.json of the ${FACERES.package} package, which is not installed`);
  }
  return graphFeatures({
    name: 'FD-faceres',
    description: `faceres (@vladmandic/human) ${FACERES.output} embedding, images resized to ${FACERES.inputSize} px`,
    modelJson,
    inputSize: FACERES.inputSize,
    inputRange: [...FACERES.inputRange],
    output: FACERES.output,
  });
}

interface InceptionConfig {
  inputSize?: number;
  inputRange?: [number, number];
  output?: string;
}

/**
 * FID proper, when the user supplies Inception-v3 weights as a tfjs model in DIR (model.json +
 * shards) whose output (or the node named in DIR/genegan-features.json "output") is the 2048-d
 * pool3 feature. Input 299 x 299 in [-1, 1] unless genegan-features.json says otherwise
 * ({"inputSize": 299, "inputRange": [0, 255], "output": "pool_3"}).
 */
export async function inceptionFeatures(dir: string): Promise<FeatureNetwork> {
  const config = await readConfig(path.join(dir, INCEPTION_DEFAULTS.configFile));
  return graphFeatures({
    name: 'FID',
    description: `Inception features from ${dir}${config.output ? ` (node ${config.output})` : ''}`,
    modelJson: path.join(dir, 'model.json'),
    inputSize: config.inputSize ?? INCEPTION_DEFAULTS.inputSize,
    inputRange: config.inputRange ?? [...INCEPTION_DEFAULTS.inputRange],
    output: config.output,
  });
}

async function readConfig(file: string): Promise<InceptionConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  let c: InceptionConfig;
  try {
    c = JSON.parse(text) as InceptionConfig;
  } catch (err) {
    throw new UserError('bad_feature_network', `${file}: expected JSON, but parsing failed: ${(err as Error).message}`);
  }
  if (c.inputSize !== undefined && !(Number.isInteger(c.inputSize) && c.inputSize > 0)) {
    throw new UserError('bad_feature_network', `${file}: inputSize: expected a positive integer, but got ${JSON.stringify(c.inputSize)}`);
  }
  if (c.inputRange !== undefined && !(Array.isArray(c.inputRange) && c.inputRange.length === 2 && c.inputRange.every(Number.isFinite))) {
    throw new UserError('bad_feature_network', `${file}: inputRange: expected [low, high], but got ${JSON.stringify(c.inputRange)}`);
  }
  if (c.output !== undefined && typeof c.output !== 'string') throw new UserError('bad_feature_network', `${file}: output: expected a node name, but got ${JSON.stringify(c.output)}`);
  return c;
}

/**
 * FD-attrclf: the attribute classifier's penultimate features (global average of its last conv
 * stage, 4w values). Trained on this data set, so it sees the attribute and the faces' domain;
 * not comparable across data sets or classifiers (unlike FID's fixed Inception network).
 * The classifier is owned by the caller (dispose() here does nothing).
 */
export function classifierFeatures(classifier: Classifier): FeatureNetwork {
  return {
    name: 'FD-attrclf',
    dim: featureSize(classifier.config),
    description: `penultimate features (${featureSize(classifier.config)}-d global average) of the attribute classifier`,
    features: (images: Tensor4D) =>
      tf.tidy(() => {
        const { features, logits } = classify(classifier, images);
        tf.dispose(Object.values(logits));
        return features as Tensor2D;
      }),
    dispose() {},
  };
}
