/**
 * What rollout undo --dry-run=client prints, and the order run --expose creates and prints its objects in.
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io, read at master around v1.35):
 * - kubectl pkg/cmd/rollout/rollout_undo.go (o.ToPrinter(result) with PrintFlagsWithDryRunStrategy) and
 *   pkg/polymorphichelpers/rollback.go DeploymentRollbacker.Rollback: deploymentRevision first, then with
 *   DryRunClient `return printTemplate(&rsForRevision.Spec.Template)` before the paused check; history.go
 *   printTemplate: describe.DescribePodTemplate on a PrefixWriter (tabs kept).
 * - kubectl pkg/cmd/run/run.go Run: createGeneratedObject for the Pod, then generateService (created, printed at
 *   once, "---" for -o yaml), its error appended to allErrs and returned after the Pod is printed;
 *   pkg/generate/versioned/service.go: metadata.labels from --labels.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

describe('rollout undo --dry-run=client: the revision\'s pod template as the operation', () => {
  it('prints the ReplicaSet\'s template (hash label kept, tabs as written) before " (dry run)"; before the paused check', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment d --image=nginx');
    run(c, 'kubectl set image deploy/d nginx=nginx:1.25');
    const hash = run(c, "kubectl get rs -l app=d -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image} {.metadata.labels.pod-template-hash}{\"\\n\"}{end}' | grep '^nginx '").out.split(' ')[1].trim();
    const want =
      'deployment.apps/d Pod Template:\n  Labels:\tapp=d\n\tpod-template-hash=' + hash + '\n  Containers:\n   nginx:\n    Image:\tnginx\n    Port:\t<none>\n    Host Port:\t<none>\n' +
      '    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n (dry run)\n';
    expect(run(c, 'kubectl rollout undo deploy/d --dry-run=client')).toEqual({ out: want, err: '', code: 0 });
    expect(run(c, "kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0].image}'").out).toBe('nginx:1.25');
    expect(run(c, 'kubectl rollout undo deploy/d --dry-run=client -o name').out).toBe('deployment.apps/d\n');
    expect(run(c, "kubectl rollout undo deploy/d --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].image}'").out).toBe('nginx:1.25');
    run(c, 'kubectl rollout pause deploy/d');
    expect(run(c, 'kubectl rollout undo deploy/d --dry-run=client').out).toBe(want);
    expect(run(c, 'kubectl rollout undo deploy/d --dry-run=server').err).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/d' and try again\n");
    // the revision is looked for first
    expect(run(c, 'kubectl rollout undo deploy/d --to-revision=7').err).toBe('error: unable to find specified revision 7 in history\n');
    expect(run(c, 'kubectl rollout undo deploy/d --to-revision=-1 --dry-run=client').err).toBe('error: unable to find specified revision -1 in history\n');
  });
});

describe('run --expose: the Pod first, then the Service (printed first)', () => {
  it('creates the Pod before the Service; a Service error comes after the Pod is printed', () => {
    const c = createCluster();
    expect(run(c, 'kubectl run web --image=nginx --port=80 --expose')).toEqual({ out: 'service/web created\npod/web created\n', err: '', code: 0 });
    run(c, 'kubectl create service clusterip taken --tcp=80');
    expect(run(c, 'kubectl run taken --image=nginx --port=80 --expose')).toEqual({ out: 'pod/taken created\n', err: 'Error from server (AlreadyExists): services "taken" already exists\n', code: 1 });
    expect(run(c, 'kubectl get pod taken -o name').out).toBe('pod/taken\n');
    run(c, 'kubectl create deployment busy --image=nginx');
    run(c, 'kubectl run lone --image=nginx');
    expect(run(c, 'kubectl run lone --image=nginx --port=80 --expose')).toEqual({ out: '', err: 'Error from server (AlreadyExists): pods "lone" already exists\n', code: 1 });
    expect(run(c, 'kubectl get svc lone').err).toBe('Error from server (NotFound): services "lone" not found\n');
  });

  it('--labels label the Service too; --dry-run=client -n puts the namespace on both', () => {
    const c = createCluster();
    const out = run(c, 'kubectl run w --image=nginx --port=8080 --labels=app=w,tier=f --expose --dry-run=client -n kube-system -o json').out;
    const [svc, pod] = out.split(/\n(?=\{)/).map((j) => JSON.parse(j));
    expect(svc.metadata).toEqual({ name: 'w', namespace: 'kube-system', labels: { app: 'w', tier: 'f' } });
    expect(Object.keys(svc.metadata)).toEqual(['name', 'namespace', 'labels']);
    expect(svc.spec).toEqual({ ports: [{ protocol: 'TCP', port: 8080, targetPort: 8080 }], selector: { app: 'w', tier: 'f' } });
    expect(pod.metadata).toEqual({ name: 'w', namespace: 'kube-system', labels: { app: 'w', tier: 'f' } });
    expect(JSON.parse(run(c, 'kubectl run v --image=nginx --port=80 --expose --dry-run=client -o json').out.split(/\n(?=\{)/)[0]).metadata).toEqual({ name: 'v' });
  });
});
