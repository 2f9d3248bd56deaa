// Swap tab: A (has the attribute) and B (lacks it) -> A0 and Bu, side by side with the inputs.
import { postForm } from './api.js';
import { busy } from './status.js';
import { createImageSlot, suggestAlign } from './imageSlot.js';

export function createSwapView(samples, currentModel) {
  const $ = (id) => document.getElementById(id);
  const align = $('swap-align');
  const slots = [];
  const changed = () => suggestAlign(align, slots);
  slots.push(createImageSlot($('swap-a'), samples, changed), createImageSlot($('swap-b'), samples, changed));

  $('swap-run').addEventListener('click', () => busy($('swap-run'), 'swapping', async () => {
    const [a, b] = slots.map((s) => s.blob());
    if (!a || !b) throw new Error('choose both faces first');
    const r = await postForm('/v1/swap', { a, b, model: currentModel(), align: align.value, composite: $('swap-composite').value });
    $('swap-in-a').src = r.inputs.a.crop;
    $('swap-in-b').src = r.inputs.b.crop;
    $('swap-out-a0').src = r.outputs.A0.crop;
    $('swap-out-bu').src = r.outputs.Bu.crop;
    // Residual answers carry the change mask: the user sees what was touched, and nothing else was.
    $('swap-mask').hidden = !r.outputs.Bu.mask;
    if (r.outputs.Bu.mask) $('swap-mask-bu').src = r.outputs.Bu.mask;
    $('swap-results').hidden = false;
    const pasted = r.outputs.A0.photo && r.outputs.Bu.photo;
    $('swap-photos').hidden = !pasted;
    if (pasted) {
      $('swap-photo-a0').src = r.outputs.A0.photo;
      $('swap-photo-bu').src = r.outputs.Bu.photo;
    }
    return r;
  }));
  return { ready: Promise.all(slots.map((s) => s.ready)) };
}
