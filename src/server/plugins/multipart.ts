import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import { HttpError } from '../httpError.ts';
import type { FastifyRequest } from 'fastify';
import type { UploadLimits } from '../types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Raw bytes of the files of a multipart request, by field name (see plugins/multipart.ts). */
    uploadedFiles?: Map<string, Buffer>;
  }
}

/** What a file field holds in request.body after parsing, so TypeBox can validate its presence. */
export const FILE_PLACEHOLDER = 'file';
/** Bytes of one text field; a longer value is refused rather than cut. */
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Multipart parsing with hard limits (bytes per file, files, fields). Files are read into memory
 * (they are at most maxFileBytes) and kept on request.uploadedFiles; the body keeps a placeholder
 * string per file so the route's TypeBox schema validates file and text fields alike.
 * The parts are read here rather than by the plugin's attachFieldsToBody, so that whatever the
 * parser throws about the body itself (no boundary, a wrong one, a truncated body, a malformed
 * part header) is a 400 naming the problem, not a 500; the plugin's own limit errors already
 * carry their status (413) and pass through.
 */
export default fp<{ uploads: UploadLimits }>(
  async (app, opts) => {
    const { maxFileBytes, maxFiles, maxFields } = opts.uploads;
    await app.register(multipart, {
      limits: { fileSize: maxFileBytes, files: maxFiles, fields: maxFields, parts: maxFiles + maxFields, fieldSize: MAX_FIELD_BYTES },
    });
    app.addHook('preValidation', async (request) => {
      if (!request.isMultipart()) return;
      try {
        request.body = await readParts(request);
      } catch (err) {
        throw (err as { statusCode?: number }).statusCode ? err : malformed(err);
      }
    });
  },
  { name: 'multipart' },
);

/** Text fields by name, files into request.uploadedFiles (each name once). */
async function readParts(request: FastifyRequest): Promise<Record<string, string>> {
  const body: Record<string, string> = {};
  const files = new Map<string, Buffer>();
  request.uploadedFiles = files;
  for await (const part of request.parts()) {
    const name = part.fieldname;
    if (name in body) throw new HttpError(400, 'bad_field', `field ${name}: expected one value, but got several`);
    if (part.type === 'file') {
      body[name] = FILE_PLACEHOLDER;
      files.set(name, await part.toBuffer()); // throws RequestFileTooLargeError (413) past maxFileBytes
    } else {
      if (part.valueTruncated) throw new HttpError(413, 'field_too_large', `field ${name}: expected at most ${MAX_FIELD_BYTES} bytes, but got more`);
      body[name] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
    }
  }
  return body;
}

/** busboy's own messages ("Unexpected end of multipart data") say what is wrong; no stack is logged. */
function malformed(err: unknown): HttpError {
  const reason = err instanceof Error ? err.message : String(err);
  return new HttpError(400, 'bad_multipart', `body: expected a complete multipart/form-data body with the boundary of its content-type header, but got one that does not parse (${reason})`);
}
