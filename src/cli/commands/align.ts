import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { selectBackend } from '../../backend/selectBackend.ts';
import { createFacePipeline, type FacePipeline } from '../../face/createFacePipeline.ts';
import { isFaceError } from '../../face/faceError.ts';
import { drawFaceOverlay } from '../../face/drawFaceOverlay.ts';
import { parseFaceSelection } from '../../face/selectFaces.ts';
import { DEFAULT_MAX_FACES } from '../../face/constants.ts';
import type { AlignedFace, FaceSelection } from '../../face/types.ts';
import { integerFlag } from '../flags.ts';
import { UsageError, type CliCommand } from '../types.ts';

export const command: CliCommand = {
  name: 'align',
  summary: 'find faces in photos and write aligned square crops (for your own training data)',
  usage: `usage: genegan align PHOTO... --out DIR [--size 64] [--face largest|all|N] [--json]

Detects faces (MediaPipe FaceMesh, weights from @vladmandic/human), aligns each chosen face onto
the 5-point template (eyes, nose, mouth corners) with a similarity transform, and writes
DIR/<photo name>_<face index>.png. Faces are numbered left to right. EXIF rotation is applied.
  --out DIR       output folder (created if missing)
  --size N        crop side in pixels (default 64; the model's size)
  --face F        largest (default), all, or a face index 0, 1, ... (left to right)
  --border B      outside the photo: constant (black, default) or replicate
  --max-faces N   refuse photos with more faces (default ${DEFAULT_MAX_FACES})
  --json          one JSON line per face: photo, file, index, box, points, yaw, transform
  --preview       also write DIR/<photo name>_faces.jpg with every detected face boxed and its
                  five points marked (check what was found)
Photos without a usable face are reported and skipped; the exit code is 1 if any were skipped.`,
  async run(argv) {
    const opts = parseOptions(argv);
    await selectBackend({ log: () => {} });
    await mkdir(opts.out, { recursive: true });
    const pipeline = await createFacePipeline({ maxFaces: opts.maxFaces });
    let failed = 0;
    let written = 0;
    try {
      for (const photo of opts.photos) {
        const faces = await alignOne(pipeline, photo, opts).catch((err: unknown) => reportFailure(photo, err));
        if (faces === undefined) failed++;
        else written += faces;
      }
    } finally {
      pipeline.dispose();
    }
    if (!opts.json) process.stdout.write(`wrote ${written} aligned faces to ${opts.out}; ${failed} of ${opts.photos.length} photos skipped\n`);
    return failed > 0 ? 1 : 0;
  },
};

interface AlignCliOptions {
  photos: string[];
  out: string;
  size: number;
  face: FaceSelection;
  border: 'constant' | 'replicate';
  maxFaces: number;
  json: boolean;
  preview: boolean;
}

function parseOptions(argv: string[]): AlignCliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      size: { type: 'string', default: '64' },
      face: { type: 'string', default: 'largest' },
      border: { type: 'string', default: 'constant' },
      'max-faces': { type: 'string', default: String(DEFAULT_MAX_FACES) },
      json: { type: 'boolean', default: false },
      preview: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('expected at least one PHOTO, but got none');
  if (values.out === undefined) throw new UsageError('expected --out DIR, the folder for the aligned crops');
  if (values.border !== 'constant' && values.border !== 'replicate') {
    throw new UsageError(`expected --border to be constant or replicate, but got "${values.border}"`);
  }
  let face: FaceSelection;
  try {
    face = parseFaceSelection(values.face);
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^face:/, '--face:'));
  }
  return {
    photos: positionals,
    out: values.out,
    size: integerFlag(values.size, 'size', { min: 1 }),
    face,
    border: values.border,
    maxFaces: integerFlag(values['max-faces'], 'max-faces', { min: 1 }),
    json: values.json,
    preview: values.preview,
  };
}

/** Aligns the chosen faces of one photo and writes them; resolves to the number of crops written. */
async function alignOne(pipeline: FacePipeline, photo: string, opts: AlignCliOptions): Promise<number> {
  const bytes = await readFile(photo);
  const name = path.basename(photo);
  const stem = name.replace(/\.[^.]+$/, '');
  const { photo: decoded, faces: all } = await pipeline.detect(bytes, photo);
  if (opts.preview) await writePreview(path.join(opts.out, `${stem}_faces.jpg`), drawFaceOverlay(decoded, all));
  const faces = pipeline.alignDetected(decoded, all, { size: opts.size, face: opts.face, border: opts.border, name: photo });
  for (const face of faces) {
    const file = path.join(opts.out, `${stem}_${face.index}.png`);
    const { data, width, height } = face.crop;
    await writeFile(file, await sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer());
    if (opts.json) process.stdout.write(JSON.stringify(describe(photo, file, face)) + '\n');
  }
  return faces.length;
}

async function writePreview(file: string, image: { data: Uint8Array; width: number; height: number }): Promise<void> {
  await writeFile(file, await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
}

function describe(photo: string, file: string, face: AlignedFace) {
  const { index, box, points, yaw, size, transform } = face;
  return { photo, file, index, size, box, points, yaw, matrix: transform.matrix, inverse: transform.inverse, rmsError: transform.rmsError };
}

/** Face problems and unreadable files skip the photo with a one-line reason; anything else is a bug. */
function reportFailure(photo: string, err: unknown): undefined {
  const code = (err as NodeJS.ErrnoException).code;
  if (isFaceError(err)) process.stderr.write(`skipped: ${err.message} (${err.code})\n`);
  else if (typeof code === 'string' && code.startsWith('E')) process.stderr.write(`skipped ${photo}: cannot read it (${code})\n`);
  else throw err;
  return undefined;
}
