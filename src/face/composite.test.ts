import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, maskOnTarget, measureChange, resizeMapping } from './composite.ts';
import { applyAffine } from './similarityTransform.ts';
import { PASTE_MASK } from './constants.ts';
import sharp from 'sharp';
import type { RawImage } from './types.ts';

const SIZE = 64;
const flat = (value: number): RawImage<Float32Array> => ({ data: new Float32Array(SIZE * SIZE * 3).fill(value), width: SIZE, height: SIZE, channels: 3 });
const photo = (width: number, height: number, value = 100): RawImage<Uint8Array> => ({ data: new Uint8Array(width * height * 3).fill(value), width, height, channels: 3 });

/** A generated image that differs from its reconstruction by +0.4 in a 16x16 square at (24..39, 24..39). */
function squareEdit(): { generated: RawImage<Float32Array>; reconstruction: RawImage<Float32Array> } {
  const reconstruction = flat(0.3);
  const generated = flat(0.3);
  for (let y = 24; y < 40; y++) for (let x = 24; x < 40; x++) for (let c = 0; c < 3; c++) generated.data[(y * SIZE + x) * 3 + c] = 0.7;
  return { generated, reconstruction };
}

test('no change: the mask is empty and the target comes back bit for bit', () => {
  const change = measureChange(flat(0.5), flat(0.5));
  assert.equal(Math.max(...change.mask.data), 0);
  const target = photo(178, 218);
  target.data[5] = 7;
  const out = applyChange(target, change, resizeMapping(178, 218, SIZE));
  assert.deepEqual(out.data, target.data);
  assert.notEqual(out.data, target.data, 'a new image, the input is not modified');
});

test('small differences under the low threshold are not applied (what the generator cannot reproduce stays the input\'s)', () => {
  const noisy = flat(0.5);
  for (let i = 0; i < noisy.data.length; i++) noisy.data[i] += ((i * 7919) % 13) / 13 * 0.03 - 0.015; // below low = 0.02
  const change = measureChange(noisy, flat(0.5));
  assert.ok(Math.max(...change.mask.data) < 1e-3);
});

test('a local edit is applied at 4x the model size only where it is, at full strength in its middle', () => {
  const { generated, reconstruction } = squareEdit();
  const change = measureChange(generated, reconstruction);
  assert.ok(change.mask.data[32 * SIZE + 32] > 0.99, 'full weight inside the edit');
  assert.equal(change.mask.data[5 * SIZE + 5], 0, 'nothing far from it');
  const side = 4 * SIZE;
  const target = photo(side, side);
  const toModel = resizeMapping(side, side, SIZE);
  const out = applyChange(target, change, toModel);
  const at = (x: number, y: number) => out.data[(y * side + x) * 3];
  assert.equal(at(4 * 32 + 2, 4 * 32 + 2), Math.round(100 + 0.4 * 255), 'the edit, upsampled');
  assert.equal(at(20, 20), 100, 'far pixels untouched');
  const mask = maskOnTarget(change, side, side, toModel);
  for (let i = 0; i < side * side; i++) if (mask.data[i] === 0) assert.equal(out.data[i * 3], 100, `pixel ${i} outside the mask is untouched`);
});

test('resizeMapping maps pixel centres of the centred square onto the model crop', () => {
  const m = resizeMapping(178, 218, SIZE);
  const [u0, v0] = applyAffine(m, [0, 20]);
  assert.ok(Math.abs(u0 - (0.5 * SIZE) / 178 + 0.5) < 1e-9 && Math.abs(v0 - u0) < 1e-9, 'the square starts 20 rows down');
  const [uc, vc] = applyAffine(m, [88.5, 108.5]);
  assert.ok(Math.abs(uc - 31.5) < 1e-9 && Math.abs(vc - 31.5) < 1e-9, 'centre onto centre');
});

test('with the paste ellipse, the change fades to nothing at the crop\'s edge', () => {
  const change = measureChange(flat(0.9), flat(0.1));
  const side = 2 * SIZE;
  const mask = maskOnTarget(change, side, side, resizeMapping(side, side, SIZE), { shape: PASTE_MASK });
  assert.equal(mask.data[0], 0, 'corner');
  assert.equal(mask.data[Math.round(side * 0.545) * side + side / 2], 255, 'middle of the face');
  assert.throws(() => measureChange(flat(0.5), { data: new Float32Array(32 * 32 * 3), width: 32, height: 32, channels: 3 }), /expected two RGB images of 64x64/);
  assert.throws(() => measureChange(flat(0.5), flat(0.5), { low: 0.2, high: 0.1 }), /expected 0 <= low < high/);
});

/** An image brought to the model's size as align=none and the evaluation do (sharp's lanczos). */
async function toModel64(image: RawImage<Uint8Array>): Promise<RawImage<Uint8Array>> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).resize(SIZE, SIZE, { fit: 'cover' }).raw().toBuffer();
  return { data: new Uint8Array(data), width: SIZE, height: SIZE, channels: 3 };
}

test('consistent upsampling: an edit one model pixel thin, added at 2.8x, 4x and 10x, is all there when the answer is brought back to the model\'s size', async () => {
  const generated = flat(0.3);
  const reconstruction = flat(0.3);
  for (let y = 0; y < SIZE; y++) for (let c = 0; c < 3; c++) generated.data[(y * SIZE + 32) * 3 + c] = 0.6; // a frame's temple
  // a mask full around the line, so only the upsampling is measured
  const change = measureChange(generated, reconstruction, { sigma: 3, feather: 0, low: 0.001, high: 0.002, consistentLow: 0.001, consistentHigh: 0.002 });
  // the kernel was measured at 4x and 10x; at 2.8x sharp's reduction blurs a little less (0.77 at
  // the centre instead of 0.73), so the line comes back a little high there
  for (const [side, tolerance] of [[178, 0.08], [256, 0.03], [640, 0.03]]) {
    const target = photo(side, side, 80);
    const back = await toModel64(applyChange(target, change, resizeMapping(side, side, SIZE)));
    const at = (x: number) => back.data[(32 * SIZE + x) * 3];
    const gain = (at(32) - 80) / (0.3 * 255);
    // plainly upsampled, the line comes back at 0.73-0.77 of its height (CONSISTENT_UPSAMPLING.kernel)
    assert.ok(Math.abs(gain - 1) <= tolerance, `${side} px: expected the line back at full height, but got ${gain.toFixed(3)}`);
    assert.ok(Math.abs(at(30) - 80) <= 3 && Math.abs(at(34) - 80) <= 3, `${side} px: and nothing two pixels beside it, but got ${at(30)}, ${at(34)}`);
  }
  // at the model's own size there is nothing to undo: the change is added as it is
  const same = applyChange(photo(SIZE, SIZE, 80), change, resizeMapping(SIZE, SIZE, SIZE));
  assert.equal(same.data[(10 * SIZE + 32) * 3], Math.round(80 + 0.3 * 255));
  assert.equal(same.data[(10 * SIZE + 31) * 3], 80);
  // and by default (consistentLow 1) nowhere: plainly upsampled, the line comes back at about 0.73
  const plain = await toModel64(applyChange(photo(256, 256, 80), measureChange(generated, reconstruction, { sigma: 3, feather: 0, low: 0.001, high: 0.002 }), resizeMapping(256, 256, SIZE)));
  const plainGain = (plain.data[(32 * SIZE + 32) * 3] - 80) / (0.3 * 255);
  assert.ok(plainGain > 0.7 && plainGain < 0.78, `expected the plain line at about 0.73, but got ${plainGain.toFixed(3)}`);
  assert.equal(measureChange(generated, reconstruction).consistent, null, 'no consistent map by default');
  // a face warped to the model (align=auto) comes back whole with the plain change: nothing to undo
  const warped = await toModel64(applyChange(photo(256, 256, 80), change, resizeMapping(256, 256, SIZE), { modelInput: 'warped' }));
  const warpedGain = (warped.data[(32 * SIZE + 32) * 3] - 80) / (0.3 * 255);
  assert.ok(Math.abs(warpedGain - plainGain) < 0.02, `modelInput 'warped': expected the plain change, but got ${warpedGain.toFixed(3)}`);
});

test('a removal measured from the model input erases the target\'s own finer detail only where the change is strong', () => {
  const { generated, reconstruction } = squareEdit();
  const side = 4 * SIZE;
  const target = photo(side, side);
  // fine detail the model never saw: a one-pixel line through the edit and one far from it
  for (let x = 0; x < side; x++) for (const y of [4 * 32, 20]) target.data[(y * side + x) * 3] = 120;
  const base = flat(100 / 255);
  const toModel = resizeMapping(side, side, SIZE);
  const at = (img: RawImage<Uint8Array>, x: number, y: number) => img.data[(y * side + x) * 3];
  const kept = applyChange(target, measureChange(generated, reconstruction, { eraseLow: 1, eraseHigh: 2 }, base), toModel);
  const erased = applyChange(target, measureChange(generated, reconstruction, { eraseLow: 0.1, eraseHigh: 0.2 }, base), toModel);
  const inside = 4 * 32 + 2;
  const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1, `${what}: expected ${expected}, but got ${actual}`);
  near(at(kept, inside, 4 * 32), 120 + 0.7 * 255 - 100, 'erase off: the line stays, the change from the base on top');
  near(at(erased, inside, 4 * 32), 0.7 * 255, 'erase full: the generated pixel itself');
  near(at(erased, inside, 4 * 32 + 3), 0.7 * 255, 'and beside the line the same');
  assert.equal(at(erased, 40, 20), 120, 'the line far from the edit is untouched');
  assert.equal(measureChange(generated, reconstruction).erase, undefined, 'an addition has no erase map');
  assert.throws(() => measureChange(generated, reconstruction, { eraseLow: 0.2, eraseHigh: 0.1 }, base), /expected 0 <= eraseLow < eraseHigh, but got eraseLow 0.2/);
});

test('a removal applied consistently where the change is strong takes away what the model\'s pixels show of the attribute, and keeps finer detail', async () => {
  const side = 4 * SIZE;
  const target = photo(side, side, 150);
  // a dark frame one model pixel wide (four target pixels) and, across the whole image, one-pixel
  // lines of fine detail
  for (let y = 0; y < side; y++) for (let x = 128; x < 132; x++) target.data[(y * side + x) * 3] = 40;
  for (let x = 0; x < side; x++) for (const y of [101, 181]) target.data[(y * side + x) * 3] = 170;
  const input = await toModel64(target);
  const base: RawImage<Float32Array> = { data: Float32Array.from(input.data, (v) => v / 255), width: SIZE, height: SIZE, channels: 3 };
  // the model's output: no frame (its own colour there); its reconstruction: a softer frame
  const generated = flat(150 / 255);
  const reconstruction = flat(150 / 255);
  for (let y = 0; y < SIZE; y++) for (let x = 31; x <= 33; x++) reconstruction.data[(y * SIZE + x) * 3] = (x === 32 ? 80 : 120) / 255;
  const toModel = resizeMapping(side, side, SIZE);
  const options = { sigma: 3, feather: 0, low: 0.001, high: 0.002 };
  const kept = applyChange(target, measureChange(generated, reconstruction, { ...options, eraseLow: 1, eraseHigh: 2, consistentLow: 1, consistentHigh: 2 }, base), toModel);
  const erased = applyChange(target, measureChange(generated, reconstruction, { ...options, eraseLow: 1, eraseHigh: 2, consistentLow: 0, consistentHigh: 0.01 }, base), toModel);
  const trace = async (img: RawImage<Uint8Array>) => {
    const back = await toModel64(img);
    return Math.max(...[30, 31, 32, 33].map((x) => Math.abs(back.data[(10 * SIZE + x) * 3] - 150)));
  };
  assert.ok((await trace(kept)) >= 20, `plainly upsampled, the frame's edges leave a trace at the model's size, but got ${await trace(kept)}`);
  assert.ok((await trace(erased)) <= 4, `consistently: expected no trace of the frame at the model's size, but got ${await trace(erased)}`);
  // the fine lines cross the frame: where they do, they are still lines (finer than a model pixel)
  const at = (img: RawImage<Uint8Array>, x: number, y: number) => img.data[(y * side + x) * 3];
  assert.ok(at(erased, 129, 101) - at(erased, 129, 99) >= 10, `a fine line under the frame stays, but got ${at(erased, 129, 101)} against ${at(erased, 129, 99)}`);
  assert.equal(at(erased, 20, 101), 170, 'away from the change the target is untouched');
  // consistent and erased: the output alone, at the model's scale and finer (the line goes too)
  const both = applyChange(target, measureChange(generated, reconstruction, { ...options, eraseLow: 0, eraseHigh: 0.01, consistentLow: 0, consistentHigh: 0.01 }, base), toModel);
  assert.ok((await trace(both)) <= 4, `consistent and erased: expected no trace of the frame, but got ${await trace(both)}`);
  assert.ok(Math.abs(at(both, 129, 101) - at(both, 129, 99)) <= 3, `the fine line under the frame goes, but got ${at(both, 129, 101)} against ${at(both, 129, 99)}`);
  assert.throws(() => measureChange(generated, reconstruction, { consistentLow: 0.2, consistentHigh: 0.1 }, base), /expected 0 <= consistentLow < consistentHigh, but got consistentLow 0.2/);
});
