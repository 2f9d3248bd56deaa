/**
 * The recurrent-cell table of docs/quantization.md: bit-rnn GRU / LSTM (32 units) on the delayed-XOR
 * task (src/quant/sequenceTask.ts), float vs k-bit, same seeds and steps as the tests.
 *   node --import tsx bench/quantRnn.ts [--bits 4,2] [--seeds 1,2,3] [--delay 2] [--units 32] [--iterations 250]
 */
import { parseArgs } from 'node:util';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { createQuantGru, createQuantLstm } from '../src/quant/recurrent.ts';
import { trainSequenceTask } from '../src/quant/sequenceTask.ts';

const { values } = parseArgs({ options: { bits: { type: 'string', default: '4,2' }, seeds: { type: 'string', default: '1,2,3' }, delay: { type: 'string', default: '2' }, units: { type: 'string', default: '32' }, iterations: { type: 'string', default: '250' } } });
await selectBackend({ log: () => {} });
const bitsList: Array<number | null> = [null, ...(values.bits as string).split(',').map(Number)];
const seeds = (values.seeds as string).split(',').map(Number);
console.log(`delay ${values.delay}, ${values.units} units, ${values.iterations} Adam steps`);
console.log('| cell | weights/activations | accuracy (mean over seeds) | final training loss (mean) |');
console.log('|---|---|---|---|');
for (const [name, make] of [['GRU', createQuantGru], ['LSTM', createQuantLstm]] as const) {
  for (const bits of bitsList) {
    const runs = seeds.map((seed) => {
      const layer = make({ inputSize: 1, units: Number(values.units), bits, seed });
      const r = trainSequenceTask(layer, { iterations: Number(values.iterations), learningRate: 0.03, seed, delay: Number(values.delay) });
      layer.dispose();
      return r;
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`| ${name} | ${bits === null ? 'float' : `${bits}-bit`} | ${(100 * mean(runs.map((r) => r.accuracy))).toFixed(1)}% (${runs.map((r) => (100 * r.accuracy).toFixed(1)).join(', ')}) | ${mean(runs.map((r) => r.loss)).toFixed(4)} |`);
  }
}
