import { tf, type Tensor2D, type Tensor4D } from '../../backend/tf.ts';
import { classify, featureSize } from '../classifier/network.ts';
import type { Classifier } from '../classifier/types.ts';
import type { FeatureNetwork } from '../types.ts';

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
