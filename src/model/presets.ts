import { DEFAULT_OBJECT_RATIO } from './constants.ts';
import type { GeneganConfig } from './types.ts';

/** The paper's base width (docs/model.md "Networks": 3 -> 128 -> 256 -> 512). */
const PAPER_WIDTH = 128;
/** Half the paper's width: 4x compact's arithmetic, for sharper 64 px details (docs/bundled-models.md). */
const WIDE_WIDTH = 64;
/** A quarter of the paper's width: trains on CPU in about an hour on synthetic faces. */
const COMPACT_WIDTH = 32;
/** For tests: every layer tiny, still the full layout. */
const TINY_WIDTH = 8;

export const PRESETS = {
  paper64: { imageSize: 64, width: PAPER_WIDTH, objectRatio: DEFAULT_OBJECT_RATIO },
  paper128: { imageSize: 128, width: PAPER_WIDTH, objectRatio: DEFAULT_OBJECT_RATIO },
  wide64: { imageSize: 64, width: WIDE_WIDTH, objectRatio: DEFAULT_OBJECT_RATIO },
  compact64: { imageSize: 64, width: COMPACT_WIDTH, objectRatio: DEFAULT_OBJECT_RATIO },
  compact128: { imageSize: 128, width: COMPACT_WIDTH, objectRatio: DEFAULT_OBJECT_RATIO },
  tiny: { imageSize: 64, width: TINY_WIDTH, objectRatio: DEFAULT_OBJECT_RATIO },
} as const satisfies Record<string, GeneganConfig>;

export type PresetName = keyof typeof PRESETS;

/** A fresh copy of a preset's config, or a clear error naming the known presets. */
export function presetConfig(name: string): GeneganConfig {
  if (!Object.hasOwn(PRESETS, name)) {
    throw new Error(`unknown preset: expected one of ${Object.keys(PRESETS).join('|')}, but got "${name}"`);
  }
  return { ...PRESETS[name as PresetName] };
}
