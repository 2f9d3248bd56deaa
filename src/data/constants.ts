import { TEMPLATE_BASE_SIZE } from '../face/constants.ts';
import { fivePointsToArray, templateAt } from '../face/template.ts';

/**
 * Constants of the data module (docs/data.md).
 */

/** Side of the frame the 5-point template is given in; 64 px halves it (docs/face.md "Template"). */
export const TEMPLATE_SIZE = TEMPLATE_BASE_SIZE;

/**
 * The 128 px template (docs/face.md "Template") as an array in CelebA order (left eye, right eye, nose, left and right
 * mouth corner), pixel-centre coordinates; the values live once, in src/face/constants.ts.
 */
export const TEMPLATE_128 = fivePointsToArray(templateAt(TEMPLATE_BASE_SIZE));

/** Model sizes the readers produce. */
export const IMAGE_SIZES = [64, 128] as const;

/** The 40 attribute columns of CelebA's list_attr_celeba.txt, in the file's order. */
export const CELEBA_ATTRIBUTES = [
  '5_o_Clock_Shadow', 'Arched_Eyebrows', 'Attractive', 'Bags_Under_Eyes', 'Bald', 'Bangs', 'Big_Lips',
  'Big_Nose', 'Black_Hair', 'Blond_Hair', 'Blurry', 'Brown_Hair', 'Bushy_Eyebrows', 'Chubby', 'Double_Chin',
  'Eyeglasses', 'Goatee', 'Gray_Hair', 'Heavy_Makeup', 'High_Cheekbones', 'Male', 'Mouth_Slightly_Open',
  'Mustache', 'Narrow_Eyes', 'No_Beard', 'Oval_Face', 'Pale_Skin', 'Pointy_Nose', 'Receding_Hairline',
  'Rosy_Cheeks', 'Sideburns', 'Smiling', 'Straight_Hair', 'Wavy_Hair', 'Wearing_Earrings', 'Wearing_Hat',
  'Wearing_Lipstick', 'Wearing_Necklace', 'Wearing_Necktie', 'Young',
] as const;

/** Header of the landmark files (both list_landmarks_celeba.txt and the aligned one). */
export const CELEBA_LANDMARK_COLUMNS = [
  'lefteye_x', 'lefteye_y', 'righteye_x', 'righteye_y', 'nose_x', 'nose_y',
  'leftmouth_x', 'leftmouth_y', 'rightmouth_x', 'rightmouth_y',
] as const;

/** CelebA's file and folder names. */
export const CELEBA_FILES = {
  alignedImages: 'img_align_celeba',
  wildImages: 'img_celeba',
  attributes: 'list_attr_celeba.txt',
  alignedLandmarks: 'list_landmarks_align_celeba.txt',
  wildLandmarks: 'list_landmarks_celeba.txt',
  partition: 'list_eval_partition.txt',
} as const;

/** The synthetic set adds these next to CelebA's files. */
export const SYNTH_FILES = { factors: 'factors.csv', masks: 'masks' } as const;

/** list_eval_partition.txt codes. */
export const SPLIT_CODES = { train: 0, val: 1, test: 2 } as const;

/** Where aligned crops of in-the-wild photos are cached, under the dataset folder. */
export const CACHE_DIR = '.genegan-cache';

/** Image file extensions the folder and Multi-PIE readers accept. */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'] as const;

/**
 * Attributes a horizontal flip turns into their opposite (a face lit from the left, mirrored, is lit
 * from the right): `flip` is ignored for them, or the "with" set would be half mislabelled.
 */
export const CHIRAL_ATTRIBUTES: readonly string[] = ['Lit_Left', 'Lit_Right'];

/** Defaults of DatasetOptions (filled on a copy of the caller's options). */
export const DATASET_DEFAULTS = {
  split: 'train',
  seed: 0,
  flip: false,
  prefetch: 2,
  cacheSize: 512,
} as const;
