/**
 * The printers of every kubectl command with -o (cli-runtime PrintFlags): where each command builds its printer
 * (so whether a bad -o stops it before it writes), --template and --allow-missing-template-keys outside get,
 * -o jsonpath-as-json, -o kyaml, and the key order of -o json for typed objects (sim/kubectl/output.ts).
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io and kubernetes/kubectl, read at master around v1.35 unless said):
 * - cli-runtime pkg/genericclioptions/print_flags.go ToPrinter (JSONYaml, then Name, then the template flags;
 *   NoCompatiblePrinterError "unable to match a printer suitable for the output format %q, allowed formats are: %s",
 *   sorted) and AddFlags (-o, plus --template and --allow-missing-template-keys from KubeTemplatePrintFlags);
 *   json_yaml_flags.go (AllowedFormats json, yaml and kyaml unless KUBECTL_KYAML=false — KEP-5295 is beta and on by
 *   default in v1.35, kubernetes#133327); name_flags.go (-o name or no -o: the NamePrinter with the operation);
 *   jsonpath_flags.go (the template parsed in ToPrinter: "error parsing jsonpath %s, %v"; jsonpath-as-json →
 *   EnableJSONOutput(true); AllowMissingKeys from --allow-missing-template-keys).
 * - cli-runtime pkg/printers/jsonpath.go JSONPathPrinter.PrintObj ("error executing jsonpath %q: %v\n" around the
 *   debugging text, the object as %#v), yaml.go (YAMLPrinter writes "---" before each document after the first),
 *   kyaml.go + sigs.k8s.io/yaml kyaml/kyaml.go (Encoder.FromObject), json.go (json.MarshalIndent of the object: a
 *   typed k8s.io/api struct in Go field order, TypeMeta kind then apiVersion).
 * - client-go util/jsonpath/jsonpath.go: PrintResults with outputJSON (each action's results as one
 *   json.MarshalIndent(…, "", "    ") array and "\n"), evalField's "%s is not found" without AllowMissingKeys,
 *   evalArray's "array index out of bounds: index %d, length %d".
 * - kubectl pkg/cmd: create/create.go (Complete: ToPrinter before RunCreate, which prints each object as it is
 *   created), create/create_deployment.go, create_namespace.go, create_cronjob.go (Complete: NameFromCommandArgs,
 *   then the dry-run strategy and ToPrinter; typed clients; MarkFlagRequired flags checked by cobra first),
 *   run/run.go (ToPrinter in ToOptions/Complete, before Validate's "NAME is required for run"; generateService prints
 *   the Service and a "---" line for -o yaml), expose/expose.go, annotate/annotate.go (ToPrinter in Complete),
 *   set/set_image.go and set_env.go (Complete), scale/scale.go (Complete; prints info.Object, the object as read),
 *   replace/replace.go (Complete, then RequireFilenameOrKustomize; Validate "--dry-run can not be used when --force
 *   is set"), config/view.go (PrintFlags with default output yaml); label/label.go (o.ToPrinter(dataChangeMsg) per
 *   object after the patch, printing info.Object; the dry-run suffix since kubernetes#111571), patch/patch.go
 *   (o.ToPrinter(patchOperation(didPatch)) after the patch), apply/apply.go (ToPrinter at print time; with -o other
 *   than name, printObjects after all objects, only when none failed, several as a corev1.List; with --dry-run=client
 *   an existing object is "configured" and printed as read by info.Get()); rollout/rollout_pause.go, rollout_resume.go,
 *   rollout_restart.go, rollout_undo.go (o.ToPrinter(operation) after the patch), rollout_history.go (with -o the
 *   revisions print, DeploymentHistoryViewer.GetHistory's ReplicaSets), rollout_status.go (no PrintFlags);
 *   taint/taint.go (o.ToPrinter(operation) after the patch, the node printed), wait/wait.go (ToOptions builds the
 *   "condition met" printer first, the object printed as last seen).
 * - client-go tools/clientcmd/api/v1/types.go: Config's field order (kind, apiVersion, preferences, clusters, users,
 *   contexts, current-context); since v1.34 `Preferences Preferences json:"preferences,omitzero"` (deprecated,
 *   kubernetes#131741), so the empty preferences of the kubeadm kubeconfig are not printed.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

const FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml';
const noPrinter = (output: string, formats = FORMATS) => `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${formats}\n`;

const CM_YAML = `cat > /root/cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: f
data:
  k: v
EOF`;

function setup(): Cluster {
  const c = createCluster();
  for (const cmd of ['kubectl create deployment d --image=nginx', 'kubectl run p --image=nginx', CM_YAML]) run(c, cmd);
  return c;
}

describe('a bad -o stops the commands that build their printer in Complete, before anything is sent', () => {
  const cases: { name: string; cmd: string; check: string; want: string; err?: string }[] = [
    { name: 'create deployment', cmd: 'kubectl create deployment x --image=nginx -o foo', check: 'kubectl get deploy x -o name', want: '' },
    {
      name: 'create deployment, a Go template that does not parse',
      cmd: "kubectl create deployment x --image=nginx -o go-template='{{'",
      check: 'kubectl get deploy x -o name',
      want: '',
      err: 'error: error parsing template {{, template: output:1: unclosed action\n',
    },
    {
      name: 'create configmap, a JSONPath template that does not parse',
      cmd: "kubectl create configmap x --from-literal=a=b -o jsonpath='{.data'",
      check: 'kubectl get cm x -o name',
      want: '',
      err: 'error: error parsing jsonpath {.data, unclosed action\n',
    },
    {
      name: 'create namespace, a template format without a template',
      cmd: 'kubectl create namespace x -o jsonpath',
      check: 'kubectl get ns x -o name',
      want: '',
      err: 'error: template format specified but no template given\n',
    },
    { name: 'create -f', cmd: 'kubectl create -f /root/cm.yaml -o foo', check: 'kubectl get cm f -o name', want: '' },
    { name: 'run', cmd: 'kubectl run x --image=nginx -o foo', check: 'kubectl get pod x -o name', want: '' },
    { name: 'run --expose', cmd: 'kubectl run x --image=nginx --port=80 --expose -o foo', check: 'kubectl get svc x -o name', want: '' },
    { name: 'expose', cmd: 'kubectl expose deploy d --port=80 -o foo', check: 'kubectl get svc d -o name', want: '' },
    { name: 'annotate', cmd: 'kubectl annotate pod p a=b -o foo', check: "kubectl get pod p -o jsonpath='{.metadata.annotations}'", want: '' },
    { name: 'scale', cmd: 'kubectl scale deploy d --replicas=3 -o foo', check: "kubectl get deploy d -o jsonpath='{.spec.replicas}'", want: '1' },
    { name: 'set image', cmd: 'kubectl set image deploy/d nginx=nginx:1.25 -o foo', check: "kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0].image}'", want: 'nginx' },
    { name: 'set env', cmd: 'kubectl set env deploy/d A=B -o foo', check: "kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0].env}'", want: '' },
    {
      name: 'set resources',
      cmd: 'kubectl set resources deploy/d --limits=cpu=1 -o foo',
      check: "kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0].resources}'",
      want: '{}',
    },
  ];
  it.each(cases)('$name', ({ cmd, check, want, err }) => {
    const c = setup();
    expect(run(c, cmd)).toEqual({ out: '', err: err ?? noPrinter('foo'), code: 1 });
    expect(run(c, check).out).toBe(want);
  });

  it('replace: the file is not sent; --dry-run with --force is refused (replace.go Validate)', () => {
    const c = setup();
    run(c, 'kubectl create -f /root/cm.yaml');
    run(c, "sed -i 's/k: v/k: w/' /root/cm.yaml");
    expect(run(c, 'kubectl replace -f /root/cm.yaml -o foo')).toEqual({ out: '', err: noPrinter('foo'), code: 1 });
    expect(run(c, "kubectl get cm f -o jsonpath='{.data.k}'").out).toBe('v');
    expect(run(c, 'kubectl replace -f /root/cm.yaml --force --dry-run=client').err).toBe('error: --dry-run can not be used when --force is set\n');
    expect(run(c, "kubectl replace -f /root/cm.yaml --dry-run=client -o jsonpath='{.data.k}'").out).toBe('w');
    expect(run(c, "kubectl get cm f -o jsonpath='{.data.k}'").out).toBe('v');
    expect(run(c, 'kubectl replace -f /root/cm.yaml --dry-run=server').out).toBe('configmap/f replaced (server dry run)\n');
    expect(run(c, "kubectl get cm f -o jsonpath='{.data.k}'").out).toBe('v');
    expect(run(c, 'kubectl replace -f /root/cm.yaml').out).toBe('configmap/f replaced\n');
    expect(run(c, "kubectl get cm f -o jsonpath='{.data.k}'").out).toBe('w');
  });

  it('what comes before the printer still comes first: cobra required flags, NameFromCommandArgs', () => {
    const c = setup();
    const cases: [string, string][] = [
      ['kubectl create deployment x -o foo', 'error: required flag(s) "image" not set\n'],
      ['kubectl create deployment -o foo', 'error: required flag(s) "image" not set\n'],
      ["kubectl create cronjob x -o foo", 'error: required flag(s) "image", "schedule" not set\n'],
      ['kubectl create deployment a b --image=nginx -o foo', "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n"],
      ['kubectl create deployment x --image=nginx --dry-run=maybe -o foo', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
      ['kubectl run -o foo', 'error: required flag(s) "image" not set\n'],
      // run.go: the printer is built before Validate checks the NAME
      ['kubectl run --image=nginx -o foo', noPrinter('foo')],
      ['kubectl scale deploy d -o foo', 'error: required flag(s) "replicas" not set\n'],
      ['kubectl scale deploy d --replicas=-2 -o foo', noPrinter('foo')],
      // annotate.go Complete: the printer before "--list and --output may not be specified together"
      ['kubectl annotate pod p --list -o foo', noPrinter('foo')],
      ['kubectl annotate pod p --list -o yaml', 'error: --list and --output may not be specified together\n'],
    ];
    for (const [cmd, err] of cases) expect(run(c, cmd), cmd).toEqual({ out: '', err, code: 1 });
  });

  it('the allowed formats follow KUBECTL_KYAML (json_yaml_flags.go)', () => {
    const c = setup();
    const noKyaml = FORMATS.replace('kyaml,', '');
    expect(run(c, 'KUBECTL_KYAML=false kubectl create deployment x --image=nginx -o kyaml')).toEqual({ out: '', err: noPrinter('kyaml', noKyaml), code: 1 });
    expect(run(c, 'KUBECTL_KYAML=FALSE kubectl get pods -o foo').err).toBe(noPrinter('foo', `custom-columns,custom-columns-file,${noKyaml.replace('templatefile,', 'templatefile,wide,')}`));
    expect(run(c, 'kubectl config view -o wide').err).toBe(noPrinter('wide'));
  });
});

describe('commands that ask for a printer once they have written', () => {
  it('label writes, then fails on the printer; annotate does not write (label.go vs annotate.go)', () => {
    const c = setup();
    expect(run(c, 'kubectl label pod p a=b -o foo')).toEqual({ out: '', err: noPrinter('foo'), code: 1 });
    expect(run(c, "kubectl get pod p -o jsonpath='{.metadata.labels.a}'").out).toBe('b');
    expect(run(c, 'kubectl annotate pod p a=b -o foo').code).toBe(1);
    expect(run(c, "kubectl get pod p -o jsonpath='{.metadata.annotations}'").out).toBe('');
  });

  it('patch writes, then fails on the printer (patch.go RunPatch)', () => {
    const c = setup();
    expect(run(c, `kubectl patch deploy d -p '{"metadata":{"labels":{"x":"y"}}}' -o foo`)).toEqual({ out: '', err: noPrinter('foo'), code: 1 });
    expect(run(c, "kubectl get deploy d -o jsonpath='{.metadata.labels.x}'").out).toBe('y');
    expect(run(c, `kubectl patch deploy d -p '{"metadata":{"labels":{"x":"z"}}}' -o name`).out).toBe('deployment.apps/d\n');
    expect(run(c, `kubectl patch deploy d -p '{}' -o jsonpath='{.metadata.labels.x}'`).out).toBe('z');
    expect(run(c, `kubectl patch deploy d -p '{"metadata":{"labels":{"x":"q"}}}' --dry-run=client`).out).toBe('deployment.apps/d patched (dry run)\n');
  });

  it('apply writes, then fails in printObjects; with a failed object it prints nothing (apply.go Run)', () => {
    const c = setup();
    expect(run(c, 'kubectl apply -f /root/cm.yaml -o foo')).toEqual({ out: '', err: noPrinter('foo'), code: 1 });
    expect(run(c, 'kubectl get cm f -o name').out).toBe('configmap/f\n');
    run(c, `cat > /root/bad.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: g
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: BAD
EOF`);
    const r = run(c, "kubectl apply -f /root/bad.yaml -o jsonpath='{.kind}'");
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(run(c, 'kubectl get cm g -o name').out).toBe('configmap/g\n');
  });

  it('apply --dry-run=client: an existing object is "configured" and prints as read (applyOneObject skips the patch)', () => {
    const c = setup();
    run(c, 'kubectl apply -f /root/cm.yaml');
    expect(run(c, 'kubectl apply -f /root/cm.yaml --dry-run=client')).toEqual({ out: 'configmap/f configured (dry run)\n', err: '', code: 0 });
    expect(run(c, 'kubectl apply -f /root/cm.yaml --dry-run=server').out).toBe('configmap/f unchanged (server dry run)\n');
    run(c, "sed -i 's/k: v/k: w/' /root/cm.yaml");
    expect(run(c, "kubectl apply -f /root/cm.yaml --dry-run=client -o jsonpath='{.data.k}'").out).toBe('v');
  });
});

describe('rollout', () => {
  it('pause, resume, restart, undo print after their patch; history prints revisions; status has no -o', () => {
    const c = setup();
    run(c, 'kubectl set image deploy/d nginx=nginx:1.25');
    expect(run(c, 'kubectl rollout pause deploy/d -o foo')).toEqual({ out: '', err: noPrinter('foo'), code: 1 });
    expect(run(c, "kubectl get deploy d -o jsonpath='{.spec.paused}'").out).toBe('true');
    expect(run(c, 'kubectl rollout pause deploy/d -o name').out).toBe('deployment.apps/d\n');
    expect(run(c, 'kubectl rollout pause deploy/d').out).toBe('deployment.apps/d already paused\n');
    expect(run(c, "kubectl rollout resume deploy/d -o jsonpath='{.kind} {.spec.paused}'").out).toBe('Deployment ');
    expect(run(c, "kubectl rollout history deploy/d -o jsonpath='{.kind}/{.metadata.annotations.deployment\\.kubernetes\\.io/revision} '").out).toBe('ReplicaSet/1 ReplicaSet/2 ');
    expect(run(c, 'kubectl rollout history deploy/d --revision=5 -o name')).toEqual({ out: '', err: 'error: unable to find the specified revision\n', code: 1 });
    expect(run(c, "kubectl rollout undo deploy/d --template='{{(index .spec.template.spec.containers 0).image}}'").out).toBe('nginx:1.25');
    expect(run(c, "kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0].image}'").out).toBe('nginx');
    expect(run(c, 'kubectl rollout status deploy/d -o yaml')).toEqual({
      out: '',
      err: "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl rollout status --help' for usage.\n",
      code: 1,
    });
    expect(run(c, 'kubectl rollout status deploy/d --template={{.kind}}').err).toBe("error: unknown flag: --template\nSee 'kubectl rollout status --help' for usage.\n");
  });
});

describe('taint and wait', () => {
  it('taint prints after its patch; wait refuses a bad -o before waiting', () => {
    const c = setup();
    expect(run(c, 'kubectl taint node k8s-node1 a=b:NoSchedule -o foo')).toEqual({ out: '', err: noPrinter('foo'), code: 1 });
    expect(run(c, "kubectl get node k8s-node1 -o jsonpath='{.spec.taints[0].key}'").out).toBe('a');
    expect(run(c, "kubectl taint node k8s-node1 c=d:NoExecute --dry-run=client -o jsonpath='{.spec.taints[*].key}'").out).toBe('c a');
    expect(run(c, 'kubectl taint node k8s-node1 a- -o name').out).toBe('node/k8s-node1\n');
    expect(run(c, 'kubectl wait --for=condition=Ready pod/p -o foo')).toEqual({ out: '', err: noPrinter('foo'), code: 1 });
    expect(run(c, "kubectl wait --for=condition=Ready pod/p -o jsonpath='{.status.phase}'").out).toBe('Running');
    expect(run(c, 'kubectl wait --for=condition=Ready pod/p').out).toBe('pod/p condition met\n');
  });
});

describe('-o for label, annotate, patch, scale, set, replace, create -f, apply', () => {
  it('prints the object each command prints, through the same printers', () => {
    const c = setup();
    const rv = () => run(c, "kubectl get pod p -o jsonpath='{.metadata.resourceVersion}'").out;
    const before = rv();
    // label prints its own copy (info.Object): the new label, the resourceVersion it read
    expect(run(c, "kubectl label pod p a=b -o jsonpath='{.metadata.labels.a} {.metadata.resourceVersion}'").out).toBe(`b ${before}`);
    expect(rv()).not.toBe(before);
    // annotate prints the server's answer
    const annotated = run(c, "kubectl annotate pod p x=y -o jsonpath='{.metadata.annotations.x} {.metadata.resourceVersion}'").out;
    expect(annotated).toBe(`y ${rv()}`);
    // scale prints the object as read, before the scale
    expect(run(c, "kubectl scale deploy d --replicas=2 -o jsonpath='{.spec.replicas}'").out).toBe('1');
    expect(run(c, "kubectl get deploy d -o jsonpath='{.spec.replicas}'").out).toBe('2');
    expect(run(c, 'kubectl scale deploy d --replicas=3 --dry-run=client -o name').out).toBe('deployment.apps/d\n');
    expect(run(c, "kubectl set image deploy/d nginx=nginx:1.25 --template='{{(index .spec.template.spec.containers 0).image}}'").out).toBe('nginx:1.25');
    expect(run(c, 'kubectl set env deploy/d A=B --dry-run=client').out).toBe('deployment.apps/d env updated (dry run)\n');
    expect(run(c, "kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0].env}'").out).toBe('');
  });

  it('create -f prints each object as it is created (YAMLPrinter separates them); apply prints a corev1.List', () => {
    const c = setup();
    run(c, `cat > /root/two.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
EOF`);
    expect(run(c, 'kubectl create -f /root/two.yaml --dry-run=client -o yaml').out).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: default\n',
    );
    expect(run(c, "kubectl create -f /root/two.yaml --dry-run=client -o jsonpath='{.metadata.name};'").out).toBe('a;b;');
    const last = (n: string) =>
      `"kubectl.kubernetes.io/last-applied-configuration": "{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"${n}\\",\\"namespace\\":\\"default\\"}}\\n"`;
    const item = (n: string) =>
      `        {\n            "apiVersion": "v1",\n            "kind": "ConfigMap",\n            "metadata": {\n                "annotations": {\n                    ${last(n)}\n                },\n                "name": "${n}",\n                "namespace": "default"\n            }\n        }`;
    expect(run(c, 'kubectl apply -f /root/two.yaml --dry-run=client -o json').out).toBe(
      `{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n${item('a')},\n${item('b')}\n    ]\n}\n`,
    );
    const y = run(c, 'kubectl apply -f /root/two.yaml -o yaml').out;
    expect(y.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(y.endsWith('kind: List\nmetadata: {}\n')).toBe(true);
    expect(run(c, 'kubectl apply -f /root/two.yaml -o name').out).toBe('configmap/a\nconfigmap/b\n');
  });

  it('run --expose -o yaml: the Service, the "---" run.go writes, the YAML printer\'s own "---", the Pod', () => {
    const c = setup();
    const out = run(c, 'kubectl run x --image=nginx --port=80 --expose --dry-run=client -o yaml').out;
    expect(out.split('\n').filter((l) => l.startsWith('kind:'))).toEqual(['kind: Service', 'kind: Pod']);
    expect(out).toContain('  loadBalancer: {}\n---\n---\napiVersion: v1\nkind: Pod\n');
    expect(run(c, 'kubectl run y --image=nginx --port=80 --expose -o name').out).toBe('service/y\npod/y\n');
  });
});

describe('--template and --allow-missing-template-keys on every command with PrintFlags', () => {
  it('are registered and used', () => {
    const c = setup();
    const cases: [string, string][] = [
      ["kubectl create configmap t --from-literal=a=b --dry-run=client --template='{{.metadata.name}}={{.data.a}}'", 't=b'],
      ["kubectl create -f /root/cm.yaml --dry-run=client --template='{{.kind}}'", 'ConfigMap'],
      ["kubectl apply -f /root/cm.yaml --dry-run=client --template='{{.kind}}'", 'ConfigMap'],
      ["kubectl run t --image=busybox --dry-run=client --template='{{.spec.restartPolicy}}'", 'Always'],
      ["kubectl expose deploy d --port=80 --dry-run=client --template='{{.spec.selector.app}}'", 'd'],
      ["kubectl label pod p a=b --dry-run=client --template='{{.metadata.labels.a}}'", 'b'],
      ["kubectl annotate pod p a=b --dry-run=client --template='{{.metadata.annotations.a}}'", 'b'],
      ["kubectl patch pod p -p '{\"metadata\":{\"labels\":{\"q\":\"r\"}}}' --dry-run=client --template='{{.metadata.labels.q}}'", 'r'],
      ["kubectl scale deploy d --replicas=1 --dry-run=client --template='{{.kind}}'", 'Deployment'],
      ["kubectl set image deploy/d nginx=busybox --dry-run=client --template='{{(index .spec.template.spec.containers 0).image}}'", 'busybox'],
      ["kubectl config view --template='{{index . \"current-context\"}}'", 'kubernetes-admin@kubernetes'],
      ["kubectl create configmap t --dry-run=client -o jsonpath --template='{.kind}'", 'ConfigMap'],
    ];
    for (const [cmd, out] of cases) expect(run(c, cmd), cmd).toEqual({ out, err: '', code: 0 });
    const r = run(c, "kubectl create configmap t --dry-run=client --template='{{.data.x}}' --allow-missing-template-keys=false");
    expect(r.err).toBe('error: error executing template "{{.data.x}}": template: output:1:7: executing "output" at <.data.x>: map has no entry for key "data"\n');
    expect(r.code).toBe(1);
  });

  it('JSONPath with --allow-missing-template-keys=false: "… is not found" (jsonpath.go evalField), printed as JSONPathPrinter does', () => {
    const c = setup();
    run(c, 'kubectl create configmap cm --from-literal=a=1');
    const m = JSON.parse(run(c, 'kubectl get cm cm -o json').out).metadata;
    const obj =
      `map[string]interface {}{"apiVersion":"v1", "data":map[string]interface {}{"a":"1"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"creationTimestamp":"${m.creationTimestamp}", ` +
      `"name":"cm", "namespace":"default", "resourceVersion":"${m.resourceVersion}", "uid":"${m.uid}"}}`;
    expect(run(c, "kubectl get cm cm -o jsonpath='{.data.b}' --allow-missing-template-keys=false")).toEqual({
      out: '',
      err:
        'error: error executing jsonpath "{.data.b}": Error executing template: b is not found. Printing more information for debugging the template:\n' +
        `\ttemplate was:\n\t\t{.data.b}\n\tobject given to jsonpath engine was:\n\t\t${obj}\n\n\n`,
      code: 1,
    });
    expect(run(c, "kubectl get cm cm -o jsonpath='{.data.b}'")).toEqual({ out: '', err: '', code: 0 });
    // an exists filter ignores the missing key
    expect(run(c, "kubectl get cm -o jsonpath='{.items[?(@.data.a)].metadata.name}' --allow-missing-template-keys=false").out).toBe('cm');
  });

  it('an empty list still goes through the JSONPath printer (get.go printGeneric): {.items[0]} fails', () => {
    const c = createCluster();
    expect(run(c, "kubectl get deploy -o jsonpath='{.items[0].metadata.name}'")).toEqual({
      out: '',
      err:
        'error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].metadata.name}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
      code: 1,
    });
    expect(run(c, "kubectl get deploy -o jsonpath='{.kind}'")).toEqual({ out: 'List', err: '', code: 0 });
    expect(run(c, 'kubectl get deploy -o name')).toEqual({ out: '', err: '', code: 0 });
  });
});

describe('-o jsonpath-as-json (client-go jsonpath.go PrintResults with outputJSON)', () => {
  it('prints each action\'s results as one indented JSON array', () => {
    const c = createCluster();
    run(c, 'kubectl create configmap a --from-literal=k=v --from-literal=x="<&>"');
    run(c, 'kubectl create configmap b');
    const cases: [string, string][] = [
      ['{.data}', '[\n    {\n        "k": "v",\n        "x": "\\u003c\\u0026\\u003e"\n    }\n]\n'],
      ['{.metadata.name}', '[\n    "a"\n]\n'],
      ['{.metadata.name}{"\\n"}', '[\n    "a"\n]\n[\n    "\\n"\n]\n'],
      ['{.data.nope}', '[]\n'],
      ['{.data.k}{.data.x}', '[\n    "v"\n]\n[\n    "\\u003c\\u0026\\u003e"\n]\n'],
    ];
    for (const [tpl, out] of cases) expect(run(c, `kubectl get cm a -o jsonpath-as-json='${tpl}'`), tpl).toEqual({ out, err: '', code: 0 });
    expect(run(c, "kubectl get cm a b -o jsonpath-as-json='{.items[*].metadata.name}'").out).toBe('[\n    "a",\n    "b"\n]\n');
    expect(run(c, "kubectl get cm a b -o jsonpath-as-json='{range .items[*]}{.metadata.name}{end}'").out).toBe('[\n    "a"\n][\n    "b"\n]\n'.replace('][', ']\n['));
    // the format needs a template like the others; -o jsonpath-as-json --template works too
    expect(run(c, 'kubectl get cm a -o jsonpath-as-json').err).toBe('error: template format specified but no template given\n');
    expect(run(c, "kubectl get cm a -o jsonpath-as-json --template='{.kind}'").out).toBe('[\n    "ConfigMap"\n]\n');
    expect(run(c, "kubectl create configmap z --dry-run=client -o jsonpath-as-json='{.kind}'").out).toBe('[\n    "ConfigMap"\n]\n');
  });
});

describe('-o json of typed objects: Go field order (printers/json.go over a k8s.io/api struct)', () => {
  it('create deployment and run with --dry-run=client', () => {
    const c = createCluster();
    expect(run(c, 'kubectl create deployment web --image=nginx --dry-run=client -o json').out).toBe(`{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "replicas": 1,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "nginx",
                        "image": "nginx",
                        "resources": {}
                    }
                ]
            }
        },
        "strategy": {}
    },
    "status": {}
}
`);
    expect(run(c, 'kubectl run p --image=nginx --port=80 --dry-run=client -o json').out).toBe(`{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "p",
        "labels": {
            "run": "p"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "p",
                "image": "nginx",
                "ports": [
                    {
                        "containerPort": 80
                    }
                ],
                "resources": {}
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
`);
  });

  it('the typed clients\' answers keep Go order; unstructured objects (create -f, get) keep sorted keys; YAML sorts', () => {
    const c = createCluster();
    const keys = (json: string) => Object.keys(JSON.parse(json));
    expect(keys(run(c, 'kubectl create configmap x --from-literal=a=b -o json').out)).toEqual(['kind', 'apiVersion', 'metadata', 'data']);
    expect(Object.keys(JSON.parse(run(c, 'kubectl create configmap y -o json').out).metadata)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp']);
    expect(keys(run(c, 'kubectl get cm x -o json').out)).toEqual(['apiVersion', 'data', 'kind', 'metadata']);
    run(c, CM_YAML);
    expect(keys(run(c, 'kubectl create -f /root/cm.yaml -o json').out)).toEqual(['apiVersion', 'data', 'kind', 'metadata']);
    expect(run(c, 'kubectl create deployment w --image=nginx --dry-run=client -o yaml').out.startsWith('apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
  });

  it('config view -o json: clientcmd v1 Config in Go order, without preferences', () => {
    const c = createCluster();
    expect(run(c, 'kubectl config view -o json').out).toBe(`{
    "kind": "Config",
    "apiVersion": "v1",
    "clusters": [
        {
            "name": "kubernetes",
            "cluster": {
                "server": "https://192.168.56.30:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "kubernetes-admin",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "kubernetes-admin@kubernetes",
            "context": {
                "cluster": "kubernetes",
                "user": "kubernetes-admin"
            }
        }
    ],
    "current-context": "kubernetes-admin@kubernetes"
}
`);
    expect(run(c, 'kubectl config view -o name').out).toBe('config/<unknown>\n');
    // no `preferences: {}` in YAML either (omitzero)
    expect(run(c, 'kubectl config view').out).toBe(
      'apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://192.168.56.30:6443\n  name: kubernetes\n' +
        'contexts:\n- context:\n    cluster: kubernetes\n    user: kubernetes-admin\n  name: kubernetes-admin@kubernetes\ncurrent-context: kubernetes-admin@kubernetes\n' +
        'kind: Config\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n',
    );
  });
});

describe('-o kyaml (sigs.k8s.io/yaml kyaml/kyaml.go)', () => {
  it('renders documents as KYAML', () => {
    const c = createCluster();
    expect(run(c, 'kubectl run p --image=nginx --dry-run=client -o kyaml').out).toBe(`---
{
  kind: "Pod",
  apiVersion: "v1",
  metadata: {
    name: "p",
    labels: {
      run: "p",
    },
  },
  spec: {
    containers: [{
      name: "p",
      image: "nginx",
      resources: {},
    }],
    restartPolicy: "Always",
    dnsPolicy: "ClusterFirst",
  },
  status: {},
}
`);
    // keys that need quotes, strings that YAML would read as other types, lists of scalars, multi-line strings
    run(c, `kubectl create configmap q --from-literal=app.name=web --from-literal=-lead=x --from-literal=yes=true --from-literal=n=0x1F --from-literal=when=2024-01-02 --from-literal=lines="a
  b"`);
    expect(run(c, "kubectl get cm q -o kyaml | sed -n '/^  data/,/^  }/p'").out).toBe(`  data: {
    "-lead": "x",
    app.name: "web",
    lines: "\\
       a\\n\\
      \\  b\\
      ",
    "n": "0x1F",
    when: "2024-01-02",
    "yes": "true",
  },
`);
    expect(run(c, "kubectl create clusterrole r --verb=get,list --resource=pods --dry-run=client -o kyaml | sed -n '/rules/,$p'").out).toBe(`  rules: [{
    verbs: [
      "get",
      "list",
    ],
    apiGroups: [
      "",
    ],
    resources: [
      "pods",
    ],
  }],
}
`);
    expect(run(c, 'kubectl get ns -o kyaml').out.startsWith('---\n{\n  apiVersion: "v1",\n  items: [{\n    apiVersion: "v1",\n    kind: "Namespace",\n')).toBe(true);
  });
});
