import type { KObject } from '../api/types';
import { Path, forbidden, invalid, notSupported, required, type FieldError } from '../validation/field';
import { isQualifiedName, isValidLabelValue, regexError } from '../validation/names';
import { selectorFromLabelSelector } from '../labels';
import { validateLabels } from './meta';
import type { Sim } from '../sim';

/**
 * Validation pieces shared by the DaemonSet, StatefulSet, Job and CronJob
 * strategies (K/K pkg/apis/apps/validation, pkg/apis/batch/validation,
 * apimachinery pkg/apis/meta/v1/validation).
 */

/** ValidateNonnegativeField */
export function nonNegative(v: unknown, path: Path): FieldError[] {
  if (typeof v === 'number' && v < 0) return [invalid(path, v, 'must be greater than or equal to 0')];
  return [];
}

/** metav1validation.ValidateLabelSelector */
export function validateLabelSelector(sel: any, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  (sel.matchExpressions ?? []).forEach((e: any, i: number) => {
    const p = path.child('matchExpressions').index(i);
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (!e.values?.length) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (e.values?.length) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(p.child('operator'), e.operator, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(String(e.key ?? ''))) errs.push(invalid(p.child('key'), e.key, m));
    (e.values ?? []).forEach((v: string, j: number) => {
      for (const m of isValidLabelValue(String(v))) errs.push(invalid(p.child('values').index(j), v, m));
    });
  });
  errs.push(...validateLabels(sel.matchLabels, path.child('matchLabels')));
  return errs;
}

export function selectorIsEmpty(sel: any): boolean {
  return !Object.keys(sel?.matchLabels ?? {}).length && !(sel?.matchExpressions ?? []).length;
}

/** `selector` does not match template `labels` */
export function selectorMatchesTemplate(sel: any, template: any, path: Path): FieldError[] {
  if (!sel) return [];
  let s;
  try {
    s = selectorFromLabelSelector(sel);
  } catch {
    return [];
  }
  const labels = template?.metadata?.labels ?? {};
  if (!selectorIsEmpty(sel) && !s.matches(labels)) {
    return [invalid(path.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`')];
  }
  return [];
}

/**
 * Pod template validation lives with the Pod strategy; when it publishes
 * `validatePodTemplateSpec` through sim.services.podValidation, use it.
 */
export function validatePodTemplate(sim: Sim, template: any, path: Path): FieldError[] {
  const svc = sim.services.podValidation as { validatePodTemplateSpec?(t: any, p: Path): FieldError[] } | undefined;
  const errs: FieldError[] = [];
  if (!template || typeof template !== 'object') return [required(path, '')];
  errs.push(...validateLabels(template.metadata?.labels, path.child('metadata', 'labels')));
  if (svc?.validatePodTemplateSpec) errs.push(...svc.validatePodTemplateSpec(template, path));
  else if (!template.spec?.containers?.length) errs.push(required(path.child('spec', 'containers'), ''));
  return errs;
}

/** Pod template spec defaulting is the Pod strategy's (SetDefaults_PodSpec); used when it is published. */
export function defaultPodTemplate(sim: Sim, template: any): void {
  const svc = sim.services.podDefaults as { defaultPodTemplateSpec?(t: any): void } | undefined;
  if (template && typeof template === 'object') svc?.defaultPodTemplateSpec?.(template);
}

/** Restart policies allowed in a workload's template. */
export function restartPolicyIn(template: any, allowed: string[], path: Path): FieldError[] {
  const rp = template?.spec?.restartPolicy ?? 'Always';
  if (!allowed.includes(rp)) return [notSupported(path.child('template', 'spec', 'restartPolicy'), rp, allowed)];
  return [];
}

/** intstr validation for maxUnavailable / maxSurge (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent). */
export function intOrPercent(v: unknown, path: Path): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
  if (typeof v === 'string') {
    const m = v.match(/^(\d+)%$/);
    if (!m) return [invalid(path, v, regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%'))];
    if (Number(m[1]) > 100) return [invalid(path, v, 'must not be greater than 100%')];
  }
  return [];
}

export function intOrPercentValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    const x = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return 0;
}

export function clearStatus(obj: KObject): void {
  delete obj.status;
}

/**
 * podutil.DropDisabledTemplateFields (kubernetes/kubernetes pkg/api/pod/util.go), which the strategies of every
 * kind with a pod template call from PrepareForCreate (old = undefined) and PrepareForUpdate: its
 * dropDisabledFields clears template.spec.workloadRef (dropDisabledWorkloadRef) unless the GenericWorkload gate is
 * on (Alpha, off by default in v1.35: pkg/features/kube_features.go) or the old template already has one (never
 * here: it is dropped on every write).
 */
export function dropDisabledTemplateFields(template: unknown, oldTemplate: unknown): void {
  const spec = template !== null && typeof template === 'object' ? (template as { spec?: unknown }).spec : undefined;
  if (spec === null || typeof spec !== 'object' || !('workloadRef' in spec)) return;
  const oldSpec = oldTemplate !== null && typeof oldTemplate === 'object' ? (oldTemplate as { spec?: { workloadRef?: unknown } }).spec : undefined;
  if (oldSpec?.workloadRef == null) delete (spec as { workloadRef?: unknown }).workloadRef;
}
