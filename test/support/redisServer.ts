import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestContext } from 'node:test';
import { tempDir } from './tinyModel.ts';

/** Why the Redis tests are skipped here, or false when redis-server is installed. */
export const redisSkip: string | false = spawnSync('redis-server', ['--version']).error
  ? 'redis-server is not installed (apt-get install redis-server; .ci/run installs it)'
  : false;

/** A free local TCP port (the OS picks one; it is closed again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real redis-server for one test: a free local port, its files in a temporary directory, no
 * persistence, stopped when the test ends. Resolves with its URL once it accepts connections.
 */
export async function startRedis(t: TestContext): Promise<{ url: string; pid: number }> {
  const port = await freePort();
  const dir = tempDir(t, 'genegan-redis-');
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Stopped when the test file's process ends, not in t.after: after-hooks run in the order they
  // were added, so the apps and workers of the test still need it while they close.
  const stop = () => {
    if (server.exitCode === null) server.kill('SIGKILL');
  };
  process.once('exit', stop);
  server.unref();
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b;
      if (out.includes('Ready to accept connections')) resolve();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`redis-server: expected it to start on port ${port}, but it exited with ${code}:\n${out}`)));
  });
  // Its pipes must not keep the test process alive either.
  for (const s of [server.stdout, server.stderr]) (s as unknown as { unref(): void }).unref?.();
  return { url: `redis://127.0.0.1:${port}`, pid: server.pid! };
}
