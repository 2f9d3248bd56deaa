import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FACERES } from '../constants.ts';
import type { FeatureNetwork } from '../types.ts';
import { graphFeatures } from './graphFeatures.ts';

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
    throw Object.assign(new Error(`FD-faceres needs models/faceres.json of the ${FACERES.package} package, which is not installed`), { userFacing: true });
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
