import { UsageError } from '../cli/types.ts';
import type { PtqSpec } from './buildVariants.ts';
import type { FeatureChoice } from './prepareJudges.ts';

const METHODS = ['balanced', 'balanced-exact', 'uniform'];
const FEATURES: FeatureChoice[] = ['attrclf', 'faceres'];

/** A positive integer flag value, or a UsageError naming the flag. */
export function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`expected ${flag} to be a positive integer, but got "${value}"`);
  return n;
}

/** A non-negative integer (e.g. --seed). */
export function nonNegativeInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`expected ${flag} to be a non-negative integer, but got "${value}"`);
  return n;
}

export function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`expected ${flag} to be a positive number, but got "${value}"`);
  return n;
}

/** --ptq balanced:2,uniform:4 (method:bits, comma-separated) or "none". */
export function ptqSpecs(value: string | undefined): PtqSpec[] | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return [];
  return value.split(',').map((item) => {
    const [method, bits] = item.split(':');
    const wbits = Number(bits);
    if (!METHODS.includes(method) || !Number.isInteger(wbits) || wbits < 1 || wbits > 8) {
      throw new UsageError(`--ptq: expected method:bits with method ${METHODS.join('|')} and bits 1..8 (e.g. balanced:4), but got "${item}"`);
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

export function splitName(value: string | undefined): 'train' | 'val' | 'test' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'train' && value !== 'val' && value !== 'test') throw new UsageError(`expected --split train|val|test, but got "${value}"`);
  return value;
}
