// Entry of a job's child process (createJobRunner.ts forks it with an IPC channel). Like the pool's
// bootstrapWorker.mjs, it registers tsx first so the TypeScript job modules load without a build.
import { register } from 'tsx/esm/api';

register();
await import('./jobProcessMain.ts');
