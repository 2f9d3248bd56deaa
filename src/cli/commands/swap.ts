import path from 'node:path';
import { parseArgs } from 'node:util';
import { editImages } from '../../edit/editImages.ts';
import { changeMaskOf } from '../../edit/changeMask.ts';
import { loadModelForCli, numberFlag, requiredFlag } from '../flags.ts';
import { EDIT_OPTIONS, EDIT_USAGE, editFlags, lazyFaces, readEditImages, shown, stem, writeGrey, writeRgb, writeTiles } from '../edit/editFlags.ts';
import { UsageError, type CliCommand } from '../types.ts';
import type { Rgb } from '../../edit/types.ts';

/** Side of one cell of --grid. */
const GRID_CELL = 128;

export const command: CliCommand = {
  name: 'swap',
  summary: 'swap the attribute between faces: A loses it (A0), B gains it (Bu)',
  usage: `usage: genegan swap --model DIR --out DIR [--strength L] [--align none|auto] [--composite residual|replace] [--grid] [--json] A B [A2 B2 ...]

For each pair (A with the attribute, B without): writes <A>_A0.png = Dec(A_background, 0) and
<B>_Bu.png = Dec(B_background, L * x_A) (docs/model.md "Inference operations"; L = 1 is the
plain swap, 0 < L < 1 weaker, L > 1 exaggerated). With --composite residual (the default) the
files have the inputs' own sizes, and <B>_Bu_mask.png shows where B's face was changed.
  --model DIR     model directory (manifest.json + weights)
  --out DIR       output folder (created)
  --strength L    strength of the added attribute (default 1)
${EDIT_USAGE}
  --grid          also write grid.png: one row per pair with A, B, A0, Bu (${GRID_CELL} px cells)
  --json          print the files written as JSON`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, out: { type: 'string' }, strength: { type: 'string' }, grid: { type: 'boolean' }, json: { type: 'boolean' }, ...EDIT_OPTIONS },
    });
    const out = requiredFlag(values.out, 'out');
    if (positionals.length < 2 || positionals.length % 2 !== 0) {
      throw new UsageError(`expected image pairs A B [A2 B2 ...], but got ${positionals.length} file(s)`);
    }
    const strength = numberFlag(values.strength, 'strength', 1);
    const { align, composite } = editFlags(values);
    const images = await readEditImages(positionals);
    const { model, manifest } = await loadModelForCli(values.model);
    const changeMask = changeMaskOf(manifest);
    const faces = lazyFaces();
    try {
      const files: string[] = [];
      const rows: Rgb[][] = [];
      for (let i = 0; i < images.length; i += 2) {
        const [a, b] = [images[i], images[i + 1]];
        const r = await editImages(model, faces.faces, { op: 'swap', images: [a, b], align, faceIndex: null, composite, changeMask, strength });
        files.push(await writeRgb(out, `${stem(a.name)}_A0`, shown(r.outputs.A0)), await writeRgb(out, `${stem(b.name)}_Bu`, shown(r.outputs.Bu)));
        if (r.outputs.Bu.mask) files.push(await writeGrey(out, `${stem(b.name)}_Bu_mask`, r.outputs.Bu.mask));
        rows.push([r.inputs[0].crop, r.inputs[1].crop, r.outputs.A0.crop, r.outputs.Bu.crop]);
      }
      if (values.grid === true) files.push(await writeTiles(path.join(out, 'grid.png'), rows.flat(), 4, GRID_CELL));
      process.stdout.write((values.json === true ? JSON.stringify({ files, strength, align, composite }) : files.join('\n')) + '\n');
      return 0;
    } finally {
      model.dispose();
      await faces.dispose();
    }
  },
};
