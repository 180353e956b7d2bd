import type { KObject, StoredObject } from '../api/types';
import type { SimModule } from '../sim';
import type { Strategy } from './strategy';
import { Path, forbidden, invalid, type FieldError } from '../validation/field';
import { isConfigMapKey } from '../validation/names';
import { base64ToBytes, encodeBase64 } from '../api/base64';
import { newBadRequest } from './errors';
import { deepEqual } from './apiserver';

/**
 * ConfigMap and Secret strategies (K/K pkg/apis/core/validation/validation.go
 * ValidateConfigMap/ValidateSecret and their Update variants; reference §8.1).
 */
export const MAX_SIZE = 1024 * 1024;

function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function validateKeys(map: Record<string, unknown> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(map ?? {})) for (const m of isConfigMapKey(k)) errs.push(invalid(Path.root(field).key(k), k, m));
  return errs;
}

function validateConfigMap(cm: KObject): FieldError[] {
  const errs = [...validateKeys(cm.data, 'data'), ...validateKeys(cm.binaryData, 'binaryData')];
  let total = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    total += byteLength(String(v));
    if (cm.binaryData && k in cm.binaryData) errs.push(invalid(Path.root('data').key(k), k, 'duplicate of key present in binaryData'));
  }
  for (const v of Object.values(cm.binaryData ?? {})) total += Math.floor((String(v).length * 3) / 4);
  if (total > MAX_SIZE) errs.push({ type: 'FieldValueTooLong', field: '[]', detail: `may not be more than ${MAX_SIZE} bytes` });
  return errs;
}

function validateImmutableUpdate(o: KObject, old: StoredObject, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable === true) {
    for (const f of fields) if (!deepEqual(o[f] ?? {}, old[f] ?? {})) errs.push(forbidden(Path.root(f), 'field is immutable when `immutable` is set'));
    if (o.immutable !== true) errs.push(forbidden(Path.root('immutable'), 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export const configMapStrategy: Strategy = {
  kind: 'ConfigMap',
  hasGeneration: false,
  validate: validateConfigMap,
  validateUpdate: (o, old) => [...validateConfigMap(o), ...validateImmutableUpdate(o, old, ['data', 'binaryData'])],
};

const SECRET_TYPES_REQUIRED: Record<string, string[]> = {
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/basic-auth': [],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

function validateSecret(s: KObject): FieldError[] {
  const errs = validateKeys(s.data, 'data');
  let total = 0;
  for (const v of Object.values(s.data ?? {})) total += Math.floor((String(v).replace(/=+$/, '').length * 3) / 4);
  if (total > MAX_SIZE) errs.push({ type: 'FieldValueTooLong', field: 'data', detail: `may not be more than ${MAX_SIZE} bytes` });
  for (const k of SECRET_TYPES_REQUIRED[s.type] ?? [])
    if (!(s.data && k in s.data)) errs.push({ type: 'FieldValueRequired', field: String(Path.root('data').key(k)) });
  return errs;
}

export const secretStrategy: Strategy = {
  kind: 'Secret',
  hasGeneration: false,
  defaults(s) {
    s.type ||= 'Opaque';
    // []byte fields are base64 on the wire: decode errors are decoding (BadRequest) errors
    for (const [k, v] of Object.entries(s.data ?? {})) {
      const r = base64ToBytes(String(v ?? ''));
      if ('error' in r) throw newBadRequest(`Secret in version "v1" cannot be handled as a Secret: ${r.error}`);
      void k;
    }
    // stringData overwrites data (K/K pkg/apis/core/v1/conversion.go) and is never stored
    if (s.stringData) {
      s.data = { ...(s.data ?? {}) };
      for (const [k, v] of Object.entries(s.stringData)) s.data[k] = encodeBase64(String(v));
      delete s.stringData;
    }
  },
  validate: validateSecret,
  validateUpdate(s, old) {
    const errs = [...validateSecret(s), ...validateImmutableUpdate(s, old, ['data'])];
    if (s.type !== old.type) errs.push(invalid(Path.root('type'), s.type, 'field is immutable'));
    return errs;
  },
};

export const configModule: SimModule = {
  name: 'configmaps-secrets',
  install(sim) {
    sim.api.registerStrategy(configMapStrategy);
    sim.api.registerStrategy(secretStrategy);
  },
};
