import { parseArgs } from 'node:util';
import { editImages } from '../../edit/editImages.ts';
import { changeMaskOf } from '../../edit/changeMask.ts';
import { intFlag, loadModelForCli, requiredFlag } from '../flags.ts';
import { MATRIX_EXEMPLARS } from '../../model/operations.ts';
import { EDIT_OPTIONS, EDIT_USAGE, editFlags, lazyFaces, readEditImages, writeTiles } from '../edit/editFlags.ts';
import { UsageError, type CliCommand } from '../types.ts';

const DEFAULT_ROWS = 5;

export const command: CliCommand = {
  name: 'matrix',
  summary: "the attribute-subspace grid: one face with bilinear mixes of 4 exemplars' attributes",
  usage: `usage: genegan matrix --model DIR --target IMAGE --out FILE.png [--rows N] [--align none|auto] [--composite residual|replace] [--json] E1 E2 E3 E4

Decodes the target's background part with the object parts of four exemplars mixed bilinearly
over an N x N grid: cell (r, c), a = r/(N-1), b = c/(N-1), weights (1-a)(1-b), (1-a)b, a(1-b), ab
(docs/model.md "Inference operations"): E1 top-left, E2 top-right, E3 bottom-left, E4 bottom-right.
  --model DIR     model directory
  --target IMAGE  face whose background part is kept
  --rows N        grid side (default ${DEFAULT_ROWS})
${EDIT_USAGE}
  --out FILE      PNG grid to write
  --json          print a JSON summary`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, target: { type: 'string' }, rows: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, ...EDIT_OPTIONS },
    });
    const out = requiredFlag(values.out, 'out');
    const targetFile = requiredFlag(values.target, 'target');
    const rows = intFlag(values.rows, 'rows', DEFAULT_ROWS, { min: 2 });
    if (positionals.length !== MATRIX_EXEMPLARS) throw new UsageError(`expected ${MATRIX_EXEMPLARS} exemplar images, but got ${positionals.length}`);
    const { align, composite } = editFlags(values);
    const images = await readEditImages([targetFile, ...positionals]);
    const { model, manifest } = await loadModelForCli(values.model);
    const faces = lazyFaces();
    try {
      const { matrix } = await editImages(model, faces.faces, { op: 'transfer', images, align, faceIndex: null, composite, changeMask: changeMaskOf(manifest), matrixSide: rows });
      await writeTiles(out, matrix!.cells, rows);
      process.stdout.write((values.json === true ? JSON.stringify({ file: out, rows, cols: rows, composite }) : out) + '\n');
      return 0;
    } finally {
      model.dispose();
      await faces.dispose();
    }
  },
};
