import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

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
            '503 busy (Retry-After).',
        },
        tags: [
          { name: 'health', description: 'liveness and readiness' },
          { name: 'models', description: 'served models' },
          { name: 'inference', description: 'attribute transfer on uploaded images' },
          { name: 'jobs', description: 'training jobs' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
