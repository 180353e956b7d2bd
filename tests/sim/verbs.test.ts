/**
 * kubectl verbs added in sim/kubectl/: describe, create <sub>, run, expose,
 * rollout, auth can-i, config set-context.
 *
 * Expected texts are what real kubectl v1.35 prints. Sources:
 *   reference §n = /work/shared/reference/kubernetes-behaviour.md (source-cited)
 *   kubectl <path> = a file of the kubernetes/kubectl repository.
 * Where the simulator disagrees with real kubectl the case carries `fails`
 * (the REAL output is asserted and the case runs under `it.fails`); the text of
 * `fails` says what the simulator prints instead.
 *
 * Each describe-group gets its own cluster (createCluster({ seed: 1 })), and its
 * cases run in order against it, so later rows see the state earlier rows made.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../sim/index';

interface Result {
  out: string;
  err: string;
  code: number;
}

interface Case {
  /** shell line run in the group's cluster */
  cmd: string;
  /** exact stdout (string) or a pattern it must match */
  out?: string | RegExp;
  /** substrings stdout must contain (for long, partly nondeterministic texts) */
  contains?: string[];
  /** exact stderr; '' when omitted */
  err?: string;
  /** exit code; 1 when `err` is given, else 0 */
  code?: number;
  /** further checks (objects in the store, derived expectations) */
  check?: (c: Cluster, r: Result) => void;
  /** the simulator differs from real kubectl: what it prints instead (case runs as it.fails) */
  fails?: string;
  name?: string;
}

function sh(c: Cluster, cmd: string): Result {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

/** One cluster for the enclosing describe-group, prepared by `setup` (each line must succeed). */
function cluster(setup: string[] = []): () => Cluster {
  let c: Cluster | undefined;
  beforeAll(() => {
    c = createCluster({ seed: 1 });
    for (const line of setup) expect(sh(c, line), line).toMatchObject({ code: 0 });
  });
  return () => c!;
}

function table(get: () => Cluster, cases: Case[]): void {
  for (const tc of cases) {
    const test = tc.fails ? it.fails : it;
    test(tc.name ?? tc.cmd, () => {
      const c = get();
      const r = sh(c, tc.cmd);
      if (typeof tc.out === 'string') expect(r.out).toBe(tc.out);
      else if (tc.out) expect(r.out).toMatch(tc.out);
      for (const s of tc.contains ?? []) expect(r.out).toContain(s);
      expect(r.err).toBe(tc.err ?? '');
      expect(r.code).toBe(tc.code ?? (tc.err ? 1 : 0));
      tc.check?.(c, r);
    });
  }
}

const obj = (c: Cluster, kind: string, ns: string, name: string) => c.get(kind, ns, name);

// ---------------------------------------------------------------------------------------------
// kubectl describe — kubectl pkg/cmd/describe/describe.go (dispatch, prefix fallback, separators),
// kubectl pkg/describe/describe.go (describers; text/tabwriter minwidth 0, tabwidth 8, padding 2);
// reference §8.2 (configmap/secret), §9.5 (role/rolebinding), §10.3 (quota, namespace).
// ---------------------------------------------------------------------------------------------
describe('kubectl describe', () => {
  const c = cluster([
    'kubectl run nginx --image=nginx',
    'kubectl create deployment web --image=nginx --replicas=2',
    'kubectl create configmap cfg --from-literal=color=blue',
    'kubectl create configmap app-one --from-literal=k=1',
    'kubectl create configmap app-two --from-literal=k=2',
    'kubectl create secret generic db --from-literal=password=s3cret',
    'kubectl create serviceaccount sa1',
    'kubectl create role pod-reader --verb=get,list,watch --resource=pods',
    'kubectl create rolebinding rb --role=pod-reader --serviceaccount=default:sa1',
    'kubectl create namespace dev',
    'kubectl create quota q -n dev --hard=pods=2,requests.cpu=1,requests.memory=1Gi',
  ]);

  table(c, [
    {
      // describeService: every field of the kubeadm `kubernetes` Service, endpoints from its EndpointSlice
      cmd: 'kubectl describe svc kubernetes',
      out:
        'Name:                     kubernetes\n' +
        'Namespace:                default\n' +
        'Labels:                   component=apiserver\n' +
        '                          provider=kubernetes\n' +
        'Annotations:              <none>\n' +
        'Selector:                 <none>\n' +
        'Type:                     ClusterIP\n' +
        'IP Family Policy:         SingleStack\n' +
        'IP Families:              IPv4\n' +
        'IP:                       10.96.0.1\n' +
        'IPs:                      10.96.0.1\n' +
        'Port:                     https  443/TCP\n' +
        'TargetPort:               6443/TCP\n' +
        'Endpoints:                192.168.56.30:6443\n' +
        'Session Affinity:         None\n' +
        'Internal Traffic Policy:  Cluster\n' +
        'Events:                   <none>\n',
    },
    {
      // describePod: header block, pod conditions written as "%v \t%v \n" (trailing spaces), no Controlled By for a bare pod
      cmd: 'kubectl describe pod nginx',
      out: /^Name:             nginx\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             k8s-node\d\/192\.168\.56\.\d+\n/,
      contains: [
        'Labels:           run=nginx\n',
        'Status:           Running\n',
        'Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n  Initialized                 True \n  Ready                       True \n  ContainersReady             True \n  PodScheduled                True \n',
        'QoS Class:                   BestEffort\n',
        // scheduler event (reference §6.1)
        'default-scheduler  Successfully assigned default/nginx to k8s-node',
      ],
      check: (_c, r) => expect(r.out).not.toContain('Controlled By:'),
    },
    {
      // describeNode: ROLES from node-role.kubernetes.io/* labels; kubeadm control-plane taint (reference §6.4)
      cmd: 'kubectl describe node k8s-master',
      contains: [
        'Name:               k8s-master\nRoles:              control-plane\n',
        'Taints:             node-role.kubernetes.io/control-plane:NoSchedule\nUnschedulable:      false\n',
      ],
    },
    {
      cmd: 'kubectl describe node k8s-node1',
      contains: ['Roles:              <none>\n', 'Taints:             <none>\n'],
    },
    {
      // describeDeployment: condition rows "%v \t%v\t%v\n" share the tab column with OldReplicaSets:/NewReplicaSet:;
      // ScalingReplicaSet message format from reference §5.2
      cmd: 'kubectl describe deployment web',
      contains: [
        'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n',
        'StrategyType:           RollingUpdate\n',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge\n',
        'Conditions:\n  Type           Status  Reason\n  ----           ------  ------\n  Available      True    MinimumReplicasAvailable\n  Progressing    True    NewReplicaSetAvailable\nOldReplicaSets:  <none>\n',
      ],
      check: (_c, r) => {
        expect(r.out).toMatch(/^NewReplicaSet:   web-[bcdf4-9]+ \(2\/2 replicas created\)$/m);
        expect(r.out).toMatch(/Normal {2}ScalingReplicaSet {2}\S+ +deployment-controller {2}Scaled up replica set web-[bcdf4-9]+ from 0 to 2\n/);
      },
    },
    {
      // ConfigMapDescriber: value, blank line per key, then BinaryData and Events (reference §8.2)
      cmd: 'kubectl describe configmap cfg',
      out: 'Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\ncolor:\n----\nblue\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    },
    {
      // describeSecret: values hidden, byte counts only, no events (reference §8.2)
      cmd: 'kubectl describe secret db',
      out: 'Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\n',
    },
    {
      // RoleDescriber (reference §9.5)
      cmd: 'kubectl describe role pod-reader',
      out:
        'Name:         pod-reader\nLabels:       <none>\nAnnotations:  <none>\nPolicyRule:\n' +
        '  Resources  Non-Resource URLs  Resource Names  Verbs\n' +
        '  ---------  -----------------  --------------  -----\n' +
        '  pods       []                 []              [get list watch]\n',
    },
    {
      // RoleBindingDescriber (reference §9.5)
      cmd: 'kubectl describe rolebinding rb',
      out:
        'Name:         rb\nLabels:       <none>\nAnnotations:  <none>\nRole:\n  Kind:  Role\n  Name:  pod-reader\nSubjects:\n' +
        '  Kind            Name  Namespace\n' +
        '  ----            ----  ---------\n' +
        '  ServiceAccount  sa1   default\n',
    },
    {
      // describeQuota: rows = status.hard sorted, "----" under Used/Hard (reference §10.3)
      cmd: 'kubectl describe quota q -n dev',
      out:
        'Name:            q\nNamespace:       dev\n' +
        'Resource         Used  Hard\n' +
        '--------         ----  ----\n' +
        'pods             0     2\n' +
        'requests.cpu     0     1\n' +
        'requests.memory  0     1Gi\n',
    },
    {
      // describeNamespace + DescribeResourceQuotas ("---" under Used/Hard) + DescribeLimitRanges (reference §10.3)
      cmd: 'kubectl describe namespace dev',
      out:
        'Name:         dev\nLabels:       kubernetes.io/metadata.name=dev\nAnnotations:  <none>\nStatus:       Active\n\n' +
        'Resource Quotas\n' +
        '  Name:            q\n' +
        '  Resource         Used  Hard\n' +
        '  --------         ---   ---\n' +
        '  pods             0     2\n' +
        '  requests.cpu     0     1\n' +
        '  requests.memory  0     1Gi\n\n' +
        'No LimitRange resource.\n',
    },
    {
      // DescribeMatchingResources: `describe TYPE NAME` with no exact match describes every object whose name has the prefix
      name: 'name-prefix fallback finds every object with the prefix',
      cmd: 'kubectl describe configmap app-',
      contains: ['Name:         app-one\n', 'Name:         app-two\n'],
    },
    {
      // kubectl pkg/cmd/describe/describe.go DescribeMatchingResources prints each match with
      // fmt.Fprintf(o.Out, "%s\n", s): every description is followed by one extra newline, with no
      // "\n\n" separator (that separator is only used by the normal path, for exact names / lists).
      name: 'name-prefix fallback: each description followed by "\\n" (DescribeMatchingResources)',
      cmd: 'kubectl describe configmap app-',
      check: (c, r) => {
        const one = sh(c, 'kubectl describe configmap app-one').out;
        const two = sh(c, 'kubectl describe configmap app-two').out;
        expect(r.out).toBe(`${one}\n${two}\n`);
      },
    },
    {
      // The fallback only runs when the builder got exactly two args (`TYPE NAME`); `TYPE/NAME` returns the
      // NotFound error (kubectl pkg/cmd/describe/describe.go: `len(o.BuilderArgs) == 2`).
      cmd: 'kubectl describe pod/ngin',
      err: 'Error from server (NotFound): pods "ngin" not found\n',
    },
    {
      // NotFound (reference §2.3)
      cmd: 'kubectl describe deployment nope',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    },
  ]);
});

// ---------------------------------------------------------------------------------------------
// kubectl create <sub> — kubectl pkg/cmd/create/create_*.go (create_deployment.go, create_configmap.go,
// create_secret.go, create_service.go, create_serviceaccount.go, create_role.go, create_rolebinding.go,
// create_quota.go, create_job.go, create_cronjob.go, create_namespace.go); NamePrinter lines and
// AlreadyExists wrapping: reference §2.1, §2.2; configmap/secret: §8.2; RBAC: §9.6; quota: §10.3.
// ---------------------------------------------------------------------------------------------
describe('kubectl create <sub>', () => {
  const c = cluster([`cat > app.properties <<'EOF'\ncolor=blue\nEOF`]);

  table(c, [
    { cmd: 'kubectl create namespace dev', out: 'namespace/dev created\n' },
    // create namespace returns the raw API error (reference §2.2)
    { cmd: 'kubectl create namespace dev', err: 'Error from server (AlreadyExists): namespaces "dev" already exists\n' },
    {
      cmd: 'kubectl create deployment web --image=nginx --replicas=2',
      out: 'deployment.apps/web created\n',
      check: (c) => {
        const d = obj(c, 'Deployment', 'default', 'web')!;
        expect(d.spec.replicas).toBe(2);
        expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
        expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx' });
      },
    },
    { cmd: 'kubectl create deployment web --image=nginx', err: 'error: failed to create deployment: deployments.apps "web" already exists\n' },
    // cmdutil.NameFromCommandArgs usage error (reference §8.2)
    { cmd: 'kubectl create deployment --image=nginx', err: "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n" },
    {
      // client dry run: nothing is created; output as printed by kubectl v1.35.3 (observed in
      // jpetazzo/container.training#684): no creationTimestamp, `strategy: {}`, `resources: {}`, `status: {}`
      cmd: 'kubectl create deployment web2 --image=nginx --dry-run=client -o yaml',
      out:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web2\n  name: web2\nspec:\n  replicas: 1\n' +
        '  selector:\n    matchLabels:\n      app: web2\n  strategy: {}\n  template:\n    metadata:\n      labels:\n        app: web2\n' +
        '    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n',
      check: (c) => expect(obj(c, 'Deployment', 'default', 'web2')).toBeUndefined(),
    },
    {
      // --from-literal splits at the first '=' (reference §8.2)
      cmd: 'kubectl create configmap cfg --from-literal=color=blue --from-literal=opts=a=b',
      out: 'configmap/cfg created\n',
      check: (c) => expect(obj(c, 'ConfigMap', 'default', 'cfg')!.data).toEqual({ color: 'blue', opts: 'a=b' }),
    },
    { cmd: 'kubectl create configmap cfg --from-literal=x=y', err: 'error: failed to create configmap: configmaps "cfg" already exists\n' },
    {
      // --from-file=path: key = file basename; --from-file=key=path (reference §8.2)
      cmd: 'kubectl create configmap files --from-file=app.properties',
      out: 'configmap/files created\n',
      check: (c) => expect(obj(c, 'ConfigMap', 'default', 'files')!.data).toEqual({ 'app.properties': 'color=blue\n' }),
    },
    {
      cmd: 'kubectl create configmap files2 --from-file=settings=app.properties',
      out: 'configmap/files2 created\n',
      check: (c) => expect(obj(c, 'ConfigMap', 'default', 'files2')!.data).toEqual({ settings: 'color=blue\n' }),
    },
    { cmd: 'kubectl create configmap', err: "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n" },
    {
      cmd: 'kubectl create secret generic db --from-literal=password=s3cret',
      out: 'secret/db created\n',
      check: (c) => expect(obj(c, 'Secret', 'default', 'db')).toMatchObject({ type: 'Opaque', data: { password: 'czNjcmV0' } }),
    },
    // secret: no colon after "secret" (reference §2.2, §8.2)
    { cmd: 'kubectl create secret generic db --from-literal=password=x', err: 'error: failed to create secret secrets "db" already exists\n' },
    { cmd: 'kubectl create secret generic', err: "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n" },
    {
      // create_service.go: selector app=<name>, port name "<port>-<targetPort>", nodePort from 30000-32767 (reference §3.2)
      cmd: 'kubectl create service nodeport np --tcp=80:8080',
      out: 'service/np created\n',
      check: (c) => {
        const s = obj(c, 'Service', 'default', 'np')!;
        expect(s.spec).toMatchObject({ type: 'NodePort', selector: { app: 'np' } });
        expect(s.spec.ports[0]).toMatchObject({ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' });
        expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
        expect(s.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
      },
    },
    { cmd: 'kubectl create service nodeport np --tcp=80:8080', err: 'error: failed to create NodePort service: services "np" already exists\n' },
    { cmd: 'kubectl create serviceaccount sa1', out: 'serviceaccount/sa1 created\n' },
    { cmd: 'kubectl create serviceaccount sa1', err: 'error: failed to create serviceaccount: serviceaccounts "sa1" already exists\n' },
    {
      cmd: 'kubectl create role pod-reader --verb=get,list,watch --resource=pods',
      out: 'role.rbac.authorization.k8s.io/pod-reader created\n',
      check: (c) => expect(obj(c, 'Role', 'default', 'pod-reader')!.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]),
    },
    // create role returns the raw API error (reference §2.2)
    { cmd: 'kubectl create role pod-reader --verb=get --resource=pods', err: 'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "pod-reader" already exists\n' },
    { cmd: 'kubectl create role r2 --resource=pods', err: 'error: at least one verb must be specified\n' },
    {
      cmd: 'kubectl create rolebinding rb --role=pod-reader --serviceaccount=default:sa1',
      out: 'rolebinding.rbac.authorization.k8s.io/rb created\n',
      check: (c) => {
        const rb = obj(c, 'RoleBinding', 'default', 'rb')!;
        expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' });
        expect(rb.subjects).toEqual([{ kind: 'ServiceAccount', name: 'sa1', namespace: 'default' }]);
      },
    },
    { cmd: 'kubectl create rolebinding rb --role=pod-reader --serviceaccount=default:sa1', err: 'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "rb" already exists\n' },
    {
      cmd: 'kubectl create quota q --hard=pods=2,requests.cpu=1,requests.memory=1Gi',
      out: 'resourcequota/q created\n',
      check: (c) => expect(obj(c, 'ResourceQuota', 'default', 'q')!.spec.hard).toEqual({ pods: '2', 'requests.cpu': '1', 'requests.memory': '1Gi' }),
    },
    { cmd: 'kubectl create quota q --hard=pods=3', err: 'error: failed to create quota: resourcequotas "q" already exists\n' },
    {
      // create_job.go: the words after -- become the container command
      cmd: 'kubectl create job j1 --image=busybox -- echo hi',
      out: 'job.batch/j1 created\n',
      check: (c) => expect(obj(c, 'Job', 'default', 'j1')!.spec.template.spec.containers[0]).toMatchObject({ name: 'j1', image: 'busybox', command: ['echo', 'hi'] }),
    },
    { cmd: 'kubectl create job j1 --image=busybox -- echo hi', err: 'error: failed to create job: jobs.batch "j1" already exists\n' },
    {
      cmd: 'kubectl create cronjob c1 --image=busybox --schedule="*/5 * * * *" -- echo hi',
      out: 'cronjob.batch/c1 created\n',
      check: (c) => expect(obj(c, 'CronJob', 'default', 'c1')!.spec.schedule).toBe('*/5 * * * *'),
    },
    { cmd: 'kubectl create cronjob c1 --image=busybox --schedule="*/5 * * * *" -- echo hi', err: 'error: failed to create cronjob: cronjobs.batch "c1" already exists\n' },
  ]);
});

// ---------------------------------------------------------------------------------------------
// kubectl run — kubectl pkg/cmd/run/run.go (labels run=<name>; --rm deletes after the attached
// container exits; Validate errors); `pod "x" deleted from default namespace` (kubectl ≥ 1.34
// pkg/cmd/delete/delete.go, reference §2.1, §4.3).
// ---------------------------------------------------------------------------------------------
describe('kubectl run', () => {
  const c = cluster();

  table(c, [
    {
      cmd: 'kubectl run nginx --image=nginx',
      out: 'pod/nginx created\n',
      check: (c) => {
        const p = obj(c, 'Pod', 'default', 'nginx')!;
        expect(p.metadata.labels).toEqual({ run: 'nginx' });
        expect(p.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx' });
      },
    },
    { cmd: 'kubectl run nginx --image=nginx', err: 'Error from server (AlreadyExists): pods "nginx" already exists\n' },
    {
      cmd: 'kubectl run tmp --image=busybox --rm -i --restart=Never -- echo hello',
      out: 'hello\npod "tmp" deleted from default namespace\n',
      check: (c) => expect(obj(c, 'Pod', 'default', 'tmp')).toBeUndefined(),
    },
    { cmd: 'kubectl run x --image=busybox --rm --restart=Never -- echo hi', err: 'error: --rm should only be used for attached containers\n' },
  ]);
});

// ---------------------------------------------------------------------------------------------
// kubectl expose — kubectl pkg/cmd/expose/expose.go ("exposed"; selector from the workload's selector;
// creation errors returned raw); reference §2.1.
// ---------------------------------------------------------------------------------------------
describe('kubectl expose', () => {
  const c = cluster(['kubectl create deployment web --image=nginx --replicas=2']);

  table(c, [
    {
      cmd: 'kubectl expose deployment web --port=80 --target-port=8080',
      out: 'service/web exposed\n',
      check: (c) => {
        const s = obj(c, 'Service', 'default', 'web')!;
        expect(s.spec).toMatchObject({ type: 'ClusterIP', selector: { app: 'web' } });
        expect(s.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080, protocol: 'TCP' });
      },
    },
    { cmd: 'kubectl expose deployment web --port=80', err: 'Error from server (AlreadyExists): services "web" already exists\n' },
    { cmd: 'kubectl expose deployment nope --port=80', err: 'Error from server (NotFound): deployments.apps "nope" not found\n' },
  ]);
});

// ---------------------------------------------------------------------------------------------
// kubectl rollout — kubectl pkg/cmd/rollout/rollout_{status,history,undo,pause,resume,restart}.go,
// pkg/polymorphichelpers/{history,rollback,rollout_status}.go; reference §5.3 (and §2.1 for the
// paused/resumed/restarted/rolled back lines).
// ---------------------------------------------------------------------------------------------
describe('kubectl rollout', () => {
  const c = cluster(['kubectl create deployment web --image=nginx:1.27 --replicas=2', 'kubectl create deployment one --image=nginx']);
  const hashOfRevision = (c: Cluster, rev: string) =>
    c.list('ReplicaSet', 'default').find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev)!.metadata.labels!['pod-template-hash'];

  table(c, [
    { cmd: 'kubectl rollout status deployment/web', out: 'deployment "web" successfully rolled out\n' },
    // NamePrinter with operation "\n" + table: trailing space on the first line, ends with an empty line
    { cmd: 'kubectl rollout history deployment/web', out: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n' },
    { cmd: 'kubectl set image deployment/web nginx=nginx:1.28', out: 'deployment.apps/web image updated\n' },
    { cmd: 'kubectl rollout history deployment/web', out: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n' },
    {
      cmd: 'kubectl rollout undo deployment/web',
      out: 'deployment.apps/web rolled back\n',
      check: (c) => expect(obj(c, 'Deployment', 'default', 'web')!.spec.template.spec.containers[0].image).toBe('nginx:1.27'),
    },
    // the reused ReplicaSet gets a new revision number; revision 1 disappears (reference §5.2)
    { cmd: 'kubectl rollout history deployment/web', out: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n' },
    { cmd: 'kubectl rollout undo deployment/web --to-revision=3', out: 'deployment.apps/web skipped rollback (current template already matches revision 3)\n' },
    { cmd: 'kubectl rollout undo deployment/web --to-revision=9', err: 'error: unable to find specified revision 9 in history\n' },
    { cmd: 'kubectl rollout history deployment/web --revision=42', err: 'error: unable to find the specified revision\n' },
    {
      // pkg/polymorphichelpers/history.go printTemplate writes DescribePodTemplate through a bare
      // describe.NewPrefixWriter (no tabbedString), so the fields keep raw TABs; the second label line is
      // "\t<label>" (printLabelsMultiline with title "  Labels"); NamePrinter adds a final "\n".
      name: 'rollout history --revision=3: pod template with raw tabs, then an empty line',
      cmd: 'kubectl rollout history deployment/web --revision=3',
      check: (c, r) =>
        expect(r.out).toBe(
          'deployment.apps/web with revision #3\nPod Template:\n' +
            `  Labels:\tapp=web\n\tpod-template-hash=${hashOfRevision(c, '3')}\n` +
            '  Containers:\n   nginx:\n    Image:\tnginx:1.27\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n' +
            '  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n',
        ),
    },
    { cmd: 'kubectl rollout pause deployment/web', out: 'deployment.apps/web paused\n' },
    { cmd: 'kubectl rollout pause deployment/web', out: 'deployment.apps/web already paused\n' },
    { cmd: 'kubectl rollout undo deployment/web', err: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again\n" },
    { cmd: 'kubectl rollout resume deployment/web', out: 'deployment.apps/web resumed\n' },
    { cmd: 'kubectl rollout resume deployment/web', out: 'deployment.apps/web already resumed\n' },
    {
      // restart sets the template annotation kubectl.kubernetes.io/restartedAt (RFC 3339) → a new revision
      cmd: 'kubectl rollout restart deployment/web',
      out: 'deployment.apps/web restarted\n',
      check: (c) => {
        const ann = obj(c, 'Deployment', 'default', 'web')!.spec.template.metadata.annotations ?? {};
        expect(ann['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
        expect(sh(c, 'kubectl rollout history deployment/web').out).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n4         <none>\n\n');
      },
    },
    { cmd: 'kubectl rollout undo deployment/one', err: 'error: no rollout history found for deployment "one"\n' },
  ]);
});

// ---------------------------------------------------------------------------------------------
// kubectl auth can-i — kubectl pkg/cmd/auth/cani.go: yes/no with exit 0/1, -q, --as impersonation,
// --list table (printers tabwriter, padding 3; rules broken down, compacted, sorted); reference §9.5,
// identities §9.4, default roles §9.3.
// ---------------------------------------------------------------------------------------------
describe('kubectl auth can-i', () => {
  const SA = '--as=system:serviceaccount:default:sa1';
  const c = cluster([
    'kubectl create serviceaccount sa1',
    'kubectl create role pod-reader --verb=get,list,watch --resource=pods',
    'kubectl create rolebinding rb --role=pod-reader --serviceaccount=default:sa1',
  ]);

  table(c, [
    { cmd: 'kubectl auth can-i create pods', out: 'yes\n' },
    { cmd: `kubectl auth can-i list pods ${SA}`, out: 'yes\n' },
    { cmd: `kubectl auth can-i delete pods ${SA}`, out: 'no\n', code: 1 },
    // a RoleBinding grants only inside its namespace (reference §9.2)
    { cmd: `kubectl auth can-i list pods ${SA} -n kube-system`, out: 'no\n', code: 1 },
    { cmd: `kubectl auth can-i list secrets ${SA} -q`, out: '', code: 1 },
    // the warning text ends in "\n" and the warning printer adds another one
    { cmd: 'kubectl auth can-i list nodes -n default', out: 'yes\n', err: "Warning: resource 'nodes' is not namespace scoped\n\n", code: 0 },
    {
      // system:basic-user, system:discovery, system:public-info-viewer, system:service-account-issuer-discovery
      // plus the Role; non-resource rules are not merged, so /healthz etc. appear twice
      cmd: `kubectl auth can-i --list ${SA}`,
      out:
        'Resources                                       Non-Resource URLs                      Resource Names   Verbs\n' +
        'selfsubjectreviews.authentication.k8s.io        []                                     []               [create]\n' +
        'selfsubjectaccessreviews.authorization.k8s.io   []                                     []               [create]\n' +
        'selfsubjectrulesreviews.authorization.k8s.io    []                                     []               [create]\n' +
        'pods                                            []                                     []               [get list watch]\n' +
        '                                                [/.well-known/openid-configuration/]   []               [get]\n' +
        '                                                [/.well-known/openid-configuration]    []               [get]\n' +
        '                                                [/api/*]                               []               [get]\n' +
        '                                                [/api]                                 []               [get]\n' +
        '                                                [/apis/*]                              []               [get]\n' +
        '                                                [/apis]                                []               [get]\n' +
        '                                                [/healthz]                             []               [get]\n' +
        '                                                [/healthz]                             []               [get]\n' +
        '                                                [/livez]                               []               [get]\n' +
        '                                                [/livez]                               []               [get]\n' +
        '                                                [/openapi/*]                           []               [get]\n' +
        '                                                [/openapi]                             []               [get]\n' +
        '                                                [/openid/v1/jwks/]                     []               [get]\n' +
        '                                                [/openid/v1/jwks]                      []               [get]\n' +
        '                                                [/readyz]                              []               [get]\n' +
        '                                                [/readyz]                              []               [get]\n' +
        '                                                [/version/]                            []               [get]\n' +
        '                                                [/version/]                            []               [get]\n' +
        '                                                [/version]                             []               [get]\n' +
        '                                                [/version]                             []               [get]\n',
    },
    { cmd: 'kubectl auth can-i --list -q', err: "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n" },
  ]);
});

// ---------------------------------------------------------------------------------------------
// kubectl config — kubectl pkg/cmd/config/create_context.go (set-context: `Context %q modified.`,
// validate() errors are plain errors → `error: <msg>` only), get_contexts.go (printers tabwriter,
// padding 3), view.go (-o jsonpath).
// ---------------------------------------------------------------------------------------------
describe('kubectl config set-context --current --namespace', () => {
  const c = cluster(['kubectl create namespace dev']);

  table(c, [
    { cmd: 'kubectl config set-context --current --namespace=dev', out: 'Context "kubernetes-admin@kubernetes" modified.\n' },
    {
      // later commands default to the context's namespace
      cmd: 'kubectl create configmap c2 --from-literal=k=v',
      out: 'configmap/c2 created\n',
      check: (c) => {
        expect(obj(c, 'ConfigMap', 'dev', 'c2')).toBeDefined();
        expect(obj(c, 'ConfigMap', 'default', 'c2')).toBeUndefined();
      },
    },
    {
      cmd: 'kubectl config get-contexts',
      out: 'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   dev\n',
    },
    {
      // view.go honours -o jsonpath (the usual way to read the current namespace); JSONPath output has no newline
      cmd: "kubectl config view --minify -o jsonpath='{..namespace}'",
      out: 'dev',
    },
    {
      // validate() returns errors.New(...) → CheckErr prints `error: <msg>` without a usage hint
      cmd: 'kubectl config set-context',
      err: 'error: you must specify a non-empty context name or --current\n',
    },
  ]);
});
