import { createRandom, hashSeed, type Random } from '../../shared/random.ts';
import {
  ATTRIBUTE_PROBABILITY, BANGS_STYLES, BROW_STYLES, EYE_COLORS, FRAME_COLORS, GLASSES_TYPES, HAIR_COLORS,
  HAIR_STYLES, LENS_COLORS, LIGHT_PROBABILITY, LIP_COLORS, POSE_JITTER, SHIRT_COLORS, SKIN_TONES, TINT_PROBABILITY,
} from './constants.ts';
import type { FaceAttributes, FaceFactors, FaceIdentity, FacePose, LightDirection } from './types.ts';

/**
 * The ground truth of face number `index` (1-based) of the set made with `seed`. Each image has
 * its own generator, so face i is the same whatever the count or the rendering order.
 */
export function sampleFaceFactors(seed: number, index: number): FaceFactors {
  // Identity, pose and attributes draw from separate generators so that changing how one part is
  // sampled never shifts the others (attributes stay independent of identity).
  const identity = sampleIdentity(createRandom(hashSeed(seed, index, 1)));
  const pose = samplePose(createRandom(hashSeed(seed, index, 2)));
  const attributes = sampleAttributes(createRandom(hashSeed(seed, index, 3)));
  return { index, identity, pose, attributes };
}

const names = (palette: Record<string, string>): string[] => Object.keys(palette);

function sampleIdentity(rng: Random): FaceIdentity {
  const flatBackground = rng.chance(0.4);
  const backgroundTop = randomBackground(rng);
  return {
    skinTone: rng.pick(names(SKIN_TONES)),
    faceWidth: round(rng.uniform(27, 34)),
    jaw: round(rng.uniform(0.45, 0.8)),
    chinY: round(rng.uniform(108, 117)),
    hairlineY: round(rng.uniform(34, 41)),
    hairStyle: rng.pick(HAIR_STYLES),
    hairColor: rng.pick(names(HAIR_COLORS)),
    eyeColor: rng.pick(names(EYE_COLORS)),
    eyeSize: round(rng.uniform(0.85, 1.15)),
    browStyle: rng.pick(BROW_STYLES),
    browThickness: round(rng.uniform(1.4, 3.0)),
    noseLength: round(rng.uniform(0.85, 1.15)),
    noseWidth: round(rng.uniform(3.2, 5.2)),
    mouthWidth: round(rng.uniform(0.88, 1.1)),
    lipColor: rng.pick(names(LIP_COLORS)),
    earSize: round(rng.uniform(0.85, 1.2)),
    backgroundTop,
    backgroundBottom: flatBackground ? backgroundTop : randomBackground(rng),
    shirtColor: rng.pick(names(SHIRT_COLORS)),
  };
}

function samplePose(rng: Random): FacePose {
  return {
    rotation: round(rng.clippedNormal(0, POSE_JITTER.rotationSd)),
    scale: round(rng.uniform(1 - POSE_JITTER.scaleRange, 1 + POSE_JITTER.scaleRange), 3),
    dx: round(rng.uniform(-POSE_JITTER.shift, POSE_JITTER.shift)),
    dy: round(rng.uniform(-POSE_JITTER.shift, POSE_JITTER.shift)),
  };
}

function sampleAttributes(rng: Random): FaceAttributes {
  const glasses = rng.chance(ATTRIBUTE_PROBABILITY.glasses);
  const smiling = rng.chance(ATTRIBUTE_PROBABILITY.smiling);
  const bangs = rng.chance(ATTRIBUTE_PROBABILITY.bangs);
  const tinted = rng.chance(TINT_PROBABILITY);
  return {
    glasses: glasses
      ? {
          type: rng.pick(GLASSES_TYPES),
          color: rng.pick(names(FRAME_COLORS)),
          tint: tinted ? 'tinted' : 'clear',
          lensColor: tinted ? rng.pick(names(LENS_COLORS)) : 'none',
        }
      : null,
    smiling,
    bangs: bangs ? { style: rng.pick(BANGS_STYLES), length: round(rng.uniform(51, 55)) } : null,
    lighting: { direction: pickLight(rng), strength: round(rng.uniform(0.6, 1)) },
  };
}

function pickLight(rng: Random): LightDirection {
  const u = rng.next();
  if (u < LIGHT_PROBABILITY.front) return 'front';
  return u < LIGHT_PROBABILITY.front + LIGHT_PROBABILITY.left ? 'left' : 'right';
}

/** A muted background colour as #rrggbb (any hue; photos rarely have saturated walls). */
function randomBackground(rng: Random): string {
  return hslToHex(rng.uniform(0, 360), rng.uniform(0.08, 0.45), rng.uniform(0.3, 0.85));
}

export function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): string => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
