/**
 * Constants of the real-photo evaluation (`genegan eval --photos`, docs/eval.md "Real photos").
 */

/**
 * A rectangle in aligned-face coordinates: fractions of the aligned square's side, the frame in
 * which the 5-point template puts the eyes at y 0.51 and the mouth at y 0.74 (src/face/constants.ts).
 * Regions are defined there rather than on the photo's axis-aligned box so that a tilted head
 * still gets its eye band across its eyes.
 */
export interface AlignedRect {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Regions of the face, measured from FaceMesh landmarks mapped into the aligned frame on the
 * face-api sample photos: forehead top (mesh point 10) at y 0.34, brows 0.43, eyes 0.50-0.53,
 * nose tip 0.66, mouth 0.74, chin 0.87, cheek outlines near x 0.25 and 0.75 on frontal faces.
 */
export const FACE_REGIONS = {
  /** The face box: forehead top to chin, cheek to cheek (sharpness, face PSNR). */
  face: { x0: 0.25, x1: 0.75, y0: 0.34, y1: 0.88 },
  /** The band across the upper-middle of the face box: brows to below the eyes, where glasses sit. */
  eyeBand: { x0: 0.25, x1: 0.75, y0: 0.42, y1: 0.58 },
  /** Below the nose: mouth and chin, which glasses never reach. */
  lowerFace: { x0: 0.35, x1: 0.65, y0: 0.7, y1: 0.88 },
} as const satisfies Record<string, AlignedRect>;

/** A photo pixel counts as changed when any channel differs by more than this many 8-bit levels. */
export const CHANGED_LEVELS = 2;

/**
 * How Human crops a face for faceres: the detector's box enlarged 1.4x about its centre
 * (face.detector.scale), squared with its larger side, upright (face.detector.rotation is off by
 * default), cut and resized bilinearly to FaceMesh's 192 px input, values [0, 1]; faceres then
 * resizes that to its own 224 px and multiplies by 255.
 */
export const FACERES_CROP = { enlarge: 1.4, side: 192 } as const;

/** The window the contact sheet shows of each face, in aligned-face fractions (a square). */
export const SHEET_WINDOW = { x0: 0.15, y0: 0.22, side: 0.7 } as const;

/** Default side in pixels of one contact-sheet cell. */
export const SHEET_CELL = 160;

/** File name endings read from the photo folder. */
export const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'] as const;

/** Version of photos.json. */
export const PHOTOS_FORMAT_VERSION = 1;
