import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fivePointsFromMesh } from './fivePointsFromMesh.ts';
import { meshYaw } from './meshYaw.ts';
import { MESH_POINT_COUNT } from './constants.ts';

function mesh(): { x: number; y: number; z: number }[] {
  return Array.from({ length: MESH_POINT_COUNT }, (_, i) => ({ x: i, y: 1000 + i, z: 0 }));
}

test('eye centres average four eye-contour points; nose and mouth corners are single points', () => {
  const p = fivePointsFromMesh(mesh());
  assert.deepEqual(p.leftEye, [(33 + 133 + 159 + 145) / 4, 1000 + (33 + 133 + 159 + 145) / 4]);
  assert.deepEqual(p.rightEye, [(263 + 362 + 386 + 374) / 4, 1000 + (263 + 362 + 386 + 374) / 4]);
  assert.deepEqual(p.nose, [1, 1001]);
  assert.deepEqual(p.leftMouth, [61, 1061]);
  assert.deepEqual(p.rightMouth, [291, 1291]);
});

test('rejects a mesh with too few points', () => {
  assert.throws(() => fivePointsFromMesh(mesh().slice(0, 100)), /expected 468 FaceMesh points, but got 100/);
});

test('yaw is 0 for a flat face and 45 degrees when depth difference equals eye distance', () => {
  const m = mesh();
  assert.equal(meshYaw(m), 0);
  m[33] = { x: 0, y: 0, z: 0 };
  m[263] = { x: 30, y: 40, z: 50 };
  assert.ok(Math.abs(meshYaw(m) - 45) < 1e-9);
  m[263].z = -50;
  assert.ok(Math.abs(meshYaw(m) + 45) < 1e-9);
  assert.throws(() => meshYaw(m.slice(0, 10)), /expected FaceMesh points 33 and 263, but got 10 points/);
});
