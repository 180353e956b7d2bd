import { clone } from '../api/clone';
import type { KObject, StoredObject } from '../api/types';
import { deepEqual } from './apiserver';
import { Path, invalid, notSupported, required, type FieldError } from '../validation/field';
import { isDNS1123Label } from '../validation/names';
import type { Strategy } from './strategy';
import type { Sim } from '../sim';
import {
  defaultPodTemplate,
  dropDisabledTemplateFields,
  nonNegative,
  restartPolicyIn,
  selectorMatchesTemplate,
  validateLabelSelector,
  validatePodTemplate,
} from './workloads-common';

/** Label and annotation keys of batch/v1 (k8s.io/api/batch/v1/types.go). */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

const SPEC = Path.root('spec');

/** SetDefaults_Job (K/K pkg/apis/batch/v1/defaults.go). */
export function defaultJobSpec(spec: any): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism == null) spec.parallelism = 1;
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  if (spec.completionMode == null) spec.completionMode = 'NonIndexed';
  if (spec.suspend == null) spec.suspend = false;
  if (spec.podReplacementPolicy == null) spec.podReplacementPolicy = spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (spec.manualSelector == null) spec.manualSelector = false;
}

/** job strategy generateSelector (K/K pkg/registry/batch/job/strategy.go). */
function generateSelector(job: KObject): void {
  const t = (job.spec.template = job.spec.template ?? {});
  t.metadata = t.metadata ?? {};
  const labels = (t.metadata.labels = t.metadata.labels ?? {});
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = job.metadata.name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = job.metadata.uid;
  job.spec.selector = job.spec.selector ?? {};
  job.spec.selector.matchLabels = job.spec.selector.matchLabels ?? {};
  if (!(CONTROLLER_UID_LABEL in job.spec.selector.matchLabels)) job.spec.selector.matchLabels[CONTROLLER_UID_LABEL] = job.metadata.uid;
}

/**
 * Job labels default to the template labels when empty; in Go the two maps
 * are the same map, so what generateSelector adds shows up on the Job too.
 */
function defaultLabelsFromTemplate(job: KObject): void {
  const tl = job.spec?.template?.metadata?.labels;
  if (tl && !Object.keys(job.metadata.labels ?? {}).length) job.metadata.labels = clone(tl);
}

/** validateJobSpec (pkg/apis/batch/validation/validation.go), shared with CronJob's jobTemplate. */
export function validateJobSpecCommon(sim: Sim, spec: any, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, path.child('parallelism')));
  errs.push(...nonNegative(spec.completions, path.child('completions')));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, path.child('activeDeadlineSeconds')));
  if (spec.activeDeadlineSeconds === 0) errs.push(invalid(path.child('activeDeadlineSeconds'), 0, 'must be greater than 0'));
  errs.push(...nonNegative(spec.backoffLimit, path.child('backoffLimit')));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, path.child('ttlSecondsAfterFinished')));
  if (spec.completionMode != null && spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
    errs.push(notSupported(path.child('completionMode'), spec.completionMode, ['NonIndexed', 'Indexed']));
  }
  if (spec.completionMode === 'Indexed') {
    if (spec.completions == null) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
    else if (spec.completions > 100000) errs.push(invalid(path.child('completions'), spec.completions, 'must be less than or equal to 100000 when completion mode is Indexed'));
  }
  if (spec.podReplacementPolicy != null && !['TerminatingOrFailed', 'Failed'].includes(spec.podReplacementPolicy)) {
    errs.push(notSupported(path.child('podReplacementPolicy'), spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  }
  errs.push(...validatePodTemplate(sim, spec.template, path.child('template')));
  errs.push(...restartPolicyIn(spec.template, ['OnFailure', 'Never'], path));
  if (spec.template?.spec?.activeDeadlineSeconds != null) {
    // pod-level activeDeadlineSeconds is allowed in Jobs
  }
  return errs;
}

function validateJob(sim: Sim, job: KObject): FieldError[] {
  const spec = job.spec ?? {};
  const errs: FieldError[] = [];
  // ValidateGeneratedSelector
  if (!spec.manualSelector && spec.selector) {
    const l = spec.template?.metadata?.labels ?? {};
    for (const [k, v] of [
      [LEGACY_CONTROLLER_UID_LABEL, job.metadata.uid],
      [LEGACY_JOB_NAME_LABEL, job.metadata.name],
      [CONTROLLER_UID_LABEL, job.metadata.uid],
      [JOB_NAME_LABEL, job.metadata.name],
    ] as const) {
      const p = Path.root('spec', 'template', 'metadata').child('labels');
      if (!(k in l)) errs.push(required(p.key(k), `must be '${v}'`));
      else if (l[k] !== v) errs.push(invalid(p.key(k), l, `must be '${v}'`));
    }
    const ml = spec.selector.matchLabels ?? {};
    if (CONTROLLER_UID_LABEL in ml && ml[CONTROLLER_UID_LABEL] !== job.metadata.uid) {
      errs.push(invalid(SPEC.child('selector'), spec.selector, '`selector` not auto-generated'));
    }
  }
  errs.push(...validateJobSpecCommon(sim, spec, SPEC));
  if (!spec.selector) errs.push(required(SPEC.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
    errs.push(...selectorMatchesTemplate(spec.selector, spec.template, SPEC));
  }
  return errs;
}

/** Scheduling directives that may change while a suspended Job has never started. */
function stripSchedulingDirectives(t: any): any {
  const c = clone(t ?? {});
  if (c.spec) {
    delete c.spec.nodeSelector;
    delete c.spec.affinity;
    delete c.spec.tolerations;
    delete c.spec.schedulingGates;
  }
  if (c.metadata) {
    delete c.metadata.labels;
    delete c.metadata.annotations;
  }
  return c;
}

/** ValidateJobSpecUpdate */
function validateJobUpdate(job: KObject, old: StoredObject): FieldError[] {
  const errs: FieldError[] = [];
  const s = job.spec ?? {};
  const o = old.spec ?? {};
  const immutable = (f: string) => {
    if (!deepEqual(s[f], o[f])) errs.push(invalid(SPEC.child(f), s[f] ?? null, 'field is immutable'));
  };
  // Elastic Indexed Jobs: completions may change together with parallelism.
  if (!(s.completionMode === 'Indexed' && s.completions === s.parallelism && o.completions === o.parallelism)) immutable('completions');
  immutable('selector');
  const mutableScheduling = !!o.suspend && !old.status?.startTime;
  if (mutableScheduling ? !deepEqual(stripSchedulingDirectives(s.template), stripSchedulingDirectives(o.template)) : !deepEqual(s.template, o.template)) {
    errs.push(invalid(SPEC.child('template'), s.template, 'field is immutable'));
  }
  immutable('completionMode');
  immutable('podFailurePolicy');
  immutable('backoffLimitPerIndex');
  return errs;
}

export const jobStrategy: Strategy = {
  kind: 'Job',
  defaults(obj, ctx) {
    obj.spec = obj.spec ?? {};
    if (typeof obj.spec !== 'object') return;
    defaultJobSpec(obj.spec);
    defaultPodTemplate(ctx.sim, obj.spec.template);
    defaultLabelsFromTemplate(obj);
  },
  prepareForCreate(obj) {
    if (!obj.spec.manualSelector) generateSelector(obj);
    defaultLabelsFromTemplate(obj);
    delete obj.status;
    obj.status = {};
    dropDisabledTemplateFields(obj.spec?.template, undefined);
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
    dropDisabledTemplateFields(obj.spec?.template, old.spec?.template);
    defaultLabelsFromTemplate(obj);
  },
  validate(obj, ctx) {
    const errs = validateJob(ctx.sim, obj);
    return errs;
  },
  validateUpdate(obj, old, ctx) {
    return [...validateJob(ctx.sim, obj), ...validateJobUpdate(obj, old)];
  },
};

/** WarningsOnCreate: a Job name that is not a DNS label (pods and hostnames use it). */
export function jobNameWarning(name: string): string | undefined {
  const msgs = isDNS1123Label(name);
  if (!msgs.length) return undefined;
  return `metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`;
}
