// Worker threads do not inherit tsx's loader from the main thread (Node 20), so every worker of the
// project (the server's inference pool, the trainer's gradient helpers) starts here: register tsx,
// then import the TypeScript worker module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.script);
