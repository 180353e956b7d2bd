/**
 * spec.workloadRef in pod templates, with the GenericWorkload gate off (Alpha, off by default in v1.35:
 * kubernetes/kubernetes pkg/features/kube_features.go). Every strategy of a kind with a pod template calls
 * pod.DropDisabledTemplateFields from PrepareForCreate (old template nil) and PrepareForUpdate (pkg/registry/apps/
 * {deployment,replicaset,statefulset,daemonset}/strategy.go, pkg/registry/batch/{job,cronjob}/strategy.go,
 * pkg/registry/core/{replicationcontroller,podtemplate}/strategy.go), whose dropDisabledFields clears the template's
 * spec.workloadRef unless the old template has one (pkg/api/pod/util.go dropDisabledWorkloadRef). The field is
 * gone before validation and before the generation comparison of PrepareForUpdate, so setting it changes nothing.
 * PodTemplate's PrepareForCreate also sets generation 1 (pkg/registry/core/podtemplate/strategy.go).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const REF = '{"name":"training","podGroup":"workers"}';
const podSpec = (ref: boolean) => ({
  ...(ref ? { workloadRef: JSON.parse(REF) } : {}),
  containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }],
});
const template = (ref: boolean, restartPolicy?: string) => ({
  metadata: { labels: { app: 'w' } },
  spec: { ...podSpec(ref), ...(restartPolicy ? { restartPolicy } : {}) },
});
const selector = { matchLabels: { app: 'w' } };

interface Case {
  kind: string;
  resource: string;
  /** JSONPath of the pod template's spec */
  specPath: string;
  /** merge patch that sets the template's workloadRef */
  patch: string;
  doc: (ref: boolean) => Record<string, unknown>;
  /** pods made from the template (by its controller) */
  podsMade: boolean;
}

const inTemplate = `{"spec":{"template":{"spec":{"workloadRef":${REF}}}}}`;
const CASES: Case[] = [
  { kind: 'Deployment', resource: 'deployment.apps', specPath: '.spec.template.spec', patch: inTemplate, podsMade: true, doc: (r) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { replicas: 1, selector, template: template(r) } }) },
  { kind: 'ReplicaSet', resource: 'replicaset.apps', specPath: '.spec.template.spec', patch: inTemplate, podsMade: true, doc: (r) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'w' }, spec: { replicas: 1, selector, template: template(r) } }) },
  { kind: 'StatefulSet', resource: 'statefulset.apps', specPath: '.spec.template.spec', patch: inTemplate, podsMade: true, doc: (r) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'w' }, spec: { replicas: 1, serviceName: 'w', selector, template: template(r) } }) },
  { kind: 'DaemonSet', resource: 'daemonset.apps', specPath: '.spec.template.spec', patch: inTemplate, podsMade: true, doc: (r) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'w' }, spec: { selector, template: template(r) } }) },
  { kind: 'Job', resource: 'job.batch', specPath: '.spec.template.spec', patch: inTemplate, podsMade: true, doc: (r) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'w' }, spec: { template: template(r, 'Never') } }) },
  {
    kind: 'CronJob',
    resource: 'cronjob.batch',
    specPath: '.spec.jobTemplate.spec.template.spec',
    patch: `{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"workloadRef":${REF}}}}}}}`,
    podsMade: false,
    doc: (r) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'w' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template(r, 'OnFailure') } } } }),
  },
  { kind: 'ReplicationController', resource: 'replicationcontroller', specPath: '.spec.template.spec', patch: inTemplate, podsMade: true, doc: (r) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'w' }, spec: { replicas: 1, selector: { app: 'w' }, template: template(r) } }) },
  { kind: 'PodTemplate', resource: 'podtemplate', specPath: '.template.spec', patch: `{"template":{"spec":{"workloadRef":${REF}}}}`, podsMade: false, doc: (r) => ({ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'w' }, template: template(r) }) },
];

describe('pod templates: spec.workloadRef is dropped while GenericWorkload is off', () => {
  for (const tc of CASES) {
    it(`${tc.kind}: on create and on update`, () => {
      const c = createCluster();
      const r = c.run(`kubectl create -f - <<'EOF'\n${JSON.stringify(tc.doc(true))}\nEOF`);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${tc.resource}/w created\n`);
      const kind = tc.kind.toLowerCase();
      expect(c.run(`kubectl get ${kind} w -o jsonpath='{${tc.specPath}}'`).stdout).not.toContain('workloadRef');
      expect(c.run(`kubectl get ${kind} w -o jsonpath='{.metadata.generation}'`).stdout).toBe('1');
      if (tc.podsMade) {
        const pods = c.run(`kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.spec.workloadRef}{"\\n"}{end}'`).stdout;
        expect(pods.trim()).not.toBe('');
        expect(pods).not.toContain('training');
      }
      // an update that only adds the field changes nothing: no workloadRef, no new generation
      expect(c.run(`kubectl patch ${kind} w --type=merge -p '${tc.patch}'`).exitCode).toBe(0);
      expect(c.run(`kubectl get ${kind} w -o jsonpath='{${tc.specPath}}'`).stdout).not.toContain('workloadRef');
      expect(c.run(`kubectl get ${kind} w -o jsonpath='{.metadata.generation}'`).stdout).toBe('1');
    });
  }

  it('a template without the field keeps its other fields (PodTemplate defaults as a pod spec)', () => {
    const c = createCluster();
    c.run(`kubectl create -f - <<'EOF'\n${JSON.stringify(CASES[CASES.length - 1].doc(false))}\nEOF`);
    const spec = JSON.parse(c.run(`kubectl get podtemplate w -o jsonpath='{.template.spec}'`).stdout);
    expect(spec.containers[0].image).toBe('busybox');
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.dnsPolicy).toBe('ClusterFirst');
  });
});
