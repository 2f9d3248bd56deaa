// Models tab and the model picker in the header.
import { getJson } from './api.js';

/**
 * Fills the model picker and the Models table. `onEvaluate(model)` runs when a row's evaluate
 * button is pressed.
 */
export async function loadModels(select, tbody, onEvaluate = () => {}) {
  const { models } = await getJson('/v1/models');
  const previous = select.value;
  select.replaceChildren(...models.map((m) => new Option(`${m.id} (${m.attribute ?? '?'}, ${m.bits === 32 ? 'float' : `${m.bits}-bit ${m.method}`})`, m.id)));
  if (models.some((m) => m.id === previous)) select.value = previous;
  tbody.replaceChildren(...models.map((m) => row(m, onEvaluate)));
  if (models.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 8;
    td.textContent = 'No model yet: start a training job in the Train tab.';
    tr.append(td);
    tbody.append(tr);
  }
  return models;
}

function row(m, onEvaluate) {
  const tr = document.createElement('tr');
  const cells = [m.id, m.attribute ?? '—', `${m.imageSize} px`, m.bits === 32 ? 'float' : `${m.bits}/${m.activationBits}`, m.method, m.training.iterations ?? '—', m.trainedOn ?? '—'];
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = String(c);
    tr.append(td);
  }
  const button = document.createElement('button');
  button.textContent = 'evaluate';
  button.title = 'start an evaluation job on synthetic faces (metrics and an HTML report)';
  button.addEventListener('click', () => onEvaluate(m));
  const td = document.createElement('td');
  td.append(button);
  tr.append(td);
  return tr;
}
