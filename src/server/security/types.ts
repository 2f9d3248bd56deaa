/** What a key may do: `infer` the image routes and the model list, `admin` everything (jobs, reports, models). */
export type Scope = 'infer' | 'admin';

export interface ApiKey {
  scope: Scope;
  /** The secret as the client sends it (Authorization: Bearer <key>); only its hash is kept at run time. */
  key: string;
}

/** Limits on the image routes, in requests per window; 0 turns a limit off. */
export interface RateLimitOptions {
  /** Requests without a key, counted per client address. */
  perIp: number;
  /** Requests with a key, counted per key. */
  perKey: number;
  windowMs: number;
}

/** The app's security settings (src/server/plugins/auth.ts, rateLimit.ts). */
export interface SecurityOptions {
  apiKeys?: ApiKey[];
  rateLimit?: Partial<RateLimitOptions>;
}

export interface ResolvedSecurityOptions {
  apiKeys: ApiKey[];
  rateLimit: RateLimitOptions;
}
