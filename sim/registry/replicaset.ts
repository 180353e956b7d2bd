/**
 * Strategies of ReplicaSet and ReplicationController
 * (K/K pkg/apis/apps/v1/defaults.go, pkg/apis/core/v1/defaults.go
 * SetDefaults_ReplicationController, pkg/apis/apps/validation,
 * pkg/apis/core/validation ValidateReplicationController,
 * pkg/registry/apps/replicaset/strategy.go); the Deployment's is in ./deployment.ts.
 */
import type { KObject, StoredObject } from '../api/types';
import type { Sim } from '../sim';
import type { Strategy } from './strategy';
import { podSpecWarnings } from './pod';
import { Path, invalid, required, type FieldError } from '../validation/field';
import { deepEqual } from './apiserver';
import { defaultPodTemplate, dropDisabledTemplateFields, nonNegative, restartPolicyIn, selectorIsEmpty, selectorMatchesTemplate, validateLabelSelector, validatePodTemplate } from './workloads-common';
import { validateLabels } from './meta';

type C = Record<string, any>;
const SPEC = Path.root('spec');

export function immutableSelector(obj: KObject, old: StoredObject): FieldError[] {
  if (!deepEqual((obj.spec as C)?.selector, (old.spec as C)?.selector)) return [invalid(SPEC.child('selector'), (obj.spec as C)?.selector, 'field is immutable')];
  return [];
}

export function validateAppsSelector(sim: Sim, spec: C, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.selector) errs.push(required(SPEC.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
    if (selectorIsEmpty(spec.selector)) errs.push(invalid(SPEC.child('selector'), spec.selector, `empty selector is invalid for ${kind}`));
    else errs.push(...selectorMatchesTemplate(spec.selector, spec.template, SPEC));
  }
  errs.push(...validatePodTemplate(sim, spec.template, SPEC.child('template')));
  errs.push(...restartPolicyIn(spec.template, ['Always'], SPEC));
  errs.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  return errs;
}

export function replicaSetStrategy(sim: Sim): Strategy {
  return {
    kind: 'ReplicaSet',
    warnings: (obj) => podSpecWarnings((obj.spec as C)?.template?.spec, 'spec.template.spec'),
    hasGeneration: true,
    defaults(obj) {
      const spec = (obj.spec ??= {}) as C;
      spec.replicas ??= 1;
      defaultPodTemplate(sim, spec.template);
    },
    prepareForCreate(obj) {
      // apps/v1 ReplicaSetStatus: replicas has no omitempty (the create response says status: {replicas: 0})
      obj.status = { replicas: 0 };
      dropDisabledTemplateFields((obj.spec as C)?.template, undefined);
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
      dropDisabledTemplateFields((obj.spec as C)?.template, (old.spec as C)?.template);
    },
    validate(obj) {
      return validateAppsSelector(sim, (obj.spec ?? {}) as C, 'replicaset');
    },
    validateUpdate(obj, old) {
      return [...validateAppsSelector(sim, (obj.spec ?? {}) as C, 'replicaset'), ...immutableSelector(obj, old)];
    },
  };
}

export function replicationControllerStrategy(sim: Sim): Strategy {
  const validate = (obj: KObject): FieldError[] => {
    const spec = (obj.spec ?? {}) as C;
    const errs: FieldError[] = [];
    const sel = spec.selector as Record<string, string> | undefined;
    if (!sel || !Object.keys(sel).length) errs.push(required(SPEC.child('selector'), ''));
    else {
      errs.push(...validateLabels(sel, SPEC.child('selector')));
      const labels = (spec.template?.metadata?.labels ?? {}) as Record<string, string>;
      if (Object.entries(sel).some(([k, v]) => labels[k] !== v)) {
        errs.push(invalid(SPEC.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
      }
    }
    if (!spec.template) errs.push(required(SPEC.child('template'), ''));
    else errs.push(...validatePodTemplate(sim, spec.template, SPEC.child('template')));
    errs.push(...restartPolicyIn(spec.template, ['Always'], SPEC));
    errs.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
    return errs;
  };
  return {
    kind: 'ReplicationController',
    warnings: (obj) => podSpecWarnings((obj.spec as C)?.template?.spec, 'spec.template.spec'),
    hasGeneration: true,
    defaults(obj) {
      const spec = (obj.spec ??= {}) as C;
      const labels = spec.template?.metadata?.labels;
      if (labels) {
        if (!spec.selector || !Object.keys(spec.selector).length) spec.selector = { ...labels };
        if (!obj.metadata.labels || !Object.keys(obj.metadata.labels).length) obj.metadata.labels = { ...labels };
      }
      spec.replicas ??= 1;
      defaultPodTemplate(sim, spec.template);
    },
    prepareForCreate(obj) {
      // core/v1 ReplicationControllerStatus: replicas has no omitempty
      obj.status = { replicas: 0 };
      dropDisabledTemplateFields((obj.spec as C)?.template, undefined);
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
      dropDisabledTemplateFields((obj.spec as C)?.template, (old.spec as C)?.template);
    },
    validate,
    validateUpdate: (obj) => validate(obj),
  };
}
