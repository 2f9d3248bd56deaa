/** Names a user can force with GENEGAN_BACKEND, in order of preference. */
export type BackendName = 'gpu' | 'node' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** Our name for the backend (what GENEGAN_BACKEND takes). */
  name: BackendName;
  /** tfjs's own name of the active backend ("tensorflow", "wasm", "cpu"). */
  tfjsName: string;
  /** True when the choice was forced by GENEGAN_BACKEND. */
  forced: boolean;
  /** Human-readable details: SIMD, threads, GPU device, training kernels added. */
  details: Record<string, string | number | boolean>;
  /** Why each preferred backend before the chosen one was skipped. */
  skipped: Partial<Record<BackendName, string>>;
}

export interface SelectBackendConfig {
  /** Force one backend; defaults to process.env.GENEGAN_BACKEND. */
  force?: string;
  /** Candidates to try in order; defaults to BACKEND_ORDER. */
  order?: BackendName[];
  /** Logger for the one line that reports the choice; defaults to stderr. */
  log?: (line: string) => void;
}
