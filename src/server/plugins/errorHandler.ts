import fp from 'fastify-plugin';

/**
 * The one error handler: client errors (4xx) keep their message; server errors (5xx) are logged
 * with their stack and answered with a generic message so internals never leak.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) {
        request.log.error({ err }, 'request failed');
        return reply.status(status).send({ statusCode: status, error: 'Internal Server Error', message: 'internal error' });
      }
      const code = err.code;
      return reply.status(status).send({ statusCode: status, error: errorName(status), message: err.message, ...(code ? { code } : {}) });
    });
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url}` }),
    );
  },
  { name: 'error-handler' },
);

function errorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large',
    415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 503: 'Service Unavailable',
  };
  return names[status] ?? 'Error';
}
