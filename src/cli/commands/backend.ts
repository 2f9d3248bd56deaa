import { parseArgs } from 'node:util';
import { selectBackend, describeBackend } from '../../backend/selectBackend.ts';
import type { CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'backend',
  summary: 'show which TensorFlow.js backend this machine runs on, and why',
  usage: `usage: genegan backend [--json]

Picks the backend the same way training and the service do: tfjs-node-gpu (with a GPU),
tfjs-node, wasm, cpu. Set GENEGAN_BACKEND=gpu|node|wasm|cpu to force one.
  --json   print the choice as JSON`,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
    const info = await selectBackend({ log: () => {} });
    process.stdout.write((values.json ? JSON.stringify(info) : describeBackend(info)) + '\n');
    return 0;
  },
};
