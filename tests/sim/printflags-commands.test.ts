/**
 * PrintFlags of the commands that print objects of their own: create token, edit, events, api-resources; the
 * --show-managed-fields flag of every command with PrintFlags.
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io, read at master around v1.35 unless said):
 * - kubectl pkg/cmd/create/create_token.go: PrintFlags NewPrintFlags("created").WithTypeSetter, ToPrinter in
 *   Complete after NameFromCommandArgs; Validate ("--duration must be greater than or equal to 0"); Run: the
 *   TokenRequest (spec.audiences from --audience, spec.expirationSeconds only for a --duration > 0) sent with
 *   CreateToken, errors as "failed to create token: %v"; `if o.PrintFlags.OutputFlagSpecified()` the response is
 *   printed, else the token, followed by a newline only when stdout is a terminal.
 *   pkg/registry/core/serviceaccount/storage/token.go TokenREST.Create: the ServiceAccount looked up first, then
 *   name, namespace and uid (TokenRequestServiceAccountUIDValidation, beta since v1.34:
 *   staging/src/k8s.io/apiserver/pkg/features/kube_features.go) filled in from it, audiences defaulted to the API
 *   server's, creationTimestamp = now, ValidateTokenRequest (pkg/apis/authentication/validation: "may not specify
 *   a duration less than 10 minutes", "… larger than 2^32 seconds") reported as NewInvalid(GroupKind, "", errs),
 *   status {token, expirationTimestamp: now + expirationSeconds}. k8s.io/api authentication/v1 types.go:
 *   TokenRequestSpec {audiences, expirationSeconds, boundObjectRef} without omitempty (boundObjectRef: null),
 *   TokenRequestStatus {token, expirationTimestamp}; SetDefaults_TokenRequestSpec: expirationSeconds 3600.
 * - kubectl pkg/cmd/edit/edit.go (o.PrintFlags.AddFlags) and pkg/cmd/util/editor/editoptions.go: PrintFlags
 *   NewPrintFlags("edited"); editPrinterOptions is a PrintFlags with only JSONYamlPrintFlags (default yaml, -o bound
 *   when given, "json" drops the header); visitToPatch prints the patched object with o.ToPrinter("edited"),
 *   unchanged ones with o.ToPrinter("skipped"); an error there goes through preservedFile.
 * - kubectl pkg/cmd/events/events.go: NewPrintFlags("events").WithTypeSetter, AddFlags; ToOptions builds the printer
 *   only `if len(*OutputFormat) > 0` (else the table), after --for; Validate compares --types with EqualFold; Run
 *   prints a corev1.EventList{TypeMeta{EventList, v1}} of typed Events (v1 Event set when empty) through
 *   printers.GetNewTabWriter (minwidth 6, padding 3) and ignores PrintObj's error. cli-runtime pkg/printers/name.go:
 *   "list types are not supported by name printing: %T" for a typed list.
 * - kubectl pkg/cmd/auth/whoami.go: PrintFlags NewPrintFlags("").WithTypeSetter, AddFlags; without
 *   OutputFlagSpecified the ATTRIBUTE/VALUE table, else ToPrinter (in ToOptions) prints the SelfSubjectReview.
 * - kubectl pkg/cmd/apiresources/apiresources.go and print_flags.go (v1.34, kubernetes#132604): its own PrintFlags
 *   (JSONYaml, human-readable '' or wide, name), ToPrinter in Complete, NoCompatiblePrinterError with
 *   json,kyaml,name,wide,yaml; "--sort-by accepts only name or kind"; "unexpected arguments: %v"; sortableResource
 *   (strings.Compare of group, name or kind, ties by name); wide rows join verbs and categories with ","
 *   (apiresources_test.go "output wide": `get,list,create`); json/yaml print the flat metav1.APIResourceList with
 *   group and version set on each APIResource (metav1 types.go field order: name, singularName, namespaced, group,
 *   version, kind, verbs, shortNames, categories).
 * - cli-runtime pkg/genericclioptions/json_yaml_flags.go: AddFlags registers --show-managed-fields (so does every
 *   PrintFlags.AddFlags and get_flags.go), ToPrinter wraps JSON/YAML/KYAML in OmitManagedFieldsPrinter unless it is
 *   set; pkg/printers/managedfields.go drops metadata.managedFields from the object or each list item.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { omitManagedFields, PRINT_FLAGS, toPrinter } from '../../sim/kubectl/output';
import { parseFlags } from '../../sim/kubectl/flags';
import type { KubectlContext } from '../../sim/kubectl/types';
import type { KObject } from '../../sim/api/types';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

describe('create token -o', () => {
  it('prints the TokenRequest the server answered, typed (Go field order in JSON)', () => {
    const c = createCluster();
    run(c, 'kubectl create serviceaccount bot');
    const uid = run(c, "kubectl get sa bot -o jsonpath='{.metadata.uid}'").out;
    const r = run(c, 'kubectl create token bot --duration=2h -o json');
    expect(r.err).toBe('');
    const tr = JSON.parse(r.out);
    expect(Object.keys(tr)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect([tr.kind, tr.apiVersion]).toEqual(['TokenRequest', 'authentication.k8s.io/v1']);
    expect(Object.keys(tr.metadata)).toEqual(['name', 'namespace', 'uid', 'creationTimestamp']);
    expect([tr.metadata.name, tr.metadata.namespace, tr.metadata.uid]).toEqual(['bot', 'default', uid]);
    expect(tr.spec).toEqual({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 7200, boundObjectRef: null });
    expect(Object.keys(tr.spec)).toEqual(['audiences', 'expirationSeconds', 'boundObjectRef']);
    expect(Object.keys(tr.status)).toEqual(['token', 'expirationTimestamp']);
    expect(Date.parse(tr.status.expirationTimestamp) - Date.parse(tr.metadata.creationTimestamp)).toBe(7200_000);
    expect(tr.status.token.split('.')).toHaveLength(3);
  });

  it('-o yaml, -o name, templates; --template alone still prints the token', () => {
    const c = createCluster();
    run(c, 'kubectl create serviceaccount bot');
    const y = run(c, "kubectl create token bot -o yaml | sed -e 's/token: .*/token: T/' -e 's/\"20.*Z\"/TIME/' -e 's/uid: .*/uid: U/'").out;
    expect(y).toBe(
      'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  creationTimestamp: TIME\n  name: bot\n  namespace: default\n  uid: U\n' +
        'spec:\n  audiences:\n  - https://kubernetes.default.svc.cluster.local\n  boundObjectRef: null\n  expirationSeconds: 3600\nstatus:\n  expirationTimestamp: TIME\n  token: T\n',
    );
    expect(run(c, 'kubectl create token bot -o name')).toEqual({ out: 'tokenrequest.authentication.k8s.io/bot\n', err: '', code: 0 });
    expect(run(c, "kubectl create token bot -o jsonpath='{.spec.expirationSeconds} {.metadata.name}'").out).toBe('3600 bot');
    expect(run(c, "kubectl create token bot -o go-template --template='{{.kind}}'").out).toBe('TokenRequest');
    // OutputFlagSpecified is false: the go-template printer is built but the token is printed
    const t = run(c, "kubectl create token bot --template='{{.kind}}'").out;
    expect(t.split('.')).toHaveLength(3);
    // a bad -o stops Complete before any request
    expect(run(c, 'kubectl create token bot -o foo').err).toMatch(/^error: unable to match a printer suitable for the output format "foo"/);
  });

  it('the token alone: a newline only on a terminal', () => {
    const c = createCluster();
    run(c, 'kubectl create serviceaccount bot');
    expect(run(c, 'kubectl create token bot').out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const piped = run(c, 'kubectl create token bot | od -c | tail -2 | head -1').out;
    expect(piped).not.toContain('\\n');
  });

  it('errors: Validate, then the server\'s answers wrapped as "failed to create token"', () => {
    const c = createCluster();
    run(c, 'kubectl create serviceaccount bot');
    const cases: [string, string][] = [
      ['kubectl create token bot --duration=-5m', 'error: --duration must be greater than or equal to 0\n'],
      ['kubectl create token nope', 'error: failed to create token: serviceaccounts "nope" not found\n'],
      // the ServiceAccount is looked up before the request is validated
      ['kubectl create token nope --duration=1m', 'error: failed to create token: serviceaccounts "nope" not found\n'],
      [
        'kubectl create token bot --duration=5m',
        'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
      ],
      [
        'kubectl create token bot --duration=1200000h',
        'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 4320000000: may not specify a duration larger than 2^32 seconds\n',
      ],
      [
        'kubectl create token bot --as=jane',
        'error: failed to create token: serviceaccounts "bot" is forbidden: User "jane" cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"\n',
      ],
    ];
    for (const [cmd, err] of cases) expect(run(c, cmd), cmd).toEqual({ out: '', err, code: 1 });
  });
});

const EDIT = (from: string, to: string) => `KUBE_EDITOR="sed -i 's/${from}/${to}/'" kubectl edit deploy d`;

describe('edit: the editor\'s JSON/YAML printer and the "edited" PrintFlags', () => {
  it('-o yaml|json prints the patched object; --template too; -o only picks json, yaml or kyaml for the file', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment d --image=nginx');
    const y = run(c, `${EDIT('replicas: 1', 'replicas: 2')} -o yaml`).out;
    expect(y).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(y).toContain('\nspec:\n  progressDeadlineSeconds: 600\n  replicas: 2\n');
    // exactly "json": the file has no header and its JSON is what the editor changes
    expect(run(c, `${EDIT('\\(.replicas.\\): 2', '\\1: 3')} -o json | grep '"replicas"' | head -1`).out).toBe('        "replicas": 3,\n');
    expect(run(c, `${EDIT('replicas: 3', 'replicas: 4')} --template='{{.spec.replicas}}'`)).toEqual({ out: '4', err: '', code: 0 });
    const allowed = 'allowed formats are: json,kyaml,yaml\n';
    expect(run(c, `${EDIT('replicas: 4', 'replicas: 5')} -o name`)).toEqual({ out: '', err: `error: unable to match a printer suitable for the output format "name", ${allowed}`, code: 1 });
    expect(run(c, `${EDIT('replicas: 4', 'replicas: 5')} -o jsonpath='{.kind}'`).err).toBe(`error: unable to match a printer suitable for the output format "jsonpath={.kind}", ${allowed}`);
    expect(run(c, "kubectl get deploy d -o jsonpath='{.spec.replicas}'").out).toBe('4');
    // an unchanged object is printed with "skipped" (the edit is cancelled first when the file is untouched)
    expect(run(c, `${EDIT('replicas: 4', 'replicas: 4')}`).err).toBe('Edit cancelled, no changes made.\n');
    expect(run(c, 'KUBE_EDITOR=cat kubectl edit deploy d -o kyaml | sed -n 5,6p').out).toBe('---\n{\n');
  });

  it('a printer that fails once the object is patched: the patch stays, the file is kept', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment d --image=nginx');
    const r = run(c, `${EDIT('replicas: 1', 'replicas: 2')} --template='{{'`);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: error parsing template \{\{, template: output:1: unclosed action\n$/);
    expect(r.code).toBe(1);
    expect(run(c, "kubectl get deploy d -o jsonpath='{.spec.replicas}'").out).toBe('2');
  });
});

describe('events -o', () => {
  function withEvents(): Cluster {
    const c = createCluster();
    run(c, 'kubectl run p --image=nginx');
    return c;
  }

  it('json: a typed EventList of typed Events (Go field order)', () => {
    const c = withEvents();
    const list = JSON.parse(run(c, 'kubectl events -o json').out);
    expect(Object.keys(list)).toEqual(['kind', 'apiVersion', 'metadata', 'items']);
    expect([list.kind, list.apiVersion, list.metadata]).toEqual(['EventList', 'v1', {}]);
    expect(Object.keys(list.items[0]).slice(0, 6)).toEqual(['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message']);
    expect(list.items.map((e: { reason: string }) => e.reason)).toEqual(run(c, 'kubectl events --no-headers | awk \'{print $3}\'').out.trim().split('\n'));
    expect(run(c, 'kubectl events -o yaml').out.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(run(c, 'kubectl events -o yaml').out.endsWith('kind: EventList\nmetadata: {}\n')).toBe(true);
  });

  it('name prints nothing and templates that fail only print: PrintObj\'s error is not checked', () => {
    const c = withEvents();
    expect(run(c, 'kubectl events -o name')).toEqual({ out: '', err: '', code: 0 });
    const r = run(c, "kubectl events -o go-template='{{.kind}}{{index .items 99}}'");
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^EventListError executing template: template: output:1:\d+: executing "output" at <index .items 99>: error calling index: index out of range: 99\. Printing more information/);
    expect(run(c, "kubectl events -o jsonpath='{.items[99]}' --allow-missing-template-keys=false")).toEqual({ out: '', err: '', code: 0 });
  });

  it('goes through a tabwriter; --template without -o keeps the table; a bad -o fails after --for', () => {
    const c = withEvents();
    expect(run(c, `kubectl events -o go-template='{{range .items}}{{.reason}}{{"\\t"}}{{.type}}{{"\\n"}}{{end}}' | head -2`).out).toBe('Scheduled   Normal\nPulling     Normal\n');
    expect(run(c, "kubectl events --template='{{.kind}}' | head -1").out).toBe('LAST SEEN   TYPE     REASON      OBJECT   MESSAGE\n');
    expect(run(c, 'kubectl events -o wide').err).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml\n',
    );
    expect(run(c, 'kubectl events --for pod -o wide').err).toBe('error: --for must be in resource/name form\n');
  });

  it('--types compares without case (strings.EqualFold)', () => {
    const c = withEvents();
    expect(run(c, 'kubectl events --types=normal --no-headers | wc -l').out.trim()).toBe(run(c, 'kubectl events --no-headers | wc -l').out.trim());
    expect(run(c, 'kubectl events --types=WARNING').err).toBe('No events found in default namespace.\n');
    expect(run(c, 'kubectl events --types=bogus').err).toBe('error: valid --types are Normal or Warning\n');
  });
});

describe('api-resources -o', () => {
  it('its own formats: json, kyaml, name, wide, yaml', () => {
    const c = createCluster();
    expect(run(c, 'kubectl api-resources -o foo')).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "foo", allowed formats are: json,kyaml,name,wide,yaml\n',
      code: 1,
    });
    expect(run(c, 'kubectl api-resources -o jsonpath={.kind}').err).toMatch(/output format "jsonpath=\{\.kind\}", allowed formats are: json,kyaml,name,wide,yaml/);
    expect(run(c, 'KUBECTL_KYAML=false kubectl api-resources -o kyaml').err).toMatch(/allowed formats are: json,name,wide,yaml\n$/);
    expect(run(c, 'kubectl api-resources --sort-by=age').err).toBe('error: --sort-by accepts only name or kind\n');
    expect(run(c, 'kubectl api-resources pods').err).toBe("error: unexpected arguments: [pods]\nSee 'kubectl api-resources -h' for help and examples\n");
  });

  it('json: one flat APIResourceList, each resource with its group and version', () => {
    const c = createCluster();
    const l = JSON.parse(run(c, 'kubectl api-resources -o json').out);
    expect(Object.keys(l)).toEqual(['kind', 'apiVersion', 'groupVersion', 'resources']);
    expect([l.kind, l.apiVersion, l.groupVersion]).toEqual(['APIResourceList', 'v1', '']);
    const pods = l.resources.find((r: { name: string }) => r.name === 'pods');
    expect(pods).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      version: 'v1',
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(Object.keys(pods)).toEqual(['name', 'singularName', 'namespaced', 'version', 'kind', 'verbs', 'shortNames', 'categories']);
    const deploy = l.resources.find((r: { name: string }) => r.name === 'deployments');
    expect(Object.keys(deploy).slice(0, 5)).toEqual(['name', 'singularName', 'namespaced', 'group', 'version']);
    expect([deploy.group, deploy.version]).toEqual(['apps', 'v1']);
    expect(l.resources.length).toBe(Number(run(c, 'kubectl api-resources --no-headers | wc -l').out.trim()));
    expect(run(c, 'kubectl api-resources --api-group=nope -o json').out).toBe('{\n    "kind": "APIResourceList",\n    "apiVersion": "v1",\n    "groupVersion": "",\n    "resources": null\n}\n');
    expect(run(c, 'kubectl api-resources --api-group=nope').out).toBe('NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n');
    expect(run(c, 'kubectl api-resources --api-group=apps -o yaml | head -4').out).toBe('apiVersion: v1\ngroupVersion: ""\nkind: APIResourceList\nresources:\n');
  });

  it('wide joins verbs with commas; --sort-by=kind compares bytes', () => {
    const c = createCluster();
    expect(run(c, "kubectl api-resources -o wide | grep -E '^(NAME|componentstatuses|pods) '").out).toBe(
      'NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND                               VERBS                                                        CATEGORIES\n' +
        'componentstatuses                   cs           v1                                false        ComponentStatus                    get,list                                                     \n' +
        'pods                                po           v1                                true         Pod                                create,delete,deletecollection,get,list,patch,update,watch   all\n',
    );
    const kinds = run(c, "kubectl api-resources --sort-by=kind --no-headers | awk '{print $NF}'").out.trim().split('\n');
    expect(kinds.slice(0, 4)).toEqual(['APIService', 'Binding', 'CSIDriver', 'CSINode']);
    expect(kinds).toEqual([...kinds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('auth whoami -o', () => {
  it('the table without -o (even with --template); with -o the typed SelfSubjectReview', () => {
    const c = createCluster();
    const table = 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n';
    expect(run(c, 'kubectl auth whoami').out).toBe(table);
    expect(run(c, "kubectl auth whoami --template='{{.kind}}'").out).toBe(table);
    const r = JSON.parse(run(c, 'kubectl auth whoami -o json').out);
    expect(Object.keys(r)).toEqual(['kind', 'apiVersion', 'metadata', 'status']);
    expect(r.status).toEqual({ userInfo: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] } });
    expect(run(c, "kubectl auth whoami -o go-template --template='{{.kind}} {{.status.userInfo.username}}'").out).toBe('SelfSubjectReview kubernetes-admin');
    expect(run(c, 'kubectl auth whoami -o foo').err).toMatch(/^error: unable to match a printer suitable for the output format "foo", allowed formats are: go-template,/);
  });
});

describe('--show-managed-fields (JSONYamlPrintFlags)', () => {
  const mf = [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: '2026-01-15T09:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } }];
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', managedFields: mf }, data: { a: 'b' } } as unknown as KObject;
  const printed = (argv: string[], obj: KObject) => {
    let out = '';
    const k = { cmd: { env: new Map() }, flags: parseFlags(argv, PRINT_FLAGS).flags, out: (t: string) => (out += t) } as unknown as KubectlContext;
    toPrinter(k).print(obj);
    return out;
  };

  it('json, yaml and kyaml drop metadata.managedFields unless it is given; the template printers see them', () => {
    expect(printed(['-o', 'yaml'], cm)).toBe('apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n');
    expect(printed(['-o', 'yaml', '--show-managed-fields'], cm)).toContain('  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n');
    expect(JSON.parse(printed(['-o', 'json'], cm)).metadata).toEqual({ name: 'x', namespace: 'default' });
    expect(JSON.parse(printed(['-o', 'json', '--show-managed-fields=true'], cm)).metadata.managedFields).toEqual(mf);
    expect(printed(['-o', 'kyaml'], cm)).not.toContain('managedFields');
    expect(printed(['-o', 'kyaml', '--show-managed-fields'], cm)).toContain('managedFields');
    expect(printed(['-o', 'jsonpath={.metadata.managedFields[0].manager}'], cm)).toBe('kubectl-client-side-apply');
    expect(printed(['--template', '{{(index .metadata.managedFields 0).operation}}'], cm)).toBe('Update');
    // a list: each item (managedfields.go EachListItem); the object printed is not changed
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [cm, cm] } as unknown as KObject;
    expect(JSON.parse(printed(['-o', 'json'], list)).items.map((i: KObject) => Object.keys(i.metadata!))).toEqual([['name', 'namespace'], ['name', 'namespace']]);
    expect(omitManagedFields(cm)).not.toBe(cm);
    expect((cm.metadata as { managedFields?: unknown }).managedFields).toBe(mf);
    const plain = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' } } as KObject;
    expect(omitManagedFields(plain)).toBe(plain);
  });

  it('is a flag of every command with PrintFlags, not of rollout status or delete', () => {
    const c = createCluster();
    for (const cmd of ['kubectl create deployment d --image=nginx', 'kubectl run p --image=nginx', 'kubectl create sa bot', `cat > /root/cm.yaml <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f\nEOF`]) run(c, cmd);
    const ok = [
      'kubectl get pods --show-managed-fields -o yaml',
      'kubectl create configmap x --dry-run=client --show-managed-fields -o yaml',
      'kubectl create -f /root/cm.yaml --dry-run=client --show-managed-fields',
      'kubectl apply -f /root/cm.yaml --dry-run=client --show-managed-fields',
      'kubectl get cm kube-root-ca.crt -o yaml > /root/live.yaml; kubectl replace -f /root/live.yaml --dry-run=client --show-managed-fields',
      'kubectl run q --image=nginx --dry-run=client --show-managed-fields',
      'kubectl expose deploy d --port=80 --dry-run=client --show-managed-fields',
      'kubectl label pod p a=b --dry-run=client --show-managed-fields',
      'kubectl annotate pod p a=b --dry-run=client --show-managed-fields',
      `kubectl patch pod p -p '{}' --dry-run=client --show-managed-fields`,
      'kubectl scale deploy d --replicas=1 --dry-run=client --show-managed-fields',
      'kubectl set image deploy/d nginx=nginx --dry-run=client --show-managed-fields',
      'kubectl rollout history deploy/d --show-managed-fields',
      'kubectl taint node k8s-node1 a=b:NoSchedule --dry-run=client --show-managed-fields',
      'kubectl wait --for=condition=Ready pod/p --show-managed-fields',
      'kubectl config view --show-managed-fields',
      'KUBE_EDITOR=true kubectl edit pod p --show-managed-fields',
      'kubectl events --show-managed-fields',
      'kubectl api-resources --show-managed-fields',
      'kubectl create token bot --show-managed-fields',
      'kubectl auth whoami --show-managed-fields',
    ];
    for (const cmd of ok) expect(run(c, cmd), cmd).toMatchObject({ code: 0 });
    expect(run(c, 'kubectl rollout status deploy/d --show-managed-fields').err).toBe("error: unknown flag: --show-managed-fields\nSee 'kubectl rollout status --help' for usage.\n");
    expect(run(c, 'kubectl delete pod p --show-managed-fields').err).toMatch(/^error: unknown flag: --show-managed-fields\n/);
  });
});
