import { clone } from '../api/clone';
import type { KObject, OwnerReference, StoredObject } from '../api/types';
import type { Sim } from '../sim';
import { StatusError } from '../registry/errors';
import { isDNS1123Subdomain } from '../validation/names';
import { ALPHANUMS } from '../runtime/random';

/**
 * Helpers shared by the DaemonSet, Job, CronJob and StatefulSet controllers
 * (after K/K pkg/controller/controller_utils.go and pkg/api/v1/pod/util.go).
 */

/** Index name on Pods (and Jobs): uid of the controlling ownerReference. */
export const CONTROLLER_UID_INDEX = 'controllerUid';

export function controllerOf(o: KObject): OwnerReference | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller);
}

/** Register the pods-by-controller-uid index once per store (idempotent per kind). */
export function ensureControllerIndex(sim: Sim, kind: string): void {
  const flag = `__ctrlIndex_${kind}`;
  const s = sim.store as any;
  if (s[flag]) return;
  s[flag] = true;
  sim.store.addIndex(kind, CONTROLLER_UID_INDEX, (o) => {
    const r = controllerOf(o);
    return r ? [r.uid] : [];
  });
}

export function ownedBy(sim: Sim, kind: string, uid: string): StoredObject[] {
  return sim.store.byIndex(kind, CONTROLLER_UID_INDEX, uid);
}

/** metav1.NewControllerRef */
export function newControllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** controller_utils.go getPodsPrefix: `<name>-`, or `<name>` when that is not a valid name prefix. */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return isDNS1123Subdomain(prefix + 'x').length ? controllerName : prefix;
}

/** controller_utils.go GetPodFromTemplate: labels, annotations, finalizers and spec of the template. */
export function podFromTemplate(template: any, owner: KObject, generateName: string): KObject {
  const meta = template?.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: owner.metadata.namespace,
      labels: clone(meta.labels ?? {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: clone(template?.spec ?? {}),
  };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = clone(meta.annotations);
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  if (!Object.keys(pod.metadata.labels!).length) delete pod.metadata.labels;
  return pod;
}

/** Message of an API error as the controller's FailedCreate events show it. */
export function errorMessage(e: unknown): string {
  if (e instanceof StatusError) return e.status.message;
  return e instanceof Error ? e.message : String(e);
}

export function podPhase(p: KObject): string {
  return p.status?.phase ?? 'Pending';
}

/** IsPodActive: not Succeeded/Failed and not being deleted. */
export function isPodActive(p: KObject): boolean {
  const ph = podPhase(p);
  return ph !== 'Succeeded' && ph !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function isPodTerminal(p: KObject): boolean {
  const ph = podPhase(p);
  return ph === 'Succeeded' || ph === 'Failed';
}

export function podReadyCondition(p: KObject): any {
  return (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
}

export function isPodReady(p: KObject): boolean {
  return podReadyCondition(p)?.status === 'True';
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(p: KObject, minReadySeconds: number, now: number): boolean {
  const c = podReadyCondition(p);
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return !isNaN(t) && t + minReadySeconds * 1000 <= now;
}

/** ms until a ready pod becomes available (0 when already available or not ready). */
export function msUntilAvailable(p: KObject, minReadySeconds: number, now: number): number {
  const c = podReadyCondition(p);
  if (c?.status !== 'True' || !minReadySeconds) return 0;
  const t = Date.parse(c.lastTransitionTime ?? '');
  return isNaN(t) ? 0 : Math.max(0, t + minReadySeconds * 1000 - now);
}

function restarts(p: KObject): number {
  let m = 0;
  for (const s of p.status?.containerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0);
  return m;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePods Less (first = deleted first): unassigned < assigned,
 * Pending < Unknown < Running, not ready < ready, ready for less time first,
 * more restarts first, newer first.
 */
export function activePodsLess(a: KObject, b: KObject): number {
  const an = a.spec?.nodeName ? 1 : 0;
  const bn = b.spec?.nodeName ? 1 : 0;
  if (an !== bn) return an - bn;
  const ap = PHASE_RANK[podPhase(a)] ?? 0;
  const bp = PHASE_RANK[podPhase(b)] ?? 0;
  if (ap !== bp) return ap - bp;
  const ar = isPodReady(a) ? 1 : 0;
  const br = isPodReady(b) ? 1 : 0;
  if (ar !== br) return ar - br;
  if (ar && br) {
    const at = Date.parse(podReadyCondition(a)?.lastTransitionTime ?? '') || 0;
    const bt = Date.parse(podReadyCondition(b)?.lastTransitionTime ?? '') || 0;
    if (at !== bt) return bt - at; // more recently ready first
  }
  const rr = restarts(b) - restarts(a);
  if (rr) return rr;
  const ac = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const bc = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ac !== bc) return bc - ac;
  return a.metadata.name! < b.metadata.name! ? 1 : -1;
}

/** FNV-1a 32 over a string's UTF-8 bytes. */
export function fnv32a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  const bytes = utf8(s);
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      c = 0;
    }
  }
  return out;
}

/** apimachinery rand.SafeEncodeString: each character c → alphanums[c % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** JSON with sorted keys (a stable serialisation to hash). */
export function stableJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJSON(o[k])}`)
    .join(',')}}`;
}

/**
 * controller.ComputeHash(template, collisionCount): FNV-32a of the template
 * (+ collisionCount), printed as a decimal uint32 and SafeEncodeString'ed —
 * hashes like `7c5ddbdf54` (K/K pkg/controller/controller_utils.go).
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(stableJSON(template));
  if (collisionCount) {
    const b = [collisionCount & 255, (collisionCount >>> 8) & 255, (collisionCount >>> 16) & 255, (collisionCount >>> 24) & 255];
    for (const x of b) {
      h ^= x;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return safeEncodeString(String(h >>> 0));
}

export function condition(type: string, status: string, reason: string, message: string, now: string, probe = false): any {
  const c: any = { type, status };
  if (probe) c.lastProbeTime = now;
  c.lastTransitionTime = now;
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}
