import type { OutputFormat } from './types.ts';

/** An encoded image as a data URL the web page can put straight into <img src>. */
export function toDataUrl(bytes: Uint8Array, format: OutputFormat): string {
  return `data:image/${format};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
