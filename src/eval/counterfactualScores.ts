import { existsSync } from 'node:fs';
import path from 'node:path';
import { tf, type Tensor4D } from '../backend/tf.ts';
import { counterfactualAttribute, renderCounterfactual, type CounterfactualAttribute } from '../data/synth/counterfactual.ts';
import { readFaceFactors } from '../data/synth/factorsCsv.ts';
import type { RgbRaster } from '../data/synth/renderFace.ts';
import type { FaceFactors } from '../data/synth/types.ts';
import { CHANGE_MASK } from '../face/constants.ts';
import type { ChangeMaskOptions, CompositeMode } from '../face/composite.ts';
import { cropsToTensor } from '../face/cropsToTensor.ts';
import type { Generator } from '../model/types.ts';
import { replaceBatch, residualBatch, tensorToRasters, toModelSize } from './composites.ts';
import { FACTORS_FILE } from './constants.ts';
import type { FourImages, PairBatch } from './pairs.ts';
import { MeanAccumulator, addTransferCounts, transferRates, type TransferCounts } from './accumulators.ts';
import { psnr, ssim } from './imageMetrics.ts';
import type { AttributeJudge, CounterfactualMetrics, Stat } from './types.ts';
import { UserError } from '../shared/errors.ts';

/** What the counterfactual scores need from the data set: every face's factors. */
export interface CounterfactualContext {
  attribute: CounterfactualAttribute;
  faces: Map<string, FaceFactors>;
  /** The model's image size S. */
  size: number;
  /** The larger render is scale x S px (4: 256 px for a 64 px model). */
  scale: number;
}

/**
 * The context when the data set can have counterfactuals (a synthetic set with factors.csv, an
 * attribute the faces draw exactly, scale >= 1); otherwise null and a note says why.
 */
export async function prepareCounterfactuals(dataDir: string, attribute: string, size: number, scale: number, notes: string[]): Promise<CounterfactualContext | null> {
  if (scale === 0) return null;
  const file = path.join(dataDir, FACTORS_FILE);
  const attr = counterfactualAttribute(attribute);
  if (!existsSync(file)) {
    notes.push('no factors.csv (not synthetic): counterfactual Bu and A0 were not scored');
    return null;
  }
  if (!attr) {
    notes.push(`counterfactual Bu and A0 are drawn for Eyeglasses, Smiling, Bangs and Side_Lit only, not ${attribute}: not scored`);
    return null;
  }
  return { attribute: attr, faces: await readFaceFactors(file), size, scale };
}

/**
 * One batch's truths and inputs, drawn from the factors (shared by every variant).
 * Tensors are NHWC float32 in [0, 1]; dispose() frees them.
 */
export interface CounterfactualInputs {
  /** At the model's size S: the data set's own A and B as 8-bit (what residual composition adds to). */
  small: { a: RgbRaster[]; b: RgbRaster[]; truthBu: Tensor4D; truthA0: Tensor4D };
  /** At scale x S: A and B drawn there, their truths (also as 8-bit), and A and B brought down to S for the model. */
  large: { a: RgbRaster[]; b: RgbRaster[]; truthBu: Tensor4D; truthA0: Tensor4D; bu: RgbRaster[]; a0: RgbRaster[]; modelA: Tensor4D; modelB: Tensor4D };
  dispose(): void;
}

/**
 * Draws the truths of a pair batch at the model's size and, with the inputs, at scale x that size;
 * the large inputs are brought to the model's size the way the service does (toModelSize).
 */
export async function counterfactualInputs(pair: PairBatch, ctx: CounterfactualContext): Promise<CounterfactualInputs> {
  const faceOf = (id: string): FaceFactors => {
    const f = ctx.faces.get(id);
    if (!f) throw new UserError('bad_data', `${FACTORS_FILE}: expected a row for image "${id}", but there is none`);
    return f;
  };
  const big = ctx.size * ctx.scale;
  const pairs = pair.auIds.map((id, i) => [faceOf(id), faceOf(pair.b0Ids[i])] as const);
  const small = await Promise.all(pairs.map(([a, b]) => renderCounterfactual(ctx.attribute, a, b, ctx.size)));
  const large = await Promise.all(pairs.map(([a, b]) => renderCounterfactual(ctx.attribute, a, b, big)));
  const modelA = await Promise.all(large.map((x) => toModelSize(x.a, ctx.size)));
  const modelB = await Promise.all(large.map((x) => toModelSize(x.b, ctx.size)));
  const [a, b] = await Promise.all([tensorToRasters(pair.au), tensorToRasters(pair.b0)]);
  const tensors = {
    smallBu: cropsToTensor(small.map((x) => x.bu)),
    smallA0: cropsToTensor(small.map((x) => x.a0)),
    largeBu: cropsToTensor(large.map((x) => x.bu)),
    largeA0: cropsToTensor(large.map((x) => x.a0)),
    modelA: cropsToTensor(modelA),
    modelB: cropsToTensor(modelB),
  };
  return {
    small: { a, b, truthBu: tensors.smallBu, truthA0: tensors.smallA0 },
    large: {
      a: large.map((x) => x.a), b: large.map((x) => x.b), truthBu: tensors.largeBu, truthA0: tensors.largeA0,
      bu: large.map((x) => x.bu), a0: large.map((x) => x.a0), modelA: tensors.modelA, modelB: tensors.modelB,
    },
    dispose: () => tf.dispose(Object.values(tensors)),
  };
}

/**
 * Encodes both sides once and decodes A0, Bu, both reconstructions Dec(background, object) and
 * B0' = Dec(B_background, 0), the reference Bu's change is masked against (src/edit), in inference mode.
 */
export function generateForComposites(model: Generator, au: Tensor4D, b0: Tensor4D): { a0: Tensor4D; bu: Tensor4D; aRec: Tensor4D; bRec: Tensor4D; bZero: Tensor4D } {
  return tf.tidy(() => {
    const a = model.encode(au, false);
    const b = model.encode(b0, false);
    return {
      a0: model.decode(a.background, tf.zerosLike(a.object), false),
      bu: model.decode(b.background, a.object, false),
      aRec: model.decode(a.background, a.object, false),
      bRec: model.decode(b.background, b.object, false),
      bZero: model.decode(b.background, tf.zerosLike(b.object), false),
    };
  });
}

interface Cell {
  composite: CompositeMode;
  size: number;
  buPsnr: MeanAccumulator;
  buSsim: MeanAccumulator;
  a0Psnr: MeanAccumulator;
  a0Ssim: MeanAccumulator;
  transfer: TransferCounts;
}

/** The first pairs at scale x the model's size, for the report: one row of images per pair. */
export interface CounterfactualExamples {
  columns: readonly string[];
  rows: RgbRaster[][];
}

export const EXAMPLE_COLUMNS = ['A', 'B', 'true Bu', 'replace Bu', 'residual Bu', 'true A0', 'replace A0', 'residual A0'] as const;

/**
 * Streams one generator's counterfactual scores: Bu and A0 of both composites against the true
 * Bu and A0, at the model's size and at scale x, plus transfer success as the judge reads each
 * result brought to the model's size.
 */
export class CounterfactualScores {
  private readonly cells: Cell[] = [];
  /** The first `keep` pairs of the first batch at scale x (null until then, or when keep is 0). */
  examples: CounterfactualExamples | null = null;

  constructor(
    readonly ctx: CounterfactualContext,
    readonly mask: ChangeMaskOptions = { ...CHANGE_MASK },
    readonly keep = 0,
  ) {
    for (const size of [ctx.size, ctx.size * ctx.scale]) {
      for (const composite of ['residual', 'replace'] as const) {
        const acc = () => new MeanAccumulator();
        this.cells.push({ composite, size, buPsnr: acc(), buSsim: acc(), a0Psnr: acc(), a0Ssim: acc(), transfer: { buWith: 0, a0Without: 0, total: 0 } });
      }
    }
  }

  /**
   * Adds one batch. (a) At the model's size the data set's own images are the inputs: `four` holds
   * the generator's Bu, A0 and Au' for them, and B0' = Dec(B_background, 0) is decoded here. (b) At scale x
   * the drawn inputs, brought to the model's size, go through the generator once more.
   * @param four the variant's four images of `pair` (NHWC [N,S,S,3] in [0,1]); not disposed here
   */
  async add(model: Generator, pair: PairBatch, four: FourImages, inputs: CounterfactualInputs, judge: AttributeJudge | null): Promise<void> {
    const { size, scale } = this.ctx;
    // The service's references (src/edit): Bu against Dec(B_background, 0), A0 against Au'.
    const bZero = tf.tidy(() => {
      const b = model.encode(pair.b0, false);
      return model.decode(b.background, tf.zerosLike(b.object), false);
    });
    const [bu, a0, aRec, bZeroData, auIn] = (await Promise.all([four.bu, four.a0, four.auRec, bZero, pair.au].map((t) => t.data()))) as Float32Array[];
    bZero.dispose();
    await this.score('residual', size, inputs.small, residualBatch(inputs.small.b, bu, bZeroData, size, this.mask), residualBatch(inputs.small.a, a0, aRec, size, this.mask, auIn), judge);
    await this.score('replace', size, inputs.small, await replaceBatch(four.bu, size), await replaceBatch(four.a0, size), judge);

    const g = generateForComposites(model, inputs.large.modelA, inputs.large.modelB);
    try {
      const [lbu, la0, laRec, lbZero, laIn] = (await Promise.all([g.bu, g.a0, g.aRec, g.bZero, inputs.large.modelA].map((t) => t.data()))) as Float32Array[];
      const big = size * scale;
      const { large } = inputs;
      const residual = { bu: residualBatch(large.b, lbu, lbZero, size, this.mask), a0: residualBatch(large.a, la0, laRec, size, this.mask, laIn) };
      const replace = { bu: await replaceBatch(g.bu, big), a0: await replaceBatch(g.a0, big) };
      await this.score('residual', big, large, residual.bu, residual.a0, judge);
      await this.score('replace', big, large, replace.bu, replace.a0, judge);
      if (this.keep > 0 && !this.examples) {
        const rows = large.a.slice(0, this.keep).map((a, i) => [a, large.b[i], large.bu[i], replace.bu[i], residual.bu[i], large.a0[i], replace.a0[i], residual.a0[i]]);
        this.examples = { columns: EXAMPLE_COLUMNS, rows };
      }
    } finally {
      tf.dispose(Object.values(g));
    }
  }

  private async score(
    composite: CompositeMode, size: number, truths: { truthBu: Tensor4D; truthA0: Tensor4D }, bu: RgbRaster[], a0: RgbRaster[], judge: AttributeJudge | null,
  ): Promise<void> {
    const cell = this.cells.find((c) => c.composite === composite && c.size === size) as Cell;
    const buT = cropsToTensor(bu);
    const a0T = cropsToTensor(a0);
    const scores = [psnr(buT, truths.truthBu), ssim(buT, truths.truthBu), psnr(a0T, truths.truthA0), ssim(a0T, truths.truthA0)];
    tf.dispose([buT, a0T]);
    const [bp, bs, ap, as] = await Promise.all(scores.map((t) => t.data()));
    tf.dispose(scores);
    cell.buPsnr.add(bp);
    cell.buSsim.add(bs);
    cell.a0Psnr.add(ap);
    cell.a0Ssim.add(as);
    if (!judge) return;
    // the judge reads every result at the model's size, brought there as an input would be
    const model = this.ctx.size;
    const small = async (images: RgbRaster[]) => cropsToTensor(await Promise.all(images.map((x) => toModelSize(x, model))));
    const [sb, sa] = [await small(bu), await small(a0)];
    const pb = judge.probabilityWith(sb);
    const pa = judge.probabilityWith(sa);
    addTransferCounts(cell.transfer, await pb.data(), await pa.data());
    tf.dispose([sb, sa, pb, pa]);
  }

  summary(): CounterfactualMetrics {
    const stat = (acc: MeanAccumulator): Stat => acc.summary() ?? { mean: NaN, std: NaN, n: 0 };
    return {
      modelSize: this.ctx.size,
      scale: this.ctx.scale,
      changeMask: { ...this.mask },
      rows: this.cells.map((c) => ({
        composite: c.composite,
        size: c.size,
        bu: { psnr: stat(c.buPsnr), ssim: stat(c.buSsim) },
        a0: { psnr: stat(c.a0Psnr), ssim: stat(c.a0Ssim) },
        transfer: transferRates(c.transfer),
      })),
    };
  }
}
