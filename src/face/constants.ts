import type { FivePoints } from './types.ts';

/** Side in pixels of the square the reference template is given at (spec/genegan.md). */
export const TEMPLATE_BASE_SIZE = 128;

/**
 * CelebA-like mean 5-point face at 128x128, image order (spec/genegan.md, "Data and alignment":
 * "approximate CelebA means"). Scale it with templateAt(size); do not repeat these literals.
 */
export const TEMPLATE_128: FivePoints = {
  leftEye: [49.6, 65.8],
  rightEye: [77.7, 65.8],
  nose: [63.6, 82.3],
  leftMouth: [52.1, 95.3],
  rightMouth: [75.9, 95.3],
};

/** Order in which the five points are flattened into arrays (matches CelebA's landmark columns). */
export const FIVE_POINT_ORDER = ['leftEye', 'rightEye', 'nose', 'leftMouth', 'rightMouth'] as const;
