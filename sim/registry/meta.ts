import type { KObject, StoredObject } from '../api/types';
import type { ResourceType } from '../api/resources';
import { Path, invalid, required, forbidden, type FieldError } from '../validation/field';
import { isQualifiedName, isValidLabelValue, nameValidatorFor, isDNS1123Label } from '../validation/names';

const META = Path.root('metadata');
// paths are immutable: the ones every object's metadata is checked under are made once
const META_NAME = META.child('name');
const META_NAMESPACE = META.child('namespace');
const META_LABELS = META.child('labels');
const META_ANNOTATIONS = META.child('annotations');
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** apimachinery pkg/api/validation/objectmeta.go ValidateObjectMeta (+ labels/annotations). */
export function validateObjectMeta(obj: KObject, t: ResourceType): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata ?? {};
  if (!m.name) {
    if (!m.generateName) errs.push(required(META_NAME, 'name or generateName is required'));
  } else {
    for (const msg of nameValidatorFor(t.kind)(m.name)) errs.push(invalid(META_NAME, m.name, msg));
  }
  if (t.namespaced) {
    if (!m.namespace) errs.push(required(META_NAMESPACE));
    else for (const msg of isDNS1123Label(m.namespace)) errs.push(invalid(META_NAMESPACE, m.namespace, msg));
  }
  if (m.labels) for (const e of validateLabels(m.labels, META_LABELS)) errs.push(e);
  if (m.annotations) for (const e of validateAnnotations(m.annotations, META_ANNOTATIONS)) errs.push(e);
  return errs;
}

export function validateLabels(labels: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k in labels) {
    const v = labels[k];
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of isValidLabelValue(String(v))) errs.push(invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(ann: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(ann ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += k.length + String(v).length;
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push({ type: 'FieldValueTooLong', field: String(path), detail: `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  }
  return errs;
}

/** ValidateObjectMetaUpdate: name, namespace, uid, creationTimestamp are immutable. */
export function validateObjectMetaUpdate(obj: KObject, old: StoredObject): FieldError[] {
  const errs: FieldError[] = [];
  if (obj.metadata.name !== old.metadata.name) errs.push(invalid(META.child('name'), obj.metadata.name, 'field is immutable'));
  if ((obj.metadata.namespace ?? '') !== (old.metadata.namespace ?? ''))
    errs.push(invalid(META.child('namespace'), obj.metadata.namespace, 'field is immutable'));
  if (old.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).some((f) => !(old.metadata.finalizers ?? []).includes(f)))
    errs.push(forbidden(META.child('finalizers'), 'no new finalizers can be added if the object is being deleted'));
  return errs;
}
