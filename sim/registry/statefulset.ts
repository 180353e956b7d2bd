import { clone } from '../api/clone';
import type { KObject } from '../api/types';
import { deepEqual } from './apiserver';
import { Path, forbidden, invalid, notSupported, required, type FieldError } from '../validation/field';
import { isDNS1123Subdomain } from '../validation/names';
import type { Strategy } from './strategy';
import type { Sim } from '../sim';
import {
  defaultPodTemplate,
  dropDisabledTemplateFields,
  nonNegative,
  restartPolicyIn,
  selectorIsEmpty,
  selectorMatchesTemplate,
  validateLabelSelector,
  validatePodTemplate,
} from './workloads-common';

const SPEC = Path.root('spec');

/** SetDefaults_StatefulSet (K/K pkg/apis/apps/v1/defaults.go; reference §3.3). */
function defaultStatefulSet(sim: Sim, obj: KObject): void {
  const spec = obj.spec;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const us = (spec.updateStrategy = spec.updateStrategy ?? {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    us.rollingUpdate = us.rollingUpdate ?? {};
    if (us.rollingUpdate.partition == null) us.rollingUpdate.partition = 0;
  }
  if (spec.replicas == null) spec.replicas = 1;
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  const rp = (spec.persistentVolumeClaimRetentionPolicy = spec.persistentVolumeClaimRetentionPolicy ?? {});
  if (!rp.whenDeleted) rp.whenDeleted = 'Retain';
  if (!rp.whenScaled) rp.whenScaled = 'Retain';
  // volumeClaimTemplates are PersistentVolumeClaims: SetDefaults_PersistentVolumeClaim(Spec) applies to them.
  for (const t of spec.volumeClaimTemplates ?? []) {
    if (!t || typeof t !== 'object') continue;
    t.apiVersion = t.apiVersion ?? 'v1';
    t.kind = t.kind ?? 'PersistentVolumeClaim';
    t.spec = t.spec ?? {};
    if (!t.spec.volumeMode) t.spec.volumeMode = 'Filesystem';
    t.status = { phase: 'Pending', ...(t.status ?? {}) };
  }
  defaultPodTemplate(sim, spec.template);
}

/** ValidateStatefulSetSpec (K/K pkg/apis/apps/validation/validation.go) */
function validateStatefulSet(sim: Sim, obj: KObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.podManagementPolicy !== 'OrderedReady' && spec.podManagementPolicy !== 'Parallel') {
    errs.push(notSupported(SPEC.child('podManagementPolicy'), spec.podManagementPolicy ?? '', ['OrderedReady', 'Parallel']));
  }
  const us = spec.updateStrategy ?? {};
  const usPath = SPEC.child('updateStrategy');
  if (us.type === 'RollingUpdate') {
    errs.push(...nonNegative(us.rollingUpdate?.partition, usPath.child('rollingUpdate', 'partition')));
  } else if (us.type === 'OnDelete') {
    if (us.rollingUpdate) errs.push(invalid(usPath.child('rollingUpdate'), us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else {
    errs.push(notSupported(usPath.child('type'), us.type ?? '', ['OnDelete', 'RollingUpdate']));
  }
  const rp = spec.persistentVolumeClaimRetentionPolicy ?? {};
  for (const f of ['whenDeleted', 'whenScaled']) {
    if (!['Retain', 'Delete'].includes(rp[f])) {
      errs.push(notSupported(SPEC.child('persistentVolumeClaimRetentionPolicy', f), rp[f] ?? '', ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  if (spec.ordinals) errs.push(...nonNegative(spec.ordinals.start, SPEC.child('ordinals', 'start')));
  if (!spec.selector) errs.push(required(SPEC.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
    if (selectorIsEmpty(spec.selector)) errs.push(invalid(SPEC.child('selector'), spec.selector, 'empty selector is invalid for statefulset'));
    errs.push(...selectorMatchesTemplate(spec.selector, spec.template, SPEC));
  }
  errs.push(...validatePodTemplate(sim, spec.template, SPEC.child('template')));
  errs.push(...restartPolicyIn(spec.template, ['Always'], SPEC));
  if (spec.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(SPEC.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  (spec.volumeClaimTemplates ?? []).forEach((t: any, i: number) => {
    const p = SPEC.child('volumeClaimTemplates').index(i);
    const n = t?.metadata?.name;
    if (!n) errs.push(required(p.child('metadata', 'name'), 'name or generateName is required'));
    else for (const m of isDNS1123Subdomain(n)) errs.push(invalid(p.child('metadata', 'name'), n, m));
    if (!t?.spec?.accessModes?.length) errs.push(required(p.child('spec', 'accessModes'), 'at least 1 access mode is required'));
    if (!t?.spec?.resources?.requests?.storage && !t?.spec?.dataSourceRef) {
      errs.push(required(p.child('spec', 'resources').key('storage'), ''));
    }
  });
  return errs;
}

/** Fields of spec a StatefulSet update may change (v1.35; reference §2.8). */
const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export const statefulSetStrategy: Strategy = {
  kind: 'StatefulSet',
  defaults(obj, ctx) {
    obj.spec = obj.spec ?? {};
    if (typeof obj.spec === 'object') defaultStatefulSet(ctx.sim, obj);
  },
  prepareForCreate(obj) {
    obj.status = { availableReplicas: 0, replicas: 0 };
    dropDisabledTemplateFields(obj.spec?.template, undefined);
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
    dropDisabledTemplateFields(obj.spec?.template, old.spec?.template);
  },
  validate(obj, ctx) {
    return validateStatefulSet(ctx.sim, obj);
  },
  validateUpdate(obj, old, ctx) {
    const errs = validateStatefulSet(ctx.sim, obj);
    const a = clone(obj.spec ?? {});
    const b = clone(old.spec ?? {});
    for (const f of MUTABLE) {
      delete a[f];
      delete b[f];
    }
    if (!deepEqual(a, b)) {
      errs.push(
        forbidden(
          SPEC,
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
    return errs;
  },
};
