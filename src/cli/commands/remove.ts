import { parseArgs } from 'node:util';
import { editImages } from '../../edit/editImages.ts';
import { changeMaskOf } from '../../edit/changeMask.ts';
import { loadModelForCli, requiredFlag } from '../flags.ts';
import { EDIT_OPTIONS, EDIT_USAGE, editFlags, lazyFaces, readEditImages, shown, stem, writeGrey, writeRgb } from '../edit/editFlags.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'remove',
  summary: 'remove the attribute from faces (Dec(A, 0))',
  usage: `usage: genegan remove --model DIR --out DIR [--align none|auto] [--composite residual|replace] [--json] IMAGE...

Writes <IMAGE>_A0.png for every image: its background part decoded with a zero object part
(docs/model.md "Inference operations"); with --composite residual also <IMAGE>_A0_mask.png.
  --model DIR   model directory
  --out DIR     output folder (created)
${EDIT_USAGE}
  --json        print the files written as JSON`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, ...EDIT_OPTIONS },
    });
    const out = requiredFlag(values.out, 'out');
    if (positionals.length === 0) throw new UsageError('expected at least one IMAGE');
    const { align, composite } = editFlags(values);
    const images = await readEditImages(positionals);
    const { model, manifest } = await loadModelForCli(values.model);
    const changeMask = changeMaskOf(manifest);
    const faces = lazyFaces();
    try {
      const files: string[] = [];
      for (const image of images) {
        const { outputs } = await editImages(model, faces.faces, { op: 'remove', images: [image], align, faceIndex: null, composite, changeMask });
        files.push(await writeRgb(out, `${stem(image.name)}_A0`, shown(outputs.A0)));
        if (outputs.A0.mask) files.push(await writeGrey(out, `${stem(image.name)}_A0_mask`, outputs.A0.mask));
      }
      process.stdout.write((values.json === true ? JSON.stringify({ files, align, composite }) : files.join('\n')) + '\n');
      return 0;
    } finally {
      model.dispose();
      await faces.dispose();
    }
  },
};
