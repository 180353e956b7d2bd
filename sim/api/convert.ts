/**
 * One stored object as another API group version serves it. The store keeps one version per kind (what
 * kube-apiserver's storage version is); reading through another group converts on the way out.
 * - events.k8s.io/v1 Event from core/v1 Event: pkg/apis/events/v1/conversion.go Convert_core_Event_To_v1_Event
 *   (involvedObject → regarding, source → deprecatedSource, message → note, firstTimestamp/lastTimestamp →
 *   deprecatedFirstTimestamp/deprecatedLastTimestamp, count → deprecatedCount; reportingComponent's Go field is
 *   ReportingController), then encoded by the events/v1 struct's json tags (staging/src/k8s.io/api/events/v1/
 *   types.go): reportingController, reportingInstance, action, reason, note, type and deprecatedCount are
 *   omitempty; eventTime, regarding, deprecatedSource and the deprecated timestamps are structs, always written
 *   (a zero time as null).
 */
import type { ResourceType } from './resources';
import type { StoredObject } from './types';

type C = Record<string, any>;

export function toGroupVersion(o: StoredObject, t: ResourceType): StoredObject {
  if (t.group === 'events.k8s.io' && o.kind === 'Event') return eventsV1(o as C) as StoredObject;
  return o;
}

function eventsV1(e: C): C {
  const out: C = { kind: 'Event', apiVersion: 'events.k8s.io/v1', metadata: e.metadata, eventTime: e.eventTime ?? null };
  if (e.series) out.series = e.series;
  if (e.reportingComponent) out.reportingController = e.reportingComponent;
  if (e.reportingInstance) out.reportingInstance = e.reportingInstance;
  if (e.action) out.action = e.action;
  if (e.reason) out.reason = e.reason;
  out.regarding = e.involvedObject ?? {};
  if (e.related) out.related = e.related;
  if (e.message) out.note = e.message;
  if (e.type) out.type = e.type;
  out.deprecatedSource = e.source ?? {};
  out.deprecatedFirstTimestamp = e.firstTimestamp ?? null;
  out.deprecatedLastTimestamp = e.lastTimestamp ?? null;
  if (e.count) out.deprecatedCount = e.count;
  return out;
}

/** The Go struct (sim/api/go-json.ts) of a resource's objects as its group serves them, when it is not the kind. */
export function goStructOf(t: ResourceType): string {
  return t.group === 'events.k8s.io' && t.kind === 'Event' ? 'EventsV1Event' : t.kind;
}
