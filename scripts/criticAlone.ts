/**
 * Trains only the critics of a checkpoint against its frozen generator (docs/training.md, "What
 * the critic does in fast"): does a critic separate real from generated images when the generator
 * cannot answer? Prints the critic losses (hinge chance = 2 each) every 50 steps.
 *   node --import tsx scripts/criticAlone.ts CHECKPOINT_DIR [STEPS=300] [CRITIC_LR=2e-4] [DATA=data/synth20k]
 */
import { selectBackend } from '../src/backend/selectBackend.ts';
import { tf } from '../src/backend/tf.ts';
import { openDataset } from '../src/data/openDataset.ts';
import { checkpointModel } from '../src/train/checkpoint.ts';
import { applyCriticGradients, computeCriticGradients } from '../src/train/criticStep.ts';
import { createOptimizer } from '../src/train/createOptimizer.ts';
import { recipeByName } from '../src/train/recipes.ts';
import { trainableByName } from '../src/train/variableMap.ts';

await selectBackend({ log: () => {} });
const [dir, stepsText = '300', lrText = '2e-4', data = 'data/synth20k'] = process.argv.slice(2);
const { model, meta } = await checkpointModel(dir);
const recipe = recipeByName('fast');
recipe.criticOptimizer.learningRate = Number(lrText);
const optimizer = createOptimizer(recipe.criticOptimizer, trainableByName(model, 'critic'));
const ds = await openDataset(data, { attribute: meta.attribute ?? 'Eyeglasses', imageSize: meta.config.imageSize, seed: 11, flip: true });
let sum = { criticU: 0, critic0: 0 };
for (let step = 1; step <= Number(stepsText); step++) {
  const au = await ds.next('with', 16);
  const b0 = await ds.next('without', 16);
  const g = computeCriticGradients(model, au, b0, recipe);
  applyCriticGradients(model, optimizer, g, recipe);
  tf.dispose([au, b0]);
  sum = { criticU: sum.criticU + g.losses.criticU, critic0: sum.critic0 + g.losses.critic0 };
  if (step % 50 === 0) {
    console.log(`step ${step}: criticU ${(sum.criticU / 50).toFixed(3)} critic0 ${(sum.critic0 / 50).toFixed(3)} (chance 2 each)`);
    sum = { criticU: 0, critic0: 0 };
  }
}
await ds.close();
