import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { INCEPTION_DEFAULTS } from '../constants.ts';
import type { FeatureNetwork } from '../types.ts';
import { graphFeatures } from './graphFeatures.ts';

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
    throw userError(`${file}: expected JSON, but parsing failed: ${(err as Error).message}`);
  }
  if (c.inputSize !== undefined && !(Number.isInteger(c.inputSize) && c.inputSize > 0)) {
    throw userError(`${file}: inputSize: expected a positive integer, but got ${JSON.stringify(c.inputSize)}`);
  }
  if (c.inputRange !== undefined && !(Array.isArray(c.inputRange) && c.inputRange.length === 2 && c.inputRange.every(Number.isFinite))) {
    throw userError(`${file}: inputRange: expected [low, high], but got ${JSON.stringify(c.inputRange)}`);
  }
  if (c.output !== undefined && typeof c.output !== 'string') throw userError(`${file}: output: expected a node name, but got ${JSON.stringify(c.output)}`);
  return c;
}

function userError(message: string): Error {
  return Object.assign(new Error(message), { userFacing: true });
}
