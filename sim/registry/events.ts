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
/** client-go tools/record/events_cache.go: maxLruCacheEntries, defaultSpamBurst, defaultSpamQPS */
const LRU_ENTRIES = 4096;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
/**
 * How the recorder writes an event: built for the call (fresh), well-formed (trusted), with its metadata's system
 * fields as slots for the server to fill (systemFieldSlots); create only reads it.
 */
const EVENT_WRITE = { trusted: true, fresh: true, systemFieldSlots: true } as const;
/** '00' … 'ff' */
const HEX2: string[] = [];
for (let i = 0; i < 256; i++) HEX2.push((i < 16 ? '0' : '') + i.toString(16));

export class EventRecorder {
  private seq = 0;
  /** One correlator per event source (component and host), made on its first event. */
  private correlators = new Map<string, Map<string, Correlator>>();
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
    const nowMs = this.sim.clock.now();
    const cor = this.correlatorOf(source);
    // the object's records in this source's caches: its uid stands for kind, namespace, name and apiVersion,
    // which one uid never changes
    const rec = cor.record(m.uid ?? `${obj.kind}/${m.namespace ?? ''}/${m.name}`, nowMs);
    // EventAggregator (client-go tools/record/events_cache.go): after 10 different messages for the
    // same object, type and reason within 10 minutes, later ones are combined into one event
    let rr = rec.reasons;
    while (rr && (rr.type !== type || rr.reason !== reason)) rr = rr.next;
    const fp = fieldPath ?? '';
    let keyMessage: string | undefined = message;
    let count = 1;
    let name: string;
    if (!rr) {
      // the first event of this type and reason for the object: nothing to look up
      name = `${m.name}.${this.nameHex(nowMs, ++this.seq)}`;
      rec.reasons = new ReasonRecord(type, reason, nowMs, message, fp, name, rec.reasons);
    } else {
      if (nowMs - rr.since > 600_000) rr.restart(nowMs);
      if (!rr.has(message)) {
        if (rr.size < 10) rr.add(message);
        else {
          message = `(combined from similar events): ${message}`;
          keyMessage = undefined;
        }
      }
      // eventObserve: a key seen before is the same event again (its cached name, count + 1), whether or not
      // that event was written or still exists
      const seen = rr.find(keyMessage, fp);
      // name: <object name>.<hex of the event time in ns> (client-go makeEvent)
      if (seen) {
        name = seen.name;
        count = ++seen.count;
      } else {
        name = `${m.name}.${this.nameHex(nowMs, ++this.seq)}`;
        rr.log(keyMessage, fp, name);
      }
    }
    const now = this.sim.clock.iso();
    // EventSourceObjectSpamFilter: a token bucket of 25 (defaultSpamBurst) per source and object, refilled at one
    // event per 300 s (defaultSpamQPS); an event that finds it empty is not written at all. Every observed event
    // takes a token, repeats of an event too.
    rec.tokens = Math.min(SPAM_BURST, rec.tokens + ((nowMs - rec.at) / 1000) * SPAM_QPS);
    rec.at = nowMs;
    if (rec.tokens < 1) return;
    rec.tokens -= 1;
    const src = cor.source;
    if (count > 1) {
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
      // below, without growing an object field by field). Events of one version of the object and one field path
      // share it (stored objects are never changed in place: an event's update writes a copy): the kubelet's
      // Pulling, Pulled, Created and Started of a container usually name the same version of the pod
      const last = rec.io;
      if (
        last !== undefined &&
        last.resourceVersion === m.resourceVersion &&
        last.fieldPath === (fieldPath || undefined) &&
        last.uid === m.uid &&
        last.name === m.name &&
        last.namespace === m.namespace &&
        last.kind === obj.kind &&
        last.apiVersion === obj.apiVersion
      )
        io = last;
      else
        io = rec.io = fieldPath
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
      // the keys the API server fills in, in their place (and in the stored order: name, namespace, uid,
      // creationTimestamp, resourceVersion)
      metadata: { name, namespace: ns, uid: '', creationTimestamp: '', resourceVersion: '' },
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

  /** The correlator of a component (and host): its caches and the event source object its events share. */
  private correlatorOf(source: EventSource): Correlator {
    let byHost = this.correlators.get(source.component);
    if (!byHost) this.correlators.set(source.component, (byHost = new Map()));
    const host = source.host || '';
    let c = byHost.get(host);
    if (!c) byHost.set(host, (c = new Correlator(host ? { component: source.component, host } : { component: source.component })));
    return c;
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
    this.correlators.clear();
  }
}

/** An event the logger wrote: its key (beside type and reason), and the event's name and count. */
interface LoggedEvent {
  /** undefined: the combined event of the type and reason (its key has no message and no field path) */
  message: string | undefined;
  fieldPath: string;
  name: string;
  count: number;
}

/**
 * One correlator's records for one object, type and reason: the aggregator's distinct messages (at most 10 are
 * kept; a Set only once there are two) since the window began, and the events the logger wrote. The oldest
 * logged event kept is the record's own fields (message, fieldPath, name, count: a LoggedEvent itself), later
 * ones a list made at the second: almost every record logs one event, and each stays in memory with its object.
 */
class ReasonRecord implements LoggedEvent {
  private first: string | undefined;
  private rest: Set<string> | undefined;
  size = 1;
  /** the oldest logged event kept (its key, its event's name and count) */
  message: string | undefined;
  fieldPath: string;
  name: string;
  count = 1;
  /** the later logged events, in the order they were first seen */
  private more: LoggedEvent[] | undefined;

  constructor(
    readonly type: string,
    readonly reason: string,
    public since: number,
    message: string,
    fieldPath: string,
    name: string,
    readonly next: ReasonRecord | undefined,
  ) {
    this.first = message;
    this.message = message;
    this.fieldPath = fieldPath;
    this.name = name;
  }

  /** A new 10-minute window: no messages seen yet (the logged events stay). */
  restart(nowMs: number): void {
    this.since = nowMs;
    this.first = undefined;
    this.rest = undefined;
    this.size = 0;
  }

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

  /**
   * The logged event of a key (an undefined message: the combined event, whose key has no field path), newest
   * first. (The record itself when it is the oldest: callers only read its name and count it, at once.)
   */
  find(message: string | undefined, fieldPath: string): LoggedEvent | undefined {
    const l = this.more;
    if (l) {
      for (let i = l.length - 1; i >= 0; i--) {
        const k = l[i];
        if (k.message === message && (message === undefined || k.fieldPath === fieldPath)) return k;
      }
    }
    if (this.message === message && (message === undefined || this.fieldPath === fieldPath)) return this;
    return undefined;
  }

  log(message: string | undefined, fieldPath: string, name: string): void {
    const l = (this.more ??= []);
    l.push({ message, fieldPath, name, count: 1 });
    // an object's keys are bounded like the cache they stand for: the oldest goes (the next oldest takes its place)
    if (l.length + 1 > LRU_ENTRIES) {
      const k = l.shift()!;
      this.message = k.message;
      this.fieldPath = k.fieldPath;
      this.name = k.name;
      this.count = k.count;
    }
  }
}

/** What one correlator remembers about one involved object. */
interface ObjectRecord {
  /** the spam filter's token bucket and when it was last filled */
  tokens: number;
  at: number;
  reasons: ReasonRecord | undefined;
  /** the involvedObject of the last event written about the object (shared by the next ones while it matches) */
  io: Record<string, unknown> | undefined;
}

/**
 * One EventBroadcaster's EventCorrelator (client-go tools/record/events_cache.go): every component that records
 * events has its own (each kubelet, the scheduler, each controller), with its aggregator, logger and spam filter
 * caches. Their keys all start with the involved object, so they are kept per object here. client-go's caches are
 * 4096-entry LRUs (maxLruCacheEntries); two generations of objects stand in for them: records are written to
 * `young`; when it holds 4096 objects it becomes `old` and the previous old ones are forgotten; a hit in `old`
 * moves the record back to `young`. So the objects of the last 4096 keys used are always kept (an exact LRU's
 * bookkeeping per event cost more than the rest of recording it).
 */
class Correlator {
  private young = new Map<string, ObjectRecord>();
  private old = new Map<string, ObjectRecord>();
  constructor(readonly source: { component: string; host?: string }) {}

  record(id: string, nowMs: number): ObjectRecord {
    let r = this.young.get(id);
    if (r) return r;
    r = this.old.get(id);
    if (r) this.old.delete(id);
    else r = { tokens: SPAM_BURST, at: nowMs, reasons: undefined, io: undefined };
    this.young.set(id, r);
    if (this.young.size >= LRU_ENTRIES) {
      this.old = this.young;
      this.young = new Map();
    }
    return r;
  }
}
