import zlib from 'node:zlib';
import sharp from 'sharp';

/** Real, small test images and real bad inputs for the upload tests (nothing is mocked). */

/** A smooth colour image (not flat, so JPEG has something to code). */
export async function gradientImage(width: number, height: number, format: 'png' | 'jpeg' = 'png', seed = 0): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / Math.max(1, width - 1);
      data[i + 1] = (y * 255) / Math.max(1, height - 1);
      data[i + 2] = (seed * 37 + x + y) % 256;
    }
  }
  const img = sharp(data, { raw: { width, height, channels: 3 } });
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 90 }).toBuffer();
}

/** A JPEG cut in half: the header is intact (so dimensions read fine) but the scan data ends early. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await gradientImage(64, 64, 'jpeg');
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/**
 * A decompression bomb: a valid 1-bit greyscale PNG of side x side pixels whose IDAT is deflated
 * zeros, so a few tens of KB claim hundreds of megapixels once decoded to RGB.
 */
export function bombPng(side = 20000): Buffer {
  const rowBytes = 1 + Math.ceil(side / 8); // filter byte + packed bits
  const idat = zlib.deflateSync(Buffer.alloc(rowBytes * side), { level: 9 });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A text file, as a client would send it when it names it photo.jpg. */
export const textFile = (): Buffer => Buffer.from('this is not a picture\nreally, it is text\n');

/** Multipart body for app.inject: files as [field, bytes, filename], fields as strings. */
export async function multipart(
  files: [string, Uint8Array, string?][],
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, bytes, filename] of files) form.append(name, new Blob([new Uint8Array(bytes)]), filename ?? `${name}.bin`);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { ...headers, 'content-type': request.headers.get('content-type')! } };
}
