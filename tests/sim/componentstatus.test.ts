/**
 * ComponentStatus (`kubectl get cs`): not stored objects, the control plane's health probed on each request.
 * Sources (kubernetes/kubernetes):
 * - pkg/registry/core/componentstatus/rest.go: REST.List probes every server of GetServersToValidate in a
 *   goroutine and appends the answers as they come (no sort; the real order varies), filtered by the label and
 *   field selectors; REST.Get of an unknown name returns `fmt.Errorf("Component not found: %s", name)` (a plain
 *   error: 500 with an empty reason through responsewriters ErrorToAPIStatus, so kubectl prints `Error from
 *   server: …`); getComponentStatus sets only the name and one condition {Healthy, status, message, error}.
 * - pkg/registry/core/componentstatus/validator.go: HttpServer.DoServerCheck returns the /healthz body (`ok`),
 *   EtcdServer.DoServerCheck returns probe.Success with the message `ok` (not the old `{"health":"true"}`).
 * - pkg/registry/core/rest/storage_core.go componentStatusStorage.serversToValidate: controller-manager,
 *   scheduler and `etcd-<i>` per storage config (one on kubeadm: etcd-0).
 * - pkg/printers/internalversion/printers.go printComponentStatus: NAME STATUS MESSAGE ERROR; Healthy/Unhealthy
 *   from the Healthy condition, Unknown without one.
 * - staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go: creationTimestamp is omitzero, so the objects'
 *   metadata holds only the name.
 * - The apiserver's deprecation filter: `v1 ComponentStatus is deprecated in v1.19+` on every request, which
 *   kubectl's deduplicating warning handler prints once per command on stderr.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

const WARNING = 'Warning: v1 ComponentStatus is deprecated in v1.19+\n';

function run(c: ReturnType<typeof createCluster>, cmd: string) {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

describe('componentstatuses', () => {
  it('lists the control-plane components, all healthy, with the deprecation warning on stderr', () => {
    const c = createCluster();
    const table =
      'NAME                 STATUS    MESSAGE   ERROR\n' +
      'scheduler            Healthy   ok        \n' +
      'controller-manager   Healthy   ok        \n' +
      'etcd-0               Healthy   ok        \n';
    expect(run(c, 'kubectl get cs')).toEqual({ out: table, err: WARNING, code: 0 });
    expect(run(c, 'kubectl get componentstatuses')).toEqual({ out: table, err: WARNING, code: 0 });
    expect(run(c, 'kubectl get componentstatus -o wide').out).toBe(table);
    expect(run(c, 'kubectl get cs -o name').out).toBe('componentstatus/scheduler\ncomponentstatus/controller-manager\ncomponentstatus/etcd-0\n');
  });

  it('gets one component; two names make two requests but one warning line', () => {
    const c = createCluster();
    expect(run(c, 'kubectl get cs etcd-0')).toEqual({ out: 'NAME     STATUS    MESSAGE   ERROR\netcd-0   Healthy   ok        \n', err: WARNING, code: 0 });
    expect(run(c, 'kubectl get cs etcd-0 scheduler')).toEqual({
      out: 'NAME        STATUS    MESSAGE   ERROR\netcd-0      Healthy   ok        \nscheduler   Healthy   ok        \n',
      err: WARNING,
      code: 0,
    });
  });

  it('serves objects with only a name and the Healthy condition (-o yaml / -o json)', () => {
    const c = createCluster();
    expect(run(c, 'kubectl get cs etcd-0 -o yaml').out).toBe('apiVersion: v1\nconditions:\n- message: ok\n  status: "True"\n  type: Healthy\nkind: ComponentStatus\nmetadata:\n  name: etcd-0\n');
    expect(JSON.parse(run(c, 'kubectl get cs scheduler -o json').out)).toEqual({
      apiVersion: 'v1',
      conditions: [{ message: 'ok', status: 'True', type: 'Healthy' }],
      kind: 'ComponentStatus',
      metadata: { name: 'scheduler' },
    });
    const list = run(c, 'kubectl get cs -o yaml').out;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  conditions:\n  - message: ok\n    status: "True"\n    type: Healthy\n  kind: ComponentStatus\n  metadata:\n    name: scheduler\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(run(c, 'kubectl get cs -o jsonpath={.items[*].metadata.name}').out).toBe('scheduler controller-manager etcd-0');
  });

  it('answers the raw API as REST.List/Get build them: items without type meta, an empty ListMeta', () => {
    const c = createCluster();
    const ok = '{"type":"Healthy","status":"True","message":"ok"}';
    expect(run(c, 'kubectl get --raw /api/v1/componentstatuses').out).toBe(
      `{"kind":"ComponentStatusList","apiVersion":"v1","metadata":{},"items":[` +
        `{"metadata":{"name":"scheduler"},"conditions":[${ok}]},{"metadata":{"name":"controller-manager"},"conditions":[${ok}]},{"metadata":{"name":"etcd-0"},"conditions":[${ok}]}]}\n`,
    );
    expect(run(c, 'kubectl get --raw /api/v1/componentstatuses/etcd-0').out).toBe(`{"kind":"ComponentStatus","apiVersion":"v1","metadata":{"name":"etcd-0"},"conditions":[${ok}]}\n`);
  });

  it('an unknown name is the server error of a plain Go error, after the warning', () => {
    const c = createCluster();
    expect(run(c, 'kubectl get cs foo')).toEqual({ out: '', err: WARNING + 'Error from server: Component not found: foo\n', code: 1 });
    expect(() => c.sim.api.get('ComponentStatus', '', 'foo')).toThrow(expect.objectContaining({ status: expect.objectContaining({ code: 500, reason: '', message: 'Component not found: foo' }) }));
  });

  it('selectors filter the probed list: no labels, metadata.name as a field', () => {
    const c = createCluster();
    expect(run(c, 'kubectl get cs --field-selector metadata.name=etcd-0').out).toBe('NAME     STATUS    MESSAGE   ERROR\netcd-0   Healthy   ok        \n');
    // an empty list of any kind: kubectl's message names the namespace (get.go allResourcesNamespaced, no infos)
    expect(run(c, 'kubectl get cs -l tier=control-plane')).toEqual({ out: '', err: WARNING + 'No resources found in default namespace.\n', code: 0 });
  });

  it('is cluster-scoped and outside the default roles of ordinary users (RBAC, no warning before authorization)', () => {
    const c = createCluster();
    expect(run(c, 'kubectl get cs --as=jane')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): componentstatuses is forbidden: User "jane" cannot list resource "componentstatuses" in API group "" at the cluster scope\n',
      code: 1,
    });
    expect(run(c, 'kubectl get cs etcd-0 --as=jane').err).toBe(
      'Error from server (Forbidden): componentstatuses "etcd-0" is forbidden: User "jane" cannot get resource "componentstatuses" in API group "" at the cluster scope\n',
    );
    expect(run(c, 'kubectl auth can-i list componentstatuses --as=jane')).toEqual({ out: 'no\n', err: '', code: 1 });
    expect(run(c, 'kubectl get cs -n kube-system').out).toContain('etcd-0');
  });

  it('stores nothing: the snapshot and the components calls without a user see no ComponentStatus', () => {
    const c = createCluster();
    const before = JSON.stringify(c.snapshot());
    run(c, 'kubectl get cs');
    expect(JSON.stringify(c.snapshot())).toBe(before);
    expect(c.sim.store.list('ComponentStatus', undefined)).toEqual([]);
    expect(c.sim.api.list('ComponentStatus', undefined).map((o) => o.metadata.name)).toEqual(['scheduler', 'controller-manager', 'etcd-0']);
  });
});
