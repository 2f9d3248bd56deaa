import { CHANGE_MASK } from '../face/constants.ts';
import type { ChangeMaskOptions } from '../face/composite.ts';
import type { ModelManifest } from '../model/types.ts';
import { UserError } from '../shared/errors.ts';

/**
 * The change mask residual composition uses for a model: CHANGE_MASK with the model's own
 * `composite.changeMask` from its manifest on top (docs/face.md "Residual composition"). A model
 * may carry settings measured for its attribute: removing glasses must take what the model's
 * pixels show of the input's sharp frames away with them (consistently), removing a smile reads
 * best as the output's own mouth, removing side light must keep the face's own detail.
 */
export function changeMaskOf(manifest: Pick<ModelManifest, 'composite'>): ChangeMaskOptions {
  const own = (manifest.composite as { changeMask?: Record<string, unknown> } | undefined)?.changeMask ?? {};
  const mask: ChangeMaskOptions = { ...CHANGE_MASK };
  for (const [key, value] of Object.entries(own)) {
    if (!(key in CHANGE_MASK)) throw new UserError('bad_model', `composite.changeMask: expected keys ${Object.keys(CHANGE_MASK).join(', ')}, but got "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new UserError('bad_model', `composite.changeMask.${key}: expected a number >= 0, but got ${JSON.stringify(value)}`);
    }
    mask[key as keyof ChangeMaskOptions] = value;
  }
  if (!(mask.high > mask.low) || !(mask.eraseHigh > mask.eraseLow) || !(mask.consistentHigh > mask.consistentLow)) {
    throw new UserError('bad_model', `composite.changeMask: expected low < high, eraseLow < eraseHigh and consistentLow < consistentHigh, but got ${JSON.stringify(mask)}`);
  }
  return mask;
}
