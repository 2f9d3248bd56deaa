/** The fields of a Multi-PIE file name SSS_ss_rr_ccc_ii.png (docs/data.md "Multi-PIE"). */
export interface MultipieName {
  subject: string;
  session: string;
  recording: string;
  /** Camera as in the name, e.g. "051" (folder "05_1"). */
  camera: string;
  /** Flash index 0..19 (0: no flash). */
  illumination: number;
}

const NAME = /^(\d{3})_(\d{2})_(\d{2})_(\d{3})_(\d{2})\.png$/i;

/** Parses a file name (no folders); undefined when it is not a Multi-PIE image name. */
export function parseMultipieName(fileName: string): MultipieName | undefined {
  const m = NAME.exec(fileName);
  if (!m) return undefined;
  return { subject: m[1], session: m[2], recording: m[3], camera: m[4], illumination: Number(m[5]) };
}

/** "05_1", "051" or "05-1" -> "051" (folders use an underscore, file names do not). */
export function normaliseCamera(camera: string): string {
  const digits = camera.replace(/[_-]/g, '');
  if (!/^\d{3}$/.test(digits)) throw new RangeError(`expected a Multi-PIE camera like "05_1" or "051", but got "${camera}"`);
  return digits;
}
