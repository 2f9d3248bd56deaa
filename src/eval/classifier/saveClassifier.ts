import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tf } from '../../backend/tf.ts';
import { CLASSIFIER_FILES, CLASSIFIER_FORMAT_VERSION } from './constants.ts';
import type { Classifier, ClassifierManifest } from './types.ts';

/**
 * Writes a classifier directory: manifest.json (config, training summary, held-out accuracy and the
 * weight specs) and weights.bin (tfjs's encodeWeights layout). Files are written to a temp name and
 * renamed, so a reader never sees half a file.
 */
export async function saveClassifier(dir: string, classifier: Classifier, manifest: Omit<ClassifierManifest, 'formatVersion' | 'config'>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(classifier.variables);
  const full = { formatVersion: CLASSIFIER_FORMAT_VERSION, ...manifest, config: classifier.config, weightSpecs: specs };
  await atomicWrite(path.join(dir, CLASSIFIER_FILES.weights), Buffer.from(data));
  await atomicWrite(path.join(dir, CLASSIFIER_FILES.manifest), JSON.stringify(full, null, 2) + '\n');
}

async function atomicWrite(file: string, content: string | Buffer): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, content);
  await rename(temp, file);
}
