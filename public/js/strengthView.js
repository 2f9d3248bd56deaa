// Strength tab: the exemplar's attribute on the target at strength lambda, updated as the slider moves.
import { postForm } from './api.js';
import { busy } from './status.js';
import { createImageSlot, suggestAlign } from './imageSlot.js';

const DEBOUNCE_MS = 150;

export function createStrengthView(samples, currentModel) {
  const $ = (id) => document.getElementById(id);
  const align = $('strength-align');
  const slider = $('strength');
  const slots = [];
  let timer = null;
  let inFlight = false;
  let again = false;

  async function run() {
    const [target, exemplar] = slots.map((s) => s.blob());
    if (!target || !exemplar) return;
    // One request at a time; a slider move during a request schedules exactly one more.
    if (inFlight) { again = true; return; }
    inFlight = true;
    const strength = Number(slider.value);
    await busy(null, `strength ${strength.toFixed(1)}`, async () => {
      const r = await postForm('/v1/transfer', { target, exemplar, strength, model: currentModel(), align: align.value, composite: $('strength-composite').value });
      $('strength-in').src = r.inputs.target.crop;
      $('strength-out').src = r.outputs.Bu.photo ?? r.outputs.Bu.crop;
      $('strength-caption').textContent = `λ = ${strength.toFixed(1)}`;
      $('strength-results').hidden = false;
    });
    inFlight = false;
    if (again) { again = false; void run(); }
  }
  const schedule = () => { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); };

  const changed = () => { suggestAlign(align, slots); schedule(); };
  slots.push(createImageSlot($('strength-target'), samples, changed, 1), createImageSlot($('strength-exemplar'), samples, changed, 1));
  slider.addEventListener('input', () => { $('strength-value').textContent = Number(slider.value).toFixed(1); schedule(); });
  align.addEventListener('change', schedule);
  $('strength-composite').addEventListener('change', schedule);
  return { ready: Promise.all(slots.map((s) => s.ready)), refresh: schedule };
}
