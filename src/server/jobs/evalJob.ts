import path from 'node:path';
import { runEvaluation, type EvalProgress } from '../../eval/runEvaluation.ts';
import { prepareSyntheticDataset } from './prepareSyntheticDataset.ts';
import { hidePaths } from '../security/hidePaths.ts';
import { EVAL_REPORT_SUBDIR } from '../constants.ts';
import type { EvalJobParams, JobChannel, JobProgress, TrainingWorkerInput } from './types.ts';

/**
 * An evaluation job inside its job process (jobProcessMain.ts): prepares the dataset and runs
 * src/eval's runEvaluation, writing metrics.json and report.html into the job's run directory.
 * An evaluation has no checkpoints, so its process simply ends on stop; each batch reads its
 * images from disk, so the stop message is seen between batches.
 */
export async function runEvalJob(input: TrainingWorkerInput, { post }: JobChannel): Promise<void> {
  const params = input.params as unknown as EvalJobParams;
  try {
    post({ type: 'started', resumedFrom: 0 });
    const data = input.datasetDir ?? (await prepareSyntheticDataset(
      input.syntheticDir,
      { ...('synthetic' in params.dataset ? params.dataset.synthetic : { count: 0 }), size: params.imageSize },
      (done, total) => post({ type: 'progress', progress: progress({ phase: 'load', done, total, message: `drawing synthetic faces ${done}/${total}` }) }),
    ));
    const started = Date.now();
    const metrics = await runEvaluation(
      {
        models: [input.modelDir!], data, split: params.split, pairs: params.pairs, attribute: params.attribute,
        classifier: input.classifierDir, ptq: params.quantized ? undefined : [], out: path.join(input.runDir, EVAL_REPORT_SUBDIR),
      },
      (p) => post({ type: 'progress', progress: progress(p, started) }),
    );
    post({ type: 'done', result: hidePaths(metrics) });
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message.split('\n')[0] });
  }
}

function progress(p: EvalProgress, started?: number): JobProgress {
  const seconds = started === undefined ? 0 : (Date.now() - started) / 1000;
  const rate = p.phase === 'evaluate' && seconds > 0 ? p.done / seconds : 0;
  return { iteration: p.done, iterations: p.total, losses: {}, rate, etaSeconds: rate > 0 ? (p.total - p.done) / rate : null, phase: p.message };
}
