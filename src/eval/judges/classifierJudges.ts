import { tf, type Tensor1D, type Tensor4D } from '../../backend/tf.ts';
import { classify } from '../classifier/network.ts';
import type { Classifier } from '../classifier/types.ts';
import type { AttributeJudge, FactorJudge } from '../types.ts';

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
