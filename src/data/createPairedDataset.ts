import { tf, type Tensor4D } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { CHIRAL_ATTRIBUTES, DATASET_DEFAULTS } from './constants.ts';
import { DataError } from './dataError.ts';
import { LruCache } from './lruCache.ts';
import { hashSeed } from '../shared/random.ts';
import { ShuffleStream } from './shuffleStream.ts';
import type { DatasetOptions, DatasetState, ImageSource, OpenedDataset, Side } from './types.ts';

const SIDES: readonly Side[] = ['with', 'without'];
/** Keeps the two sides' shuffles (and flips) independent under one seed. */
const SIDE_SALT: Record<Side, number> = { with: 1, without: 2 };

type Filled = Required<Omit<DatasetOptions, 'attribute'>>;

/**
 * The streaming dataset on top of a layout reader: per side an endless seeded shuffle, decoded
 * on demand through a small LRU cache, with the next batches decoded ahead (prefetch) while the
 * trainer works. Only ids are held for the whole set, never pixels.
 */
export function createPairedDataset(source: ImageSource, options: DatasetOptions): OpenedDataset {
  const filled = { ...DATASET_DEFAULTS, ...stripUndefined(options) } as Filled;
  const o: Filled = { ...filled, flip: filled.flip && !CHIRAL_ATTRIBUTES.includes(source.attribute) };
  for (const side of SIDES) {
    if (source.ids[side].length === 0) {
      throw new DataError(`no images for the "${side}" side of ${source.attribute} in the ${source.split} split (${source.layout} layout)`);
    }
  }
  return new StreamingDataset(source, o);
}

class StreamingDataset implements OpenedDataset {
  readonly layout: ImageSource['layout'];
  readonly imageSize: number;
  readonly counts: Record<Side, number>;
  readonly attribute: string;
  readonly split: ImageSource['split'];
  private readonly skippedIds: Record<Side, Set<string>> = { with: new Set(), without: new Set() };
  private readonly streams: Record<Side, ShuffleStream>;
  private readonly cache: LruCache<string, Uint8Array>;
  /** Decodes started ahead of need, keyed by id; consumed (deleted) when a batch uses them. */
  private readonly ahead = new Map<string, Promise<Uint8Array | null>>();
  private closed = false;

  constructor(
    private readonly source: ImageSource,
    private readonly o: Filled,
  ) {
    this.layout = source.layout;
    this.imageSize = source.imageSize;
    this.attribute = source.attribute;
    this.split = source.split;
    this.counts = { with: source.ids.with.length, without: source.ids.without.length };
    this.streams = {
      with: new ShuffleStream(this.counts.with, hashSeed(o.seed, SIDE_SALT.with)),
      without: new ShuffleStream(this.counts.without, hashSeed(o.seed, SIDE_SALT.without)),
    };
    this.cache = new LruCache(o.cacheSize);
  }

  get skipped(): number {
    return this.skippedIds.with.size + this.skippedIds.without.size;
  }

  ids(side: Side): readonly string[] {
    return this.source.ids[side];
  }

  async next(side: Side, batchSize: number): Promise<Tensor4D> {
    this.checkOpen();
    checkBatch(batchSize);
    const stream = this.streams[side];
    const images: Uint8Array[] = [];
    const flips: boolean[] = [];
    while (images.length < batchSize) {
      const wanted = batchSize - images.length;
      const taken = Array.from({ length: wanted }, () => stream.take());
      const decoded = await Promise.all(taken.map((t) => this.fetch(side, this.source.ids[side][t.item])));
      decoded.forEach((img, i) => {
        if (img === null) return;
        images.push(img);
        flips.push(this.o.flip && (hashSeed(this.o.seed, SIDE_SALT[side], taken[i].epoch, taken[i].position) & 1) === 1);
      });
      if (this.skippedIds[side].size === this.counts[side]) {
        throw new DataError(`every image of the "${side}" side (${this.counts[side]}) is unreadable or corrupt`);
      }
    }
    this.prefetch(side, batchSize);
    await backendReady();
    return this.toTensor(images, flips);
  }

  async batchAt(side: Side, start: number, count: number): Promise<{ images: Tensor4D; ids: string[] }> {
    this.checkOpen();
    checkBatch(count);
    const all = this.source.ids[side];
    if (!Number.isInteger(start) || start < 0 || start >= all.length) {
      throw new RangeError(`batchAt: expected 0 <= start < ${all.length}, but got ${start}`);
    }
    const ids = all.slice(start, start + count);
    const decoded = await Promise.all(ids.map((id) => this.fetch(side, id)));
    const kept = ids.filter((_, i) => decoded[i] !== null);
    const images = decoded.filter((d): d is Uint8Array => d !== null);
    await backendReady();
    return { images: this.toTensor(images, images.map(() => false)), ids: kept };
  }

  state(): DatasetState {
    return { with: this.streams.with.state(), without: this.streams.without.state() };
  }

  restore(state: DatasetState): void {
    for (const side of SIDES) {
      if (state?.[side] === undefined) throw new RangeError(`restore: expected a DatasetState with "with" and "without", but got ${JSON.stringify(state)}`);
    }
    for (const side of SIDES) this.streams[side].restore(state[side]);
    this.ahead.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.ahead.values());
    this.ahead.clear();
    this.cache.clear();
  }

  /** Cached, prefetched or freshly decoded pixels; null (and counted once) when unreadable. */
  private fetch(side: Side, id: string): Promise<Uint8Array | null> {
    // Prefetched first: a finished prefetch is also in the cache, and its entry here must be
    // consumed, or `ahead` would keep every prefetched image alive (an unbounded cache).
    const pending = this.ahead.get(id);
    if (pending) {
      this.ahead.delete(id);
      return pending;
    }
    const cached = this.cache.get(id);
    return cached ? Promise.resolve(cached) : this.decode(side, id);
  }

  /** Decodes started ahead and not yet used (bounded by prefetch x batch size; for tests). */
  get pendingDecodes(): number {
    return this.ahead.size;
  }

  private async decode(side: Side, id: string): Promise<Uint8Array | null> {
    if (this.skippedIds[side].has(id)) return null;
    try {
      const img = await this.source.load(id);
      const expected = this.imageSize * this.imageSize * 3;
      if (img.length !== expected) throw new Error(`expected ${expected} bytes, but got ${img.length}`);
      this.cache.set(id, img);
      return img;
    } catch (err) {
      // A DataError is about the whole set (e.g. the face detector cannot load): stop. Anything
      // else is this one image being corrupt or unusable: skip it and count it.
      if (err instanceof DataError) throw err;
      this.skippedIds[side].add(id);
      return null;
    }
  }

  /** Starts decoding the next `prefetch` batches of this side (bounded: only those ids). */
  private prefetch(side: Side, batchSize: number): void {
    if (this.o.prefetch <= 0) return;
    const upcoming = this.streams[side].peek(Math.min(this.o.prefetch * batchSize, this.counts[side]));
    for (const item of upcoming) {
      const id = this.source.ids[side][item];
      if (!this.ahead.has(id) && this.cache.get(id) === undefined) this.ahead.set(id, this.decode(side, id));
    }
  }

  /** NHWC float32 [n, S, S, 3] in [0, 1] from 8-bit HWC images, mirrored where flips[i]. */
  private toTensor(images: Uint8Array[], flips: boolean[]): Tensor4D {
    const s = this.imageSize;
    const row = s * 3;
    const out = new Float32Array(images.length * s * row);
    images.forEach((img, n) => {
      const base = n * s * row;
      for (let y = 0; y < s; y++) {
        for (let x = 0; x < s; x++) {
          const src = y * row + (flips[n] ? s - 1 - x : x) * 3;
          const dst = base + y * row + x * 3;
          out[dst] = img[src] / 255;
          out[dst + 1] = img[src + 1] / 255;
          out[dst + 2] = img[src + 2] / 255;
        }
      }
    });
    return tf.tensor4d(out, [images.length, s, s, 3]);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('dataset is closed');
  }
}

/**
 * Batches are tensors, so a backend must be ready: the one the caller picked with selectBackend()
 * (cached), or, if nobody did, the same automatic choice. Without this, a registered but not yet
 * initialised backend (wasm) makes tensor creation throw.
 */
function backendReady(): Promise<unknown> {
  return selectBackend({ log: () => {} });
}

function checkBatch(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected a positive integer batch size, but got ${n}`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
