import fp from 'fastify-plugin';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';

/** The repository's public/ folder: the web page (plain HTML/CSS/JS) and bundled sample faces. */
export const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public');

export default fp(
  async (app) => {
    await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/', index: ['index.html'] });
  },
  { name: 'static' },
);
