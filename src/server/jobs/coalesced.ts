/**
 * Runs `task` one pass at a time: a call while a pass runs asks for exactly one more pass after it
 * (however many calls came), and gets the running pass's promise. For work that must see the
 * latest state but need not run once per trigger (draining an event log, a retention pass). A
 * failed pass goes to `onError`; the returned promise always resolves. `running()` is the pass in
 * flight, if any, for a close that must wait for it without starting another.
 */
export function coalesced(task: () => Promise<void>, onError: (err: Error) => void): (() => Promise<void>) & { running(): Promise<void> } {
  let pass: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (pass) {
      again = true;
      return pass;
    }
    pass = (async () => {
      do {
        again = false;
        await task();
      } while (again);
    })()
      .catch((err: unknown) => onError(err instanceof Error ? err : new Error(String(err))))
      .finally(() => (pass = null));
    return pass;
  };
  return Object.assign(run, { running: () => pass ?? Promise.resolve() });
}
