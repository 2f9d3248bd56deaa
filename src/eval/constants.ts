/**
 * Constants of the evaluation module (issue 8; spec/genegan.md "How follow-up work is evaluated").
 */

/** SSIM as in Wang et al. 2004: an 11x11 Gaussian window with sigma 1.5, K1 = 0.01, K2 = 0.03. */
export const SSIM_WINDOW = { size: 11, sigma: 1.5 } as const;
export const SSIM_K1 = 0.01;
export const SSIM_K2 = 0.03;
/** Dynamic range L of the images: every image tensor of the project is in [0, 1]. */
export const PIXEL_RANGE = 1;

/**
 * PSNR of identical images is infinite; JSON cannot hold Infinity, so the MSE is floored here
 * (1e-10 -> 100 dB), far above anything a generator reaches (STGAN's 31.7 dB anchor).
 */
export const MIN_MSE = 1e-10;

/** Eigenvalues below this share of the largest are treated as zero in PSD matrix square roots. */
export const EIGEN_RELATIVE_FLOOR = 1e-12;
/** Implicit QL sweeps per eigenvalue before giving up (30 is the textbook bound). */
export const EIGEN_MAX_ITERATIONS = 60;

/** factors.csv (written by `genegan synth`) and its mask folder, next to the CelebA files. */
export const FACTORS_FILE = 'factors.csv';
export const MASKS_DIR = 'masks';

/**
 * Ground-truth factors that describe "which" attribute an exemplar carries, per attribute column
 * (lower-case): exemplar fidelity checks that Bu shows the exemplar's values. Attributes without an
 * entry (e.g. Smiling: one kind of smile) have no fidelity metric.
 */
export const FIDELITY_FACTORS: Record<string, readonly string[]> = {
  eyeglasses: ['glasses_type', 'glasses_color', 'glasses_tint'],
  bangs: ['bangs_style'],
  side_lit: ['light'],
};

/** The synthetic mask folder (masks/<name>/000001.png) holding each attribute's pixels. */
export const MASK_FOR_ATTRIBUTE: Record<string, string> = {
  eyeglasses: 'eyeglasses',
  smiling: 'smiling',
  mouth_slightly_open: 'smiling',
  bangs: 'bangs',
  side_lit: 'lighting',
  lit_left: 'lighting',
  lit_right: 'lighting',
  lit_front: 'lighting',
};
