import fp from 'fastify-plugin';
import accepts from '@fastify/accepts';

/** Content negotiation (request.accepts()): image routes answer one image when asked for image/*. */
export default fp(
  async (app) => {
    await app.register(accepts);
  },
  { name: 'accepts' },
);
