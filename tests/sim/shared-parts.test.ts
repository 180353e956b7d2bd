/**
 * Parts that admission adds to every pod the same way are one frozen object shared by all pods (the token
 * volume's projection of the ServiceAccount plugin, DefaultTolerationSeconds' two tolerations: K/K
 * plugin/pkg/admission/serviceaccount/admission.go, plugin/pkg/admission/defaulttolerationseconds/admission.go).
 * Writes to one pod must give it its own copy and leave the other pods as they were. Also: validateOnlyAddedTolerations
 * (K/K pkg/apis/core/validation/validation.go) compares tolerations with reflect.DeepEqual of the Go structs, so the
 * order of a request's keys does not matter (the simulator compared JSON texts and refused a reordered toleration).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

describe('shared admission parts', () => {
  it('a toleration patched onto one pod, and a pod edited as a whole, leave the others unchanged', () => {
    const c = createCluster();
    c.run('kubectl run a --image=nginx');
    c.run('kubectl run b --image=nginx');
    const before = JSON.parse(JSON.stringify(c.get('Pod', 'default', 'b')!.spec));
    // validateOnlyAddedTolerations: adding one is allowed
    const p = c.run(`kubectl patch pod a --type=json -p '[{"op":"add","path":"/spec/tolerations/-","value":{"key":"k","operator":"Exists","effect":"NoSchedule"}}]'`);
    expect(p.stderr).toBe('');
    expect(p.stdout).toBe('pod/a patched\n');
    // a strategic merge patch replaces the list (tolerations have no patch merge key): it must keep the existing ones
    const merged = c.run(
      `kubectl patch pod a -p '{"spec":{"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":200},{"key":"k","operator":"Exists","effect":"NoSchedule"},{"key":"k2","operator":"Exists"}]}}'`,
    );
    expect(merged.stderr).toBe('');
    const a = c.get('Pod', 'default', 'a')!;
    expect(a.spec!.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 200 },
      { effect: 'NoSchedule', key: 'k', operator: 'Exists' },
      { key: 'k2', operator: 'Exists' },
    ]);
    // the whole object back through replace (what kubectl edit sends)
    const y = c.run('kubectl get pod b -o yaml').stdout;
    const r = c.run('kubectl replace -f - <<EOF\n' + y.replace('  labels:\n    run: b', '  labels:\n    run: b\n    x: z') + 'EOF');
    expect(r.stderr).toBe('');
    expect(c.get('Pod', 'default', 'b')!.metadata.labels).toEqual({ run: 'b', x: 'z' });
    expect(c.get('Pod', 'default', 'b')!.spec).toEqual(before);
    // a third pod still gets the parts as they were
    c.run('kubectl run d --image=nginx');
    const d = c.get('Pod', 'default', 'd')!.spec!;
    expect(d.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
    expect((d.volumes as { projected: unknown }[])[0].projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
  });
});
