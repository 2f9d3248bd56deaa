// An input card: upload a photo, or pick one of the bundled sample faces.

/**
 * Fills `el` (a .slot with data-label and data-has) from #slot-template. Sample faces are offered
 * that have (data-has="true") or lack the attribute. `onChange` runs after every new image.
 * Returns { blob(), kind } where kind is "sample" (already aligned) or "upload".
 */
export function createImageSlot(el, samples, onChange = () => {}, initial = 0) {
  el.append(document.getElementById('slot-template').content.cloneNode(true));
  el.querySelector('.slot-label').textContent = el.dataset.label;
  const preview = el.querySelector('.preview');
  preview.alt = el.dataset.label;
  const state = { blob: null, kind: null };
  const wanted = samples.filter((s) => String(s.has) === el.dataset.has);
  const buttons = wanted.map((s, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.title = s.label;
    b.setAttribute('aria-pressed', 'false');
    const img = document.createElement('img');
    img.src = `/samples/${s.file}`;
    img.alt = s.label;
    b.append(img);
    b.addEventListener('click', () => pickSample(i));
    el.querySelector('.samples').append(b);
    return b;
  });

  async function pickSample(i) {
    const s = wanted[i];
    const res = await fetch(`/samples/${s.file}`);
    const blob = await res.blob();
    set(new File([blob], s.file, { type: blob.type }), 'sample', `/samples/${s.file}`);
    buttons.forEach((b, k) => b.setAttribute('aria-pressed', String(k === i)));
  }

  function set(blob, kind, url) {
    state.blob = blob;
    state.kind = kind;
    if (preview.src.startsWith('blob:')) URL.revokeObjectURL(preview.src);
    preview.src = url ?? URL.createObjectURL(blob);
    onChange(state);
  }

  el.querySelector('input[type=file]').addEventListener('change', (e) => {
    const file = e.target.files[0];
    if (!file) return;
    buttons.forEach((b) => b.setAttribute('aria-pressed', 'false'));
    set(file, 'upload');
  });

  const ready = wanted.length > 0 ? pickSample(Math.min(initial, wanted.length - 1)) : Promise.resolve();
  return { blob: () => state.blob, kind: () => state.kind, ready };
}

/** Sample faces are aligned already; uploads are photos to search for faces. */
export function suggestAlign(select, slots) {
  select.value = slots.every((s) => s.kind() === 'sample') ? 'none' : 'auto';
}
