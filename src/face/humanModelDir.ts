import { createRequire } from 'node:module';
import path from 'node:path';
import { FACE_MODELS_ENV } from './constants.ts';

const require = createRequire(import.meta.url);

/**
 * Folder holding facemesh.json/.bin and blazeface.json/.bin: $GENEGAN_FACE_MODELS when set, else the
 * models/ folder that @vladmandic/human ships (spec/face-pipeline.md: weights come from npm packages,
 * nothing is downloaded). The package's "exports" hide package.json, so resolve its node entry instead.
 */
export function humanModelDir(): string {
  const override = process.env[FACE_MODELS_ENV];
  if (override !== undefined && override !== '') return path.resolve(override);
  let entry: string;
  try {
    entry = require.resolve('@vladmandic/human');
  } catch {
    throw new Error(`face models: expected the npm package @vladmandic/human (or ${FACE_MODELS_ENV}=DIR), but it is not installed`);
  }
  // entry is <pkg>/dist/human.node.js
  return path.join(path.dirname(path.dirname(entry)), 'models');
}
