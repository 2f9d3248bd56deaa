import { parseArgs } from 'node:util';
import { tf, type Tensor4D } from '../../backend/tf.ts';
import { intFlag, requiredFlag } from '../../model/cliFlags.ts';
import { loadModelForCli } from '../../model/loadModelForCli.ts';
import { matrix, MATRIX_EXEMPLARS } from '../../model/matrix.ts';
import { readImageBatch } from '../../model/readImageBatch.ts';
import { tileImages } from '../../model/tileImages.ts';
import { writePng } from '../../model/writeImageBatch.ts';
import { UsageError, type CliCommand } from '../types.ts';

const DEFAULT_ROWS = 5;

export const command: CliCommand = {
  name: 'matrix',
  summary: "the attribute-subspace grid: one face with bilinear mixes of 4 exemplars' attributes",
  usage: `usage: genegan matrix --model DIR --target IMAGE --out FILE.png [--rows N] [--json] E1 E2 E3 E4

Decodes the target's background part with the object parts of four exemplars mixed bilinearly
over an N x N grid: cell (r, c), a = r/(N-1), b = c/(N-1), weights (1-a)(1-b), (1-a)b, a(1-b), ab
(spec "Inference operations"): E1 top-left, E2 top-right, E3 bottom-left, E4 bottom-right.
  --model DIR     model directory
  --target IMAGE  aligned face whose background part is kept
  --rows N        grid side (default ${DEFAULT_ROWS})
  --out FILE      PNG grid to write
  --json          print a JSON summary`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, target: { type: 'string' }, rows: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    });
    const out = requiredFlag(values.out, 'out');
    const targetFile = requiredFlag(values.target, 'target');
    const rows = intFlag(values.rows, 'rows', DEFAULT_ROWS, 2);
    if (positionals.length !== MATRIX_EXEMPLARS) throw new UsageError(`expected ${MATRIX_EXEMPLARS} exemplar images, but got ${positionals.length}`);
    const { model } = await loadModelForCli(values.model);
    const tensors: Tensor4D[] = [];
    try {
      const target = await readImageBatch([targetFile], model.config.imageSize);
      tensors.push(target);
      const exemplars = await readImageBatch(positionals, model.config.imageSize);
      tensors.push(exemplars);
      const cells = matrix(model, target, exemplars, rows);
      tensors.push(cells);
      const grid = tileImages(cells, rows);
      await writePng(out, grid);
      grid.dispose();
      process.stdout.write((values.json === true ? JSON.stringify({ file: out, rows, cols: rows }) : out) + '\n');
      return 0;
    } finally {
      tf.dispose(tensors);
      model.dispose();
    }
  },
};
