import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coalesced } from './coalesced.ts';

test('coalesced: calls during a pass ask for one more pass, not one each; errors go to onError', async () => {
  let passes = 0;
  let release!: () => void;
  const errors: unknown[] = [];
  const run = coalesced(async () => {
    passes++;
    if (passes === 1) await new Promise<void>((r) => (release = r));
    if (passes === 3) throw new Error('third');
  }, (err) => errors.push(err));
  assert.equal(await run.running(), undefined, 'nothing running yet');
  const first = run();
  assert.equal(run.running(), first);
  const second = run();
  run();
  assert.equal(first, second, 'a call during a pass gets the running pass');
  release();
  await first;
  assert.equal(passes, 2, 'three calls, two passes');
  await run();
  assert.equal(passes, 3);
  assert.deepEqual(errors.map((e) => (e as Error).message), ['third']);
  await run();
  assert.equal(passes, 4, 'a failed pass does not block the next');
});
