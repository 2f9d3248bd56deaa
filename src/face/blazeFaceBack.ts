import { tf, type Tensor } from '../backend/tf.ts';
import { BLAZEFACE_BACK } from './constants.ts';

/** The private fields of face-detection 1.0.3's MediaPipeFaceDetectorTfjs that we re-point. */
interface FaceDetectorInternals {
  detectorModel: { execute(input: Tensor, outputs: string | string[]): Tensor | Tensor[]; dispose(): void };
  imageToTensorConfig: object;
  tensorsToDetectionConfig: object;
  anchors: unknown[];
  anchorTensor: { x: Tensor; y: Tensor; w: Tensor; h: Tensor };
}

/**
 * Re-points a face-detection "short" detector instance at the 256 px BlazeFace "back" model that
 * @vladmandic/human ships (docs/face.md "Detection" and "Choices"): 256 px input, strides [16,32,32,32],
 * scales 256, and the model's four outputs joined into the one [1, 896, 17] tensor face-detection reads.
 * Only this instance changes (no shared module constants are edited). Throws if the internals differ
 * from the pinned @tensorflow-models/face-detection version.
 */
export function adaptToBlazeFaceBack(detector: unknown): void {
  const d = checkInternals(detector);
  const { inputSize, strides, minScore } = BLAZEFACE_BACK;
  d.imageToTensorConfig = {
    outputTensorSize: { width: inputSize, height: inputSize },
    keepAspectRatio: true,
    outputTensorFloatRange: [-1, 1],
    borderMode: 'zero',
  };
  d.tensorsToDetectionConfig = {
    ...d.tensorsToDetectionConfig,
    xScale: inputSize,
    yScale: inputSize,
    wScale: inputSize,
    hScale: inputSize,
    minScoreThresh: minScore,
  };
  const anchors = ssdAnchors(inputSize, strides);
  tf.dispose([d.anchorTensor.x, d.anchorTensor.y, d.anchorTensor.w, d.anchorTensor.h]);
  d.anchors = anchors;
  d.anchorTensor = {
    x: tf.tensor1d(anchors.map((a) => a.xCenter)),
    y: tf.tensor1d(anchors.map((a) => a.yCenter)),
    w: tf.tensor1d(anchors.map((a) => a.width)),
    h: tf.tensor1d(anchors.map((a) => a.height)),
  };
  d.detectorModel = joinOutputs(d.detectorModel);
}

/**
 * Wraps the graph so execute(x, 'Identity:0') returns [1, 896, 17]: per scale [score | 16 box and
 * keypoint values], stride-16 rows (512) then stride-32 rows (384), matching ssdAnchors' order.
 */
function joinOutputs(model: FaceDetectorInternals['detectorModel']): FaceDetectorInternals['detectorModel'] {
  const { scores16, boxes16, scores32, boxes32 } = BLAZEFACE_BACK.outputs;
  return {
    execute(input: Tensor) {
      const outs = model.execute(input, [scores16, boxes16, scores32, boxes32]) as Tensor[];
      const joined = tf.tidy(() => tf.concat([tf.concat([outs[0], outs[1]], 2), tf.concat([outs[2], outs[3]], 2)], 1));
      tf.dispose(outs);
      return joined;
    },
    dispose: () => model.dispose(),
  };
}

function checkInternals(detector: unknown): FaceDetectorInternals {
  const d = detector as Partial<FaceDetectorInternals> | null;
  const ok = d !== null && typeof d === 'object' && typeof d.detectorModel?.execute === 'function' &&
    typeof d.imageToTensorConfig === 'object' && typeof d.tensorsToDetectionConfig === 'object' &&
    Array.isArray(d.anchors) && d.anchorTensor?.x instanceof tf.Tensor;
  if (!ok) {
    throw new Error('adaptToBlazeFaceBack: expected the internals of @tensorflow-models/face-detection 1.0.3 (detectorModel, imageToTensorConfig, tensorsToDetectionConfig, anchors, anchorTensor), but the detector differs; check the pinned version');
  }
  return d as FaceDetectorInternals;
}

/** One SSD anchor centre, normalised to [0, 1] of the detector input; width/height fixed to 1. */
export interface Anchor {
  xCenter: number;
  yCenter: number;
  width: number;
  height: number;
}

/**
 * Anchor centres of a MediaPipe BlazeFace-style SSD head with fixed anchor size
 * (docs/face.md "Detection"). Consecutive layers with the same stride share one feature map
 * and each contributes 2 anchors per cell (aspect 1 plus the interpolated scale), so strides
 * [16, 32, 32, 32] at 256 px give 16*16*2 + 8*8*6 = 896 anchors, in the order the model emits them
 * (stride-16 cells first, row-major, anchors of a cell adjacent).
 */
export function ssdAnchors(inputSize: number, strides: readonly number[], anchorsPerLayer = 2): Anchor[] {
  const anchors: Anchor[] = [];
  let layer = 0;
  while (layer < strides.length) {
    const stride = strides[layer];
    let perCell = 0;
    while (layer < strides.length && strides[layer] === stride) {
      perCell += anchorsPerLayer;
      layer++;
    }
    const cells = Math.ceil(inputSize / stride);
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        for (let k = 0; k < perCell; k++) anchors.push({ xCenter: (x + 0.5) / cells, yCenter: (y + 0.5) / cells, width: 1, height: 1 });
      }
    }
  }
  return anchors;
}
