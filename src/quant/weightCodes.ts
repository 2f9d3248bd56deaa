import { balancedCodes } from './balancedCodes.ts';
import { uniformCodes } from './uniformCodes.ts';
import { meanScaledCodes } from './meanScaledCodes.ts';
import { WEIGHT_QUANTIZERS } from './constants.ts';
import type { WeightCodes, WeightQuantizer } from './types.ts';

/**
 * Level codes + scale of one weight tensor for any quantizer of the library. Both the
 * fake-quantized training path and the packed model files go through here, so the two agree
 * bit for bit.
 */
export function weightCodes(values: ArrayLike<number>, method: WeightQuantizer, bits: number): WeightCodes {
  switch (method) {
    case 'balanced':
      return balancedCodes(values, bits, false);
    case 'balanced-exact':
      return balancedCodes(values, bits, true);
    case 'uniform':
      return uniformCodes(values, bits);
    case 'mean-scaled':
      return meanScaledCodes(values, bits);
    default:
      throw Object.assign(
        new TypeError(`quantization method: expected one of ${WEIGHT_QUANTIZERS.join('|')}, but got "${String(method)}"`),
        { userFacing: true },
      );
  }
}
