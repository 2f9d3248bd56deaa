import { createRandom, hashSeed } from '../shared/random.ts';

/** Where an endless shuffled stream is: which pass over the set, and how far into it. */
export interface StreamPosition {
  epoch: number;
  position: number;
}

/** How many permutations are kept (the current epoch and the one a prefetch may peek into). */
const KEPT_PERMUTATIONS = 2;

/**
 * An endless stream over 0..n-1: every epoch is a fresh permutation derived only from
 * (seed, epoch), so a saved {epoch, position} resumes the exact same sequence.
 */
export class ShuffleStream {
  private epoch = 0;
  private position = 0;
  private readonly permutations = new Map<number, Uint32Array>();

  constructor(
    readonly size: number,
    private readonly seed: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ShuffleStream: expected a positive size, but got ${size}`);
  }

  /** The next item, with the position it was taken at. */
  take(): { item: number; epoch: number; position: number } {
    const taken = { item: this.itemAt(this.epoch, this.position), epoch: this.epoch, position: this.position };
    this.position++;
    if (this.position === this.size) {
      this.epoch++;
      this.position = 0;
    }
    return taken;
  }

  /** The next `count` items without moving the stream (for prefetching). */
  peek(count: number): number[] {
    const items: number[] = [];
    let { epoch, position } = this;
    for (let i = 0; i < count; i++) {
      items.push(this.itemAt(epoch, position));
      if (++position === this.size) [epoch, position] = [epoch + 1, 0];
    }
    return items;
  }

  state(): StreamPosition {
    return { epoch: this.epoch, position: this.position };
  }

  restore(state: StreamPosition): void {
    const { epoch, position } = state;
    if (!Number.isInteger(epoch) || epoch < 0 || !Number.isInteger(position) || position < 0 || position >= this.size) {
      throw new RangeError(`ShuffleStream: expected epoch >= 0 and 0 <= position < ${this.size}, but got ${JSON.stringify(state)}`);
    }
    this.epoch = epoch;
    this.position = position;
  }

  private itemAt(epoch: number, position: number): number {
    return this.permutation(epoch)[position];
  }

  private permutation(epoch: number): Uint32Array {
    let perm = this.permutations.get(epoch);
    if (perm) return perm;
    perm = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) perm[i] = i;
    const rng = createRandom(hashSeed(this.seed, epoch));
    for (let i = this.size - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    this.permutations.set(epoch, perm);
    for (const key of this.permutations.keys()) if (this.permutations.size > KEPT_PERMUTATIONS && key !== epoch) this.permutations.delete(key);
    return perm;
  }
}
