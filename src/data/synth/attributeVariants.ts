import { BANGS_STYLES, GLASSES_TYPES } from './constants.ts';
import type { FaceFactors } from './types.ts';

/**
 * The same identity and pose with one attribute switched at a time: plain (no glasses, no smile,
 * no bangs, front light), every glasses type, a smile, every bangs style, light from left and
 * right. Shows that the attributes are independent of the person; also usable as ground-truth
 * pairs ("this face with exactly these glasses") by evaluation.
 */
export function attributeVariants(base: FaceFactors): Array<{ label: string; factors: FaceFactors }> {
  const plainAttrs = { glasses: null, smiling: false, bangs: null, lighting: { direction: 'front' as const, strength: 0.8 } };
  const plain: FaceFactors = { ...base, attributes: plainAttrs };
  const frameColours = ['black', 'gold', 'red', 'tortoise', 'silver', 'blue'];
  const with_ = (label: string, change: Partial<FaceFactors['attributes']>): { label: string; factors: FaceFactors } => ({
    label,
    factors: { ...plain, attributes: { ...plainAttrs, ...change } },
  });
  return [
    { label: 'plain', factors: plain },
    ...GLASSES_TYPES.map((type, i) =>
      with_(type, { glasses: { type, color: frameColours[i % frameColours.length], tint: i === 2 ? 'tinted' : 'clear', lensColor: i === 2 ? 'smoke' : 'none' } }),
    ),
    with_('smile', { smiling: true }),
    ...BANGS_STYLES.map((style) => with_(`bangs ${style}`, { bangs: { style, length: 54 } })),
    with_('lit left', { lighting: { direction: 'left', strength: 0.9 } }),
    with_('lit right', { lighting: { direction: 'right', strength: 0.9 } }),
  ];
}
