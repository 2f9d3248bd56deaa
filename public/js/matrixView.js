// Matrix tab: one target and four exemplars -> the bilinear grid of mixed object parts.
import { postForm } from './api.js';
import { busy } from './status.js';
import { createImageSlot, suggestAlign } from './imageSlot.js';

export function createMatrixView(samples, currentModel) {
  const $ = (id) => document.getElementById(id);
  const align = $('matrix-align');
  const slots = [];
  const changed = () => suggestAlign(align, slots);
  slots.push(createImageSlot($('matrix-target'), samples, changed, 2));
  for (let k = 0; k < 4; k++) slots.push(createImageSlot($(`matrix-e${k}`), samples, changed, k));

  $('matrix-run').addEventListener('click', () => busy($('matrix-run'), 'mixing four exemplars', async () => {
    const blobs = slots.map((s) => s.blob());
    if (blobs.some((b) => !b)) throw new Error('choose a target and four exemplars first');
    const [target, ...ex] = blobs;
    const r = await postForm('/v1/transfer', {
      target, exemplar0: ex[0], exemplar1: ex[1], exemplar2: ex[2], exemplar3: ex[3],
      matrix: $('matrix-side').value, model: currentModel(), align: align.value, composite: $('matrix-composite').value,
    });
    $('matrix-grid').src = r.matrix.grid;
    $('matrix-result').hidden = false;
  }));
  return { ready: Promise.all(slots.map((s) => s.ready)) };
}
