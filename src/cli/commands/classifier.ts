import { parseArgs } from 'node:util';
import { selectBackend } from '../../backend/selectBackend.ts';
import { loadClassifier } from '../../eval/classifier/classifierFiles.ts';
import { runClassifierTraining } from '../../eval/classifier/runClassifierTraining.ts';
import { integerFlag, floatFlag, splitFlag } from '../flags.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'classifier',
  summary: 'train or show the evaluation classifiers (attribute, ground-truth factors)',
  usage: `usage: genegan classifier train --data DIR --attribute X --out DIR [options]
       genegan classifier show DIR [--json]

train: a small CNN judge for "genegan eval". --kind attribute (default) learns with/without the
attribute from the train split (balanced batches); --kind factors learns the ground-truth factors
of the "with" images of a synthetic set (factors.csv; for Eyeglasses: glasses_type, glasses_color,
glasses_tint). The held-out accuracy (val split) is printed and saved in DIR/manifest.json.
  --kind K          attribute|factors (default attribute)
  --factors LIST    factors.csv columns for --kind factors (default per attribute)
  --steps N         training steps (default 800)
  --batch B         images per step (default 32)
  --lr X            Adam learning rate (default 0.001)
  --seed S          seed of the weights and batches (default 0)
  --size S          input side the data is read at, 64 or 128 (default 64)
  --width W         first-stage channels (default 16)
  --held-out N      held-out images per side (attribute) or in total (factors) (default 400)
  --held-out-split  val|test (default val)
  --json            print the manifest as JSON`,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'show') return show(rest);
    if (sub !== 'train') throw new UsageError(`expected "train" or "show", but got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
    const { values } = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' }, attribute: { type: 'string' }, out: { type: 'string' }, kind: { type: 'string', default: 'attribute' },
        factors: { type: 'string' }, steps: { type: 'string' }, batch: { type: 'string' }, lr: { type: 'string' }, seed: { type: 'string' },
        size: { type: 'string' }, width: { type: 'string' }, 'held-out': { type: 'string' }, 'held-out-split': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    for (const flag of ['data', 'attribute', 'out'] as const) if (values[flag] === undefined) throw new UsageError(`expected --${flag}, but it is missing`);
    if (values.kind !== 'attribute' && values.kind !== 'factors') throw new UsageError(`expected --kind attribute|factors, but got "${values.kind}"`);
    const size = integerFlag(values.size, 'size', { min: 1 });
    if (size !== undefined && size !== 64 && size !== 128) throw new UsageError(`expected --size 64 or 128, but got ${size}`);
    const manifest = await runClassifierTraining(
      {
        kind: values.kind, data: values.data as string, attribute: values.attribute as string, out: values.out as string,
        factors: values.factors?.split(','), steps: integerFlag(values.steps, 'steps', { min: 1 }), batchSize: integerFlag(values.batch, 'batch', { min: 1 }),
        learningRate: floatFlag(values.lr, 'lr', { above: 0 }), seed: integerFlag(values.seed, 'seed', { min: 0 }), inputSize: size,
        width: integerFlag(values.width, 'width', { min: 1 }), heldOutImages: integerFlag(values['held-out'], 'held-out', { min: 1 }), heldOutSplit: splitFlag(values['held-out-split'], 'held-out-split'),
      },
      values.json ? () => {} : (line) => process.stderr.write(line + '\n'),
    );
    if (values.json) process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
    else process.stdout.write(`saved ${values.out}: held-out accuracy ${formatAccuracy(manifest.heldOut.accuracy)} on ${manifest.heldOut.images} ${manifest.heldOut.split} images\n`);
    return 0;
  },
};

async function show(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError(`expected one classifier directory, but got ${positionals.length}`);
  await selectBackend({ log: () => {} });
  const { classifier, manifest } = await loadClassifier(positionals[0]);
  classifier.dispose();
  if (values.json) {
    const { weightSpecs: _specs, ...rest } = manifest as typeof manifest & { weightSpecs?: unknown };
    process.stdout.write(JSON.stringify(rest, null, 2) + '\n');
  } else {
    const heads = manifest.config.heads.map((h) => `${h.name} (${h.labels.join('|')})`).join('; ');
    process.stdout.write(`${manifest.kind} classifier for ${manifest.attribute}: ${heads}\nheld-out accuracy ${formatAccuracy(manifest.heldOut.accuracy)} on ${manifest.heldOut.images} ${manifest.heldOut.split} images; trained ${manifest.training.steps} steps on ${manifest.training.data}\n`);
  }
  return 0;
}

function formatAccuracy(accuracy: Record<string, number>): string {
  return Object.entries(accuracy).map(([k, a]) => `${k} ${(100 * a).toFixed(1)}%`).join(', ');
}
