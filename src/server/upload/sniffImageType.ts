/** Image types the service decodes (all supported by sharp's prebuilt libvips). */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';

interface Signature {
  type: ImageType;
  /** Bytes at `offset`; null entries match any byte. */
  bytes: (number | null)[];
  offset?: number;
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

// Magic numbers from the format specifications (JFIF/Exif SOI marker, PNG signature, RIFF/WEBP,
// GIF87a/89a, TIFF byte-order marks, ISO-BMFF "ftyp" box with an AVIF brand).
const SIGNATURES: Signature[] = [
  { type: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'webp', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { type: 'gif', bytes: ascii('GIF87a') },
  { type: 'gif', bytes: ascii('GIF89a') },
  { type: 'tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'avif', bytes: ascii('ftypavif'), offset: 4 },
  { type: 'avif', bytes: ascii('ftypavis'), offset: 4 },
];

/**
 * The image type from the first bytes of a file, or null when it is not a supported image.
 * The file name and the client's Content-Type are never trusted (a text file named .jpg is text).
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  for (const sig of SIGNATURES) {
    const offset = sig.offset ?? 0;
    if (bytes.length < offset + sig.bytes.length) continue;
    if (sig.bytes.every((b, i) => b === null || bytes[offset + i] === b)) return sig.type;
  }
  return null;
}

/** A short printable description of unknown bytes for error messages ("text", "12 bytes 3c 68 ..."). */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const head = bytes.subarray(0, 32);
  const printable = head.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
  if (printable) return `text starting "${Buffer.from(head).toString('latin1').replace(/\s+/g, ' ').trim()}"`;
  return `${bytes.length} bytes starting ${Buffer.from(bytes.subarray(0, 8)).toString('hex').replace(/(..)/g, '$1 ').trim()}`;
}
