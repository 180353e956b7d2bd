import type { KObject } from '../api/types';
import { deepEqual } from './apiserver';
import { Path, invalid, required, type FieldError } from '../validation/field';
import type { Strategy } from './strategy';
import { nonNegative } from './workloads-common';
import { ALPHANUMS } from '../runtime/random';
import { stringifySorted } from '../api/go-json';
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

/** FNV-1a 32 over a string's UTF-8 bytes, encoded as it goes (a lone surrogate as its own three bytes). */
export function fnv32a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), 0x01000193);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), 0x01000193);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 63)), 0x01000193);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), 0x01000193);
    }
    h = Math.imul(h ^ (0x80 | (c & 63)), 0x01000193);
  }
  return h >>> 0;
}

/** apimachinery rand.SafeEncodeString: each character c → alphanums[c % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** JSON with sorted keys (a stable serialisation to hash). */
export function stableJSON(v: unknown): string {
  return stringifySorted(v) ?? stableJSONSlow(v);
}

function stableJSONSlow(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJSONSlow).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJSONSlow(o[k])}`)
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

