import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * The page's Content-Security-Policy: scripts, styles and requests only from this origin, no
 * inline script or style (public/ has none), images also from data: (results and the icon) and
 * blob: (upload previews). Swagger UI at /docs sends its own policy (plugins/swagger.ts).
 * upgrade-insecure-requests (a helmet default) is left out: on a plain-HTTP deployment it would
 * send the page's requests to an HTTPS port that does not exist.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

/** Security headers on every answer (CSP, nosniff, frame and referrer policies, ...). */
export default fp(
  async (app) => {
    await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } });
  },
  { name: 'helmet' },
);
