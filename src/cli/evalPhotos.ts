import path from 'node:path';
import { runPhotoEvaluation } from '../eval/photos/runPhotoEvaluation.ts';
import { mediansTable } from '../eval/photos/photoReport.ts';
import { UsageError } from './types.ts';

export interface PhotosCommandValues {
  model: string[];
  photos?: string;
  exemplar?: string;
  out?: string;
  json?: boolean;
}

/**
 * The `--photos DIR [--exemplar FILE]` mode of `genegan eval`: checks the flags, runs
 * runPhotoEvaluation with progress on stderr and prints the medians table (or photos.json).
 */
export async function runPhotosCommand(values: PhotosCommandValues, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (values.photos === undefined) throw new UsageError('expected --photos DIR with --exemplar FILE, but --photos is missing');
  if (values.photos === '') throw new UsageError('expected --photos DIR, but got an empty path');
  if (values.exemplar === '') throw new UsageError('expected --exemplar FILE, but got an empty path');
  let last = '';
  const metrics = await runPhotoEvaluation({ models: values.model, photos: values.photos, exemplar: values.exemplar, out: values.out }, (p) => {
    const line = `eval photos: ${p.message} (${p.done + 1}/${p.total})`;
    if (line !== last) stderr.write(line + '\n');
    last = line;
  });
  if (values.json) {
    process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
    return 0;
  }
  const faces = metrics.models.map((m) => `${m.label} ${m.rows.length}`).join(', ');
  const lines = [`real photos: ${metrics.photos}, ${metrics.pairing === 'exemplar' ? `exemplar ${path.basename(metrics.exemplar ?? '')}` : 'cyclic pairs'}; faces scored: ${faces}; ${metrics.seconds} s`, mediansTable(metrics.models).trimEnd()];
  for (const s of [...metrics.skipped, ...metrics.models.flatMap((m) => m.skipped.map((k) => ({ ...k, name: `${m.label}: ${k.name}` })))]) lines.push(`skipped ${s.name}: ${s.reason}`);
  if (values.out) lines.push(`wrote ${path.join(values.out, 'photos.json')}, ${path.join(values.out, 'photos.md')} and the contact sheets`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
