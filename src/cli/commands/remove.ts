import path from 'node:path';
import { parseArgs } from 'node:util';
import { tf } from '../../backend/tf.ts';
import { requiredFlag } from '../../model/cliFlags.ts';
import { loadModelForCli } from '../../model/loadModelForCli.ts';
import { readImageBatch } from '../../model/readImageBatch.ts';
import { remove } from '../../model/remove.ts';
import { writeImageBatch } from '../../model/writeImageBatch.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'remove',
  summary: 'remove the attribute from aligned faces (Dec(A, 0))',
  usage: `usage: genegan remove --model DIR --out DIR [--json] IMAGE...

Writes <IMAGE>_A0.png for every aligned face image: its background part decoded with a zero
object part (spec "Inference operations").
  --model DIR   model directory
  --out DIR     output folder (created)
  --json        print the files written as JSON`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { model: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    });
    const out = requiredFlag(values.out, 'out');
    if (positionals.length === 0) throw new UsageError('expected at least one IMAGE');
    const { model } = await loadModelForCli(values.model);
    const images = await readImageBatch(positionals, model.config.imageSize).catch((err) => {
      model.dispose();
      throw err;
    });
    try {
      const a0 = remove(model, images);
      const files = await writeImageBatch(out, a0, positionals.map((f) => `${path.basename(f, path.extname(f))}_A0`)).finally(() => a0.dispose());
      process.stdout.write((values.json === true ? JSON.stringify({ files }) : files.join('\n')) + '\n');
      return 0;
    } finally {
      tf.dispose(images);
      model.dispose();
    }
  },
};
