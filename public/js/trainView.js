// Train tab: start jobs, list them, and follow one live (progress, loss plot, sample grid) over SSE.
import { del, getJson, postJson } from './api.js';
import { busy, showError } from './status.js';
import { drawLossPlot } from './lossPlot.js';

const LIST_REFRESH_MS = 5000;

export function createTrainView(onModelsChanged) {
  const $ = (id) => document.getElementById(id);
  const form = $('train-form');
  let source = null;
  let selected = null;
  let history = [];

  form.datasetKind.addEventListener('change', () => {
    for (const el of form.querySelectorAll('[data-for]')) el.hidden = el.dataset.for !== form.datasetKind.value;
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(form.querySelector('button'), 'starting a job', async () => {
      const job = await postJson('/v1/jobs', jobBody(form));
      await refreshList();
      follow(job.id);
    });
  });

  $('job-cancel').addEventListener('click', () => busy($('job-cancel'), 'cancelling', async () => {
    if (selected) await del(`/v1/jobs/${selected}`);
    await refreshList();
  }));

  async function refreshList() {
    const { jobs } = await getJson('/v1/jobs?limit=20');
    $('job-list').replaceChildren(...jobs.map((j) => {
      const li = document.createElement('li');
      li.className = j.id === selected ? 'selected' : '';
      const pct = j.progress ? ` ${j.progress.iteration}/${j.progress.iterations}` : '';
      // Job parameters are client text (an attribute may be any string): text nodes only, never HTML.
      const what = document.createElement('span');
      what.textContent = describeJob(j);
      const state = document.createElement('span');
      state.className = `state ${j.state}`;
      state.textContent = `${j.state}${pct}`;
      li.append(what, state);
      li.addEventListener('click', () => follow(j.id));
      return li;
    }));
  }

  function follow(id) {
    source?.close();
    selected = id;
    history = [];
    $('job-detail').hidden = false;
    $('job-sample').removeAttribute('src');
    source = new EventSource(`/v1/jobs/${id}/events`);
    source.addEventListener('snapshot', (e) => {
      const { job, history: h, sample } = JSON.parse(e.data);
      history = h;
      render(job, job.progress);
      if (sample) $('job-sample').src = sample.image;
    });
    source.addEventListener('progress', (e) => {
      const p = JSON.parse(e.data);
      const hasLosses = Object.keys(p.losses).length > 0;
      if (hasLosses && (!history.length || p.iteration > history.at(-1).iteration)) history.push({ iteration: p.iteration, losses: p.losses });
      render(null, p);
    });
    source.addEventListener('sample', (e) => { $('job-sample').src = JSON.parse(e.data).image; });
    source.addEventListener('state', (e) => { render(JSON.parse(e.data).job, null); void refreshList(); });
    source.addEventListener('end', (e) => {
      const { job } = JSON.parse(e.data);
      render(job, null);
      source.close();
      if (job.state === 'succeeded') void onModelsChanged();
      if (job.state === 'failed') showError(`job failed: ${job.error}`);
    });
    void refreshList();
  }

  function render(job, progress) {
    if (job) {
      $('job-title').textContent = `${describeJob(job)} · ${job.state}${job.modelId ? ` → model ${job.modelId}` : ''}`;
      $('job-report').hidden = !(job.kind === 'eval' && job.state === 'succeeded');
      // An evaluation has phases, not losses or sample grids.
      $('loss-plot').hidden = job.kind === 'eval';
      $('job-sample').closest('figure').hidden = job.kind === 'eval';
      if (['succeeded', 'failed', 'cancelled'].includes(job.state)) {
        const p = job.progress;
        const at = p && job.kind === 'train' ? ` at iteration ${p.iteration} / ${p.iterations}` : '';
        $('job-stats').textContent = `${job.state}${at}${job.attempts > 1 ? ` · resumed from ${job.resumedFrom}` : ''}${job.error ? ` · ${job.error}` : ''}`;
        progress = null;
      }
      $('job-report').href = `/v1/jobs/${job.id}/report`;
      $('job-cancel').hidden = !['queued', 'running'].includes(job.state);
    }
    if (progress) {
      $('job-progress').value = progress.iteration / progress.iterations;
      const eta = progress.etaSeconds === null ? '—' : `${Math.round(progress.etaSeconds)} s`;
      $('job-stats').textContent = `${progress.phase} · iteration ${progress.iteration} / ${progress.iterations} · ${progress.rate.toFixed(2)} it/s · ETA ${eta}`;
    }
    drawLossPlot($('loss-plot'), history);
  }

  setInterval(() => { if (!document.hidden && isVisible()) void refreshList().catch(() => {}); }, LIST_REFRESH_MS);
  const isVisible = () => !document.getElementById('tab-train').hidden;
  return { refresh: refreshList, follow };
}

function describeJob(j) {
  return j.kind === 'eval'
    ? `evaluation of ${j.params.model} · ${j.params.pairs} pairs`
    : `${j.params.attribute} · ${j.params.preset} · ${j.params.iterations} it`;
}

function jobBody(form) {
  const [method, bits] = form.quant.value.split(':');
  return {
    dataset: form.datasetKind.value === 'synthetic' ? { synthetic: { count: Number(form.count.value) } } : { path: form.path.value },
    attribute: form.attribute.value,
    preset: form.preset.value,
    recipe: form.recipe.value,
    iterations: Number(form.iterations.value),
    ...(method ? { quantization: { method, wbits: Number(bits), abits: Number(bits) } } : {}),
    ...(form.name.value ? { name: form.name.value } : {}),
  };
}
