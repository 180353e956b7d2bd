import { clone } from '../api/clone';
import type { KObject, StoredObject } from '../api/types';
import type { Sim } from '../sim';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * client-go record.EventRecorder, simplified: one core/v1 Event per
 * (object, type, reason, message, source); repeats bump count and lastTimestamp
 * (the EventCorrelator's aggregation of identical events).
 */
/** One source's token bucket for one object; the object's other sources follow in `next`. */
interface SpamRecord {
  src: object;
  tokens: number;
  at: number;
  next: SpamRecord | undefined;
}

/** client-go tools/record/events_cache.go: maxLruCacheEntries, defaultSpamBurst, defaultSpamQPS */
const LRU_ENTRIES = 4096;
/** How the recorder writes an event: built for the call (fresh), well-formed (trusted); create only reads it. */
const EVENT_WRITE = { trusted: true, fresh: true } as const;
/** '00' … 'ff' */
const HEX2: string[] = [];
for (let i = 0; i < 256; i++) HEX2.push((i < 16 ? '0' : '') + i.toString(16));
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;

export class EventRecorder {
  private seq = 0;
  /** the event logger's cache: the name and count of the event last written for a key */
  private byKey = new JoinedKeyMap<{ name: string; count: number }>();
  private similar = new JoinedKeyMap<SimilarMessages>();
  /** EventSourceObjectSpamFilter: a token bucket per object (uid) and source */
  private spamYoung = new Map<string, SpamRecord>();
  private spamOld = new Map<string, SpamRecord>();
  private sweeping = false;
  /** The last event time (ms) and its value in ns split as hex digits above the low 32 bits + the low 32 bits (event names) */
  private nameMs = NaN;
  private nameHigh = '';
  private nameLow = 0;

  /** hex of ms × 10⁶ + seq, without BigInt arithmetic per event (the high part is made once per millisecond) */
  private nameHex(ms: number, seq: number): string {
    if (this.nameMs !== ms) {
      this.nameMs = ms;
      if (Number.isInteger(ms) && ms >= 0 && ms <= Number.MAX_SAFE_INTEGER) {
        // ms × 10⁶ = a·10⁶·2²¹ + b·10⁶ (ms = a·2²¹ + b) split at 2³² in doubles, every step exact below 2⁵³
        // (BigInt arithmetic per new millisecond was most of an event name's cost): the same two parts
        const b = ms % 0x200000;
        const bigA = ((ms - b) / 0x200000) * 1000000;
        const aLow = bigA % 0x800;
        const low = aLow * 0x200000 + b * 1000000;
        const lowRest = low % 0x100000000;
        this.nameHigh = ((bigA - aLow) / 0x800 + (low - lowRest) / 0x100000000).toString(16);
        this.nameLow = lowRest;
      } else {
        const ns = BigInt(ms) * 1000000n; // (throws for a fractional ms, as it always did)
        this.nameHigh = (ns >> 32n).toString(16);
        this.nameLow = Number(ns & 0xffffffffn);
      }
    }
    const low = this.nameLow + seq;
    if (low > 0xffffffff || this.nameHigh === '0') return (BigInt(ms) * 1000000n + BigInt(seq)).toString(16);
    // low.toString(16).padStart(8, '0') (0 <= low <= 0xffffffff here) from a table of two-digit texts: the
    // number-to-radix conversion and the padding were most of the name's cost
    return this.nameHigh + HEX2[low >>> 24] + HEX2[(low >>> 16) & 255] + HEX2[(low >>> 8) & 255] + HEX2[low & 255];
  }

  /** kube-apiserver --event-ttl=1h: events whose last occurrence is older than an hour disappear. */
  private sweep(): void {
    this.expire();
    this.sim.clock.setTimeout(() => this.sweep(), 5 * 60_000, { settle: false });
  }

  constructor(private readonly sim: Sim) {
    // after the cluster's install-time jump, the install events are long expired
    ((sim.services.afterJump ??= []) as (() => void)[]).push(() => this.expire());
  }

  private expire(): void {
    const cutoff = this.sim.clock.now() - 3600_000;
    for (const e of this.sim.store.list('Event')) {
      const last = Date.parse(e.lastTimestamp ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '');
      if (last < cutoff) this.sim.store.remove('Event', e.metadata.namespace ?? '', e.metadata.name);
    }
  }

  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const m = obj.metadata;
    const ns = m.namespace || 'default';
    if (!this.sweeping) {
      this.sweeping = true;
      this.sim.clock.setTimeout(() => this.sweep(), 5 * 60_000, { settle: false });
    }
    // EventAggregator (client-go tools/record/events_cache.go): after 10 different messages for the
    // same object, type and reason within 10 minutes, later ones are combined into one event
    // keys are the parts' NUL-joined text (null and undefined as empty), kept as parts (see JoinedKeyMap)
    const aggKey = [str(obj.kind), str(m.namespace), str(m.name), str(m.uid), str(type), str(reason), str(source.component), str(source.host)];
    const nowMs = this.sim.clock.now();
    const aggHash = hashJoined(aggKey);
    let agg = this.similar.get(aggKey, aggHash);
    if (!agg || nowMs - agg.since > 600_000) this.similar.set(aggKey, (agg = new SimilarMessages(nowMs)), aggHash);
    let key = [str(m.uid), str(type), str(reason), str(message), str(source.component), str(source.host), str(fieldPath)];
    if (!agg.has(message)) {
      if (agg.size < 10) agg.add(message);
      else {
        message = `(combined from similar events): ${message}`;
        key = ['aggregate', ...aggKey];
      }
    }
    const now = this.sim.clock.iso();
    const keyHash = hashJoined(key);
    // eventObserve: a key seen before is the same event again (its cached name, count + 1), whether or not
    // that event was written or still exists
    const seen = this.byKey.get(key, keyHash);
    // name: <object name>.<hex of the event time in ns> (client-go makeEvent)
    const name = seen ? seen.name : `${m.name}.${this.nameHex(nowMs, ++this.seq)}`;
    const count = seen ? seen.count + 1 : 1;
    this.byKey.set(key, { name, count }, keyHash);
    const src = this.sourceOf(source);
    if (this.spamFiltered(obj, src, nowMs)) return;
    if (seen) {
      const cur = this.sim.store.get('Event', ns, name);
      if (cur) {
        const next = clone(cur) as StoredObject;
        next.count = count;
        next.lastTimestamp = now;
        next.message = message;
        this.sim.store.put(next);
        return;
      }
      // recordToSink: the patch of an event that does not exist (dropped by the filter, or expired) becomes a create
    }
    // built with no undefined values (fields absent instead), in its own objects but for the shared source:
    // the API server can take it as it is
    let io: Record<string, unknown>;
    if (obj.apiVersion !== undefined && m.namespace && m.uid !== undefined && m.resourceVersion !== undefined) {
      // the usual stored namespaced object, as literals (the same keys in the same order as the general case
      // below, without growing an object field by field)
      io = fieldPath
        ? { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, fieldPath }
        : { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion };
    } else {
      io = obj.apiVersion !== undefined ? { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name } : { kind: obj.kind, name: m.name };
      if (m.namespace) io.namespace = m.namespace;
      if (m.uid !== undefined) io.uid = m.uid;
      if (m.resourceVersion !== undefined) io.resourceVersion = m.resourceVersion;
      if (fieldPath) io.fieldPath = fieldPath;
    }
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: io,
      reason,
      message,
      source: src,
      firstTimestamp: now,
      lastTimestamp: now,
      count,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.sim.api.create(ev, EVENT_WRITE);
  }

  /**
   * EventSourceObjectSpamFilter (client-go tools/record/events_cache.go): per source (component, host) and
   * involved object (kind, namespace, name, uid, apiVersion) a token bucket of 25 (defaultSpamBurst) refilled
   * at one event per 300 s (defaultSpamQPS): an event that finds it empty is not written at all. Every
   * observed event takes a token, repeats of an event too. The records are kept like the other caches (see
   * JoinedKeyMap: at least the last 4096 objects).
   */
  private spamFiltered(obj: KObject, src: object, nowMs: number): boolean {
    // the key's parts: the shared source object (sourceOf: component, host) and the object (its uid stands for
    // kind, namespace, name and apiVersion, which one uid never changes); an object's few sources are a short chain
    const uid = obj.metadata.uid ?? `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    let first = this.spamYoung.get(uid);
    if (!first) {
      first = this.spamOld.get(uid);
      if (first) {
        this.spamOld.delete(uid);
        this.spamPut(uid, first);
      }
    }
    let b = first;
    while (b && b.src !== src) b = b.next;
    if (b) {
      b.tokens = Math.min(SPAM_BURST, b.tokens + ((nowMs - b.at) / 1000) * SPAM_QPS);
      b.at = nowMs;
    } else {
      b = { src, tokens: SPAM_BURST, at: nowMs, next: first };
      if (first) this.spamYoung.set(uid, b);
      else this.spamPut(uid, b);
    }
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  }

  /** the spam records' two generations (see JoinedKeyMap) */
  private spamPut(uid: string, rec: SpamRecord): void {
    this.spamYoung.set(uid, rec);
    if (this.spamYoung.size >= LRU_ENTRIES) {
      this.spamOld = this.spamYoung;
      this.spamYoung = new Map();
    }
  }

  /** One event source object per component and host, shared by the stored events (stored objects are never mutated). */
  private sources = new Map<string, Map<string, { component: string; host?: string }>>();
  private sourceOf(source: EventSource): { component: string; host?: string } {
    let byHost = this.sources.get(source.component);
    if (!byHost) this.sources.set(source.component, (byHost = new Map()));
    const host = source.host || '';
    let o = byHost.get(host);
    if (!o) byHost.set(host, (o = host ? { component: source.component, host } : { component: source.component }));
    return o;
  }

  /** Events about one object, oldest first (what `kubectl describe` lists). */
  eventsFor(obj: { metadata: { uid?: string; namespace?: string } }): StoredObject[] {
    const ns = obj.metadata.namespace || 'default';
    return this.sim.store
      .list('Event', ns)
      .filter((e) => e.involvedObject?.uid === obj.metadata.uid)
      .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0));
  }

  reset(): void {
    this.byKey.clear();
    this.similar.clear();
    this.spamYoung.clear();
    this.spamOld.clear();
  }
}

/** The distinct messages seen for one object, type and reason (at most 10 are kept); a Set only once there are two. */
class SimilarMessages {
  private first: string | undefined;
  private rest: Set<string> | undefined;
  size = 0;
  constructor(readonly since: number) {}

  has(message: string): boolean {
    if (this.size === 0) return false;
    return this.rest ? this.rest.has(message) : this.first === message;
  }

  add(message: string): void {
    if (this.has(message)) return;
    if (this.size === 0) this.first = message;
    else {
      if (!this.rest) this.rest = new Set([this.first!]);
      this.rest.add(message);
    }
    this.size++;
  }
}

/** A key part as Array.join writes it: null and undefined as empty. */
function str(x: unknown): string {
  return x == null ? '' : typeof x === 'string' ? x : String(x);
}

/**
 * A map keyed by the NUL-joined text of string parts, without making that text: entries are found by a
 * hash of the joined characters and confirmed by comparing the joined texts, so two part lists that join
 * to the same text are the same key. Keeps references to the parts (strings the events hold anyway)
 * instead of one long key string per event.
 */
interface Slot<V> {
  parts: string[];
  value: V;
}

class JoinedKeyMap<V> {
  /**
   * One slot per hash, an array of slots only when texts collide. Two generations stand in for client-go's
   * 4096-entry LRU caches (groupcache lru): entries are written to `young`; when it holds LRU_ENTRIES, it
   * becomes `old` and the previous old ones are forgotten; a hit in `old` moves the entry back to `young`.
   * So the last 4096 keys used are always kept, and at most 8192 (an exact LRU's bookkeeping per event cost
   * more than the rest of recording it).
   */
  private young = new Map<number, Slot<V> | Slot<V>[]>();
  private old = new Map<number, Slot<V> | Slot<V>[]>();
  /**
   * A hash the last lookup found in neither generation (-1: none). Only set adds entries, so it stays absent
   * until a set: a get that misses followed by the set of the same key (the usual new event) looks it up once.
   */
  private missH = -1;

  private slotsOf(h: number): Slot<V> | Slot<V>[] | undefined {
    const y = this.young.get(h);
    if (y) return y;
    const o = this.old.get(h);
    if (!o) {
      this.missH = h;
      return undefined;
    }
    this.old.delete(h);
    this.put(h, o);
    return o;
  }

  private put(h: number, slots: Slot<V> | Slot<V>[]): void {
    this.young.set(h, slots);
    if (this.young.size >= LRU_ENTRIES) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  get(parts: string[], h = hashJoined(parts)): V | undefined {
    const slots = this.slotsOf(h);
    if (!slots) return undefined;
    if (!Array.isArray(slots)) return sameJoined(slots.parts, parts) ? slots.value : undefined;
    for (const s of slots) if (sameJoined(s.parts, parts)) return s.value;
    return undefined;
  }

  set(parts: string[], value: V, h = hashJoined(parts)): void {
    const slots = h === this.missH ? undefined : this.slotsOf(h);
    this.missH = -1;
    if (!slots) {
      this.put(h, { parts, value });
      return;
    }
    if (!Array.isArray(slots)) {
      if (sameJoined(slots.parts, parts)) slots.value = value;
      else {
        const both = [slots, { parts, value }];
        if (this.young.has(h)) this.young.set(h, both);
        else this.put(h, both);
      }
      return;
    }
    for (const s of slots) {
      if (sameJoined(s.parts, parts)) {
        s.value = value;
        return;
      }
    }
    slots.push({ parts, value });
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
    this.missH = -1;
  }
}

/**
 * FNV-1a (30 bits) of the text parts.join('\u0000') would give, from its length and at most its first and
 * last EDGE characters (a function of the joined text, however it is split into parts).
 */
const EDGE = 48;
function hashJoined(parts: string[]): number {
  let total = parts.length ? parts.length - 1 : 0;
  for (const p of parts) total += p.length;
  let h = Math.imul(0x811c9dc5 ^ total, 0x01000193);
  if (total <= 2 * EDGE) {
    for (let p = 0; p < parts.length; p++) {
      if (p) h = Math.imul(h, 0x01000193); // NUL
      const s = parts[p];
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    }
    return h & 0x3fffffff;
  }
  // the first EDGE characters
  let left = EDGE;
  for (let p = 0; p < parts.length && left > 0; p++) {
    if (p) {
      h = Math.imul(h, 0x01000193); // NUL
      if (--left === 0) break;
    }
    const s = parts[p];
    const n = Math.min(s.length, left);
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    left -= n;
  }
  // the last EDGE characters, backwards
  left = EDGE;
  for (let p = parts.length - 1; p >= 0 && left > 0; p--) {
    const s = parts[p];
    const n = Math.min(s.length, left);
    for (let i = s.length - 1; i >= s.length - n; i--) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    left -= n;
    if (p && left > 0) {
      h = Math.imul(h, 0x01000193); // NUL
      left--;
    }
  }
  return h & 0x3fffffff;
}

function sameJoined(a: string[], b: string[]): boolean {
  if (a.length === b.length) {
    let same = true;
    for (let i = 0; i < a.length && same; i++) same = a[i] === b[i];
    if (same) return true;
  }
  return a.join('\u0000') === b.join('\u0000');
}
