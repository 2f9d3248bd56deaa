import type { Tensor4D } from '../backend/tf.ts';
import { MAX_BITS as MAX_QUANT_BITS } from '../quant/levels.ts';
import { FLOAT_ACTIVATION_BITS, QUANT_METHODS, type QuantConfig } from '../quant/types.ts';
import { ENCODER_MULTIPLIERS, IMAGE_SIZES, LATENT_SIDE, RGB_CHANNELS } from './constants.ts';
import type { GeneganConfig } from './types.ts';

/**
 * Checks a config from a caller or a manifest and returns a copy with defaults filled.
 * `where` names the source (e.g. "models/x/manifest.json") in error messages.
 */
export function validateConfig(config: GeneganConfig, where = 'config'): GeneganConfig {
  const out: GeneganConfig = { ...config };
  if (!(IMAGE_SIZES as readonly number[]).includes(out.imageSize)) {
    throw new Error(`${where}: imageSize: expected one of ${IMAGE_SIZES.join('|')}, but got ${JSON.stringify(out.imageSize)}`);
  }
  if (!Number.isInteger(out.width) || out.width < 1) {
    throw new Error(`${where}: width: expected a positive integer, but got ${JSON.stringify(out.width)}`);
  }
  if (typeof out.objectRatio !== 'number' || !(out.objectRatio > 0 && out.objectRatio < 1)) {
    throw new Error(`${where}: objectRatio: expected a number in (0, 1), but got ${JSON.stringify(out.objectRatio)}`);
  }
  const latent = latentChannels(out);
  const object = objectChannels(out);
  if (object < 1 || object >= latent) {
    throw new Error(`${where}: objectRatio ${out.objectRatio} of ${latent} latent channels gives ${object} object channels; expected 1..${latent - 1}`);
  }
  out.criticSpectralNorm = out.criticSpectralNorm ?? false;
  out.criticBatchNorm = out.criticBatchNorm ?? true;
  out.criticBlur = out.criticBlur ?? false;
  if (out.criticGain !== undefined && !(typeof out.criticGain === 'number' && out.criticGain > 0)) {
    throw new Error(`${where}: criticGain: expected a positive number, but got ${JSON.stringify(out.criticGain)}`);
  }
  if (out.quant !== undefined && out.quant !== null) out.quant = validateQuant(out.quant, where);
  else delete out.quant;
  return out;
}

function validateQuant(quant: QuantConfig, where: string): QuantConfig {
  const q = { ...quant };
  if (!QUANT_METHODS.includes(q.method)) {
    throw new Error(`${where}: quant.method: expected one of ${QUANT_METHODS.join('|')}, but got ${JSON.stringify(q.method)}`);
  }
  const bitsOk = (b: unknown) => Number.isInteger(b) && (b as number) >= 1 && (b as number) <= MAX_QUANT_BITS;
  if (!bitsOk(q.wbits)) throw new Error(`${where}: quant.wbits: expected an integer 1..${MAX_QUANT_BITS}, but got ${JSON.stringify(q.wbits)}`);
  if (!bitsOk(q.abits) && q.abits !== FLOAT_ACTIVATION_BITS) {
    throw new Error(`${where}: quant.abits: expected an integer 1..${MAX_QUANT_BITS} or ${FLOAT_ACTIVATION_BITS} (float), but got ${JSON.stringify(q.abits)}`);
  }
  if (typeof q.floatFirstLast !== 'boolean') throw new Error(`${where}: quant.floatFirstLast: expected a boolean, but got ${JSON.stringify(q.floatFirstLast)}`);
  return q;
}

/** Channels of the latent: the encoder's last stage width. */
export function latentChannels(config: Pick<GeneganConfig, 'imageSize' | 'width'>): number {
  return (ENCODER_MULTIPLIERS[config.imageSize].at(-1) as number) * config.width;
}

/** Channels of the object part u: the last objectRatio share of the latent (docs/model.md "Latent split": 25%). */
export function objectChannels(config: Pick<GeneganConfig, 'imageSize' | 'width' | 'objectRatio'>): number {
  return Math.round(latentChannels(config) * config.objectRatio);
}

/** Throws "what: expected images [N,S,S,3], but got [...]" unless `images` fits the config (and `count`). */
export function checkImages(config: Pick<GeneganConfig, 'imageSize'>, images: Tensor4D, what: string, count?: number): void {
  const s = config.imageSize;
  const [n, h, w, c] = images.shape;
  const want = `[${count ?? 'N'},${s},${s},${RGB_CHANNELS}]`;
  if (images.rank !== 4 || h !== s || w !== s || c !== RGB_CHANNELS || n < 1 || (count !== undefined && n !== count)) {
    throw new Error(`${what}: expected images ${want}, but got [${images.shape.join(',')}]`);
  }
}

/** Throws unless background [N,8,8,C-c] and object [N,8,8,c] fit the config's latent split. */
export function checkLatent(config: GeneganConfig, background: Tensor4D, object: Tensor4D): void {
  const objectC = objectChannels(config);
  const split = latentChannels(config) - objectC;
  const want = (c: number) => `[N,${LATENT_SIDE},${LATENT_SIDE},${c}]`;
  const ok = (t: Tensor4D, c: number) => t.rank === 4 && t.shape[1] === LATENT_SIDE && t.shape[2] === LATENT_SIDE && t.shape[3] === c;
  if (!ok(background, split)) throw new Error(`decode: expected background ${want(split)}, but got [${background.shape.join(',')}]`);
  if (!ok(object, objectC)) throw new Error(`decode: expected object ${want(objectC)}, but got [${object.shape.join(',')}]`);
  if (background.shape[0] !== object.shape[0]) {
    throw new Error(`decode: expected background and object of the same batch size, but got ${background.shape[0]} and ${object.shape[0]}`);
  }
}
