import { parseArgs } from 'node:util';
import { tf, type Tensor4D } from '../../backend/tf.ts';
import { intFlag, loadModelForCli, requiredFlag } from '../flags.ts';
import { interpolate } from '../../model/operations.ts';
import { readImageBatch } from '../../model/images.ts';
import { tileImages } from '../../model/images.ts';
import { writePng } from '../../model/images.ts';
import { UsageError, type CliCommand } from '../types.ts';

const DEFAULT_STEPS = 5;

export const command: CliCommand = {
  name: 'interpolate',
  summary: "interpolate between two exemplars' attributes on aligned faces (a PNG strip per target)",
  usage: `usage: genegan interpolate --model DIR --from A --to B --out FILE.png [--steps N] [--json] TARGET...

One row per target: the target, then N images whose object part goes from A's to B's
((1 - t) x_A + t x_B, t = 0..1; docs/model.md "Inference operations", (M8)).
  --model DIR   model directory
  --from A      exemplar image at t = 0
  --to B        exemplar image at t = 1
  --steps N     images per row (default ${DEFAULT_STEPS})
  --out FILE    PNG grid to write
  --json        print a JSON summary`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, steps: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    });
    const out = requiredFlag(values.out, 'out');
    const [fromFile, toFile] = [requiredFlag(values.from, 'from'), requiredFlag(values.to, 'to')];
    const steps = intFlag(values.steps, 'steps', DEFAULT_STEPS, { min: 2 });
    if (positionals.length === 0) throw new UsageError('expected at least one TARGET image');
    const { model } = await loadModelForCli(values.model);
    const size = model.config.imageSize;
    const tensors: Tensor4D[] = [];
    try {
      const targets = await readImageBatch(positionals, size);
      tensors.push(targets);
      const [from, to] = [await readImageBatch([fromFile], size), await readImageBatch([toFile], size)];
      tensors.push(from, to);
      const mixed = interpolate(model, targets, from, to, steps);
      tensors.push(mixed);
      const grid = tf.tidy(() => {
        const rows = tf.concat([targets.reshape([positionals.length, 1, size, size, 3]), mixed.reshape([positionals.length, steps, size, size, 3])], 1);
        return tileImages(rows.reshape([positionals.length * (steps + 1), size, size, 3]) as Tensor4D, steps + 1);
      });
      await writePng(out, grid);
      grid.dispose();
      process.stdout.write((values.json === true ? JSON.stringify({ file: out, targets: positionals.length, steps }) : out) + '\n');
      return 0;
    } finally {
      tf.dispose(tensors);
      model.dispose();
    }
  },
};
