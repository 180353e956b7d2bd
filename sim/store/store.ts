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
  private indexers = new Map<string, Map<string, Indexer>>();
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
    for (const ns of [...byNs.keys()].sort()) out.push(...sortByName([...byNs.get(ns)!.values()]));
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
  addIndex(kind: string, indexName: string, fn: IndexFunc): void {
    let perKind = this.indexers.get(kind);
    if (!perKind) this.indexers.set(kind, (perKind = new Map()));
    if (perKind.has(indexName)) return; // already registered (same name = same meaning)
    const ix: Indexer = { fn, index: new Map(), values: new Map() };
    perKind.set(indexName, ix);
    for (const obj of this.iterate(kind)) {
      const key = objKey(obj);
      const vals = fn(obj);
      ix.values.set(key, vals);
      const seq = ++this.writeSeq;
      for (const v of vals) addTo(ix.index, v, key, obj, seq);
    }
  }

  /** Objects whose index function returned `value` (unsorted: in the order they were last written). */
  byIndex(kind: string, indexName: string, value: string): StoredObject[] {
    const idx = this.indexers.get(kind)?.get(indexName);
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
   * Move an object from its old index entries to its new ones. The values the
   * index functions gave for the stored version are remembered, so only the
   * new version is evaluated. byIndex lists a bucket in the order its entries
   * were last written: an entry that stays is rewritten in place with the new
   * write's sequence number and the bucket is re-sorted when next read.
   */
  private reindex(kind: string, old: StoredObject | undefined, obj: StoredObject | undefined): void {
    const perKind = this.indexers.get(kind);
    if (!perKind) return;
    const key = objKey((obj ?? old)!);
    const seq = ++this.writeSeq;
    for (const ix of perKind.values()) {
      const prev = old ? ix.values.get(key) ?? ix.fn(old) : undefined;
      const vals = obj ? ix.fn(obj) : undefined;
      if (prev) for (let i = 0; i < prev.length; i++) if (!vals || !vals.includes(prev[i])) ix.index.get(prev[i])?.m.delete(key);
      if (!vals) {
        ix.values.delete(key);
        continue;
      }
      for (let i = 0; i < vals.length; i++) {
        const b = ix.index.get(vals[i]);
        const e = b?.m.get(key);
        if (e) {
          e.obj = obj!;
          e.seq = seq;
          if (b!.last !== key) b!.dirty = true;
        } else addTo(ix.index, vals[i], key, obj!, seq);
      }
      if (!prev || !sameValues(prev, vals)) ix.values.set(key, vals);
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
      for (const i of perKind.values()) {
        i.index.clear();
        i.values.clear();
      }
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

interface Indexer {
  fn: IndexFunc;
  /** index value → the objects with it */
  index: Map<string, Bucket>;
  /** object key → the values fn gave for the stored version */
  values: Map<string, string[]>;
}

interface Entry {
  key: string;
  obj: StoredObject;
  /** store write that last put the object here (order of byIndex) */
  seq: number;
}

interface Bucket {
  m: Map<string, Entry>;
  /** key of the entry appended last */
  last: string | undefined;
  /** an entry was rewritten in place: m is not in seq order */
  dirty: boolean;
}

function addTo(index: Map<string, Bucket>, v: string, key: string, obj: StoredObject, seq: number): void {
  let b = index.get(v);
  if (!b) index.set(v, (b = { m: new Map(), last: undefined, dirty: false }));
  const e = b.m.get(key);
  if (e) {
    e.obj = obj;
    e.seq = seq;
    if (b.last !== key) b.dirty = true;
    return;
  }
  b.m.set(key, { key, obj, seq });
  b.last = key;
}

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sortByName(a: StoredObject[]): StoredObject[] {
  return a.sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : x.metadata.name > y.metadata.name ? 1 : 0));
}
