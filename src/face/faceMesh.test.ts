import { test } from 'node:test';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import path from 'node:path';
import sharp from 'sharp';
import { tf } from '../backend/tf.ts';
import { selectBackend } from '../backend/selectBackend.ts';
import { loadFaceMesh, fivePointsFromMesh, meshYaw } from './faceMesh.ts';
import { adaptToBlazeFaceBack } from './blazeFaceBack.ts';
import { MESH_POINT_COUNT } from './constants.ts';

await selectBackend({ log: () => {} });
const require = createRequire(import.meta.url);
const demo = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

/** sample1.jpg (3 faces) at half size, as an HWC int32 tensor 0..255. */
async function sample1(): Promise<tf.Tensor3D> {
  const { data, info } = await sharp(path.join(demo, 'sample1.jpg')).resize(960).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return tf.tensor3d(data, [info.height, info.width, 3], 'int32');
}

const before = tf.memory().numTensors;
const mesh = await loadFaceMesh({ maxFaces: 5 });

test('face-landmarks-detection and face-detection use the same tfjs-core instance as src/backend/tf.ts', () => {
  for (const pkg of ['@tensorflow-models/face-landmarks-detection', '@tensorflow-models/face-detection']) {
    const fromPkg = createRequire(require.resolve(pkg));
    const core = fromPkg('@tensorflow/tfjs-core') as typeof tf;
    assert.equal(core.engine(), tf.engine(), pkg);
    assert.equal((fromPkg('@tensorflow/tfjs-converter') as { GraphModel: unknown }).GraphModel, tf.GraphModel, pkg);
  }
});

test('the adapted BlazeFace back model emits one [1, 896, 17] tensor', () => {
  const inner = (mesh as unknown as { detector: { detectorModel: { execute(x: tf.Tensor, o: string): tf.Tensor } } }).detector;
  const out = tf.tidy(() => inner.detectorModel.execute(tf.zeros([1, 256, 256, 3]), 'Identity:0').clone());
  assert.deepEqual(out.shape, [1, 896, 17]);
  out.dispose();
});

test('finds the 3 faces of sample1 with 468 points each, the same twice (reset), with no tensor growth', async () => {
  const image = await sample1();
  const counts: number[] = [];
  let tensors = 0;
  for (let run = 0; run < 2; run++) {
    mesh.reset();
    const faces = await mesh.estimateFaces(image, { staticImageMode: true });
    counts.push(faces.length);
    assert.ok(faces.every((f) => f.keypoints.length === 468));
    if (run === 0) tensors = tf.memory().numTensors;
  }
  assert.deepEqual(counts, [3, 3]);
  assert.equal(tf.memory().numTensors, tensors);
  image.dispose();
});

test('the adapter refuses objects that are not face-detection 1.0.3 detectors', () => {
  assert.throws(() => adaptToBlazeFaceBack({}), /expected the internals of @tensorflow-models\/face-detection 1\.0\.3/);
  assert.throws(() => adaptToBlazeFaceBack(null), /check the pinned version/);
});

test('loader checks its arguments and reports missing weights', async () => {
  await assert.rejects(loadFaceMesh({ maxFaces: 0 }), /expected maxFaces to be a positive integer, but got 0/);
  await assert.rejects(loadFaceMesh({ maxFaces: 1, modelDir: '/nonexistent' }), /cannot read model file \/nonexistent\/facemesh\.json \(ENOENT\)/);
});

test('dispose frees every model tensor', () => {
  mesh.dispose();
  assert.equal(tf.memory().numTensors, before);
});

function syntheticMesh(): { x: number; y: number; z: number }[] {
  return Array.from({ length: MESH_POINT_COUNT }, (_, i) => ({ x: i, y: 1000 + i, z: 0 }));
}

test('eye centres average four eye-contour points; nose and mouth corners are single points', () => {
  const p = fivePointsFromMesh(syntheticMesh());
  assert.deepEqual(p.leftEye, [(33 + 133 + 159 + 145) / 4, 1000 + (33 + 133 + 159 + 145) / 4]);
  assert.deepEqual(p.rightEye, [(263 + 362 + 386 + 374) / 4, 1000 + (263 + 362 + 386 + 374) / 4]);
  assert.deepEqual(p.nose, [1, 1001]);
  assert.deepEqual(p.leftMouth, [61, 1061]);
  assert.deepEqual(p.rightMouth, [291, 1291]);
});

test('rejects a mesh with too few points', () => {
  assert.throws(() => fivePointsFromMesh(syntheticMesh().slice(0, 100)), /expected 468 FaceMesh points, but got 100/);
});

test('yaw is 0 for a flat face and 45 degrees when depth difference equals eye distance', () => {
  const m = syntheticMesh();
  assert.equal(meshYaw(m), 0);
  m[33] = { x: 0, y: 0, z: 0 };
  m[263] = { x: 30, y: 40, z: 50 };
  assert.ok(Math.abs(meshYaw(m) - 45) < 1e-9);
  m[263].z = -50;
  assert.ok(Math.abs(meshYaw(m) + 45) < 1e-9);
  assert.throws(() => meshYaw(m.slice(0, 10)), /expected FaceMesh points 33 and 263, but got 10 points/);
});
