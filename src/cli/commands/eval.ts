import { parseArgs } from 'node:util';
import path from 'node:path';
import { featureChoices, integerFlag, ptqSpecs, splitFlag } from '../flags.ts';
import { evalProgress } from '../progress.ts';
import { runEvaluation } from '../../eval/runEvaluation.ts';
import type { EvalMetrics } from '../../eval/types.ts';
import { UsageError, type CliCommand } from '../types.ts';
import { runPhotosCommand } from '../evalPhotos.ts';

export const command: CliCommand = {
  name: 'eval',
  summary: 'batch evaluation of models and their quantized versions -> metrics.json + report.html',
  usage: `usage: genegan eval --model DIR [--model DIR ...] --data DIR [--out REPORT_DIR] [options]

Scores the first N pairs (Au, B0) of a split of any dataset layout (CelebA, Multi-PIE, folder,
synthetic) with every model and, for the first (float) model, its post-training quantized
versions: transfer success (attribute classifier), reconstruction PSNR/SSIM, exemplar fidelity and
preservation (synthetic sets), Fréchet distances. Streams the data; progress on stderr.
Writes REPORT_DIR/metrics.json and a self-contained REPORT_DIR/report.html (docs/eval.md).
  --model DIR               model directory; repeat for more rows (e.g. QAT or packed models)
  --data DIR                dataset folder
  --split S                 train|val|test (default test)
  --n N                     pairs to score (default 300; capped by the smaller side)
  --out DIR                 report folder (default: print metrics only)
  --attribute X             attribute column (default: the first model's)
  --classifier DIR          attribute classifier (genegan classifier train); enables transfer success and FD-attrclf
  --factors-classifier DIR  factors classifier (--kind factors); enables exemplar fidelity on synthetic sets
  --features LIST           attrclf,faceres (default) or none: feature networks of the Fréchet distances
  --inception DIR           also FID proper from Inception-v3 weights as a tfjs model (docs/eval.md)
  --ptq LIST                post-training variants, method:bits (default balanced:2,balanced:3,balanced:4,
                            uniform:2,uniform:3,uniform:4), or none
  --abits K                 activation bits of the post-training variants (default 32 = float)
  --calibrate N             re-estimate their batch-norm statistics on N training images per set,
                            as genegan quantize --calibrate (default 64; 0 = keep the float ones)
  --batch B                 pairs per batch (default 16)
  --counterfactual-scale K  synthetic sets: score Bu and A0 against the true ones drawn from factors.csv,
                            for residual and replace composition, at the model's size and with the
                            test faces drawn at K x it (default 4; 0 = skip)
  --json                    print metrics.json to stdout

Real photos (docs/eval.md "Real photos"): genegan eval --model DIR --photos DIR [--exemplar FILE] [--out DIR]
  --photos DIR              swap each photo's largest face with the next photo's (cyclic) through the
                            whole photo path, for composite residual and replace; per face: identity
                            (faceres cosine), sharpness ratio, changed pixels, eye band, PSNR; writes
                            photos.json, photos.md and contact sheets to --out
  --exemplar FILE           one exemplar photo for every face instead of the next photo`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string', multiple: true },
        data: { type: 'string' },
        split: { type: 'string' },
        n: { type: 'string' },
        out: { type: 'string' },
        attribute: { type: 'string' },
        classifier: { type: 'string' },
        'factors-classifier': { type: 'string' },
        features: { type: 'string' },
        inception: { type: 'string' },
        ptq: { type: 'string' },
        abits: { type: 'string' },
        calibrate: { type: 'string' },
        batch: { type: 'string' },
        'counterfactual-scale': { type: 'string' },
        json: { type: 'boolean', default: false },
        photos: { type: 'string' },
        exemplar: { type: 'string' },
      },
    });
    if (!values.model || values.model.length === 0) throw new UsageError('expected --model DIR, but it is missing');
    if (values.photos !== undefined || values.exemplar !== undefined) return runPhotosCommand({ ...values, model: values.model });
    if (values.data === undefined) throw new UsageError('expected --data DIR, but it is missing');
    const abits = integerFlag(values.abits, 'abits', { min: 0 });
    if (abits !== undefined && !(abits >= 1 && abits <= 8) && abits !== 32) throw new UsageError(`expected --abits 1..8 or 32, but got ${abits}`);
    const metrics = await runEvaluation(
      {
        models: values.model,
        data: values.data,
        split: splitFlag(values.split),
        pairs: integerFlag(values.n, 'n', { min: 1 }),
        out: values.out,
        attribute: values.attribute,
        classifier: values.classifier,
        factorsClassifier: values['factors-classifier'],
        features: featureChoices(values.features),
        inception: values.inception,
        ptq: ptqSpecs(values.ptq),
        abits,
        calibrate: integerFlag(values.calibrate, 'calibrate', { min: 0 }),
        batchSize: integerFlag(values.batch, 'batch', { min: 1 }),
        counterfactualScale: counterfactualScale(values['counterfactual-scale']),
      },
      evalProgress(),
    );
    if (values.json) process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
    else process.stdout.write(summary(metrics, values.out));
    return 0;
  },
};

/** A compact text table of the headline numbers. */
function summary(m: EvalMetrics, out: string | undefined): string {
  const pct = (x: number | undefined) => (x === undefined ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
  const lines = [`${m.data.attribute}: ${m.data.pairs} pairs of ${m.data.dir} (${m.data.split}), ${m.seconds} s`];
  lines.push(`${'generator'.padEnd(26)} Bu-with A0-w/o  PSNR Au'  SSIM Au'  PSNR B0'  fidelity`);
  for (const v of m.variants) {
    const r = v.reconstruction;
    lines.push(
      `${v.label.slice(0, 26).padEnd(26)} ${pct(v.transfer?.buWith)} ${pct(v.transfer?.a0Without)}  ${r.auPsnr.mean.toFixed(2).padStart(8)}  ${r.auSsim.mean.toFixed(3).padStart(8)}  ${r.b0Psnr.mean.toFixed(2).padStart(8)}  ${pct(v.fidelity?.all)}`,
    );
  }
  for (const v of m.variants) {
    for (const r of v.counterfactual?.rows ?? []) {
      lines.push(
        `${`${v.label.split(' (')[0].slice(0, 14)} ${r.composite} ${r.size}px`.padEnd(26)} ${pct(r.transfer?.buWith)} ${pct(r.transfer?.a0Without)}  Bu ${r.bu.psnr.mean.toFixed(2)} dB ${r.bu.ssim.mean.toFixed(3)}  A0 ${r.a0.psnr.mean.toFixed(2)} dB ${r.a0.ssim.mean.toFixed(3)} (vs true)`,
      );
    }
  }
  if (out) lines.push(`wrote ${path.join(out, 'metrics.json')} and ${path.join(out, 'report.html')}`);
  return lines.join('\n') + '\n';
}

/** --counterfactual-scale: 0 (none) or 2..16 times the model's size. */
function counterfactualScale(text: string | undefined): number | undefined {
  const k = integerFlag(text, 'counterfactual-scale', { min: 0 });
  if (k !== undefined && (k === 1 || k > 16)) throw new UsageError(`expected --counterfactual-scale 0 or 2..16, but got ${k}`);
  return k;
}
