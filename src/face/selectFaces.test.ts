import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFaceSelection, selectFaces } from './selectFaces.ts';
import { FaceError, FACE_ERROR_HTTP_STATUS, isFaceError } from './faceError.ts';
import { UserError } from '../shared/errors.ts';
import { templateAt } from './template.ts';
import type { DetectedFace } from './types.ts';

function face(index: number, x: number, size: number): DetectedFace {
  return { index, box: { x, y: 0, width: size, height: size }, points: templateAt(size), landmarks: [], yaw: 0 };
}
const faces = [face(0, 0, 50), face(1, 100, 80), face(2, 200, 60)];

function rejects(fn: () => unknown, code: string, message: RegExp) {
  assert.throws(fn, (err: unknown) => isFaceError(err) && err.code === code && message.test(err.message));
}

test('largest picks the biggest box; all keeps order; an index picks that face', () => {
  assert.equal(selectFaces(faces, 'largest', 5)[0].index, 1);
  assert.deepEqual(selectFaces(faces, 'all', 5).map((f) => f.index), [0, 1, 2]);
  assert.equal(selectFaces(faces, 2, 5)[0].index, 2);
});

test('typed errors: no face, too many faces, bad index', () => {
  rejects(() => selectFaces([], 'largest', 5, 'a.jpg'), 'no_face', /^a\.jpg: expected at least one face, but none was found$/);
  rejects(() => selectFaces(faces, 'all', 2), 'too_many_faces', /expected at most 2 faces, but found more/);
  rejects(() => selectFaces(faces, 3, 5), 'bad_index', /expected a face index from 0 to 2 \(left to right\), but got 3/);
  rejects(() => selectFaces(faces, -1, 5), 'bad_index', /but got -1/);
  rejects(() => selectFaces(faces, 1.5, 5), 'bad_index', /but got 1.5/);
});

test('parseFaceSelection accepts largest, all and integers only', () => {
  assert.equal(parseFaceSelection('largest'), 'largest');
  assert.equal(parseFaceSelection('all'), 'all');
  assert.equal(parseFaceSelection('12'), 12);
  rejects(() => parseFaceSelection('first'), 'bad_index', /expected "largest", "all" or a face index \(0, 1, \.\.\.\), but got "first"/);
  rejects(() => parseFaceSelection('-1'), 'bad_index', /but got "-1"/);
});

test('FaceError is a UserError carrying a code and an HTTP status', () => {
  const err = new FaceError('too_many_pixels', 'big');
  assert.equal(err.statusCode, 413);
  assert.equal(err.code, 'too_many_pixels');
  assert.ok(err instanceof UserError);
  assert.equal(err.name, 'FaceError');
  assert.deepEqual(FACE_ERROR_HTTP_STATUS, { not_an_image: 400, too_many_pixels: 413, no_face: 422, too_many_faces: 422, bad_index: 400, face_too_small: 422 });
  assert.equal(isFaceError(new Error('x')), false);
});
