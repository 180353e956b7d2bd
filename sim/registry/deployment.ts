/**
 * The Deployment strategy and its status strategy (kubernetes/kubernetes pkg/registry/apps/deployment/strategy.go,
 * v1.33+ line: dropDisabledStatusFields for DeploymentReplicaSetTerminatingReplicas; defaults in
 * pkg/apis/apps/v1/defaults.go SetDefaults_Deployment, validation in pkg/apis/apps/validation ValidateDeployment).
 *
 * - PrepareForCreate: status reset, generation 1 (the API server sets it for kinds with `hasGeneration`).
 * - PrepareForUpdate: status kept; generation + 1 when the spec OR the annotations changed ("annotation updates
 *   bump the generation because annotations are copied from deployments to their replica sets",
 *   apiequality.Semantic.DeepEqual: a nil and an empty map are equal). The other apps kinds bump on spec changes
 *   only (replicaset, statefulset, daemonset strategy.go).
 * - deploymentStatusStrategy.PrepareForUpdate: a /status write keeps the stored spec AND labels
 *   (`newDeployment.Spec = oldDeployment.Spec; newDeployment.Labels = oldDeployment.Labels`, GetResetFields
 *   "spec", "metadata.labels"); annotations go through, without a generation bump — the deployment
 *   controller writes the revision annotation this way (pkg/controller/deployment/sync.go getNewReplicaSet:
 *   SetDeploymentRevision, then UpdateStatus).
 */
import type { KObject } from '../api/types';
import type { Sim } from '../sim';
import type { Strategy } from './strategy';
import { podSpecWarnings } from './pod';
import { Path, forbidden, invalid, notSupported, type FieldError } from '../validation/field';
import { deepEqual } from './apiserver';
import { defaultPodTemplate, dropDisabledTemplateFields, intOrPercent, nonNegative } from './workloads-common';
import { immutableSelector, validateAppsSelector } from './replicaset';

type C = Record<string, any>;
const SPEC = Path.root('spec');

/** apiequality.Semantic.DeepEqual of two annotation maps: no map and an empty one are equal. */
function sameAnnotations(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const empty = (m: Record<string, string> | undefined) => !m || !Object.keys(m).length;
  return empty(a) && empty(b) ? true : deepEqual(a, b);
}

export function deploymentStrategy(sim: Sim): Strategy {
  const validate = (obj: KObject): FieldError[] => {
    const spec = (obj.spec ?? {}) as C;
    const errs = validateAppsSelector(sim, spec, 'deployment');
    const st = spec.strategy ?? {};
    const sp = SPEC.child('strategy');
    if (st.type !== 'RollingUpdate' && st.type !== 'Recreate') errs.push(notSupported(sp.child('type'), st.type ?? '', ['Recreate', 'RollingUpdate']));
    // K/K pkg/apis/apps/validation ValidateDeploymentStrategy: field.Forbidden
    if (st.type === 'Recreate' && st.rollingUpdate) errs.push(forbidden(sp.child('rollingUpdate'), 'may not be specified when strategy `type` is \'Recreate\''));
    if (st.type === 'RollingUpdate' && st.rollingUpdate) {
      const ru = st.rollingUpdate;
      const rp = sp.child('rollingUpdate');
      errs.push(...intOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')));
      errs.push(...intOrPercent(ru.maxSurge, rp.child('maxSurge')));
      const zero = (v: unknown) => v === 0 || v === '0%';
      if (zero(ru.maxUnavailable) && zero(ru.maxSurge)) errs.push(invalid(rp.child('maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
    if (typeof spec.progressDeadlineSeconds === 'number' && typeof spec.minReadySeconds === 'number' && spec.progressDeadlineSeconds <= spec.minReadySeconds) {
      errs.push(invalid(SPEC.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
    return errs;
  };
  return {
    kind: 'Deployment',
    warnings: (obj) => podSpecWarnings((obj.spec as C)?.template?.spec, 'spec.template.spec'),
    hasGeneration: true,
    defaults(obj) {
      const spec = (obj.spec ??= {}) as C;
      spec.replicas ??= 1;
      const st = (spec.strategy ??= {});
      st.type ??= 'RollingUpdate';
      if (st.type === 'RollingUpdate') {
        st.rollingUpdate ??= {};
        st.rollingUpdate.maxUnavailable ??= '25%';
        st.rollingUpdate.maxSurge ??= '25%';
      }
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      defaultPodTemplate(sim, spec.template);
    },
    prepareForCreate(obj) {
      // apps/v1 DeploymentStatus: every field omitempty, the struct itself is always encoded (status: {})
      obj.status = {};
      dropDisabledTemplateFields((obj.spec as C)?.template, undefined);
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
      dropDisabledTemplateFields((obj.spec as C)?.template, (old.spec as C)?.template);
      // the spec half of the comparison is the API server's (specFields); this is the annotations half
      if (!sameAnnotations(obj.metadata.annotations, old.metadata.annotations)) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    },
    prepareForStatusUpdate(obj, old) {
      if (old.metadata.labels === undefined) delete obj.metadata.labels;
      else obj.metadata.labels = old.metadata.labels;
    },
    validate,
    validateUpdate(obj, old) {
      return [...validate(obj), ...immutableSelector(obj, old)];
    },
  };
}
