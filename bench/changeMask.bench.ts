/**
 * Chooses the change-mask thresholds of residual composition (CHANGE_MASK in src/face/constants.ts)
 * by measurement (docs/face.md "Residual composition"):
 *
 *   node --import tsx bench/changeMask.bench.ts --data data/synth-sweep-s11 --n 150 \
 *     --model models/eyeglasses64 --classifier runs/bundled/classifiers/eyeglasses \
 *     --model models/smiling64 --classifier runs/bundled/classifiers/smiling \
 *     --model models/sidelit64 --classifier runs/bundled/classifiers/sidelit [--json OUT.json]
 *
 * On held-out synthetic pairs (a seed used neither in training nor in the committed reports) each
 * model's Bu and A0 are composed at --scale x its size (default 4) with every mask of the grid and
 * scored against the true Bu and A0 (PSNR), with transfer success as the model's judge reads the
 * results brought to the model's size; 'replace' is the baseline. Prints a markdown table per
 * model and the settings that are good for all models at once (src/eval/changeMaskSweep.ts).
 * --classifier i belongs to --model i.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { CHANGE_MASK } from '../src/face/constants.ts';
import { defaultSweepGrid, rankMasks, sweepChangeMask, type SweepFamily, type SweepResult, type SweepScores } from '../src/eval/changeMaskSweep.ts';
import type { ChangeMaskOptions } from '../src/face/composite.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    classifier: { type: 'string', multiple: true },
    data: { type: 'string' },
    split: { type: 'string', default: 'test' },
    n: { type: 'string', default: '150' },
    batch: { type: 'string', default: '16' },
    scale: { type: 'string', default: '4' },
    json: { type: 'string' },
    top: { type: 'string', default: '12' },
    masks: { type: 'string' },
  },
});
if (!values.model?.length || values.data === undefined) {
  console.error('usage: node --import tsx bench/changeMask.bench.ts --data DIR --model DIR --classifier DIR [--model DIR --classifier DIR ...] [--n 150] [--scale 4] [--json OUT]');
  process.exit(2);
}
const classifiers = values.classifier ?? [];
if (classifiers.length !== 0 && classifiers.length !== values.model.length) {
  console.error(`expected one --classifier per --model, but got ${classifiers.length} for ${values.model.length}`);
  process.exit(2);
}

const backend = await selectBackend({ log: () => {} });
// --masks "sigma,low,high,feather[,eraseLow,eraseHigh[,consistentLow,consistentHigh]];..." sweeps
// only those masks (a quick check of a few settings).
const grid = values.masks
  ? values.masks.split(';').map((m) => {
    const d = CHANGE_MASK;
    const [sigma, low, high, feather, eraseLow = d.eraseLow, eraseHigh = d.eraseHigh, consistentLow = d.consistentLow, consistentHigh = d.consistentHigh] = m.split(',').map(Number);
    return { sigma, low, high, feather, eraseLow, eraseHigh, consistentLow, consistentHigh };
  })
  : defaultSweepGrid();
if (!grid.some((m) => sameMask(m, CHANGE_MASK))) grid.push({ ...CHANGE_MASK });
const results = await sweepChangeMask(
  {
    models: values.model.map((model, i) => ({ model, classifier: classifiers[i] })),
    data: values.data, split: values.split as 'test', pairs: Number(values.n), batchSize: Number(values.batch), scale: Number(values.scale), grid,
  },
  (message) => process.stderr.write(`\r${message}   `),
);
process.stderr.write('\n');
if (values.json) await writeFile(values.json, JSON.stringify({ backend: backend.name, data: values.data, split: values.split, scale: Number(values.scale), results }, null, 2) + '\n');

const pct = (x: number | undefined) => (x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
const line = (label: string, s: SweepScores, base: SweepScores) =>
  `| ${label} | ${s.buPsnr.toFixed(2)} (${signed(s.buPsnr - base.buPsnr)}) | ${s.a0Psnr.toFixed(2)} (${signed(s.a0Psnr - base.a0Psnr)}) | ${pct(s.transfer?.buWith)} | ${pct(s.transfer?.a0Without)} |`;
for (const r of results) {
  console.log(`\n${r.model} (${r.attribute}), ${r.pairs} pairs of ${values.data} (${values.split}), ${r.size * Number(values.scale)} px, ${r.seconds} s; replace: Bu ${r.replace.buPsnr.toFixed(2)} dB, A0 ${r.replace.a0Psnr.toFixed(2)} dB, transfer ${pct(r.replace.transfer?.buWith)} / ${pct(r.replace.transfer?.a0Without)}`);
  console.log('| composite | Bu PSNR (vs replace) | A0 PSNR (vs replace) | Bu with | A0 without |\n|---|---|---|---|---|');
  console.log(line('replace', r.replace, r.replace));
  const order = [...r.service].sort((a, b) => Math.min(b.scores.buPsnr - r.replace.buPsnr, b.scores.a0Psnr - r.replace.a0Psnr) - Math.min(a.scores.buPsnr - r.replace.buPsnr, a.scores.a0Psnr - r.replace.a0Psnr));
  for (const x of order.slice(0, Number(values.top))) console.log(line(`service ${describe(x.mask)}`, x.scores, r.replace));
  const current = r.service.find((x) => sameMask(x.mask, CHANGE_MASK));
  if (current) console.log(line(`service ${describe(current.mask)} (CHANGE_MASK now)`, current.scores, r.replace));
}
const titles: Record<SweepFamily, string> = {
  service: 'Service (Bu\'s change against B0\' = Dec(B_background, 0); A0 measured from the input, erasing its finer detail between the erase thresholds)',
  residual: 'Residual against the reconstructions Dec(B_background, B_object) and Au\' (the first service)',
  residualZero: 'Residual, Bu\'s change against B0\' = Dec(B_background, 0), A0\'s against Au\' (no erase)',
  blend: 'Blend (the mask lets the generated image through; not in the service)',
  detail: 'Detail (Bu\'s change also measured from the input: not in the service, it costs real faces their identity; A0 as the service)',
};
for (const family of ['service', 'residual', 'residualZero', 'blend', 'detail'] as const) {
  console.log(`\n${titles[family]}: good for every model (transfer within 2 points of replace on all; ranked by the worst PSNR gain over replace):`);
  console.log('| mask | worst gain (dB) | transfer ok |' + results.map((r) => ` ${r.attribute} Bu / A0 dB, with / without |`).join('') + '\n|---|---|---|' + results.map(() => '---|').join(''));
  const ranked = rankMasks(results, family);
  const current = ranked.find((x) => sameMask(x.mask, CHANGE_MASK));
  for (const x of [...ranked.slice(0, Number(values.top)), ...(current ? [current] : [])]) {
    const k = grid.findIndex((m) => sameMask(m, x.mask));
    const cells = results.map((r: SweepResult) => {
      const s = r[family][k].scores;
      return ` ${s.buPsnr.toFixed(2)} / ${s.a0Psnr.toFixed(2)}, ${pct(s.transfer?.buWith)} / ${pct(s.transfer?.a0Without)} |`;
    });
    console.log(`| ${describe(x.mask)}${x === current ? ' (CHANGE_MASK now)' : ''} | ${x.worstGain.toFixed(2)} | ${x.transferOk ? 'yes' : 'no'} |${cells.join('')}`);
  }
}

function describe(m: ChangeMaskOptions): string {
  return `sigma ${m.sigma}, low ${m.low}, high ${m.high}, feather ${m.feather}, erase ${m.eraseLow}-${m.eraseHigh}, consistent ${m.consistentLow}-${m.consistentHigh}`;
}

function sameMask(a: ChangeMaskOptions, b: ChangeMaskOptions): boolean {
  return (Object.keys(CHANGE_MASK) as (keyof ChangeMaskOptions)[]).every((key) => a[key] === b[key]);
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
}
