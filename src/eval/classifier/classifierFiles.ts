import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { tf } from '../../backend/tf.ts';
import { writeFileAtomic } from '../../shared/files.ts';
import { CLASSIFIER_FILES, CLASSIFIER_FORMAT_VERSION, createClassifier } from './network.ts';
import type { Classifier, ClassifierManifest } from './types.ts';
import { UserError } from '../../shared/errors.ts';

/**
 * Writes a classifier directory: manifest.json (config, training summary, held-out accuracy and the
 * weight specs) and weights.bin (tfjs's encodeWeights layout). Files are written to a temp name and
 * renamed, so a reader never sees half a file.
 */
export async function saveClassifier(dir: string, classifier: Classifier, manifest: Omit<ClassifierManifest, 'formatVersion' | 'config'>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(classifier.variables);
  const full = { formatVersion: CLASSIFIER_FORMAT_VERSION, ...manifest, config: classifier.config, weightSpecs: specs };
  await writeFileAtomic(path.join(dir, CLASSIFIER_FILES.weights), Buffer.from(data));
  await writeFileAtomic(path.join(dir, CLASSIFIER_FILES.manifest), JSON.stringify(full, null, 2) + '\n');
}

/** A classifier directory written by saveClassifier, checked field by field. */
export async function loadClassifier(dir: string): Promise<{ classifier: Classifier; manifest: ClassifierManifest }> {
  const manifestFile = path.join(dir, CLASSIFIER_FILES.manifest);
  const manifest = await readManifest(manifestFile);
  const weightsFile = path.join(dir, CLASSIFIER_FILES.weights);
  const bytes = await readFile(weightsFile).catch((err: NodeJS.ErrnoException) => {
    throw new UserError('bad_classifier', `${weightsFile}: cannot read the classifier weights (${err.code ?? err.message})`);
  });
  const specs = manifest.weightSpecs;
  const expectedBytes = specs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (bytes.length !== expectedBytes) {
    throw new UserError('bad_classifier', `${weightsFile}: expected ${expectedBytes} bytes for the weights in manifest.json, but got ${bytes.length}`);
  }
  const tensors = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), specs);
  const classifier = createClassifier(manifest.config);
  try {
    assignWeights(classifier, tensors, manifestFile);
  } catch (err) {
    classifier.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return { classifier, manifest };
}

type StoredManifest = ClassifierManifest & { weightSpecs: tf.io.WeightsManifestEntry[] };

async function readManifest(file: string): Promise<StoredManifest> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UserError('bad_classifier', `${file}: cannot read the classifier manifest (${err.code ?? err.message}); train one with "genegan classifier train"`);
  });
  let m: StoredManifest;
  try {
    m = JSON.parse(text) as StoredManifest;
  } catch (err) {
    throw new UserError('bad_classifier', `${file}: expected JSON, but parsing failed: ${(err as Error).message}`);
  }
  if (m.formatVersion !== CLASSIFIER_FORMAT_VERSION) {
    throw new UserError('bad_classifier', `${file}: expected formatVersion ${CLASSIFIER_FORMAT_VERSION}, but got ${JSON.stringify(m.formatVersion)}`);
  }
  if (m.kind !== 'attribute' && m.kind !== 'factors') throw new UserError('bad_classifier', `${file}: expected kind "attribute" or "factors", but got ${JSON.stringify(m.kind)}`);
  if (!Array.isArray(m.weightSpecs) || typeof m.config !== 'object' || m.config === null || !Array.isArray(m.config.heads)) {
    throw new UserError('bad_classifier', `${file}: expected "config" with "heads" and a "weightSpecs" list`);
  }
  for (const s of m.weightSpecs) {
    if (s.dtype !== 'float32') throw new UserError('bad_classifier', `${file}: expected float32 weights, but "${s.name}" is ${s.dtype}`);
  }
  return m;
}

function assignWeights(classifier: Classifier, tensors: tf.NamedTensorMap, file: string): void {
  for (const [name, variable] of Object.entries(classifier.variables)) {
    const t = tensors[name];
    if (t === undefined) throw new UserError('bad_classifier', `${file}: weight "${name}" is missing`);
    if (t.shape.join(',') !== variable.shape.join(',')) {
      throw new UserError('bad_classifier', `${file}: weight "${name}" expected shape [${variable.shape}], but got [${t.shape}]`);
    }
    variable.assign(t);
  }
  const extra = Object.keys(tensors).filter((n) => !(n in classifier.variables));
  if (extra.length > 0) throw new UserError('bad_classifier', `${file}: unexpected weights ${extra.join(', ')} for this config`);
}
