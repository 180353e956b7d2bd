import { clone } from '../api/clone';
import type { KObject } from '../api/types';
import { deepEqual } from './apiserver';
import { Path, forbidden, invalid, notSupported, required, type FieldError } from '../validation/field';
import type { Strategy } from './strategy';
import type { Sim } from '../sim';
import {
  defaultPodTemplate,
  dropDisabledTemplateFields,
  intOrPercent,
  nonNegative,
  restartPolicyIn,
  selectorIsEmpty,
  selectorMatchesTemplate,
  validateLabelSelector,
  validatePodTemplate,
} from './workloads-common';

/** apps/v1 DaemonSet: the template generation lives in this annotation (K/K pkg/apis/apps/v1/conversion.go). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
const SPEC = Path.root('spec');

/** SetDefaults_DaemonSet (K/K pkg/apis/apps/v1/defaults.go). */
function defaultDaemonSet(sim: Sim, obj: KObject): void {
  const spec = obj.spec;
  const us = (spec.updateStrategy = spec.updateStrategy ?? {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    us.rollingUpdate = us.rollingUpdate ?? {};
    if (us.rollingUpdate.maxUnavailable == null) us.rollingUpdate.maxUnavailable = 1;
    if (us.rollingUpdate.maxSurge == null) us.rollingUpdate.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(sim, spec.template);
}

/** ValidateDaemonSetSpec (K/K pkg/apis/apps/validation/validation.go) */
function validateDaemonSet(sim: Sim, obj: KObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.selector) errs.push(required(SPEC.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
    if (selectorIsEmpty(spec.selector)) errs.push(invalid(SPEC.child('selector'), spec.selector, 'empty selector is invalid for daemonset'));
    errs.push(...selectorMatchesTemplate(spec.selector, spec.template, SPEC));
  }
  errs.push(...validatePodTemplate(sim, spec.template, SPEC.child('template')));
  errs.push(...restartPolicyIn(spec.template, ['Always'], SPEC));
  if (spec.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(SPEC.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  const us = spec.updateStrategy ?? {};
  const usPath = SPEC.child('updateStrategy');
  if (us.type !== 'RollingUpdate' && us.type !== 'OnDelete') {
    errs.push(notSupported(usPath.child('type'), us.type ?? '', ['OnDelete', 'RollingUpdate']));
  } else if (us.type === 'RollingUpdate') {
    const ru = us.rollingUpdate ?? {};
    const rp = usPath.child('rollingUpdate');
    errs.push(...intOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')));
    errs.push(...intOrPercent(ru.maxSurge, rp.child('maxSurge')));
    const zero = (v: unknown) => v === 0 || v === '0%';
    if (zero(ru.maxUnavailable) && zero(ru.maxSurge)) {
      errs.push(invalid(rp.child('maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
  } else if (us.rollingUpdate) {
    errs.push(forbidden(usPath.child('rollingUpdate'), "may not be specified when strategy `type` is 'OnDelete'"));
  }
  return errs;
}

export const daemonSetStrategy: Strategy = {
  kind: 'DaemonSet',
  defaults(obj, ctx) {
    obj.spec = obj.spec ?? {};
    if (typeof obj.spec === 'object') defaultDaemonSet(ctx.sim, obj);
  },
  prepareForCreate(obj) {
    obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    dropDisabledTemplateFields(obj.spec?.template, undefined);
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: '1' };
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
    dropDisabledTemplateFields(obj.spec?.template, old.spec?.template);
    const oldGen = Number(old.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '1') || 1;
    const gen = deepEqual(obj.spec?.template, old.spec?.template) ? oldGen : oldGen + 1;
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(gen) };
  },
  validate(obj, ctx) {
    return validateDaemonSet(ctx.sim, obj);
  },
  validateUpdate(obj, old, ctx) {
    const errs = validateDaemonSet(ctx.sim, obj);
    if (!deepEqual(obj.spec?.selector, old.spec?.selector)) errs.push(invalid(SPEC.child('selector'), obj.spec?.selector ?? null, 'field is immutable'));
    return errs;
  },
};
