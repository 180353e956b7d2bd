/**
 * What the API server does with the system fields of ObjectMeta (and status) that a client sends, e.g. a manifest
 * saved with `kubectl get -o yaml` and created again after the object was deleted. Sources (kubernetes/kubernetes,
 * v1.35 tree unless said otherwise):
 * - create: the handler's rest.WipeObjectMetaSystemFields clears uid, creationTimestamp, deletionTimestamp,
 *   deletionGracePeriodSeconds and selfLink (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go,
 *   pkg/registry/rest/meta.go); the generic store sets uid and creationTimestamp (rest.FillObjectMetaSystemFields,
 *   pkg/registry/generic/registry/store.go create); the field manager rebuilds metadata.managedFields from the
 *   request with an empty live object (apimachinery pkg/util/managedfields/internal/fieldmanager.go Update), and
 *   the simulator writes none; generation is set to 1 only by the strategies of kinds that track it
 *   (PrepareForCreate of deployment, replicaset, pod, podtemplate, … strategy.go), other kinds store what was sent,
 *   which ValidateObjectMeta checks is not negative (apimachinery pkg/api/validation/objectmeta.go
 *   ValidateNonnegativeField); PrepareForCreate resets status (deployment strategy.go: Status = DeploymentStatus{}).
 * - resourceVersion: the etcd3 store refuses a create that carries one (staging/src/k8s.io/apiserver/pkg/storage/
 *   etcd3/store.go Create, ErrResourceVersionSetOnCreate), but kubectl clears it before it posts: create -f and the
 *   create path of apply call resource.Helper.Create(namespace, true, obj), whose modify=true sets it to ""
 *   (staging/src/k8s.io/cli-runtime/pkg/resource/helper.go CreateWithOptions; kubectl pkg/cmd/create/create.go
 *   RunCreate, pkg/cmd/apply/apply.go applyOneObject). So both commands succeed on such a manifest.
 * - update: rest.BeforeUpdate (apiserver pkg/registry/rest/update.go) sets generation to the stored one (the
 *   strategy then bumps it on a spec change), a missing uid and the stored creationTimestamp, keeps a stored
 *   deletionTimestamp and deletionGracePeriodSeconds; ValidateObjectMetaAccessorUpdate then refuses a changed uid,
 *   deletionTimestamp or deletionGracePeriodSeconds ("field is immutable"; a *metav1.Time prints as its JSON, RFC
 *   3339 in UTC), and new finalizers on an object being deleted (`found new finalizers %#v` of the sorted set).
 *   selfLink is never stored (storage APIObjectVersioner.PrepareObjectForStorage clears it).
 * - a Node has no generation (pkg/registry/core/node/strategy.go PrepareForCreate leaves it alone).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;

const SENT_UID = '11111111-2222-3333-4444-555555555555';
const SENT_TIME = '2020-01-02T03:04:05Z';

/** A manifest carrying every system field, as `kubectl get -o yaml --show-managed-fields` would save it. */
function withSystemFields(kind: 'ConfigMap' | 'Deployment', name: string, generation: number): string {
  const meta = `metadata:
  name: ${name}
  namespace: default
  uid: ${SENT_UID}
  resourceVersion: "12345"
  generation: ${generation}
  creationTimestamp: "${SENT_TIME}"
  deletionTimestamp: "${SENT_TIME}"
  deletionGracePeriodSeconds: 30
  selfLink: /api/v1/namespaces/default/things/${name}
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:data: {}
    manager: kubectl-create
    operation: Update
    time: "${SENT_TIME}"
`;
  if (kind === 'ConfigMap') return `apiVersion: v1\nkind: ConfigMap\n${meta}data:\n  a: "1"\n`;
  return `apiVersion: apps/v1
kind: Deployment
${meta}spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: c
        image: nginx
status:
  replicas: 9
  readyReplicas: 9
  observedGeneration: 4
`;
}

function json(c: Cluster, what: string): any {
  const r = c.run(`kubectl get ${what} -o json`);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout);
}

describe('create: system fields a client sends', () => {
  const cases: { name: string; verb: 'create' | 'apply'; kind: 'ConfigMap' | 'Deployment'; generation: number; wantGeneration: number | undefined }[] = [
    { name: 'kubectl create -f of a ConfigMap (generation stored as sent)', verb: 'create', kind: 'ConfigMap', generation: 5, wantGeneration: 5 },
    { name: 'kubectl apply -f of a ConfigMap', verb: 'apply', kind: 'ConfigMap', generation: 5, wantGeneration: 5 },
    { name: 'a ConfigMap with generation 0 (omitempty)', verb: 'create', kind: 'ConfigMap', generation: 0, wantGeneration: undefined },
    { name: 'kubectl create -f of a Deployment (generation set to 1)', verb: 'create', kind: 'Deployment', generation: 5, wantGeneration: 1 },
    { name: 'kubectl apply -f of a Deployment', verb: 'apply', kind: 'Deployment', generation: 5, wantGeneration: 1 },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      const c = createCluster();
      const resource = tc.kind === 'ConfigMap' ? 'configmap' : 'deployment.apps';
      const r = c.run(`kubectl ${tc.verb} -f - <<'EOF'\n${withSystemFields(tc.kind, 'x', tc.generation)}EOF`);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${resource}/x created\n`);
      const o = json(c, `${tc.kind.toLowerCase()} x`);
      const m = o.metadata;
      expect(m.uid).not.toBe(SENT_UID);
      expect(m.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(m.creationTimestamp).not.toBe(SENT_TIME);
      expect(m.resourceVersion).not.toBe('12345');
      expect(m.generation).toBe(tc.wantGeneration);
      for (const gone of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink', 'managedFields']) expect(m).not.toHaveProperty(gone);
      if (tc.kind === 'Deployment') expect(o.status.observedGeneration).not.toBe(4);
    });
  }

  it('the create response already has the reset status and generation 1', () => {
    const c = createCluster();
    const r = c.run(`kubectl create -f - -o jsonpath='{.metadata.generation} {.status}' <<'EOF'\n${withSystemFields('Deployment', 'd', 7)}EOF`);
    expect(r.stdout).toBe('1 {}');
  });

  it('a negative generation is refused for a kind that stores it as sent', () => {
    const c = createCluster();
    const r = c.run(`kubectl create -f - <<'EOF'\n${withSystemFields('ConfigMap', 'neg', -1)}EOF`);
    expect(r.stderr).toBe('The ConfigMap "neg" is invalid: metadata.generation: Invalid value: -1: must be greater than or equal to 0\n');
    expect(r.exitCode).toBe(1);
  });

  it('a manifest saved with get -o yaml is created again after a delete (create -f and apply -f)', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx');
    const before = json(c, 'deployment web').metadata;
    c.run('kubectl get deployment web -o yaml > web.yaml');
    expect(c.run('kubectl delete deployment web').exitCode).toBe(0);
    expect(c.run('kubectl create -f web.yaml').stdout).toBe('deployment.apps/web created\n');
    const again = json(c, 'deployment web').metadata;
    expect(again.uid).not.toBe(before.uid);
    expect(again.generation).toBe(1);
    c.run('kubectl delete deployment web');
    const r = c.run('kubectl apply -f web.yaml');
    expect(r.stdout).toBe('deployment.apps/web created\n');
    expect(r.stderr).toBe('');
  });

  it('nodes have no generation', () => {
    const c = createCluster();
    const nodes = json(c, 'nodes');
    expect(nodes.items.length).toBeGreaterThan(0);
    for (const n of nodes.items) expect(n.metadata).not.toHaveProperty('generation');
  });
});

describe('update: system fields a client sends', () => {
  const setup = () => {
    const c = createCluster();
    c.run('kubectl create configmap cm --from-literal=a=1');
    c.run('kubectl create deployment web --image=nginx');
    return c;
  };
  const cases: { name: string; cmd: string; stderr: string }[] = [
    {
      name: 'a changed uid',
      cmd: `kubectl patch configmap cm -p '{"metadata":{"uid":"abc"}}'`,
      stderr: 'The ConfigMap "cm" is invalid: metadata.uid: Invalid value: "abc": field is immutable\n',
    },
    {
      name: 'a deletionTimestamp on an object not being deleted (printed in UTC)',
      cmd: `kubectl patch configmap cm -p '{"metadata":{"deletionTimestamp":"2030-05-06T09:08:07+02:00"}}'`,
      stderr: 'The ConfigMap "cm" is invalid: metadata.deletionTimestamp: Invalid value: "2030-05-06T07:08:07Z": field is immutable\n',
    },
    {
      name: 'a deletionGracePeriodSeconds on an object not being deleted',
      cmd: `kubectl patch configmap cm -p '{"metadata":{"deletionGracePeriodSeconds":5}}'`,
      stderr: 'The ConfigMap "cm" is invalid: metadata.deletionGracePeriodSeconds: Invalid value: 5: field is immutable\n',
    },
    {
      name: 'both, in ValidateObjectMetaAccessorUpdate order',
      cmd: `kubectl patch deployment web -p '{"metadata":{"deletionGracePeriodSeconds":5,"uid":"abc"}}'`,
      stderr:
        'The Deployment "web" is invalid: \n* metadata.uid: Invalid value: "abc": field is immutable\n* metadata.deletionGracePeriodSeconds: Invalid value: 5: field is immutable\n',
    },
  ];
  for (const tc of cases) {
    it(`refuses ${tc.name}`, () => {
      const c = setup();
      const r = c.run(tc.cmd);
      expect(r.stderr).toBe(tc.stderr);
      expect(r.exitCode).toBe(1);
    });
  }

  it('keeps the stored generation (a ConfigMap) and bumps only on a spec change (a Deployment); drops selfLink', () => {
    const c = setup();
    c.run(`kubectl patch configmap cm -p '{"metadata":{"generation":9,"selfLink":"/x"}}'`);
    const cm = json(c, 'configmap cm').metadata;
    expect(cm).not.toHaveProperty('generation');
    expect(cm).not.toHaveProperty('selfLink');
    c.run(`kubectl patch deployment web -p '{"metadata":{"generation":9}}'`);
    expect(json(c, 'deployment web').metadata.generation).toBe(1);
    c.run(`kubectl patch deployment web -p '{"metadata":{"generation":9},"spec":{"replicas":2}}'`);
    expect(json(c, 'deployment web').metadata.generation).toBe(2);
  });

  it('takes the stored uid when none is sent', () => {
    const c = setup();
    const cur = c.sim.api.get('ConfigMap', 'default', 'cm');
    const { uid: _uid, ...meta } = cur.metadata;
    const updated = c.sim.api.update({ ...cur, metadata: { ...meta, labels: { x: 'y' } } } as never);
    expect(updated.metadata.uid).toBe(cur.metadata.uid);
    expect(updated.metadata.labels).toEqual({ x: 'y' });
  });

  it('refuses new finalizers on an object being deleted, naming them', () => {
    const c = createCluster();
    c.run(`kubectl create -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: f
  finalizers: [example.com/a]
EOF`);
    expect(c.run('kubectl delete configmap f --wait=false').exitCode).toBe(0);
    const r = c.run(`kubectl patch configmap f --type=merge -p '{"metadata":{"finalizers":["example.com/a","example.com/z","example.com/b"]}}'`);
    expect(r.stderr).toBe(
      'The ConfigMap "f" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b", "example.com/z"}\n',
    );
    // removing the last finalizer is allowed, and the object goes
    expect(c.run(`kubectl patch configmap f --type=merge -p '{"metadata":{"finalizers":null}}'`).exitCode).toBe(0);
    expect(c.run('kubectl get configmap f').stderr).toBe('Error from server (NotFound): configmaps "f" not found\n');
  });
});
