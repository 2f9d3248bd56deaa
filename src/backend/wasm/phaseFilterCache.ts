import type { TensorInfo, WasmBackend } from './types.ts';

/**
 * Phase filters built by Conv2DBackpropInput, kept per source filter (its dataId) and plan while
 * the source lives. Why: the same kernel is transposed-convolved several times per training step
 * (four decodes) and on every inference call; reusing one phase filter saves rebuilding it and,
 * because its dataId stays the same, lets tfjs-backend-wasm reuse the XNNPACK operator with its
 * packed weights (docs/engine.md "Conv2DBackpropInput"). tfjs never changes the data behind a
 * dataId (variables get new dataIds on assign), so an entry is valid until its source is disposed;
 * `sweep` frees the entries of disposed sources.
 */
export interface PhaseFilterCache {
  get(backend: WasmBackend, source: TensorInfo, planKey: string, build: () => TensorInfo): TensorInfo;
  /** Frees entries whose source tensor was disposed. */
  sweep(backend: WasmBackend): void;
  /** Frees every entry (tests; backend teardown). */
  clear(backend: WasmBackend): void;
  readonly size: number;
}

export function createPhaseFilterCache(): PhaseFilterCache {
  const entries = new Map<object, Map<string, TensorInfo>>();
  const freeAll = (backend: WasmBackend, byPlan: Map<string, TensorInfo>) => {
    for (const info of byPlan.values()) backend.disposeData(info.dataId);
  };
  return {
    get(backend, source, planKey, build) {
      let byPlan = entries.get(source.dataId);
      if (byPlan === undefined) {
        byPlan = new Map();
        entries.set(source.dataId, byPlan);
      }
      let filter = byPlan.get(planKey);
      if (filter === undefined) {
        filter = build();
        byPlan.set(planKey, filter);
      }
      return filter;
    },
    sweep(backend) {
      for (const [dataId, byPlan] of entries) {
        if (backend.dataIdMap.has(dataId)) continue;
        freeAll(backend, byPlan);
        entries.delete(dataId);
      }
    },
    clear(backend) {
      for (const byPlan of entries.values()) freeAll(backend, byPlan);
      entries.clear();
    },
    get size() {
      let n = 0;
      for (const byPlan of entries.values()) n += byPlan.size;
      return n;
    },
  };
}
