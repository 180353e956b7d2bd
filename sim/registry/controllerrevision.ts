import type { KObject } from '../api/types';
import { deepEqual } from './apiserver';
import { Path, invalid, required, type FieldError } from '../validation/field';
import type { Strategy } from './strategy';
import { nonNegative } from './workloads-common';
import { ALPHANUMS } from '../runtime/random';
import type { OwnerReference } from '../api/types';

/**
 * ControllerRevision (apps/v1): immutable snapshots of a DaemonSet's or
 * StatefulSet's pod template (K/K pkg/registry/apps/controllerrevision,
 * pkg/apis/apps/validation ValidateControllerRevision, pkg/controller/history).
 */
export const controllerRevisionStrategy: Strategy = {
  kind: 'ControllerRevision',
  hasGeneration: false,
  validate(obj) {
    const errs: FieldError[] = [];
    if (obj.data === undefined || obj.data === null) errs.push(required(Path.root('data'), ''));
    errs.push(...nonNegative(obj.revision, Path.root('revision')));
    return errs;
  },
  validateUpdate(obj, old) {
    const errs: FieldError[] = [...nonNegative(obj.revision, Path.root('revision'))];
    if (!deepEqual(obj.data, old.data)) errs.push(invalid(Path.root('data'), obj.data ?? null, 'field is immutable'));
    return errs;
  },
};

/** history.ControllerRevisionName: `<prefix (≤223 chars)>-<hash>` */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** history.HashControllerRevision: FNV-32a of data (+ collision count), SafeEncodeString of the decimal value. */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  let h = fnv32a(stableJSON(data));
  if (collisionCount) {
    const s = String(collisionCount);
    h = fnv32a(s, h);
  }
  return safeEncodeString(String(h >>> 0));
}

/**
 * getPatch (statefulset/stateful_set_utils.go, daemon/update.go): the part
 * of the parent a revision records — the template, marked `$patch: replace`.
 */
export function templatePatch(parent: KObject): any {
  return { spec: { template: { ...(parent.spec?.template ?? {}), $patch: 'replace' } } };
}

export function newControllerRevision(parent: KObject, name: string, labels: Record<string, string>, data: unknown, revision: number): KObject {
  const cr: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: parent.metadata.namespace,
      labels: { ...labels },
      ownerReferences: [newControllerRef(parent)],
    },
    data,
    revision,
  };
  if (parent.metadata.annotations && Object.keys(parent.metadata.annotations).length) cr.metadata.annotations = { ...parent.metadata.annotations };
  if (!Object.keys(cr.metadata.labels!).length) delete cr.metadata.labels;
  return cr;
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

