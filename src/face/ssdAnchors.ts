/** One SSD anchor centre, normalised to [0, 1] of the detector input; width/height fixed to 1. */
export interface Anchor {
  xCenter: number;
  yCenter: number;
  width: number;
  height: number;
}

/**
 * Anchor centres of a MediaPipe BlazeFace-style SSD head with fixed anchor size
 * (spec/face-pipeline.md, option 1). Consecutive layers with the same stride share one feature map
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
