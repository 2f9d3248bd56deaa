import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../helper.ts';
import { redisSkip, startRedis } from '../support/redisServer.ts';

test('with Redis the per-address image limit holds across two API replicas', { skip: redisSkip }, async (t) => {
  const { url } = await startRedis(t);
  const replicas = [];
  for (let i = 0; i < 2; i++) {
    const server = await build(t, { redisUrl: url, security: { rateLimit: { perIp: 3, perKey: 5, windowMs: 60_000 } } });
    await server.listen({ port: 0, host: '0.0.0.0' });
    replicas.push(`http://127.0.0.1:${(server.server.address() as { port: number }).port}`);
  }
  // An empty POST is refused by the route (400) after the limiter has counted it.
  const statuses = [];
  for (const base of [replicas[0], replicas[1], replicas[0], replicas[1]]) statuses.push((await fetch(`${base}/v1/remove`, { method: 'POST' })).status);
  assert.deepEqual(statuses, [400, 400, 400, 429], 'one allowance of 3 over both replicas');
});
