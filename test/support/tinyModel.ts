import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGenegan } from '../../src/model/createGenegan.ts';
import { presetConfig } from '../../src/model/presets.ts';
import { saveModel } from '../../src/model/saveModel.ts';
import { selectBackend } from '../../src/backend/selectBackend.ts';

/**
 * A real model with random weights (src/model's `tiny` preset, 64 px), saved with saveModel into
 * <root>/<id>, for service tests until trained models exist. Returns the models root.
 */
export async function saveTinyModel(root: string, id = 'tiny-eyeglasses', attribute = 'Eyeglasses', seed = 1): Promise<string> {
  await selectBackend({ log: () => {} });
  const model = createGenegan(presetConfig('tiny'), { critics: false, seed });
  try {
    await saveModel(path.join(root, id), model, { attribute, recipe: 'fast', iterations: 0, data: { layout: 'none (random weights for tests)' } });
  } finally {
    model.dispose();
  }
  return root;
}

/** A fresh temporary directory removed when the test ends. */
export function tempDir(t: { after(fn: () => void): void }, prefix = 'genegan-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A packed low-bit copy (src/quant's post-training quantizeModel, balanced, `bits` weight bits,
 * float activations) of the model <root>/<from>, saved as <root>/<id>.
 */
export async function saveTinyQuantizedModel(root: string, from = 'tiny-eyeglasses', id = 'tiny-eyeglasses-4bit', bits = 4): Promise<void> {
  const { quantizeModel } = await import('../../src/model/quantize.ts');
  await quantizeModel({
    model: path.join(root, from), out: path.join(root, id),
    quant: { method: 'balanced', wbits: bits, abits: 32, floatFirstLast: true }, engine: 'lowbit',
  });
}
