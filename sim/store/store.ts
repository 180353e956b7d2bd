import { clone } from '../api/clone';
import type { StoredObject } from '../api/types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: StoredObject;
  /** The previous version for MODIFIED and DELETED. */
  old?: StoredObject;
}

export type WatchHandler = (ev: WatchEvent) => void;
export type IndexFunc = (obj: StoredObject) => string[];
/**
 * The one part of an object an index function reads (besides the object's namespace and name, which a
 * key never changes): a write that keeps that part (the same object: stored objects are never mutated,
 * writers share what they do not change) keeps the index values, and the function is not called.
 */
export type IndexReads = 'spec' | 'status' | 'ownerReferences';

function partOf(o: StoredObject, reads: IndexReads): unknown {
  return reads === 'ownerReferences' ? o.metadata.ownerReferences : o[reads];
}

/**
 * The object store (after client-go's testing ObjectTracker plus an informer
 * indexer): objects by kind, namespace and name, a cluster-wide
 * resourceVersion counter, secondary indexes, and synchronous watch
 * notification. Stored objects are treated as immutable: writers replace them
 * with new objects, readers never mutate what they get.
 */
export class Store {
  private objects = new Map<string, Map<string, Map<string, StoredObject>>>();
  private rv = 0;
  private watchers = new Map<string, WatchHandler[]>();
  private allWatchers: WatchHandler[] = [];
  private indexers = new Map<string, KindIndexes>();

  /** Current resourceVersion (as the last write set it). */
  resourceVersion(): number {
    return this.rv;
  }

  nextResourceVersion(): string {
    return String(++this.rv);
  }

  get(kind: string, namespace: string, name: string): StoredObject | undefined {
    return this.objects.get(kind)?.get(namespace)?.get(name);
  }

  /** Objects of a kind, in one namespace or (namespace undefined) all, sorted by namespace then name. */
  list(kind: string, namespace?: string): StoredObject[] {
    const byNs = this.objects.get(kind);
    if (!byNs) return [];
    if (namespace !== undefined) {
      const m = byNs.get(namespace);
      return m ? sortByName([...m.values()]) : [];
    }
    const out: StoredObject[] = [];
    // no push(...spread): a namespace can hold more objects than the call stack has argument slots
    for (const ns of [...byNs.keys()].sort()) for (const o of sortByName([...byNs.get(ns)!.values()])) out.push(o);
    return out;
  }

  /** Unsorted iteration, for hot paths that do not need order. */
  *iterate(kind: string, namespace?: string): Iterable<StoredObject> {
    const byNs = this.objects.get(kind);
    if (!byNs) return;
    if (namespace !== undefined) {
      const m = byNs.get(namespace);
      if (m) yield* m.values();
      return;
    }
    for (const m of byNs.values()) yield* m.values();
  }

  /** Visit the objects of a kind in one namespace, unsorted, without an iterator per call (hot paths). */
  forEach(kind: string, namespace: string, fn: (o: StoredObject) => void): void {
    this.objects.get(kind)?.get(namespace)?.forEach(fn);
  }

  count(kind: string, namespace?: string): number {
    const byNs = this.objects.get(kind);
    if (!byNs) return 0;
    if (namespace !== undefined) return byNs.get(namespace)?.size ?? 0;
    let n = 0;
    for (const m of byNs.values()) n += m.size;
    return n;
  }

  kinds(): string[] {
    return [...this.objects.keys()];
  }

  /** Insert or replace an object; assigns a new resourceVersion and notifies watchers. */
  put(obj: StoredObject): StoredObject {
    const kind = obj.kind;
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name;
    let byNs = this.objects.get(kind);
    if (!byNs) this.objects.set(kind, (byNs = new Map()));
    let m = byNs.get(ns);
    if (!m) byNs.set(ns, (m = new Map()));
    const old = m.get(name);
    obj.metadata.resourceVersion = this.nextResourceVersion();
    m.set(name, obj);
    this.reindex(kind, ns, name, old, obj);
    this.notify({ type: old ? 'MODIFIED' : 'ADDED', object: obj, old });
    return obj;
  }

  remove(kind: string, namespace: string, name: string): StoredObject | undefined {
    const m = this.objects.get(kind)?.get(namespace);
    const old = m?.get(name);
    if (!m || !old) return undefined;
    m.delete(name);
    this.rv++;
    this.reindex(kind, namespace, name, old, undefined);
    this.notify({ type: 'DELETED', object: old, old });
    return old;
  }

  /** Watch one kind ('*' for every kind). Returns an unsubscribe function. */
  watch(kind: string, handler: WatchHandler): () => void {
    const list = kind === '*' ? this.allWatchers : this.watchers.get(kind) ?? this.watchers.set(kind, []).get(kind)!;
    list.push(handler);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /**
   * Register a secondary index, e.g. pods by nodeName or by controller uid.
   * Registering a name twice keeps the first: an index name has one meaning.
   */
  addIndex(kind: string, indexName: string, fn: IndexFunc, reads?: IndexReads): void {
    let perKind = this.indexers.get(kind);
    if (!perKind) this.indexers.set(kind, (perKind = { list: [], byName: new Map(), recs: new Map() }));
    if (perKind.byName.has(indexName)) return; // already registered (same name = same meaning)
    const ix: Indexer = { fn, reads, index: new Map() };
    const i = perKind.list.length;
    perKind.list.push(ix);
    perKind.byName.set(indexName, ix);
    for (const obj of this.iterate(kind)) {
      const rec = recordOf(perKind, obj.metadata.namespace ?? '', obj.metadata.name, obj);
      rec.vals[i] = addValues(ix, fn(obj), rec);
    }
  }

  /**
   * Objects whose index function returned `value`, in the order they came to have it (client-go's indexer
   * keeps a set per value: callers that need an order sort).
   */
  byIndex(kind: string, indexName: string, value: string): StoredObject[] {
    const idx = this.indexers.get(kind)?.byName.get(indexName);
    if (!idx) throw new Error(`no index ${indexName} on ${kind}`);
    const b = idx.index.get(value);
    if (!b) return [];
    if (!(b instanceof Set)) return [b.obj];
    const out = new Array<StoredObject>(b.size);
    let i = 0;
    for (const r of b) out[i++] = r.obj;
    return out;
  }

  /**
   * Visit the objects whose index function returned `value`, in byIndex's order, without copying the
   * bucket: for passes that only count or test. `fn` must not write.
   */
  forEachByIndex(kind: string, indexName: string, value: string, fn: (o: StoredObject) => void): void {
    const idx = this.indexers.get(kind)?.byName.get(indexName);
    if (!idx) throw new Error(`no index ${indexName} on ${kind}`);
    const b = idx.index.get(value);
    if (!b) return;
    if (!(b instanceof Set)) fn(b.obj);
    else for (const r of b) fn(r.obj);
  }

  /**
   * Move an object from its old index values to its new ones. Each object has one record, shared by every
   * bucket it is in: a write replaces the record's object once, and evaluates an index function only when
   * the part it reads changed; buckets change only for values gained or lost.
   */
  private reindex(kind: string, ns: string, name: string, old: StoredObject | undefined, obj: StoredObject | undefined): void {
    const perKind = this.indexers.get(kind);
    if (!perKind) return;
    const list = perKind.list;
    if (!obj) {
      const byName = perKind.recs.get(ns);
      const rec = byName?.get(name);
      if (!rec) return;
      byName!.delete(name);
      for (let i = 0; i < list.length; i++) removeValues(list[i], rec.vals[i], undefined, rec);
      return;
    }
    let rec = old ? perKind.recs.get(ns)?.get(name) : undefined;
    if (!rec) {
      rec = recordOf(perKind, ns, name, obj);
      for (let i = 0; i < list.length; i++) rec.vals[i] = addValues(list[i], list[i].fn(obj), rec);
      return;
    }
    rec.obj = obj;
    for (let i = 0; i < list.length; i++) {
      const ix = list[i];
      const reads = ix.reads;
      if (reads && partOf(old!, reads) === partOf(obj, reads)) continue;
      const prev = rec.vals[i];
      const vals = ix.fn(obj);
      if (sameValues(prev, vals)) continue;
      removeValues(ix, prev, vals, rec);
      rec.vals[i] = addValues(ix, vals, rec, prev);
    }
  }

  private notify(ev: WatchEvent): void {
    // indexed loops over the live lists, as for-of would walk them (a handler may unsubscribe)
    const list = this.watchers.get(ev.object.kind);
    if (list) for (let i = 0; i < list.length; i++) list[i](ev);
    const all = this.allWatchers;
    for (let i = 0; i < all.length; i++) all[i](ev);
  }

  /** A deep copy of every object, for snapshot/restore. */
  dump(): { rv: number; objects: StoredObject[] } {
    const objects: StoredObject[] = [];
    for (const byNs of this.objects.values()) for (const m of byNs.values()) for (const o of m.values()) objects.push(o);
    return { rv: this.rv, objects: clone(objects) };
  }

  /** Replace the whole content (no watch events; callers rebuild their caches). */
  load(state: { rv: number; objects: StoredObject[] }): void {
    this.objects.clear();
    for (const perKind of this.indexers.values()) {
      for (const i of perKind.list) i.index.clear();
      perKind.recs.clear();
    }
    for (const o of clone(state.objects)) {
      const ns = o.metadata.namespace ?? '';
      let byNs = this.objects.get(o.kind);
      if (!byNs) this.objects.set(o.kind, (byNs = new Map()));
      let m = byNs.get(ns);
      if (!m) byNs.set(ns, (m = new Map()));
      m.set(o.metadata.name, o);
      this.reindex(o.kind, ns, o.metadata.name, undefined, o);
    }
    this.rv = state.rv;
  }
}

/**
 * The key `namespace/name` (or `name` for cluster-scoped objects) of an object: one string per object, made
 * once. Keys go into maps and queues at every write of every object; a key made afresh each time would be a
 * new string to join and hash for each of those lookups, where the one made before has its hash already.
 * At most KEY_CACHE_LIMIT are kept (then the cache starts again): a key's value never depends on the cache.
 */
export function objKey(o: StoredObject): string {
  const m = o.metadata;
  const ns = m.namespace;
  if (!ns) return m.name;
  let k = keyCache.get(ns)?.get(m.name);
  if (k === undefined) {
    if (keyCount >= KEY_CACHE_LIMIT) resetKeyCache();
    let byName = keyCache.get(ns);
    if (!byName) keyCache.set(ns, (byName = new Map()));
    k = `${ns}/${m.name}`;
    byName.set(m.name, k);
    keyCount++;
  }
  return k;
}

const KEY_CACHE_LIMIT = 262144;
let keyCache = new Map<string, Map<string, string>>();
let keyCount = 0;
function resetKeyCache(): void {
  keyCache = new Map();
  keyCount = 0;
}

/**
 * The index values `[v]`, one shared list per value (index functions return lists the store only reads): a node
 * name, an owner's uid or a namespace is the value of thousands of pods, which held a list each. At most
 * ONE_VALUE_LIMIT are kept (then the cache starts again).
 */
export function oneValue(v: string): string[] {
  let l = oneValues.get(v);
  if (!l) {
    if (oneValues.size >= ONE_VALUE_LIMIT) oneValues = new Map();
    oneValues.set(v, (l = [v]));
  }
  return l;
}
/** No index values: one shared empty list. */
export const NO_VALUES: string[] = [];
const ONE_VALUE_LIMIT = 65536;
let oneValues = new Map<string, string[]>();

/** Split a queue key `ns/name` (or `name` for cluster-scoped objects). */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

interface KindIndexes {
  /** in registration order */
  list: Indexer[];
  byName: Map<string, Indexer>;
  /** namespace → name → the object's record (by the parts of its key: no key string to make or look up per write) */
  recs: Map<string, Map<string, Rec>>;
}

/** One indexed object: its stored version, and per indexer (by position in list) the values it gave. */
interface Rec {
  obj: StoredObject;
  vals: string[][];
}

/**
 * The records with one index value, in the order they came to have it: one record alone (values such as a pod's
 * IP are one object's: no set for each), else a set of them. A record stands for its object's key (one record
 * per key while the object exists).
 */
type Bucket = Rec | Set<Rec>;

interface Indexer {
  fn: IndexFunc;
  reads: IndexReads | undefined;
  /** index value → the records with it */
  index: Map<string, Bucket>;
}

/** The record of an object new to the indexes (by namespace and name). */
function recordOf(perKind: KindIndexes, ns: string, name: string, obj: StoredObject): Rec {
  let byName = perKind.recs.get(ns);
  if (!byName) perKind.recs.set(ns, (byName = new Map()));
  let rec = byName.get(name);
  if (!rec) byName.set(name, (rec = { obj, vals: [] }));
  return rec;
}

/** Add the record to the buckets of `vals` it is not in (`prev`: the values it had); returns `vals`. */
function addValues(ix: Indexer, vals: string[], rec: Rec, prev?: string[]): string[] {
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (prev && prev.includes(v)) continue;
    const b = ix.index.get(v);
    if (!b) ix.index.set(v, rec);
    else if (b instanceof Set) b.add(rec); // (a set keeps the place of a record already in it)
    else if (b !== rec) ix.index.set(v, new Set([b, rec]));
  }
  return vals;
}

/** Take the record out of the buckets of `prev` that `next` does not have; an emptied bucket goes. */
function removeValues(ix: Indexer, prev: string[] | undefined, next: string[] | undefined, rec: Rec): void {
  if (!prev) return;
  for (let i = 0; i < prev.length; i++) {
    const v = prev[i];
    if (next && next.includes(v)) continue;
    const b = ix.index.get(v);
    if (b === rec || (b instanceof Set && b.delete(rec) && b.size === 0)) ix.index.delete(v);
  }
}

function sameValues(a: string[] | undefined, b: string[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sortByName(a: StoredObject[]): StoredObject[] {
  return a.sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : x.metadata.name > y.metadata.name ? 1 : 0));
}
