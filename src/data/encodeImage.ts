import sharp from 'sharp';
import { tf, type Tensor3D, type Tensor4D } from '../backend/tf.ts';

export type ImageFormat = 'png' | 'jpeg';

/**
 * Encodes one image tensor to PNG or JPEG.
 * @param image NHWC [1, H, W, 3] or HWC [H, W, 3], values in [0, 1] (clipped); not disposed.
 */
export async function encodeImage(image: Tensor3D | Tensor4D, format: ImageFormat = 'png', quality = 92): Promise<Buffer> {
  const shape = image.shape;
  const hwc = shape.length === 4 ? shape.slice(1) : shape;
  if ((shape.length === 4 && shape[0] !== 1) || hwc.length !== 3 || hwc[2] !== 3) {
    throw new Error(`encodeImage: expected [1, H, W, 3] or [H, W, 3], but got [${shape.join(', ')}]`);
  }
  const bytes = tf.tidy(() => image.clipByValue(0, 1).mul(255).round().toInt());
  const data = Uint8Array.from(await bytes.data());
  bytes.dispose();
  const raw = sharp(Buffer.from(data.buffer), { raw: { width: hwc[1], height: hwc[0], channels: 3 } });
  return format === 'png' ? raw.png().toBuffer() : raw.jpeg({ quality }).toBuffer();
}
