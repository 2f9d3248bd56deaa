import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../helper.ts';

type Schema = Record<string, unknown> & { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };

/** Every string and number a client can send, with the path that leads to it. */
function unbounded(schema: Schema, where: string, out: string[]): string[] {
  for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) unbounded(sub, where, out);
  for (const [name, sub] of Object.entries(schema.properties ?? {})) unbounded(sub, `${where}.${name}`, out);
  if (schema.items) unbounded(schema.items, `${where}[]`, out);
  const types = [schema.type ?? []].flat();
  // A file field's value is the multipart plugin's placeholder; its bytes are bounded by the upload limits.
  const fixed = schema.const !== undefined || schema.enum !== undefined || schema.format === 'binary';
  if (types.includes('string') && !fixed && schema.maxLength === undefined) out.push(`${where}: string without maxLength`);
  if ((types.includes('number') || types.includes('integer')) && !fixed && schema.maximum === undefined) out.push(`${where}: number without maximum`);
  return out;
}

test('every string a route takes has a maxLength and every number a maximum', async (t) => {
  const server = await build(t, { jobs: { autoStart: false } });
  const doc = (await server.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { parameters?: { name: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> };
  const problems: string[] = [];
  let checked = 0;
  for (const [url, ops] of Object.entries(doc.paths)) {
    if (!url.startsWith('/v1/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      for (const p of op.parameters ?? []) { unbounded(p.schema, `${method.toUpperCase()} ${url} ${p.name}`, problems); checked++; }
      for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) { unbounded(c.schema, `${method.toUpperCase()} ${url} ${type}`, problems); checked++; }
    }
  }
  assert.ok(checked >= 10, `${checked} inputs checked`);
  assert.deepEqual(problems, []);
});

test('oversized job fields and page sizes are refused with 400', async (t) => {
  const server = await build(t, { jobs: { autoStart: false } });
  const job = { dataset: { synthetic: { count: 32 } }, preset: 'tiny', iterations: 10 };
  const huge = await server.inject({ method: 'POST', url: '/v1/jobs', payload: { ...job, attribute: 'x'.repeat(900_000) } });
  assert.equal(huge.statusCode, 400);
  assert.match(huge.json().message, /attribute must NOT have more than 64 characters/);
  assert.ok(huge.body.length < 500, 'the refusal does not echo the value');
  const seed = await server.inject({ method: 'POST', url: '/v1/jobs', payload: { ...job, attribute: 'Eyeglasses', seed: 2 ** 40 } });
  assert.equal(seed.statusCode, 400);
  assert.equal((await server.inject({ url: '/v1/jobs?limit=1001' })).statusCode, 400);
  assert.equal((await server.inject({ url: `/v1/jobs/${'a'.repeat(65)}` })).statusCode, 400);
  assert.equal((await server.inject({ url: '/v1/jobs?limit=1000' })).statusCode, 200);
});
