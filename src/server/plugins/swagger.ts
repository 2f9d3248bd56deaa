import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

const DOCS_CSP = "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; " +
  "frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'";

/** OpenAPI document built from the routes' TypeBox schemas; Swagger UI at /docs, JSON at /docs/json. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'genegan',
          version: '0.1.0',
          description:
            'GeneGAN attribute transfer: swap, add/remove with strength, 4-exemplar matrix, and training jobs. ' +
            'Image routes take multipart/form-data and answer JSON with images as base64 data URLs. ' +
            'Errors: 400 bad field, 404 unknown model/job, 413 too large, 415 not an image, 422 no face or corrupt image, ' +
            '503 busy (Retry-After). ' +
            'Keys (Authorization: Bearer <key>): jobs need an admin key, image routes and models an infer or admin key, ' +
            'when such keys are configured; on a loopback-only server no key is needed. 401 no or wrong key, ' +
            '403 wrong scope or no admin key configured, 429 rate limit (Retry-After).',
        },
        tags: [
          { name: 'health', description: 'liveness and readiness' },
          { name: 'models', description: 'served models' },
          { name: 'inference', description: 'attribute transfer on uploaded images' },
          { name: 'jobs', description: 'training jobs' },
        ],
        components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'an infer or admin key (docs/service.md "Deploying")' } } },
        security: [{ apiKey: [] }],
      },
    });
    // Swagger UI styles itself inline, which the page's policy (plugins/helmet.ts) forbids; /docs gets its own.
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
  },
  { name: 'swagger' },
);
