import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, medianScores, mediansTable, photoReportMarkdown } from './photoReport.ts';
import type { FaceScores } from './scoreFace.ts';
import type { PhotoFaceRow, PhotoMetrics } from './types.ts';

const scores = (identity: number): FaceScores => ({ identity, sharpness: identity, changedShare: 0.01, eyeBandDarkening: 0.2, lowerFacePsnr: 40, facePsnr: 30 });
const row = (name: string, residual: number, replace: number): PhotoFaceRow => ({
  photo: name, face: { index: 0, count: 1, box: { x: 0, y: 0, width: 10, height: 10 } }, nativeSide: 100, exemplar: 'a.jpg', differentPeople: 0.3,
  scores: { residual: scores(residual), replace: scores(replace) },
});

test('median: middle value, mean of the middle two, NaN for none', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('medianScores and the report: per composite, one line per model and composite', () => {
  const rows = [row('b1.jpg', 0.9, 0.5), row('b2.jpg', 1, 0.7), row('b3.jpg', 0.95, 0.6)];
  const medians = medianScores(rows);
  assert.equal(medians.residual.identity, 0.95);
  assert.equal(medians.replace.identity, 0.6);
  const model = { label: 'm', dir: 'models/m', attribute: 'Eyeglasses', imageSize: 64, medians, medianDifferentPeople: 0.3, rows, skipped: [{ name: 'b4.jpg', reason: 'no face' }], contactSheet: null };
  assert.match(mediansTable([model]), /\| m \| residual \| 3 \| 0\.950 \| 0\.95 \| 1\.0% \| 20\.0% \| 40\.0 \| 30\.0 \|/);
  const metrics: PhotoMetrics = { formatVersion: 1, kind: 'photos', photos: 'p', pairing: 'cyclic', exemplar: null, models: [model], skipped: [], definitions: { identity: 'cosine' }, seconds: 1 };
  const md = photoReportMarkdown(metrics);
  assert.match(md, /\| b2\.jpg \| 1\/1 \| 100 \| a\.jpg \| 0\.30 \|/);
  assert.match(md, /skipped b4\.jpg: no face/);
});
