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
  /** counts index writes: the order byIndex lists objects in */
  private writeSeq = 0;

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
    if (!perKind) this.indexers.set(kind, (perKind = { list: [], byName: new Map(), state: new Map() }));
    if (perKind.byName.has(indexName)) return; // already registered (same name = same meaning)
    const ix: Indexer = { fn, reads, index: new Map() };
    const i = perKind.list.length;
    perKind.list.push(ix);
    perKind.byName.set(indexName, ix);
    for (const obj of this.iterate(kind)) {
      const key = objKey(obj);
      let st = perKind.state.get(key);
      if (!st) perKind.state.set(key, (st = { vals: [], entries: [] }));
      const vals = fn(obj);
      const seq = ++this.writeSeq;
      st.vals[i] = vals;
      st.entries[i] = entriesFor(ix, vals, [], key, obj, seq);
    }
  }

  /** Objects whose index function returned `value` (unsorted: in the order they were last written). */
  byIndex(kind: string, indexName: string, value: string): StoredObject[] {
    const idx = this.indexers.get(kind)?.byName.get(indexName);
    if (!idx) throw new Error(`no index ${indexName} on ${kind}`);
    const b = idx.index.get(value);
    if (!b) return [];
    if (b.dirty) {
      // entries rewritten in place since the last read: put them back in write order
      const entries = [...b.m.values()].sort((x, y) => x.seq - y.seq);
      b.m = new Map();
      for (const e of entries) b.m.set(e.key, e);
      b.last = entries.length ? entries[entries.length - 1].key : undefined;
      b.dirty = false;
    }
    const out = new Array<StoredObject>(b.m.size);
    let i = 0;
    for (const e of b.m.values()) out[i++] = e.obj;
    return out;
  }

  /**
   * Visit the objects whose index function returned `value`, in no particular (but deterministic) order,
   * without copying or re-sorting the bucket: for passes that only count or test. `fn` must not write.
   */
  forEachByIndex(kind: string, indexName: string, value: string, fn: (o: StoredObject) => void): void {
    const idx = this.indexers.get(kind)?.byName.get(indexName);
    if (!idx) throw new Error(`no index ${indexName} on ${kind}`);
    const b = idx.index.get(value);
    if (b) for (const e of b.m.values()) fn(e.obj);
  }

  /**
   * Move an object from its old index entries to its new ones. Each object
   * keeps the values its stored version gave and its entries, so a write
   * looks the object up once and evaluates only the new version. byIndex lists
   * a bucket in the order its entries were last written: an entry that stays
   * is rewritten in place with the write's sequence number and the bucket is
   * re-sorted when next read.
   */
  private reindex(kind: string, old: StoredObject | undefined, obj: StoredObject | undefined): void {
    const perKind = this.indexers.get(kind);
    if (!perKind) return;
    const key = objKey((obj ?? old)!);
    const seq = ++this.writeSeq;
    let st = old ? perKind.state.get(key) : undefined;
    if (!obj) {
      if (st) for (const list of st.entries) for (const e of list) e.bucket.m.delete(key);
      perKind.state.delete(key);
      return;
    }
    if (!st) perKind.state.set(key, (st = { vals: [], entries: [] }));
    const list = perKind.list;
    if (old && !st.vals.length && list.length) {
      // not indexed before (cannot happen: every stored object is); drop what the old version would be under
      for (const ix of list) for (const v of ix.fn(old)) ix.index.get(v)?.m.delete(key);
    }
    for (let i = 0; i < list.length; i++) {
      const prev = st.vals[i];
      const reads = list[i].reads;
      if (prev && old && reads && partOf(old, reads) === partOf(obj, reads)) {
        for (const e of st.entries[i]) touch(e, obj, seq);
        continue;
      }
      const vals = list[i].fn(obj);
      if (prev && sameValues(prev, vals)) {
        for (const e of st.entries[i]) touch(e, obj, seq);
        continue;
      }
      st.entries[i] = entriesFor(list[i], vals, st.entries[i] ?? [], key, obj, seq);
      st.vals[i] = vals;
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
      perKind.state.clear();
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

export function objKey(o: StoredObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
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
  /** object key → per indexer (by position in list): the values the stored version gave, and its entries */
  state: Map<string, { vals: string[][]; entries: Entry[][] }>;
}

interface Indexer {
  fn: IndexFunc;
  reads: IndexReads | undefined;
  /** index value → the objects with it */
  index: Map<string, Bucket>;
}

interface Entry {
  key: string;
  obj: StoredObject;
  /** store write that last put the object here (order of byIndex) */
  seq: number;
  bucket: Bucket;
  value: string;
}

interface Bucket {
  m: Map<string, Entry>;
  /** key of the entry appended last */
  last: string | undefined;
  /** an entry was rewritten in place: m is not in seq order */
  dirty: boolean;
}

/** The object was written again and stays in this bucket: it now sorts last. */
function touch(e: Entry, obj: StoredObject, seq: number): void {
  e.obj = obj;
  e.seq = seq;
  if (e.bucket.last !== e.key) e.bucket.dirty = true;
}

/** The entries for `vals`: kept ones rewritten, new ones appended to their buckets, the others removed. */
function entriesFor(ix: Indexer, vals: string[], prev: Entry[], key: string, obj: StoredObject, seq: number): Entry[] {
  const out: Entry[] = [];
  for (const v of vals) {
    if (findValue(out, v)) continue;
    const kept = findValue(prev, v);
    if (kept) {
      touch(kept, obj, seq);
      out.push(kept);
      continue;
    }
    let b = ix.index.get(v);
    if (!b) ix.index.set(v, (b = { m: new Map(), last: undefined, dirty: false }));
    const e: Entry = { key, obj, seq, bucket: b, value: v };
    b.m.set(key, e);
    b.last = key;
    out.push(e);
  }
  for (const e of prev) if (!out.includes(e)) e.bucket.m.delete(key);
  return out;
}

function findValue(entries: Entry[], v: string): Entry | undefined {
  for (let i = 0; i < entries.length; i++) if (entries[i].value === v) return entries[i];
  return undefined;
}

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sortByName(a: StoredObject[]): StoredObject[] {
  return a.sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : x.metadata.name > y.metadata.name ? 1 : 0));
}
