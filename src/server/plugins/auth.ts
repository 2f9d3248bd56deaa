import net from 'node:net';
import fp from 'fastify-plugin';
import fastifyAuth from '@fastify/auth';
import bearerAuth from '@fastify/bearer-auth';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { HttpError } from '../httpError.ts';
import { createKeyring, type KeyMatch, type Keyring } from '../security/apiKeys.ts';
import type { ResolvedSecurityOptions, Scope } from '../security/types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    access: {
      keyring: Keyring;
      /** True once the server listens on an address other than loopback (false before listen, as in app.inject). */
      listensBeyondLoopback(): boolean;
    };
  }
  interface FastifyRequest {
    /** The key the request authenticated with, or null (anonymous). */
    apiKey: KeyMatch | null;
  }
  interface FastifyContextConfig {
    /** Overrides the scope routeScope gives the route's URL; null makes it public. */
    scope?: Scope | null;
  }
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as an IPv6-mapped address (::ffff:127.0.0.1). */
export function isLoopback(address: string): boolean {
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (net.isIPv4(v4)) return v4.startsWith('127.');
  return net.isIPv6(address) && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(address.toLowerCase());
}

/** Where the client is told to look when a key is missing. */
const KEY_HELP = 'configure keys with GENEGAN_API_KEYS="admin:<key>,infer:<key>" or genegan serve --keys-file <file> (docs/service.md "Deploying")';

/**
 * Which scope a route needs: jobs (with their reports and live events) are admin; the rest of
 * /v1 (image routes, model list) is infer; the page, /docs, /health and /ready are public. By
 * URL rather than per route, so a route added under /v1 is protected without anyone remembering to.
 */
export function routeScope(url: string): Scope | null {
  if (url === '/v1/jobs' || url.startsWith('/v1/jobs/')) return 'admin';
  if (url.startsWith('/v1/')) return 'infer';
  return null;
}

/**
 * API keys with two scopes. @fastify/bearer-auth reads the Authorization header and asks the
 * keyring (hashes compared in constant time); @fastify/auth chains that after the check that an
 * exposed server has an admin key at all. The rules, per scope:
 * - a scope with configured keys needs one of them (an admin key also grants infer);
 * - infer without infer keys is open (a public demo), limited per address by plugins/rateLimit.ts;
 * - admin without admin keys is open only while the server listens on loopback alone, where
 *   the user of the machine is the only client; otherwise it is refused with a 403 saying how
 *   to configure a key. Loopback is judged from the real listening sockets, not from a setting.
 * A wrong key is a 401 even on an open route, so a client learns that its key is not accepted.
 */
export default fp<ResolvedSecurityOptions>(
  async (app, opts) => {
    const keyring = createKeyring(opts.apiKeys);
    let exposed = false;
    app.addHook('onListen', async () => {
      // A unix socket (a string) is local to the machine.
      exposed = app.addresses().some((a) => typeof a !== 'string' && !isLoopback(a.address));
      if (exposed && !keyring.has('admin')) app.log.warn(`listening beyond loopback without an admin key: job routes answer 403; ${KEY_HELP}`);
    });
    app.decorate('access', { keyring, listensBeyondLoopback: () => exposed });
    app.decorateRequest('apiKey', null);

    await app.register(fastifyAuth);
    await app.register(bearerAuth, {
      addHook: false,
      keys: [],
      verifyErrorLogLevel: 'debug',
      auth: (key: string, request: FastifyRequest) => {
        request.apiKey = keyring.find(key) ?? null;
        return request.apiKey !== null;
      },
    });

    const needsKey = (scope: Scope) => (scope === 'admin' ? keyring.has('admin') : keyring.has('infer'));

    const requireConfiguredKey = (scope: Scope) => (_request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      if (scope === 'admin' && !keyring.has('admin') && exposed) {
        return done(new HttpError(403, 'admin_key_required',
          `authorization: expected an admin key configured on a server that listens beyond loopback, but none is; ${KEY_HELP}, or listen on 127.0.0.1`));
      }
      done();
    };

    const authenticate = (scope: Scope) => (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      if (!needsKey(scope) && request.headers.authorization === undefined) return done();
      const wanted = scope === 'admin' ? 'an admin key' : 'an infer or admin key';
      app.verifyBearerAuth!(request, reply, (err?: Error) => {
        if (err) {
          const missing = request.headers.authorization === undefined;
          const got = missing ? 'no Authorization header' : 'a key that matches none configured (or not the Bearer scheme)';
          return done(new HttpError(401, missing ? 'missing_key' : 'bad_key', `authorization: expected "Bearer <key>" with ${wanted}, but got ${got}`,
            { 'www-authenticate': 'Bearer realm="genegan"' }));
        }
        if (scope === 'admin' && request.apiKey?.scope !== 'admin') {
          return done(new HttpError(403, 'wrong_scope', `authorization: expected an admin key, but got an ${request.apiKey?.scope} key`));
        }
        done();
      });
    };

    const guards = new Map<Scope, onRequestHookHandler>();
    for (const scope of ['infer', 'admin'] as const) {
      guards.set(scope, app.auth([requireConfiguredKey(scope), authenticate(scope)], { relation: 'and' }) as onRequestHookHandler);
    }
    app.addHook('onRoute', (route) => {
      const scope = route.config?.scope !== undefined ? route.config.scope : routeScope(route.url);
      if (!scope) return;
      const existing = route.onRequest ? [route.onRequest].flat() : [];
      route.onRequest = [guards.get(scope)!, ...existing];
    });
  },
  { name: 'auth' },
);
