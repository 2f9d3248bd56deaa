import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';
import type { RawImage } from './types.ts';

/**
 * Stacks same-size 8-bit RGB crops into one NHWC float32 batch [n, size, size, 3] with values in
 * [0, 1], the generator's input range (docs/model.md "Networks": input and output range).
 * The caller disposes the result.
 */
export function cropsToTensor(crops: readonly RawImage<Uint8Array>[]): Tensor4D {
  if (crops.length === 0) throw new RangeError('cropsToTensor: expected at least one crop, but got none');
  const { width, height } = crops[0];
  const per = width * height * 3;
  const values = new Float32Array(per * crops.length);
  crops.forEach((crop, i) => {
    if (crop.width !== width || crop.height !== height || crop.channels !== 3) {
      throw new RangeError(`cropsToTensor: expected crop ${i} to be ${width}x${height}x3 like crop 0, but got ${crop.width}x${crop.height}x${crop.channels}`);
    }
    for (let j = 0; j < per; j++) values[i * per + j] = crop.data[j] / 255;
  });
  return tf.tensor4d(values, [crops.length, height, width, 3]);
}

/**
 * Reads one image [h, w, 3] (or a batch's item `index` of [n, h, w, 3]) with values in [0, 1]
 * into a float RawImage, e.g. a generated face for pasteBack. Does not dispose the tensor.
 */
export async function tensorToRawImage(image: Tensor3D | Tensor4D, index = 0): Promise<RawImage<Float32Array>> {
  const shape = image.rank === 4 ? image.shape.slice(1) : image.shape;
  if (shape.length !== 3 || shape[2] !== 3) {
    throw new RangeError(`tensorToRawImage: expected [h, w, 3] or [n, h, w, 3], but got shape [${image.shape}]`);
  }
  const [h, w] = shape;
  const count = image.rank === 4 ? image.shape[0] : 1;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`tensorToRawImage: expected an index from 0 to ${count - 1}, but got ${index}`);
  }
  const item = image.rank === 4 ? tf.tidy(() => tf.slice(image as Tensor4D, [index, 0, 0, 0], [1, h, w, 3])) : image;
  const data = (await item.data()) as Float32Array;
  if (item !== image) item.dispose();
  return { data: new Float32Array(data), width: w, height: h, channels: 3 };
}
