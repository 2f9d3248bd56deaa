import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { columnIndex, readCelebaTable, readPartition } from './tables.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/celeba');
const tmp = mkdtempSync(path.join(tmpdir(), 'genegan-table-'));
const write = (name: string, text: string): string => {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
};

test('reads the real format: count, header, whitespace-aligned rows', async () => {
  const t = await readCelebaTable(path.join(FIXTURE, 'list_attr_celeba.txt'), 'attributes');
  assert.equal(t.header.length, 40);
  assert.equal(t.names[0], '000001.jpg');
  assert.equal(t.rows.get('000001.jpg')![columnIndex(t, 'eyeglasses')], 1);
  assert.equal(t.rows.get('000002.jpg')![columnIndex(t, 'EYEGLASSES')], -1);
});

test('tolerates CRLF, runs of spaces and blank lines', async () => {
  const file = write('crlf.txt', '2\r\nA  B\r\n\r\nx.jpg  1 -1\r\ny.jpg -1   1\r\n');
  const t = await readCelebaTable(file, 'test');
  assert.deepEqual(t.rows.get('y.jpg'), [-1, 1]);
});

test('a malformed line is an error naming the file and the line', async () => {
  const short = write('short.txt', '2\nA B\nx.jpg 1 -1\ny.jpg 1\n');
  await assert.rejects(readCelebaTable(short, 'test'), new RegExp(`short.txt:4: expected an image name and 2 values, but got 1`));
  const notNumber = write('nan.txt', '1\nA B\nx.jpg 1 yes\n');
  await assert.rejects(readCelebaTable(notNumber, 'test'), /nan.txt:3: expected a number in column "B", but got "yes"/);
  const badCount = write('count.txt', 'many\nA\nx.jpg 1\n');
  await assert.rejects(readCelebaTable(badCount, 'test'), /count.txt:1: expected the number of rows/);
  const truncated = write('trunc.txt', '3\nA\nx.jpg 1\n');
  await assert.rejects(readCelebaTable(truncated, 'test'), /line 1 says 3 rows, but the file has 1/);
});

test('a missing file and an unknown attribute are clear errors', async () => {
  await assert.rejects(readCelebaTable(path.join(tmp, 'nope.txt'), 'the attributes'), /missing annotation file .*nope.txt \(the attributes\)/);
  const t = await readCelebaTable(path.join(FIXTURE, 'list_attr_celeba.txt'), 'attributes');
  assert.throws(() => columnIndex(t, 'Sunglasses'), /unknown attribute "Sunglasses" in .*list_attr_celeba.txt; expected one of: 5_o_Clock_Shadow/);
});

test('list_eval_partition.txt: codes 0/1/2, bad lines named', async () => {
  const splits = await readPartition(path.join(FIXTURE, 'list_eval_partition.txt'));
  assert.equal(splits.get('000001.jpg'), 'train');
  assert.equal(splits.get('000005.jpg'), 'val');
  const bad = write('part.txt', 'a.jpg 0\nb.jpg 3\n');
  await assert.rejects(readPartition(bad), /part.txt:2: expected "<image> <0\|1\|2>", but got "b.jpg 3"/);
});
