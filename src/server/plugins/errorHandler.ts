import fp from 'fastify-plugin';
import type { UploadLimits } from '../types.ts';

type AnyError = Error & { statusCode?: number; code?: string; headers?: Record<string, string>; validation?: unknown };

/**
 * The one error handler: client errors (4xx, 503, 507) keep their message and code; other server
 * errors are logged with their stack and answered with a generic message so internals never leak.
 * A UserError (src/shared/errors.ts; HttpError, FaceError) brings its status, code and headers;
 * one without a status hint is the operator's problem and answers 500 like any other error.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((err: AnyError, request, reply) => {
      const status = err.statusCode ?? 500;
      if (err.headers) for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      // 503 (busy) and 507 (disk budget) are conditions the client can act on, so they keep their message.
      if (status >= 500 && status !== 503 && status !== 507) {
        request.log.error({ err }, 'request failed');
        return reply.status(status).send({ statusCode: status, error: errorName(status), message: 'internal error', code: 'internal' });
      }
      if (status >= 400) request.log.info({ code: err.code, status, message: err.message }, 'request rejected');
      const code = err.validation ? 'bad_field' : err.code;
      const message = (code && (PARSER_MESSAGES[code] ?? clearerMessage(code, request.server.config?.uploads))) ?? err.message;
      return reply
        .status(status)
        .send({ statusCode: status, error: errorName(status), message, ...(code ? { code } : {}) });
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url}`, code: 'no_route' }),
    );
  },
  { name: 'error-handler' },
);

/** Fastify's body parser errors, said the service's way (what was expected, what came). */
const PARSER_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'body: expected a JSON document (content-type application/json), but got text that does not parse as JSON or names __proto__/constructor keys',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body: expected a JSON document (content-type application/json), but got an empty body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'body: expected as many bytes as the content-length header says, but got a different number',
};

/** @fastify/multipart's limit errors say "reach files limit"; say which limit and its value. */
function clearerMessage(code: string, limits: UploadLimits | undefined): string | undefined {
  if (!limits) return undefined;
  const messages: Record<string, string> = {
    FST_REQ_FILE_TOO_LARGE: `a file: expected at most ${limits.maxFileBytes} bytes per file, but got more (request file too large)`,
    FST_FILES_LIMIT: `files: expected at most ${limits.maxFiles} files in one request, but got more (reach files limit)`,
    FST_FIELDS_LIMIT: `fields: expected at most ${limits.maxFields} text fields in one request, but got more (reach fields limit)`,
    FST_PARTS_LIMIT: `parts: expected at most ${limits.maxFiles + limits.maxFields} parts in one request, but got more (reach parts limit)`,
  };
  return messages[code];
}

function errorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 406: 'Not Acceptable', 409: 'Conflict', 413: 'Payload Too Large',
    415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
    500: 'Internal Server Error', 503: 'Service Unavailable', 507: 'Insufficient Storage',
  };
  return names[status] ?? 'Error';
}
