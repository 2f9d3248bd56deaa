import path from 'node:path';
import { parseArgs } from 'node:util';
import { tf, type Tensor4D } from '../../backend/tf.ts';
import { addAttribute } from '../../model/addAttribute.ts';
import { numberFlag, requiredFlag } from '../../model/cliFlags.ts';
import { loadModelForCli } from '../../model/loadModelForCli.ts';
import { readImageBatch } from '../../model/readImageBatch.ts';
import { remove } from '../../model/remove.ts';
import { tileImages } from '../../model/tileImages.ts';
import { writeImageBatch, writePng } from '../../model/writeImageBatch.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'swap',
  summary: 'swap the attribute between aligned faces: A loses it (A0), B gains it (Bu)',
  usage: `usage: genegan swap --model DIR --out DIR [--strength L] [--grid] [--json] A B [A2 B2 ...]

For each pair (A with the attribute, B without; aligned face images of any size, resized to the
model's): writes <A>_A0.png = Dec(A_background, 0) and <B>_Bu.png = Dec(B_background, L * x_A)
(spec "Inference operations"; L = 1 is the plain swap, 0 < L < 1 weaker, L > 1 exaggerated).
  --model DIR     model directory (manifest.json + weights)
  --out DIR       output folder (created)
  --strength L    strength of the added attribute (default 1)
  --grid          also write grid.png: one row per pair with A, B, A0, Bu
  --json          print the files written as JSON`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, out: { type: 'string' }, strength: { type: 'string' }, grid: { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const out = requiredFlag(values.out, 'out');
    if (positionals.length < 2 || positionals.length % 2 !== 0) {
      throw new UsageError(`expected image pairs A B [A2 B2 ...], but got ${positionals.length} file(s)`);
    }
    const strength = numberFlag(values.strength, 'strength', 1);
    const { model } = await loadModelForCli(values.model);
    const aFiles = positionals.filter((_, i) => i % 2 === 0);
    const bFiles = positionals.filter((_, i) => i % 2 === 1);
    const size = model.config.imageSize;
    const tensors: Tensor4D[] = [];
    try {
      const [au, b0] = [await readImageBatch(aFiles, size), await readImageBatch(bFiles, size)];
      tensors.push(au, b0);
      const a0 = remove(model, au);
      tensors.push(a0);
      const bu = addAttribute(model, b0, au, strength);
      tensors.push(bu);
      const files = [
        ...(await writeImageBatch(out, a0, aFiles.map((f) => `${stem(f)}_A0`))),
        ...(await writeImageBatch(out, bu, bFiles.map((f) => `${stem(f)}_Bu`))),
      ];
      if (values.grid === true) {
        const grid = tf.tidy(() => tileImages(tf.stack([au, b0, a0, bu], 1).reshape([aFiles.length * 4, size, size, 3]) as Tensor4D, 4));
        await writePng(path.join(out, 'grid.png'), grid);
        grid.dispose();
        files.push(path.join(out, 'grid.png'));
      }
      process.stdout.write((values.json === true ? JSON.stringify({ files, strength }) : files.join('\n')) + '\n');
      return 0;
    } finally {
      tf.dispose(tensors);
      model.dispose();
    }
  },
};

function stem(file: string): string {
  return path.basename(file, path.extname(file));
}
