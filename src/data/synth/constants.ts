/**
 * Palettes and probabilities of the synthetic faces (docs/data.md "Synthetic faces"). Colours are named so that
 * factors.csv stays readable; the attribute probabilities keep both sets of every attribute big.
 */
import type { BangsStyle, BrowStyle, GlassesType, HairStyle } from './types.ts';

/** Chance that a face has each binary attribute (~45%: both the with and the without set stay large). */
export const ATTRIBUTE_PROBABILITY = { glasses: 0.45, smiling: 0.45, bangs: 0.45 } as const;

/** Lighting directions with their chances; side light (left or right) is half of the faces. */
export const LIGHT_PROBABILITY = { front: 0.5, left: 0.25, right: 0.25 } as const;

export const SKIN_TONES: Record<string, string> = {
  porcelain: '#f6d9c8', fair: '#efc9a8', light: '#e3b48e', beige: '#d9a47c', olive: '#c18e62',
  tan: '#a8734a', brown: '#8a5a3a', dark: '#6a4128', deep: '#4f2f1d',
};

export const HAIR_COLORS: Record<string, string> = {
  black: '#1b1512', darkbrown: '#3b2417', brown: '#6a4328', auburn: '#8c3b1f', red: '#b4552a',
  blond: '#d8b46a', platinum: '#e8dcc0', gray: '#9a9590',
};

/** CelebA hair-colour columns that a synthetic hair colour turns on. */
export const HAIR_COLOR_COLUMN: Record<string, string | undefined> = {
  black: 'Black_Hair', darkbrown: 'Brown_Hair', brown: 'Brown_Hair', blond: 'Blond_Hair',
  platinum: 'Blond_Hair', gray: 'Gray_Hair',
};

export const EYE_COLORS: Record<string, string> = {
  darkbrown: '#3a2414', brown: '#6b4423', hazel: '#8a6b32', green: '#4f7a45', blue: '#4a78b0', gray: '#7d8a94',
};

export const LIP_COLORS: Record<string, string> = {
  rose: '#c8646a', pink: '#d98489', coral: '#d2705a', berry: '#9c3f4f', nude: '#b57a68', plum: '#7f4048',
};

export const SHIRT_COLORS: Record<string, string> = {
  navy: '#25345e', white: '#ecebe6', gray: '#7b7f86', black: '#222226', red: '#a3312f', green: '#3f6b48',
  teal: '#2f7a7a', mustard: '#c49a2c', purple: '#5e3f7a', sky: '#7fa6cf',
};

export const FRAME_COLORS: Record<string, string> = {
  black: '#111111', tortoise: '#5a3319', gold: '#c8a23c', silver: '#b9bec4', red: '#b3202a', blue: '#1f4fa0',
};

/** Lens colours of tinted glasses (sunglasses); clear lenses are a faint white. */
export const LENS_COLORS: Record<string, string> = {
  smoke: '#2a2a2e', brown: '#4a2f1c', green: '#28402c', blue: '#1e3556', rose: '#7a3548',
};

export const HAIR_STYLES: readonly HairStyle[] = ['short', 'bob', 'long', 'curly', 'bun', 'buzz'];
export const BROW_STYLES: readonly BrowStyle[] = ['straight', 'arched', 'angled'];
export const GLASSES_TYPES: readonly GlassesType[] = ['round', 'rectangular', 'aviator', 'cat-eye', 'half-rim', 'oval'];
export const BANGS_STYLES: readonly BangsStyle[] = ['straight', 'side', 'curtain'];

/** Pose jitter (docs/data.md "Synthetic faces": faces sit on the template up to this jitter). */
export const POSE_JITTER = { rotationSd: 2.5, scaleRange: 0.05, shift: 1.5 } as const;

/** Chance that a face's lens is tinted. */
export const TINT_PROBABILITY = 0.35;

/** Extra CelebA-style columns of the synthetic set for its lighting attribute. */
export const LIGHT_COLUMNS = ['Side_Lit', 'Lit_Left', 'Lit_Right', 'Lit_Front'] as const;
