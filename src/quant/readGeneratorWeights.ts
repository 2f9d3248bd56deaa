import type { Genegan } from '../model/types.ts';
import type { HostTensor } from './types.ts';

/** The generator's variables (trainable and BN running state) copied to host memory, by name. */
export function readGeneratorWeights(model: Genegan): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const entry of model.entries()) {
    if (entry.group !== 'generator') continue;
    out.set(entry.name, { shape: [...entry.variable.shape], values: Float32Array.from(entry.variable.dataSync() as Float32Array) });
  }
  return out;
}
