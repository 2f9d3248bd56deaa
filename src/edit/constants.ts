/**
 * Smallest face, in photo pixels across the aligned square, that residual composition accepts:
 * below it the face has fewer pixels than a useful change mask (the eyes are ~7 px apart).
 */
export const MIN_NATIVE_SIDE = 32;

/** Largest side of a returned face crop: faces larger in the photo are shown downscaled to it. */
export const MAX_FACE_SIDE = 256;

/** Largest side of one matrix cell in residual mode (a 9x9 grid stays under 1,200 px). */
export const MAX_MATRIX_CELL = 128;
