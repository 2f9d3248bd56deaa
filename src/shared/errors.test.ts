import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLine, isUserError, UserError } from './errors.ts';

test('UserError carries a stable code, an optional HTTP status and headers', () => {
  const plain = new UserError('bad_model', 'm: expected a model folder, but got a file');
  assert.equal(plain.code, 'bad_model');
  assert.equal(plain.statusCode, undefined);
  assert.deepEqual(plain.headers, {});
  assert.equal(plain.name, 'UserError');
  const busy = new UserError('busy', 'try later', { statusCode: 503, headers: { 'retry-after': '1' } });
  assert.equal(busy.statusCode, 503);
  assert.deepEqual(busy.headers, { 'retry-after': '1' });
  const cause = new Error('inner\nstack-ish detail');
  assert.equal(new UserError('x', 'outer', { cause }).cause, cause);
});

test('isUserError is true for UserError and its subclasses only', () => {
  class Sub extends UserError {}
  assert.equal(isUserError(new UserError('x', 'y')), true);
  assert.equal(isUserError(new Sub('x', 'y')), true);
  assert.equal(isUserError(Object.assign(new Error('y'), { code: 'x' })), false);
  assert.equal(isUserError('y'), false);
});

test('firstLine keeps the first line of a message', () => {
  assert.equal(firstLine(new Error('one\ntwo')), 'one');
  assert.equal(firstLine('plain'), 'plain');
});
