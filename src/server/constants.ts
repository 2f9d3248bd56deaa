/** Default port of `genegan serve` / `npm start`. */
export const DEFAULT_PORT = 8080;
/**
 * Loopback only: out of the box nobody else can reach the service, so it needs no key. Any other
 * address (0.0.0.0 in a container) needs an admin key for jobs (docs/service.md "Deploying").
 */
export const DEFAULT_HOST = '127.0.0.1';

/** Where model directories live (each with a manifest.json), relative to the working directory. */
export const DEFAULT_MODELS_DIR = 'models';
/** Job state (SQLite), runs and job-trained models. */
export const DEFAULT_DATA_DIR = '.genegan';
/** Root of the dataset directories training jobs may name (the repository's git-ignored data/). */
export const DEFAULT_DATASETS_DIR = 'data';
/** File name of the job database inside the data directory. */
export const JOB_DB_FILE = 'jobs.sqlite';

const MIB = 1024 * 1024;

/** Upload limits: every image field is checked before any model work is queued. */
export const DEFAULT_UPLOAD_LIMITS = {
  /** Bytes per uploaded file (413 beyond). */
  maxFileBytes: 10 * MIB,
  /** Files per request: transfer takes a target and up to four exemplars. */
  maxFiles: 5,
  /** Non-file fields per request. */
  maxFields: 16,
  /** Decoded pixels per image (413 beyond); sharp's limitInputPixels uses the same number. */
  maxPixels: 4096 * 4096,
} as const;

/** Inference pool: size 0 means "one worker per available core". */
export const DEFAULT_POOL = {
  size: 0,
  /** Requests waiting for a worker before new ones get 503 + Retry-After. */
  queueLimit: 64,
  /** Per-request budget from arrival to answer (queue wait included). */
  timeoutMs: 60_000,
  /** Seconds a client is told to wait after a 503. */
  retryAfterSeconds: 2,
  /** Loaded models kept per worker (least recently used are disposed). */
  modelCacheSize: 4,
  warmUp: false,
} as const;

/**
 * Image-route requests per client per minute. The page sends one request per click or (debounced)
 * slider move, so a person stays far below 60; a key is a program, given ten times more.
 */
export const DEFAULT_RATE_LIMIT = { perIp: 60, perKey: 600, windowMs: 60_000 } as const;

/** Output image formats of the inference routes. */
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
/** Quality of lossy outputs. */
export const LOSSY_QUALITY = 90;

/** Side of the 4-exemplar matrix when the client asks for a grid but no size (docs/model.md "Inference operations", (M9)). */
export const DEFAULT_MATRIX_SIDE = 5;
export const MAX_MATRIX_SIDE = 9;

/** Progress events of a running job are stored at most this often (the page's loss plot). */
export const JOB_HISTORY_MIN_INTERVAL_MS = 1000;
/** Seconds between SSE keep-alive comments, so proxies keep the stream open. */
export const SSE_KEEPALIVE_MS = 15_000;

/** Sub-directory of an evaluation job's run directory with metrics.json and report.html. */
export const EVAL_REPORT_SUBDIR = 'report';
