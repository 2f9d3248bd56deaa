/**
 * Ground truth of one synthetic face (docs/data.md "Synthetic faces").
 * Lengths are in the canonical 128 px frame of the alignment template; colours are palette names
 * (see constants.ts) so factors.csv stays readable.
 */

export type HairStyle = 'short' | 'bob' | 'long' | 'curly' | 'bun' | 'buzz';
export type BrowStyle = 'straight' | 'arched' | 'angled';
export type GlassesType = 'round' | 'rectangular' | 'aviator' | 'cat-eye' | 'half-rim' | 'oval';
export type LensTint = 'clear' | 'tinted';
export type BangsStyle = 'straight' | 'side' | 'curtain';
export type LightDirection = 'front' | 'left' | 'right';

/** What makes a person: never changed by an attribute. */
export interface FaceIdentity {
  skinTone: string;
  /** Half-width of the face at the temples. */
  faceWidth: number;
  /** Half-width of the jaw as a share of faceWidth (small = pointed chin, large = square). */
  jaw: number;
  /** y of the chin. */
  chinY: number;
  /** y of the hairline when there are no bangs. */
  hairlineY: number;
  hairStyle: HairStyle;
  hairColor: string;
  eyeColor: string;
  /** Eye opening scale (1 = average). */
  eyeSize: number;
  browStyle: BrowStyle;
  browThickness: number;
  noseLength: number;
  noseWidth: number;
  /** Mouth width scale (1 = the template's mouth corners). */
  mouthWidth: number;
  lipColor: string;
  earSize: number;
  /** Background as two colours (top, bottom); equal for a flat background. */
  backgroundTop: string;
  backgroundBottom: string;
  shirtColor: string;
}

/** Small pose and scale jitter about the eye midpoint (the alignment is never perfect). */
export interface FacePose {
  /** Degrees, clockwise on screen. */
  rotation: number;
  scale: number;
  dx: number;
  dy: number;
}

export interface Glasses {
  type: GlassesType;
  color: string;
  tint: LensTint;
  /** Lens colour when tinted ("none" when clear). */
  lensColor: string;
}

export interface Bangs {
  style: BangsStyle;
  /** How far down the fringe reaches (canonical y of its lowest point). */
  length: number;
}

export interface Lighting {
  direction: LightDirection;
  /** 0..1 scale of the highlight and shadow opacity. */
  strength: number;
}

/** The attributes, each drawn independently of the others and of the identity. */
export interface FaceAttributes {
  glasses: Glasses | null;
  smiling: boolean;
  bangs: Bangs | null;
  lighting: Lighting;
}

export interface FaceFactors {
  /** 1-based image number (000001.jpg is 1). */
  index: number;
  identity: FaceIdentity;
  pose: FacePose;
  attributes: FaceAttributes;
}

/** A point (x, y) in pixels, pixel-centre convention (pixel (c, r) is centred at (c, r)). */
export type Point = readonly [number, number];

/** The 5 landmarks in CelebA order: left eye, right eye, nose, left mouth corner, right mouth corner. */
export type FiveLandmarks = readonly [Point, Point, Point, Point, Point];

/** The masks --masks writes, one grey PNG per attribute and image. */
export type MaskName = 'eyeglasses' | 'smiling' | 'bangs' | 'lighting';

export interface SynthConfig {
  out: string;
  count: number;
  /** 64 or 128. */
  size: number;
  seed: number;
  masks?: boolean;
  /** Images rendered at once (sharp works on libuv's thread pool). */
  concurrency?: number;
  /** JPEG quality of the images. */
  quality?: number;
  /** Called now and then with the number of images written. */
  onProgress?: (done: number, total: number) => void;
}
