import type { KObject, StoredObject } from '../api/types';
import type { ResourceType } from '../api/resources';
import { Path, goQuote, invalid, required, forbidden, type FieldError } from '../validation/field';
import { isQualifiedName, isValidLabelValue, nameValidatorFor, isDNS1123Label } from '../validation/names';

const META = Path.root('metadata');
// paths are immutable: the ones every object's metadata is checked under are made once
const META_NAME = META.child('name');
const META_NAMESPACE = META.child('namespace');
const META_GENERATION = META.child('generation');
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
  // ValidateNonnegativeField(meta.GetGeneration()): a kind whose strategy does not set it stores what was sent
  if (m.generation !== undefined && m.generation < 0) errs.push(invalid(META_GENERATION, m.generation, 'must be greater than or equal to 0'));
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

const META_FINALIZERS = META.child('finalizers');
const META_UID = META.child('uid');
const META_DELETION_TIMESTAMP = META.child('deletionTimestamp');
const META_DELETION_GRACE = META.child('deletionGracePeriodSeconds');

/**
 * ValidateObjectMetaUpdate (apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaAccessorUpdate), in
 * its order: no new finalizers on an object being deleted, then name, namespace, uid, deletionTimestamp and
 * deletionGracePeriodSeconds immutable. (resourceVersion, generation and creationTimestamp were already set from
 * the stored object by BeforeUpdate, and the update's labels and annotations are checked with the rest of the
 * metadata by validateObjectMeta.)
 */
export function validateObjectMetaUpdate(obj: KObject, old: StoredObject): FieldError[] {
  const errs: FieldError[] = [];
  const m = obj.metadata;
  const om = old.metadata;
  if (om.deletionTimestamp) {
    // sets.NewString(new...).Difference(old...).List(): sorted, printed with %#v
    const extra = [...new Set((m.finalizers ?? []).filter((f) => !(om.finalizers ?? []).includes(f)))].sort();
    if (extra.length) {
      errs.push(forbidden(META_FINALIZERS, `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map(goQuote).join(', ')}}`));
    }
  }
  if (m.name !== om.name) errs.push(invalid(META_NAME, m.name, 'field is immutable'));
  if ((m.namespace ?? '') !== (om.namespace ?? '')) errs.push(invalid(META_NAMESPACE, m.namespace, 'field is immutable'));
  if ((m.uid ?? '') !== (om.uid ?? '')) errs.push(invalid(META_UID, m.uid, 'field is immutable'));
  // (a *metav1.Time value prints as its JSON: RFC 3339 in UTC, whole seconds)
  if (m.deletionTimestamp != null && m.deletionTimestamp !== om.deletionTimestamp) {
    errs.push(invalid(META_DELETION_TIMESTAMP, metav1Time(m.deletionTimestamp), 'field is immutable'));
  }
  if ((m.deletionGracePeriodSeconds ?? null) !== (om.deletionGracePeriodSeconds ?? null)) {
    errs.push(invalid(META_DELETION_GRACE, m.deletionGracePeriodSeconds ?? null, 'field is immutable'));
  }
  return errs;
}

/** metav1.Time's JSON form (MarshalJSON: t.UTC().Format(time.RFC3339)) of an RFC 3339 text. */
function metav1Time(s: string): string {
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? s : new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
}
