// Models tab and the model picker in the header.
import { getJson } from './api.js';

export async function loadModels(select, tbody) {
  const { models } = await getJson('/v1/models');
  const previous = select.value;
  select.replaceChildren(...models.map((m) => new Option(`${m.id} (${m.attribute ?? '?'}, ${m.bits === 32 ? 'float' : `${m.bits}-bit ${m.method}`})`, m.id)));
  if (models.some((m) => m.id === previous)) select.value = previous;
  tbody.replaceChildren(...models.map(row));
  if (models.length === 0) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td colspan="7">No model yet: start a training job in the Train tab.</td>';
    tbody.append(tr);
  }
  return models;
}

function row(m) {
  const tr = document.createElement('tr');
  const cells = [m.id, m.attribute ?? '—', `${m.imageSize} px`, m.bits === 32 ? 'float' : `${m.bits}/${m.activationBits}`, m.method, m.training.iterations ?? '—', m.trainedOn ?? '—'];
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = String(c);
    tr.append(td);
  }
  return tr;
}
