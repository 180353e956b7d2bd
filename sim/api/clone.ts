/**
 * Freeze a JSON value and everything in it: for constant parts that many stored objects share (stored objects are
 * never mutated; a write to a frozen part throws instead of changing every object that holds it).
 */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const k in v as Record<string, unknown>) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

/**
 * Deep copy of a JSON value (objects are plain JSON in the simulator). Faster
 * than structuredClone for small objects and available in every runtime.
 */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = clone(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = clone(x);
  }
  return out as T;
}
