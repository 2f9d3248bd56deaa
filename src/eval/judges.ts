import { existsSync } from 'node:fs';
import path from 'node:path';
import { tf, type Tensor1D, type Tensor4D } from '../backend/tf.ts';
import { loadClassifier } from './classifier/classifierFiles.ts';
import type { Classifier, ClassifierManifest } from './classifier/types.ts';
import { FACTORS_FILE } from './constants.ts';
import { classifierFeatures, faceresFeatures, inceptionFeatures } from './featureNetworks.ts';
import { readFactors, type FactorTable } from './readFactors.ts';
import type { FeatureNetwork, AttributeJudge, FactorJudge } from './types.ts';
import type { Judges } from './variantScores.ts';
import { classify } from './classifier/network.ts';
import { UserError } from '../shared/errors.ts';

/** Feature networks `--features` may name. */
export type FeatureChoice = 'attrclf' | 'faceres';

export interface JudgeOptions {
  dataDir: string;
  attribute: string;
  classifier?: string;
  factorsClassifier?: string;
  features: FeatureChoice[];
  inception?: string;
}

export interface PreparedJudges {
  judges: Judges;
  factorTable: FactorTable | null;
  attributeManifest: { dir: string; manifest: ClassifierManifest } | null;
  factorsManifest: { dir: string; manifest: ClassifierManifest } | null;
  notes: string[];
  dispose(): void;
}

/** Loads the classifiers and feature networks the options ask for; what is missing becomes a note. */
export async function prepareJudges(o: JudgeOptions): Promise<PreparedJudges> {
  const notes: string[] = [];
  const owned: { dispose(): void }[] = [];
  const attr = o.classifier ? await loadClassifier(o.classifier) : null;
  if (attr) {
    owned.push(attr.classifier);
    checkAttribute(attr.manifest, o.attribute, o.classifier as string);
  } else notes.push('no --classifier: transfer success and FD-attrclf were not measured (train one with "genegan classifier train")');
  const factors = await loadFactorsJudge(o, notes, owned);
  const features: FeatureNetwork[] = [];
  for (const choice of o.features) {
    if (choice === 'attrclf') {
      if (attr) features.push(classifierFeatures(attr.classifier));
    } else features.push(await faceresFeatures());
  }
  if (o.inception) features.push(await inceptionFeatures(o.inception));
  owned.push(...features);
  return {
    judges: { attribute: attr ? attributeJudge(attr.classifier) : null, factors: factors ? factorJudge(factors.classifier) : null, features },
    factorTable: factors?.table ?? null,
    attributeManifest: attr && o.classifier ? { dir: o.classifier, manifest: attr.manifest } : null,
    factorsManifest: factors && o.factorsClassifier ? { dir: o.factorsClassifier, manifest: factors.manifest } : null,
    notes,
    dispose: () => owned.forEach((x) => x.dispose()),
  };
}

async function loadFactorsJudge(
  o: JudgeOptions,
  notes: string[],
  owned: { dispose(): void }[],
): Promise<{ classifier: Classifier; manifest: ClassifierManifest; table: FactorTable } | null> {
  const factorsFile = path.join(o.dataDir, FACTORS_FILE);
  if (!existsSync(factorsFile)) {
    notes.push('no factors.csv in the data set (not synthetic): exemplar fidelity was not measured');
    return null;
  }
  if (!o.factorsClassifier) {
    notes.push('no --factors-classifier: exemplar fidelity was not measured (train one with "genegan classifier train --kind factors")');
    return null;
  }
  const { classifier, manifest } = await loadClassifier(o.factorsClassifier);
  owned.push(classifier);
  checkAttribute(manifest, o.attribute, o.factorsClassifier);
  const table = await readFactors(factorsFile, classifier.config.heads.map((h) => h.name));
  return { classifier, manifest, table };
}

function checkAttribute(manifest: ClassifierManifest, attribute: string, dir: string): void {
  if (manifest.attribute.toLowerCase() !== attribute.toLowerCase()) {
    throw new UserError('bad_classifier', `${dir}: this classifier was trained for "${manifest.attribute}", but the evaluation is of "${attribute}"`);
  }
}

/** The attribute classifier as a judge: P(with) is the softmax of its single head's "with" class. */
export function attributeJudge(classifier: Classifier): AttributeJudge {
  const head = classifier.config.heads[0];
  const withIndex = head?.labels.indexOf('with') ?? -1;
  if (classifier.config.heads.length !== 1 || withIndex < 0) {
    throw new Error(`attribute classifier: expected one head with a "with" label, but got heads ${JSON.stringify(classifier.config.heads)}`);
  }
  return {
    probabilityWith: (images: Tensor4D) =>
      tf.tidy(() => {
        const { logits } = classify(classifier, images);
        return tf.squeeze(tf.slice(tf.softmax(logits[head.name]), [0, withIndex], [-1, 1]), [1]) as Tensor1D;
      }),
  };
}

/** The factors classifier as a judge: the arg-max label of every head. */
export function factorJudge(classifier: Classifier): FactorJudge {
  return {
    heads: classifier.config.heads,
    async predict(images: Tensor4D) {
      const predicted = tf.tidy(() => {
        const { logits } = classify(classifier, images);
        return classifier.config.heads.map((h) => tf.argMax(logits[h.name], 1));
      });
      const out: Record<string, Int32Array> = {};
      for (const [i, h] of classifier.config.heads.entries()) out[h.name] = (await predicted[i].data()) as Int32Array;
      tf.dispose(predicted);
      return out;
    },
  };
}
