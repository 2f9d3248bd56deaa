// The page: tabs, the model picker, and one view per tab.
import { getJson, postJson } from './api.js';
import { busy, showError } from './status.js';
import { loadModels } from './modelsView.js';
import { createSwapView } from './swapView.js';
import { createStrengthView } from './strengthView.js';
import { createMatrixView } from './matrixView.js';
import { createTrainView } from './trainView.js';

const $ = (id) => document.getElementById(id);
/** Evaluation from the Models tab: synthetic faces drawn at the model's size; the test split is a tenth. */
const EVAL_FACES = 2000;
const EVAL_PAIRS = 100;

function setupTabs(onShow) {
  const buttons = [...document.querySelectorAll('.tabs button')];
  const show = (name) => {
    for (const b of buttons) b.setAttribute('aria-selected', String(b.dataset.tab === name));
    for (const s of document.querySelectorAll('section.tab')) s.hidden = s.dataset.tab !== name;
    history.replaceState(null, '', `#${name}`);
    onShow(name);
  };
  for (const b of buttons) b.addEventListener('click', () => show(b.dataset.tab));
  const fromHash = () => {
    const name = location.hash.slice(1);
    show(buttons.some((b) => b.dataset.tab === name) ? name : 'swap');
  };
  window.addEventListener('hashchange', fromHash); // links and back/forward
  fromHash();
}

async function main() {
  const currentModel = () => $('model').value || undefined;
  let views = null;
  const evaluate = (model) => busy(null, `starting an evaluation of ${model.id}`, async () => {
    const job = await postJson('/v1/jobs', { kind: 'eval', model: model.id, dataset: { synthetic: { count: EVAL_FACES, seed: 1 } }, pairs: EVAL_PAIRS });
    location.hash = '#train';
    views.train.follow(job.id);
  });
  const refreshModels = () => loadModels($('model'), $('model-rows'), evaluate).catch(showError);
  const [{ samples }] = await Promise.all([getJson('/samples/samples.json'), refreshModels()]);
  views = {
    swap: createSwapView(samples, currentModel),
    strength: createStrengthView(samples, currentModel),
    matrix: createMatrixView(samples, currentModel),
    train: createTrainView(refreshModels),
  };
  $('model').addEventListener('change', () => views.strength.refresh());
  setupTabs((name) => {
    if (name === 'models') void refreshModels();
    if (name === 'train') void views.train.refresh().catch(showError);
    if (name === 'strength') views.strength.refresh();
  });
  await Promise.all(Object.values(views).map((v) => v.ready));
  document.body.dataset.ready = 'true';
}

main().catch(showError);
