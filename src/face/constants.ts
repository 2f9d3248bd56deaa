import type { FivePoints } from './types.ts';

/** Side in pixels of the square the reference template is given at (docs/face.md "Template"). */
export const TEMPLATE_BASE_SIZE = 128;

/**
 * CelebA-like mean 5-point face at 128x128, image order (docs/face.md "Template":
 * approximate CelebA means). Scale it with templateAt(size); do not repeat these literals.
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

/**
 * MediaPipe's 256 px BlazeFace "back" detector as shipped by @vladmandic/human (docs/face.md "Detection"):
 * input 256x256 in [-1, 1], anchors of strides [16, 32, 32, 32], four outputs.
 */
export const BLAZEFACE_BACK = {
  inputSize: 256,
  strides: [16, 32, 32, 32],
  /** Detection score threshold after the sigmoid (face-detection's short-range default). */
  minScore: 0.5,
  outputs: { scores16: 'Identity:0', boxes16: 'Identity_2:0', scores32: 'Identity_1:0', boxes32: 'Identity_3:0' },
} as const;

/** Environment variable that points the face pipeline at another folder of facemesh/blazeface weights. */
export const FACE_MODELS_ENV = 'GENEGAN_FACE_MODELS';

/** Model files inside that folder. */
export const FACE_MODEL_FILES = { landmarks: 'facemesh.json', detector: 'blazeface.json' } as const;

/** Largest photo accepted by default (width*height): 40 MP covers phone cameras, bounds memory (~120 MB RGB). */
export const DEFAULT_MAX_PIXELS = 40_000_000;

/** Most faces per photo by default; more is FaceError 'too_many_faces'. */
export const DEFAULT_MAX_FACES = 20;

/**
 * FaceMesh indices of the five points (docs/face.md "Landmarks and the five points").
 * Mesh point 33 is on the viewer's left, so the viewer-left eye uses 33/133/159/145.
 */
export const MESH_FIVE_POINTS = {
  leftEye: [33, 133, 159, 145],
  rightEye: [263, 362, 386, 374],
  nose: [1],
  leftMouth: [61],
  rightMouth: [291],
} as const;

/** FaceMesh landmark count. */
export const MESH_POINT_COUNT = 468;

/**
 * Paste-back mask in crop units (fractions of the crop side): an ellipse around the template face
 * (eyes at y 0.51, mouth at 0.74 of the side) that fades to zero over `feather` of its radius, so
 * the blend has no seam and everything outside the ellipse is left untouched (docs/face.md "Paste-back", (F3)).
 * The ellipse stays inside the crop (0.545 + 0.44 < 1), where the generated face is defined.
 */
export const PASTE_MASK = { centerX: 0.5, centerY: 0.545, radiusX: 0.38, radiusY: 0.44, feather: 0.2 } as const;

/** Outer eye corners in FaceMesh (viewer-left 33, viewer-right 263), used for the yaw estimate. */
export const MESH_EYE_CORNERS = { left: 33, right: 263 } as const;

/**
 * Change mask of residual composition (composite.ts), in [0, 1] pixel units at the model's size;
 * where the change is applied consistently at the model's scale (consistentLow..consistentHigh;
 * by default nowhere); for a removal, where the input's finer detail goes too (eraseLow..eraseHigh).
 * Chosen by measurement on synthetic counterfactuals (docs/face.md "Residual composition").
 */
export const CHANGE_MASK = { sigma: 1, low: 0.02, high: 0.06, feather: 2, eraseLow: 0.06, eraseHigh: 0.12, consistentLow: 1, consistentHigh: 2 } as const;

/**
 * Consistent upsampling of a change (composite.ts consistentDelta; docs/face.md "Consistent
 * upsampling"). `kernel` is, per axis, what a model-size image goes through when it is upsampled
 * bilinearly onto a target at least `minScale` times larger and brought back with a lanczos3
 * reduction (sharp's resize, how align=none and the evaluation make the model's inputs): measured
 * with a one-pixel line at 4x and 10x (centre 0.733, rounded so the taps sum to 1; at 2.8x the
 * centre is 0.77; composite.test.ts checks all three). `iterations` of Landweber deconvolution
 * invert it up to a gain of 5.8 at the finest diagonal frequency, where the exact inverse's is 8.7
 * (filters.ts).
 */
export const CONSISTENT_UPSAMPLING = { kernel: [0.008, -0.031, 0.157, 0.732, 0.157, -0.031, 0.008], iterations: 8, minScale: 2 } as const;

/** Longer side of the copy the face detector scans (detectFacesInPhoto.ts scanCopy); crops come from the full photo. */
export const DETECT_MAX_SIDE = 1024;

/** Head yaw (degrees, meshYaw) beyond which a face is a profile that the frontal template cannot fit. */
export const PROFILE_YAW = 45;

/** How many of the largest faces alignOne meshes, at most, looking for one that is not a profile. */
export const LARGEST_TRIES = 3;
