import type { FastifyRequest } from 'fastify';
import { HttpError } from '../httpError.ts';
import { inspectUpload, type ImageUpload } from './inspectUpload.ts';
import type { UploadLimits } from '../types.ts';

/**
 * The named image fields of a multipart request, each checked by inspectUpload. A missing file,
 * a text value where a file belongs, or a file in a field the route does not take is a 400 that
 * names the field. Each file is copied into its own ArrayBuffer so it can be transferred to a
 * worker without dragging Node's shared Buffer pool along.
 */
export async function collectImages(
  request: FastifyRequest,
  required: string[],
  optional: string[],
  limits: UploadLimits,
): Promise<Map<string, ImageUpload>> {
  const files = request.uploadedFiles ?? new Map<string, Buffer>();
  const allowed = new Set([...required, ...optional]);
  for (const name of files.keys()) {
    if (!allowed.has(name)) throw new HttpError(400, 'bad_field', `field ${name}: not a file field of this route; expected ${[...allowed].join(', ')}`);
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const name of required) {
    if (files.has(name)) continue;
    const got = request.isMultipart() ? (body[name] !== undefined ? 'a text value' : 'nothing') : `a ${request.headers['content-type'] ?? 'body without content type'} request`;
    throw new HttpError(400, 'missing_field', `field ${name}: expected an image file (multipart/form-data), but got ${got}`);
  }
  const out = new Map<string, ImageUpload>();
  for (const name of [...required, ...optional]) {
    const bytes = files.get(name);
    if (bytes) out.set(name, await inspectUpload(name, new Uint8Array(bytes), limits));
  }
  return out;
}
