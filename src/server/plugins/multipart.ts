import fp from 'fastify-plugin';
import multipart, { type MultipartFile } from '@fastify/multipart';
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

/**
 * Multipart parsing with hard limits (bytes per file, files, fields). Files are read into memory
 * (they are at most maxFileBytes) and kept on request.uploadedFiles; the body keeps a placeholder
 * string per file so the route's TypeBox schema validates file and text fields alike.
 */
export default fp<{ uploads: UploadLimits }>(
  async (app, opts) => {
    const { maxFileBytes, maxFiles, maxFields } = opts.uploads;
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: maxFileBytes, files: maxFiles, fields: maxFields, parts: maxFiles + maxFields, fieldSize: 64 * 1024 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const bytes = await part.toBuffer(); // throws RequestFileTooLargeError (413) past maxFileBytes
        this.uploadedFiles ??= new Map();
        if (this.uploadedFiles.has(part.fieldname)) {
          throw new HttpError(400, 'bad_field', `field ${part.fieldname}: expected one file, but got several`);
        }
        this.uploadedFiles.set(part.fieldname, bytes);
        (part as MultipartFile & { value: unknown }).value = FILE_PLACEHOLDER;
      },
    });
  },
  { name: 'multipart' },
);
