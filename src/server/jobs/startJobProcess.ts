import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JobKind, JobProcessMessage, TrainingMessage, TrainingWorkerInput } from './types.ts';

const ENTRY = fileURLToPath(new URL('./jobProcess.mjs', import.meta.url));

export interface JobProcess {
  pid: number | undefined;
  /** Resolves when the process is gone, with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Asks the job to stop after its iteration (a training job checkpoints first). */
  stop(): void;
  kill(): void;
}

/**
 * Forks a job's own Node process (jobProcess.mjs) and sends it the job. Its own process group
 * (detached) keeps a terminal's Ctrl-C for the server, which stops the job itself; the IPC
 * channel uses structured clone ("advanced") so sample PNGs travel as bytes. A crash there, even
 * SIGKILL or the OOM killer, only ends that process: the runner sees `exited`.
 */
export function startJobProcess(
  kind: JobKind, input: TrainingWorkerInput,
  options: { env: Record<string, string | undefined>; niceness: number; onMessage(m: TrainingMessage): void; onError(err: Error): void },
): JobProcess {
  const child: ChildProcess = fork(ENTRY, [], {
    execArgv: [], env: options.env, serialization: 'advanced', detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A process that could not be started never emits "exit".
    child.once('error', (err) => {
      options.onError(err);
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
  });
  child.on('message', (m: TrainingMessage) => options.onMessage(m));
  const send = (m: JobProcessMessage) => {
    if (child.connected) child.send(m, (err) => err && options.onError(err));
  };
  send({ type: 'start', kind, input, niceness: options.niceness });
  return {
    pid: child.pid,
    exited,
    stop: () => send({ type: 'stop' }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
