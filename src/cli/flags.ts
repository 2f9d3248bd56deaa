import { selectBackend } from '../backend/selectBackend.ts';
import type { PtqSpec } from '../eval/buildVariants.ts';
import type { FeatureChoice } from '../eval/judges.ts';
import { loadModel, type LoadedModel } from '../model/loadModel.ts';
import { UsageError } from './types.ts';

/**
 * The flag values of every command: parseArgs hands over strings, these turn them into checked
 * numbers and choices. `flag` is the name without dashes; an absent flag (undefined) gives the
 * fallback, a bad one a UsageError "--flag: expected ..., but got "value"".
 */

/** Bounds of a numeric flag; both inclusive. */
export interface FlagRange {
  min?: number;
  max?: number;
}

/** Number for a given flag, number | undefined for an optional one. */
type Parsed<V> = V extends string ? number : number | undefined;

/** An integer flag within `range`; undefined when absent (callers apply their default). */
export function integerFlag<V extends string | undefined>(value: V, flag: string, range: FlagRange = {}): Parsed<V> {
  if (value === undefined) return undefined as Parsed<V>;
  const n = Number(value);
  const { min = -Infinity, max = Infinity } = range;
  if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag}: expected an integer${rangeText(range)}, but got "${value}"`);
  }
  return n as Parsed<V>;
}

/** An integer flag within `range`, or `fallback` when absent. */
export function intFlag(value: string | undefined, flag: string, fallback: number, range: FlagRange = { min: 1 }): number {
  return integerFlag(value, flag, range) ?? fallback;
}

/** A finite number flag; `above` is an exclusive lower bound (e.g. 0 for a learning rate). */
export function floatFlag<V extends string | undefined>(value: V, flag: string, range: FlagRange & { above?: number } = {}): Parsed<V> {
  if (value === undefined) return undefined as Parsed<V>;
  const n = Number(value);
  const { min = -Infinity, max = Infinity, above = -Infinity } = range;
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || !(n > above)) {
    const bound = range.above !== undefined ? ` > ${range.above}` : rangeText(range);
    throw new UsageError(`--${flag}: expected a number${bound}, but got "${value}"`);
  }
  return n as Parsed<V>;
}

/** A finite number flag or its fallback. */
export function numberFlag(value: string | undefined, flag: string, fallback: number): number {
  return floatFlag(value, flag) ?? fallback;
}

/** A string flag that must be given. */
export function requiredFlag(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`expected --${flag}, but it is missing`);
  return value;
}

/** One of `choices`, or undefined when absent. */
export function choiceFlag<T extends string>(value: string | undefined, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${flag}: expected ${choices.join('|')}, but got "${value}"`);
  return value as T;
}

export const SPLITS = ['train', 'val', 'test'] as const;

/** --split and the like: train|val|test. */
export function splitFlag(value: string | undefined, flag = 'split'): (typeof SPLITS)[number] | undefined {
  return choiceFlag(value, flag, SPLITS);
}

const PTQ_METHODS = ['balanced', 'balanced-exact', 'uniform'];
const FEATURES: FeatureChoice[] = ['attrclf', 'faceres'];

/** --ptq balanced:2,uniform:4 (method:bits, comma-separated) or "none". */
export function ptqSpecs(value: string | undefined): PtqSpec[] | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return [];
  return value.split(',').map((item) => {
    const [method, bits] = item.split(':');
    const wbits = Number(bits);
    if (!PTQ_METHODS.includes(method) || !Number.isInteger(wbits) || wbits < 1 || wbits > 8) {
      throw new UsageError(`--ptq: expected method:bits with method ${PTQ_METHODS.join('|')} and bits 1..8 (e.g. balanced:4), but got "${item}"`);
    }
    return { method: method as PtqSpec['method'], wbits };
  });
}

/** --features attrclf,faceres or "none". */
export function featureChoices(value: string | undefined): FeatureChoice[] | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return [];
  return value.split(',').map((f) => {
    if (!FEATURES.includes(f as FeatureChoice)) throw new UsageError(`--features: expected ${FEATURES.join('|')} or none, but got "${f}"`);
    return f as FeatureChoice;
  });
}

/** --model DIR of the inference commands: picks the backend (logged on stderr), then loads the model. */
export async function loadModelForCli(dir: string | undefined): Promise<LoadedModel> {
  const model = requiredFlag(dir, 'model');
  await selectBackend();
  return loadModel(model);
}

function rangeText({ min, max }: FlagRange): string {
  if (min !== undefined && max !== undefined) return ` ${min}..${max}`;
  if (min !== undefined) return ` >= ${min}`;
  if (max !== undefined) return ` <= ${max}`;
  return '';
}
