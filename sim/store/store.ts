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
    this.reindex(kind, old, obj);
    this.notify({ type: old ? 'MODIFIED' : 'ADDED', object: obj, old });
    return obj;
  }

  remove(kind: string, namespace: string, name: string): StoredObject | undefined {
    const m = this.objects.get(kind)?.get(namespace);
    const old = m?.get(name);
    if (!m || !old) return undefined;
    m.delete(name);
    this.rv++;
    this.reindex(kind, old, undefined);
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
      const key = objKey(obj);
      let rec = perKind.recs.get(key);
      if (!rec) perKind.recs.set(key, (rec = { key, obj, vals: [] }));
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
    const out = new Array<StoredObject>(b.size);
    let i = 0;
    for (const r of b.values()) out[i++] = r.obj;
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
    if (b) for (const r of b.values()) fn(r.obj);
  }

  /**
   * Move an object from its old index values to its new ones. Each object has one record, shared by every
   * bucket it is in: a write replaces the record's object once, and evaluates an index function only when
   * the part it reads changed; buckets change only for values gained or lost.
   */
  private reindex(kind: string, old: StoredObject | undefined, obj: StoredObject | undefined): void {
    const perKind = this.indexers.get(kind);
    if (!perKind) return;
    const list = perKind.list;
    if (!obj) {
      const key = objKey(old!);
      const rec = perKind.recs.get(key);
      if (!rec) return;
      perKind.recs.delete(key);
      for (let i = 0; i < list.length; i++) removeValues(list[i], rec.vals[i], undefined, key);
      return;
    }
    let rec = old ? perKind.recs.get(objKey(old)) : undefined;
    if (!rec) {
      const key = objKey(obj);
      perKind.recs.set(key, (rec = { key, obj, vals: [] }));
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
      removeValues(ix, prev, vals, rec.key);
      rec.vals[i] = addValues(ix, vals, rec, prev);
    }
  }

  private notify(ev: WatchEvent): void {
    const list = this.watchers.get(ev.object.kind);
    if (list) for (const h of list) h(ev);
    for (const h of this.allWatchers) h(ev);
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
      this.reindex(o.kind, undefined, o);
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

/** Split a queue key `ns/name` (or `name` for cluster-scoped objects). */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

interface KindIndexes {
  /** in registration order */
  list: Indexer[];
  byName: Map<string, Indexer>;
  /** object key → its record */
  recs: Map<string, Rec>;
}

/** One indexed object: its stored version, and per indexer (by position in list) the values it gave. */
interface Rec {
  key: string;
  obj: StoredObject;
  vals: string[][];
}

interface Indexer {
  fn: IndexFunc;
  reads: IndexReads | undefined;
  /** index value → the records with it, by key, in the order they came to have it */
  index: Map<string, Map<string, Rec>>;
}

/** Add the record to the buckets of `vals` it is not in (`prev`: the values it had); returns `vals`. */
function addValues(ix: Indexer, vals: string[], rec: Rec, prev?: string[]): string[] {
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (prev && prev.includes(v)) continue;
    let b = ix.index.get(v);
    if (!b) ix.index.set(v, (b = new Map()));
    if (!b.has(rec.key)) b.set(rec.key, rec);
  }
  return vals;
}

/** Take the key out of the buckets of `prev` that `next` does not have; an emptied bucket goes. */
function removeValues(ix: Indexer, prev: string[] | undefined, next: string[] | undefined, key: string): void {
  if (!prev) return;
  for (let i = 0; i < prev.length; i++) {
    const v = prev[i];
    if (next && next.includes(v)) continue;
    const b = ix.index.get(v);
    if (b && b.delete(key) && b.size === 0) ix.index.delete(v);
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
