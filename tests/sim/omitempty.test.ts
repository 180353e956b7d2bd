/**
 * Empty maps and slices of written objects: kube-apiserver decodes a request into the Go struct and stores (and
 * serves) its encoding/json encoding, which omits a map or slice field tagged `omitempty` when it has no elements
 * (encoding/json encode.go isEmptyValue: len 0, nil included). So `annotations: {}`, `labels: null`,
 * `nodeSelector: {}`, `ports: []`, `env: []`, `data: {}` … are never stored nor printed back; a field without
 * omitempty keeps its empty value, and a struct-typed field is never omitted (`resources: {}`, `emptyDir: {}`).
 *
 * Tags (k8s.io/api, v1.35 line; these tags have not changed for years):
 * - core/v1 types.go: ObjectMeta (apimachinery meta/v1 types.go) `labels,omitempty`, `annotations,omitempty`,
 *   `finalizers,omitempty`; PodSpec `containers` (no omitempty), `volumes,omitempty`, `nodeSelector,omitempty`,
 *   `tolerations,omitempty`; Container `command,omitempty`, `args,omitempty`, `ports,omitempty`, `env,omitempty`,
 *   `envFrom,omitempty`, `volumeMounts,omitempty`, `resources,omitempty` (a struct: never omitted);
 *   ResourceRequirements `limits,omitempty`, `requests,omitempty`; Volume's `emptyDir` is a *EmptyDirVolumeSource
 *   (a pointer to a struct: `{}` stays); ServiceSpec `ports,omitempty`, `selector,omitempty`,
 *   `externalIPs,omitempty`; ConfigMap `data,omitempty`, `binaryData,omitempty`; Secret `data,omitempty`,
 *   `stringData,omitempty`; LimitRangeSpec `limits` (no omitempty).
 * - apps/v1 types.go: StatefulSetSpec `volumeClaimTemplates,omitempty`; meta/v1 LabelSelector
 *   `matchLabels,omitempty`, `matchExpressions,omitempty`.
 * - rbac/v1 types.go: Role and ClusterRole `rules` (no omitempty), PolicyRule `verbs` (no omitempty),
 *   `resourceNames,omitempty`; RoleBinding `subjects,omitempty`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Json = Record<string, any>;

function at(o: Json, path: string): { has: boolean; value: unknown } {
  let cur: any = o;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const p = /^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
    if (cur === null || typeof cur !== 'object' || !(p in cur)) return { has: false, value: undefined };
    cur = cur[p];
  }
  return { has: true, value: cur };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {}
  labels: null
  finalizers: []
spec:
  selector:
    matchLabels:
      app: web
    matchExpressions: []
  template:
    metadata:
      labels:
        app: web
      annotations: {}
    spec:
      nodeSelector: {}
      tolerations: []
      volumes:
      - name: scratch
        emptyDir: {}
      containers:
      - name: nginx
        image: nginx
        command: []
        ports: []
        env: []
        envFrom: []
        volumeMounts: []
        resources:
          limits: {}
`;

const OTHERS = `apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  selector: {}
  externalIPs: []
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
  annotations: {}
  labels: {}
data: {}
binaryData: {}
---
apiVersion: v1
kind: Secret
metadata:
  name: sec
data: {}
stringData: {}
---
apiVersion: v1
kind: LimitRange
metadata:
  name: lr
spec:
  limits: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: none
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pods
rules:
- verbs: [get]
  apiGroups: [""]
  resources: [pods]
  resourceNames: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: none
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: nobody
subjects: []
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pods
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  volumeClaimTemplates: []
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: c
        image: nginx
`;

/** [object, path, what the server keeps: undefined = the field is gone] */
const cases: [string, string, unknown][] = [
  // (the Deployment controller annotates the Deployment with its revision)
  ['deployment web', 'metadata.annotations', { 'deployment.kubernetes.io/revision': '1' }],
  ['deployment web', 'metadata.labels', undefined],
  ['deployment web', 'metadata.finalizers', undefined],
  ['deployment web', 'spec.selector.matchExpressions', undefined],
  ['deployment web', 'spec.template.metadata.annotations', undefined],
  ['deployment web', 'spec.template.spec.nodeSelector', undefined],
  ['deployment web', 'spec.template.spec.tolerations', undefined],
  ['deployment web', 'spec.template.spec.containers.0.command', undefined],
  ['deployment web', 'spec.template.spec.containers.0.ports', undefined],
  ['deployment web', 'spec.template.spec.containers.0.env', undefined],
  ['deployment web', 'spec.template.spec.containers.0.envFrom', undefined],
  ['deployment web', 'spec.template.spec.containers.0.volumeMounts', undefined],
  // a struct stays, its empty ResourceList goes
  ['deployment web', 'spec.template.spec.containers.0.resources', {}],
  ['deployment web', 'spec.template.spec.volumes.0.emptyDir', {}],
  ['service s', 'spec.selector', undefined],
  ['service s', 'spec.externalIPs', undefined],
  ['configmap cm', 'metadata.annotations', undefined],
  ['configmap cm', 'metadata.labels', undefined],
  ['configmap cm', 'data', undefined],
  ['configmap cm', 'binaryData', undefined],
  ['secret sec', 'data', undefined],
  ['secret sec', 'stringData', undefined],
  // no omitempty: the empty list is stored and served
  ['limitrange lr', 'spec.limits', []],
  ['role none', 'rules', []],
  ['clusterrole none', 'rules', []],
  ['role pods', 'rules.0.resourceNames', undefined],
  ['role pods', 'rules.0.verbs', ['get']],
  ['rolebinding nobody', 'subjects', undefined],
  ['statefulset db', 'spec.volumeClaimTemplates', undefined],
];

describe('the API server stores no empty map or slice of an omitempty field', () => {
  const c = createCluster();
  c.run(`cat > d.yaml <<'EOF'\n${DEPLOYMENT}EOF`);
  c.run(`cat > o.yaml <<'EOF'\n${OTHERS}EOF`);
  const created = [c.run('kubectl create -f d.yaml'), c.run('kubectl create -f o.yaml')];
  it('the manifests are created', () => {
    for (const r of created) expect([r.stderr, r.exitCode]).toEqual(['', 0]);
  });
  const read = new Map<string, Json>();
  for (const [obj, path, want] of cases) {
    it(`${obj}: ${path}`, () => {
      if (!read.has(obj)) read.set(obj, JSON.parse(c.run(`kubectl get ${obj} -o json`).stdout));
      const got = at(read.get(obj)!, path);
      if (want === undefined) expect(got.has).toBe(false);
      else expect(got.value).toEqual(want);
    });
  }
  it('the pods of the template have none either', () => {
    const pod = JSON.parse(c.run('kubectl get pods -l app=web -o json').stdout).items[0];
    expect(pod.metadata.annotations).toBeUndefined();
    expect(pod.spec.nodeSelector).toBeUndefined();
    expect(pod.spec.containers[0].ports).toBeUndefined();
    expect(pod.spec.containers[0].resources).toEqual({});
  });
});

describe('writes through the other paths', () => {
  it('kubectl apply --dry-run=server answers without them (the response is encoded too)', () => {
    const c = createCluster();
    c.run(`cat > d.yaml <<'EOF'\n${DEPLOYMENT}EOF`);
    const r = c.run('kubectl apply -f d.yaml --dry-run=server -o json');
    expect(r.exitCode).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.spec.template.metadata.annotations).toBeUndefined();
    expect(o.spec.template.spec.nodeSelector).toBeUndefined();
    expect(o.spec.template.spec.containers[0].resources).toEqual({});
  });

  it('kubectl diff of a manifest adding annotations: {} shows no change', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx');
    c.run(`cat > w.yaml <<'EOF'\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations: {}\nspec:\n  template:\n    metadata:\n      annotations: {}\nEOF`);
    const r = c.run('kubectl diff -f w.yaml');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', '', 0]);
  });

  it('an update (kubectl replace) drops them as a create does', () => {
    const c = createCluster();
    c.run('kubectl create configmap cm --from-literal=a=b');
    c.run(`cat > cm.yaml <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels: {}\ndata: {}\nEOF`);
    expect(c.run('kubectl replace -f cm.yaml').exitCode).toBe(0);
    const o = JSON.parse(c.run('kubectl get cm cm -o json').stdout);
    expect([o.metadata.labels, o.data]).toEqual([undefined, undefined]);
  });

  it("kubectl's client-side objects are not the server's: create --dry-run=client keeps its structs", () => {
    // create_deployment.go builds an appsv1.Deployment: strategy, resources and status are structs, printed as {}
    const c = createCluster();
    const out = c.run('kubectl create deployment web --image=nginx --dry-run=client -o yaml').stdout;
    expect(out).toMatch(/^ {2}strategy: \{\}$/m);
    expect(out).toMatch(/^ {8}resources: \{\}$/m);
    expect(out).toMatch(/^status: \{\}$/m);
  });
});
