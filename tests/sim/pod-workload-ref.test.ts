/**
 * PodSpec.workloadRef belongs to the GenericWorkload feature gate, Alpha and off by default in v1.35
 * (kubernetes/kubernetes pkg/features/kube_features.go: GenericWorkload {Version 1.35, Default false, Alpha}). The
 * pod strategy's PrepareForCreate/PrepareForUpdate call podutil.DropDisabledPodFields, whose
 * dropDisabledWorkloadRef (pkg/api/pod/util.go) clears the field unless the gate is on or the old pod already
 * has one: the API server accepts a manifest that sets it, validates nothing of it and stores the pod without it.
 * The OpenAPI document still describes the field (it is generated from the Go types, gates or not; k8s-openapi
 * src/v1_35 pod_spec.rs has workload_ref), so kubectl explain lists it.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const manifest = (name: string, ref: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  workloadRef:\n${ref}  containers:\n  - name: c\n    image: nginx\n`;

describe('spec.workloadRef with the GenericWorkload gate off', () => {
  it('is dropped on create, even when it would not validate', () => {
    const c = createCluster();
    const r = c.run(`kubectl create -f - <<EOF\n${manifest('w1', '    name: training\n    podGroup: workers\n')}EOF`);
    expect(r.stdout).toBe('pod/w1 created\n');
    expect(r.exitCode).toBe(0);
    expect(c.run("kubectl get pod w1 -o jsonpath='{.spec}'").stdout).not.toContain('workloadRef');
    expect(c.run('kubectl get pod w1 -o yaml').stdout).not.toContain('workloadRef');
    // podGroup is required in WorkloadReference, but the field is gone before validation
    expect(c.run(`kubectl create -f - <<EOF\n${manifest('w2', '    name: training\n')}EOF`).stdout).toBe('pod/w2 created\n');
  });

  it('is dropped on update of a pod that has none', () => {
    const c = createCluster();
    const plain = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w3\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    expect(c.run(`kubectl apply -f - <<EOF\n${plain}EOF`).stdout).toBe('pod/w3 created\n');
    // the apply patch adds workloadRef and changes the last-applied annotation: only the annotation is kept
    const r = c.run(`kubectl apply -f - <<EOF\n${manifest('w3', '    name: b\n    podGroup: g\n')}EOF`);
    expect(r.stdout).toBe('pod/w3 configured\n');
    expect(r.stderr).toBe('');
    const yaml = c.run('kubectl get pod w3 -o yaml').stdout;
    expect(yaml).toContain('kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"w3","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"c"}],"workloadRef":{"name":"b","podGroup":"g"}}}\n');
    expect(yaml.replace(/last-applied-configuration: \|\n.*\n/, '')).not.toContain('workloadRef');
  });

  it('is still listed by kubectl explain', () => {
    const c = createCluster();
    expect(c.run('kubectl explain pod.spec').stdout).toContain('\n  workloadRef\t<WorkloadReference>\n');
  });
});
