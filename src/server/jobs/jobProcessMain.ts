import { readdirSync } from 'node:fs';
import os from 'node:os';
import { runEvalJob } from './evalJob.ts';
import { runTrainingJob } from './trainingJob.ts';
import type { JobProcessMessage, TrainingMessage } from './types.ts';

// The body of a job's child process (entry jobProcess.mjs). It waits for one "start" message,
// runs that job and exits. "stop", a lost parent (IPC disconnect) and SIGTERM/SIGINT all ask a
// training job to checkpoint and stop after its iteration; an evaluation has nothing to save and
// exits at once.

if (!process.send) throw new Error('jobProcessMain: expected to run as a child process with an IPC channel, but there is none');
const send = process.send.bind(process);
const abort = new AbortController();
let kind: string | null = null;

const stop = () => {
  if (kind === 'eval') process.exit(0);
  abort.abort();
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

/** Pending sends: the process exits only after the runner has every message. */
let pending = Promise.resolve();
const post = (message: TrainingMessage) => {
  if (!process.connected) return;
  pending = pending.then(() => new Promise<void>((resolve) => send(message, undefined, {}, () => resolve())));
};

process.on('message', (message: JobProcessMessage) => {
  if (message.type === 'stop') return stop();
  if (message.type !== 'start' || kind !== null) return;
  kind = message.kind;
  lowerPriority(message.niceness);
  const run = message.kind === 'eval' ? runEvalJob : runTrainingJob;
  void run(message.input, { post, signal: abort.signal }).then(() => pending).finally(() => process.exit(0));
});

/**
 * Niceness for every thread of this process. On Linux it is per thread: setting only the main
 * thread would leave V8's and libuv's threads (started before this line) at the server's priority.
 * Threads started later inherit it from the main thread.
 */
function lowerPriority(niceness: number): void {
  if (niceness === 0) return;
  try {
    os.setPriority(0, niceness);
    if (process.platform === 'linux') {
      for (const tid of readdirSync('/proc/self/task')) os.setPriority(Number(tid), niceness);
    }
  } catch (err) {
    process.emitWarning(`job process: could not set niceness ${niceness}: ${(err as Error).message}`);
  }
}
