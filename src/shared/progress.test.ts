import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, progressLine } from './progress.ts';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
}

test('progressLine in a log: the first line, then one per interval or when forced; done writes the held-back line', () => {
  const { out, stream } = sink(false);
  let t = 0;
  const line = progressLine({ stream, plainIntervalMs: 1000, now: () => t });
  line.show('a');
  t = 500;
  line.show('b');
  t = 1000;
  line.show('c');
  t = 1100;
  line.show('d', true);
  t = 1200;
  line.show('e');
  line.done();
  assert.deepEqual(out, ['a\n', 'c\n', 'd\n', 'e\n']);
});

test('progressLine on a terminal: redrawn in place, the line ended by done', () => {
  const { out, stream } = sink(true);
  const line = progressLine({ stream, ttyIntervalMs: 0 });
  line.show('a');
  line.show('b');
  line.done();
  assert.deepEqual(out, ['\r\x1b[Ka', '\r\x1b[Kb', '\n']);
});

test('formatDuration: minutes and seconds, hours and minutes', () => {
  assert.equal(formatDuration(578), '9m38s');
  assert.equal(formatDuration(7500), '2h05m');
  assert.equal(formatDuration(-3), '0m00s');
});
