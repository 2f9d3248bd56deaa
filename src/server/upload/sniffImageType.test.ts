import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { describeBytes, sniffImageType } from './sniffImageType.ts';

const pixel = () => sharp({ create: { width: 2, height: 2, channels: 3, background: { r: 200, g: 10, b: 10 } } });

test('real encoded images are recognised by their bytes', async () => {
  assert.equal(sniffImageType(await pixel().jpeg().toBuffer()), 'jpeg');
  assert.equal(sniffImageType(await pixel().png().toBuffer()), 'png');
  assert.equal(sniffImageType(await pixel().webp().toBuffer()), 'webp');
  assert.equal(sniffImageType(await pixel().gif().toBuffer()), 'gif');
  assert.equal(sniffImageType(await pixel().tiff().toBuffer()), 'tiff');
});

test('text, empty and short inputs are not images', () => {
  assert.equal(sniffImageType(Buffer.from('hello, I am a .jpg file')), null);
  assert.equal(sniffImageType(Buffer.alloc(0)), null);
  assert.equal(sniffImageType(Buffer.from([0xff, 0xd8])), null, 'two bytes of a JPEG marker are not enough');
  assert.equal(sniffImageType(Buffer.from('RIFF1234WAVE')), null, 'a RIFF that is not WEBP');
});

test('describeBytes names what was received', () => {
  assert.equal(describeBytes(Buffer.alloc(0)), 'an empty file');
  assert.match(describeBytes(Buffer.from('hello\nworld')), /^text starting "hello world"$/);
  assert.match(describeBytes(Buffer.from([0, 1, 2, 255])), /^4 bytes starting 00 01 02 ff$/);
});
