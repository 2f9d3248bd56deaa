import { CELEBA_ATTRIBUTES } from '../constants.ts';
import { HAIR_COLOR_COLUMN, LIGHT_COLUMNS } from './constants.ts';
import type { FaceFactors } from './types.ts';

/** Columns of the synthetic list_attr_celeba.txt: CelebA's 40, then the lighting columns. */
export const SYNTH_ATTRIBUTE_COLUMNS: readonly string[] = [...CELEBA_ATTRIBUTES, ...LIGHT_COLUMNS];

const PALE = new Set(['porcelain', 'fair']);

/**
 * The +1/-1 row of one face. Eyeglasses, Smiling, Bangs and the lighting columns are the
 * attributes the set is made for; a few more follow from the identity (hair colour, pale skin,
 * an open mouth when smiling, arched brows); every other CelebA column is -1 (never drawn).
 */
export function synthAttributes(factors: FaceFactors): Record<string, 1 | -1> {
  const { identity: id, attributes: a } = factors;
  const on = new Set<string>();
  if (a.glasses) on.add('Eyeglasses');
  if (a.smiling) on.add('Smiling').add('Mouth_Slightly_Open');
  if (a.bangs) on.add('Bangs');
  const hair = HAIR_COLOR_COLUMN[id.hairColor];
  if (hair) on.add(hair);
  if (PALE.has(id.skinTone)) on.add('Pale_Skin');
  if (id.browStyle === 'arched') on.add('Arched_Eyebrows');
  if (id.browThickness > 2.6) on.add('Bushy_Eyebrows');
  on.add('No_Beard').add('Young');
  if (id.hairStyle === 'long' || id.hairStyle === 'bob') on.add('Straight_Hair');
  if (id.hairStyle === 'curly') on.add('Wavy_Hair');
  const light = a.lighting.direction;
  if (light !== 'front') on.add('Side_Lit');
  on.add(light === 'left' ? 'Lit_Left' : light === 'right' ? 'Lit_Right' : 'Lit_Front');
  const row: Record<string, 1 | -1> = {};
  for (const column of SYNTH_ATTRIBUTE_COLUMNS) row[column] = on.has(column) ? 1 : -1;
  return row;
}
