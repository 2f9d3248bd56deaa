import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cachedFaces } from './readPhotos.ts';
import type { FacePipeline } from '../../face/createFacePipeline.ts';
import type { DetectedFace, Photo } from '../../face/types.ts';

test('cachedFaces: one detection per photo buffer, whatever the size asked for; a copied Photo object still hits', async () => {
  let detections = 0;
  const face = { index: 0, box: { x: 1, y: 2, width: 3, height: 4 } } as DetectedFace;
  const stub = {
    detect: async (input: Photo) => {
      detections++;
      return { photo: input, faces: [face] };
    },
    alignDetected: (_photo: Photo, faces: DetectedFace[], options: { size: number }) => faces.map((f) => ({ ...f, size: options.size })),
    dispose: () => {},
  } as unknown as FacePipeline;
  const faces = cachedFaces(stub);
  const photo: Photo = { data: new Uint8Array(12), width: 2, height: 2, channels: 3, orientation: 1 };
  const first = await faces.align(photo, { size: 64 });
  const second = await faces.align({ ...photo }, { size: 128 });
  assert.equal(detections, 1);
  assert.deepEqual([first.faces[0].size, second.faces[0].size], [64, 128]);
  await faces.detect({ ...photo, data: new Uint8Array(12) });
  assert.equal(detections, 2);
});
