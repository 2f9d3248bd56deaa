/**
 * Critic scores of a training checkpoint on validation images (docs/training.md, "What the critic
 * does in fast"): D_u on real Au and on generated Bu, D_0 on real B0 and on generated A0.
 *   node --import tsx scripts/criticProbe.ts runs/glasses64/checkpoints/ckpt-00002000 [DATA]
 */
import { tf } from '../src/backend/tf.ts';
import { selectBackend } from '../src/backend/selectBackend.ts';
import { checkpointModel } from '../src/train/checkpoint.ts';
import { openDataset } from '../src/data/openDataset.ts';

await selectBackend({ log: () => {} });
const dir = process.argv[2];
const { model, meta } = await checkpointModel(dir);
const ds = await openDataset(process.argv[3] ?? 'data/synth20k', { attribute: meta.attribute ?? 'Eyeglasses', imageSize: 64, split: 'val', seed: 3 });
const au = await ds.next('with', 64);
const b0 = await ds.next('without', 64);
const stats = (name: string, t: tf.Tensor) => { const v = Array.from(t.dataSync()); const m = v.reduce((a, b) => a + b, 0) / v.length; const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length); console.log(name.padEnd(14), 'mean', m.toFixed(4), 'sd', sd.toFixed(4), 'min', Math.min(...v).toFixed(3), 'max', Math.max(...v).toFixed(3)); };
tf.tidy(() => {
  const a = model.encode(au, false), b = model.encode(b0, false);
  const bu = model.decode(b.background, a.object, false);
  const a0 = model.decode(a.background, tf.zerosLike(a.object), false);
  stats('Du(Au real)', model.critic('u', au, false)); stats('Du(Bu fake)', model.critic('u', bu, false));
  stats('D0(B0 real)', model.critic('0', b0, false)); stats('D0(A0 fake)', model.critic('0', a0, false));
  stats('D0(Au)', model.critic('0', au, false));
})
