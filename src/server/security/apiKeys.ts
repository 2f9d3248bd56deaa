import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApiKey, Scope } from './types.ts';

export const SCOPES: readonly Scope[] = ['infer', 'admin'];
/** Shorter keys can be guessed; `openssl rand -hex 32` gives 64 characters. */
export const MIN_KEY_LENGTH = 16;
/** RFC 6750 token68 characters, so every key fits in `Authorization: Bearer <key>` unchanged. */
const KEY_CHARS = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Keys from text: `scope:key` entries separated by commas, whitespace or new lines; `#` starts a
 * comment. Used for the GENEGAN_API_KEYS variable and for keys files alike. Errors name the
 * source and the entry's position but never echo a key, since they end up in logs.
 */
export function parseApiKeys(text: string, source: string): ApiKey[] {
  const entries = text.split('\n').map((line) => line.replace(/#.*/, '')).join(',').split(/[\s,]+/).filter(Boolean);
  const keys = entries.map((entry, i) => {
    const where = `${source} entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${where}: expected scope:key (scope ${SCOPES.join(' or ')}), but got an entry without a colon`);
    const scope = entry.slice(0, colon);
    const key = entry.slice(colon + 1);
    if (!SCOPES.includes(scope as Scope)) throw new Error(`${where}: expected scope ${SCOPES.join(' or ')} before the colon, but got "${scope.slice(0, 20)}"`);
    if (key.length < MIN_KEY_LENGTH) throw new Error(`${where}: expected a key of at least ${MIN_KEY_LENGTH} characters, but got ${key.length}`);
    if (!KEY_CHARS.test(key)) throw new Error(`${where}: expected a key of letters, digits and -._~+/ (as in a Bearer token), but got other characters`);
    return { scope: scope as Scope, key };
  });
  const seen = new Set<string>();
  for (const [i, k] of keys.entries()) {
    if (seen.has(k.key)) throw new Error(`${source} entry ${i + 1}: expected every key once, but got a key listed twice`);
    seen.add(k.key);
  }
  return keys;
}

/** A keys file in the format of parseApiKeys (one `scope:key` per line reads best). */
export function readKeysFile(file: string): ApiKey[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`keys file ${file}: expected a readable file, but got ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseApiKeys(text, `keys file ${file}`);
}

export interface KeyMatch {
  scope: Scope;
  /** A short, stable name for logs and rate-limit buckets: the scope and 8 hex digits of the key's hash. */
  id: string;
}

export interface Keyring {
  /** Whether any key of this scope is configured. */
  has(scope: Scope): boolean;
  /** The configured key equal to `presented`, or undefined. */
  find(presented: string): KeyMatch | undefined;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Only SHA-256 digests of the keys are kept. A presented key is hashed and compared with every
 * digest by timingSafeEqual, without stopping at a match: equal-length digests make the time
 * independent of how much of a key an attacker got right, and of which key matched.
 */
export function createKeyring(keys: readonly ApiKey[]): Keyring {
  const stored = keys.map((k) => {
    const hash = digest(k.key);
    return { hash, match: { scope: k.scope, id: `${k.scope}-${hash.subarray(0, 4).toString('hex')}` } };
  });
  const scopes = new Set(keys.map((k) => k.scope));
  return {
    has: (scope) => scopes.has(scope),
    find(presented) {
      const hash = digest(presented);
      let found: KeyMatch | undefined;
      for (const s of stored) if (timingSafeEqual(s.hash, hash)) found ??= s.match;
      return found;
    },
  };
}
