import { parseArgs } from 'node:util';
import { selectBackend } from '../../backend/selectBackend.ts';
import { readManifest } from '../../model/loadModel.ts';
import { FLOAT_ACTIVATION_BITS, QUANT_METHODS } from '../../quant/types.ts';
import { MAX_BITS } from '../../quant/levels.ts';
import { quantizeModel, type QuantizeModelReport } from '../../model/quantize.ts';
import { resolveEngine } from '../../model/loadModel.ts';
import type { QuantConfig, QuantMethod } from '../../quant/types.ts';
import { integerFlag } from '../flags.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'quantize',
  summary: 'post-training quantization: pack a model\'s generator into k-bit codes',
  usage: `usage: genegan quantize --model DIR --bits K --method balanced|balanced-exact|uniform --out DIR
                        [--abits K] [--quantize-first-last] [--calibrate DATA [--calibrate-count N]
                        [--attribute NAME]] [--engine lowbit|float] [--json]

Quantizes every generator conv kernel per tensor to K bits (docs/quantization.md): 'balanced'
(histogram-equalised by recursive means, the paper's cheap form), 'balanced-exact' (percentile
thresholds) or 'uniform' (DoReFa). Writes a packed model directory (manifest.json, packed.json,
packed.bin: K-bit codes + one scale per tensor; BN parameters and biases stay float) that every
genegan command and the service load like a float model; its generator runs from the codes.
A quantization-aware-trained model (genegan train --wbits/--abits/--quant) is packed with its own
settings unless flags override them.
  --model DIR             float (or QAT) model directory
  --bits K                weight bits, 1..8 (default: the QAT model's wbits)
  --method M              balanced | balanced-exact | uniform (default: the QAT model's)
  --abits K               activation bits 1..8, or 32 for float activations (default: the QAT
                          model's, else 32 — a float-trained model's activations are not in [0,1])
  --quantize-first-last   also quantize the first and last layer (default: keep them float)
  --calibrate DATA        re-estimate batch-norm statistics of the quantized generator on the first
                          N images per set of DATA's training split (recommended after training)
  --calibrate-count N     calibration images per set (default 64)
  --attribute NAME        attribute column of DATA (default Eyeglasses)
  --engine E              lowbit (integer codes) | float (fake-quant float path); default lowbit,
                          or GENEGAN_QUANT_ENGINE
  --out DIR               output model directory (replaced if present)
  --json                  print the report as JSON`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string' },
        bits: { type: 'string' },
        method: { type: 'string' },
        abits: { type: 'string' },
        'quantize-first-last': { type: 'boolean' },
        engine: { type: 'string' },
        calibrate: { type: 'string' },
        'calibrate-count': { type: 'string', default: '64' },
        attribute: { type: 'string', default: 'Eyeglasses' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (values.model === undefined) throw new UsageError('expected --model DIR, but it is missing');
    if (values.out === undefined) throw new UsageError('expected --out DIR, but it is missing');
    const qat = (await readManifest(values.model)).config.quant;
    const quant = quantConfig(values, qat);
    const engine = resolveEngine(values.engine);
    await selectBackend();
    const calibration = values.calibrate === undefined ? undefined : { data: values.calibrate, attribute: values.attribute, count: integerFlag(values['calibrate-count'] as string, 'calibrate-count', { min: 1 }) };
    const report = await quantizeModel({ model: values.model, out: values.out, quant, engine, calibration });
    process.stdout.write((values.json ? JSON.stringify(report) : describe(report)) + '\n');
    return 0;
  },
};

interface Flags {
  bits?: string;
  method?: string;
  abits?: string;
  'quantize-first-last'?: boolean;
}

function quantConfig(flags: Flags, qat: QuantConfig | undefined): QuantConfig {
  const wbits = flags.bits !== undefined ? bitsFlag('bits', flags.bits, false) : qat?.wbits;
  if (wbits === undefined) throw new UsageError('expected --bits K (1..8), but it is missing (the model is not quantization-aware-trained)');
  const method = flags.method ?? qat?.method;
  if (method === undefined) throw new UsageError(`expected --method ${QUANT_METHODS.join('|')}, but it is missing`);
  if (!(QUANT_METHODS as readonly string[]).includes(method)) throw new UsageError(`--method: expected one of ${QUANT_METHODS.join('|')}, but got "${method}"`);
  const abits = flags.abits !== undefined ? bitsFlag('abits', flags.abits, true) : (qat?.abits ?? FLOAT_ACTIVATION_BITS);
  const floatFirstLast = flags['quantize-first-last'] === true ? false : (qat?.floatFirstLast ?? true);
  return { wbits, abits, method: method as QuantMethod, floatFirstLast };
}

/** Weight or activation bits: 1..8, or 32 (float) where allowed. */
function bitsFlag(flag: string, text: string, allowFloat: boolean): number {
  const n = integerFlag(text, flag);
  if ((n >= 1 && n <= MAX_BITS) || (allowFloat && n === FLOAT_ACTIVATION_BITS)) return n;
  throw new UsageError(`--${flag}: expected an integer 1..${MAX_BITS}${allowFloat ? ` or ${FLOAT_ACTIVATION_BITS}` : ''}, but got "${text}"`);
}

function describe(r: QuantizeModelReport): string {
  const q = r.quant;
  const entropy = Object.values(r.entropyBits);
  const mean = entropy.reduce((a, b) => a + b, 0) / Math.max(entropy.length, 1);
  return [
    `wrote ${r.out}: ${q.method} w${q.wbits} a${q.abits === FLOAT_ACTIVATION_BITS ? 'float' : q.abits}${q.floatFirstLast ? ', first/last layer float' : ''}, engine ${r.engine}${r.calibrated ? ', BN recalibrated' : ''}`,
    `size: ${r.packedBytes} B packed vs ${r.floatBytes} B float32 weights (1/${(r.floatBytes / r.packedBytes).toFixed(2)})`,
    `level occupancy entropy: mean ${mean.toFixed(3)} of ${q.wbits} bits over ${entropy.length} quantized kernels`,
  ].join('\n');
}
