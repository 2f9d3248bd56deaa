import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tf } from '../../backend/tf.ts';
import { selectBackend } from '../../backend/selectBackend.ts';
import { decodePhoto } from '../../face/decodePhoto.ts';
import { cosineSimilarity, createFaceIdentity, faceresCrop, type FaceIdentity } from './faceIdentity.ts';

const assets = path.join(path.dirname(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human'))), 'assets');
let identity: FaceIdentity;

before(async () => {
  await selectBackend({ log: () => {} });
  identity = await createFaceIdentity();
});
after(() => identity.dispose());

test('faceresCrop: Human\'s square, 1.4 times the larger side of the box, same centre', () => {
  assert.deepEqual(faceresCrop({ x: 10, y: 20, width: 100, height: 80 }), { x: -10, y: -10, width: 140, height: 140 });
});

test('cosineSimilarity: 1 for parallel, 0 for orthogonal, a clear error for different lengths', () => {
  assert.ok(Math.abs(cosineSimilarity(Float32Array.of(1, 2, 3), Float32Array.of(2, 4, 6)) - 1) < 1e-9);
  assert.equal(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(0, 3)), 0);
  assert.throws(() => cosineSimilarity(Float32Array.of(1), Float32Array.of(1, 2)), /expected two vectors of the same non-zero length, but got 1 and 2/);
});

test('embed: the same man in two screenshots is closer than him and four women; no tensor leaks', async () => {
  const faceid = await decodePhoto(await readFile(path.join(assets, 'screenshot-faceid.jpg')));
  const facedetect = await decodePhoto(await readFile(path.join(assets, 'screenshot-facedetect.jpg')));
  // FaceMesh boxes of these faces (the pipeline's detect on the whole screenshots).
  const man = { x: 41, y: 161, width: 84, height: 95 };
  const tiles = [[41, 372, 84, 91], [196, 361, 91, 101], [350, 360, 99, 104], [497, 361, 95, 103], [663, 370, 86, 98]].map(([x, y, width, height]) => ({ x, y, width, height }));
  const before = tf.memory().numTensors;
  const reference = await identity.embed(faceid, man);
  assert.equal(reference.length, 1024);
  assert.deepEqual(await identity.embed(faceid, man), reference);
  const others = await Promise.all(tiles.map((box) => identity.embed(facedetect, box)));
  assert.equal(tf.memory().numTensors, before);
  const sims = others.map((e) => cosineSimilarity(reference, e));
  for (const woman of sims.slice(1)) assert.ok(sims[0] > woman, `expected the same man (${sims[0].toFixed(3)}) above every woman (${sims.map((s) => s.toFixed(3)).join(', ')})`);
  // A face square that runs off the photo is padded black, not refused.
  assert.equal((await identity.embed(faceid, { x: -30, y: -30, width: 60, height: 60 })).length, 1024);
});
