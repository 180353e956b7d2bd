/**
 * kubectl debug: ephemeral containers and node debugging pods.
 *
 * Sources (kubectl / Kubernetes v1.35):
 * - kubectl pkg/cmd/debug/debug.go: Complete (--attach defaults to -i), Validate ("you must specify --image when not
 *   using --copy-to.", `invalid image name %q: invalid reference format`, "NAME or filename is required for debug",
 *   "invalid image pull policy: %s", the "Targeting container %q. …" notice on stdout, "-i/--stdin is required for
 *   containers with -t/--tty=true"), Run (a kind other than Pod/Node: `%q not supported by debug` of the GVK),
 *   computeDebugContainerName (-c, else `debugger-` + utilrand.String(5) not used in the pod, with "Defaulting debug
 *   container name to %s."), generateDebugContainer (name, image, stdin, terminationMessagePolicy File, tty,
 *   targetContainerName; the command after `--`), debugByEphemeralContainer (a strategic merge patch of
 *   pods/<name>/ephemeralcontainers), generateNodeDebugPod (`node-debugger-<node>-<5 random>`, container `debugger`,
 *   label app.kubernetes.io/managed-by=kubectl-debug (PR #131791, v1.34), restartPolicy Never, tolerations
 *   [{operator: Exists}], "Creating debugging pod %s with container %s on node %s."), handleAttachPod (a terminated
 *   container only gets its logs).
 * - The default profile of v1.35 is still "legacy": `cmd.Flags().StringVar(&o.Profile, "profile", ProfileLegacy, …)`
 *   (kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/debug/debug.go AddFlags); PR #135874 ("kubectl debug:
 *   make general profile default", CHANGELOG-1.36.md, v1.36.0-alpha.2, after v1.35.0) changed it to "general".
 *   Validate ends with `if o.Profile == ProfileLegacy { fmt.Fprintln(o.ErrOut, …) }`; the v1.35 text, printed after
 *   the "Targeting container" notice and before "Defaulting debug container name" as real v1.33–v1.35 sessions show
 *   it, is LEGACY below (v1.36 reworded it to "… planned to be removed in v1.39 …").
 * - kubectl pkg/cmd/debug/profiles.go (v1.31–v1.35, with the KeepFlags of PR #123149): legacy adds nothing to an
 *   ephemeral container; a node pod gets the node's / at /host (mountRootPartition: volume host-root) and
 *   hostNetwork/hostPID/hostIPC (useHostNamespaces); general adds capabilities.add [SYS_PTRACE] to an ephemeral
 *   container and for a node clears the container's securityContext.
 * - kubectl pkg/cmd/attach/attach.go: the recording notice and "If you don't see a command prompt, try pressing
 *   enter."; reattachMessage for an ephemeral container of a restartPolicy: Always pod ("Session ended, the ephemeral
 *   container will not be restarted but may be reattached using 'kubectl attach POD -c NAME -i -t' if it is still
 *   running"); none for restartPolicy: Never.
 * - K/K pkg/registry/core/pod/strategy.go podEphemeralContainersStrategy (only spec.ephemeralContainers changes;
 *   updatePodGeneration), pkg/apis/core/validation/validation.go ValidatePodEphemeralContainersUpdate ("existing
 *   ephemeral containers %q may not be removed\n") and validateEphemeralContainers (Duplicate name across all
 *   containers, targetContainerName Not found).
 * - K/K pkg/kubelet: ephemeral containers are started once, never restarted (events with fieldPath
 *   spec.ephemeralContainers{NAME}), reported in status.ephemeralContainerStatuses and not counted in READY;
 *   kubectl pkg/describe/describe.go describePod prints them under "Ephemeral Containers:".
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { updateEphemeralContainers } from '../../sim/registry/pod-ephemeral';
import type { Sim } from '../../sim/sim';

type Cl = ReturnType<typeof createCluster>;

function run(c: Cl, script: string) {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

const NOTICE =
  'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";

function withWeb(): Cl {
  const c = createCluster();
  run(c, 'kubectl run web --image=nginx:1.29');
  return c;
}

describe('kubectl debug -it POD --image=busybox: an ephemeral container, attached', () => {
  it('opens a busybox shell in the pod: its network (localhost reaches nginx), the reattach hint on exit', () => {
    const c = withWeb();
    const t = c.transcript('kubectl debug -it web --image=busybox --target=web\nhostname\nwget -qO- localhost | grep title\nexit\nkubectl get pods');
    expect(t.map((e) => `${e.prompt ?? '$'} ${e.command}`)).toEqual([
      '$ kubectl debug -it web --image=busybox --target=web',
      '/ # hostname',
      '/ # wget -qO- localhost | grep title',
      '/ # exit',
      '$ kubectl get pods',
    ]);
    expect(t[0].result.stdout).toBe(
      'Targeting container "web". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n' +
        'Defaulting debug container name to debugger-2wv66.\n',
    );
    expect(t[0].result.stderr).toBe(LEGACY + NOTICE);
    expect(t[1].result.stdout).toBe('web\n');
    expect(t[2].result.stdout).toBe('<title>Welcome to nginx!</title>\n');
    expect(t[3].result.stdout).toBe(
      "Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c debugger-2wv66 -i -t' if it is still running\n",
    );
    // READY counts only spec.containers
    expect(t[4].result.stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\n');
  });

  it('stores the container as kubectl sent it, defaulted by the API server; the kubelet reports it (never restarted)', () => {
    const c = withWeb();
    c.run('kubectl debug -it web --image=busybox --target=web');
    c.run('exit');
    expect(run(c, 'kubectl get pod web -o jsonpath=\'{.metadata.generation}{"\\n"}{.spec.ephemeralContainers}{"\\n"}\'').out).toBe(
      '2\n' +
        '[{"image":"busybox","imagePullPolicy":"Always","name":"debugger-2wv66","resources":{},"stdin":true,"targetContainerName":"web","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","tty":true}]\n',
    );
    expect(JSON.parse(run(c, "kubectl get pod web -o jsonpath='{.status.ephemeralContainerStatuses}'").out)).toEqual([
      {
        containerID: 'containerd://d84d5dd0f1429a6eb63c3f433c7775702977be7e5ee761547aac76f2f0dfdb2f',
        image: 'docker.io/library/busybox:latest',
        imageID: 'docker.io/library/busybox@sha256:34c6615d993e2d4933bec615303cd72d45ebe3f5581af5491357195d10325525',
        lastState: {},
        name: 'debugger-2wv66',
        ready: false,
        // InPlacePodVerticalScaling (GA in v1.35): kubecontainer.GetContainerSpec finds ephemeral containers too,
        // so the status reports their (empty) resources (kubelet_pods.go convertToAPIContainerStatuses)
        resources: {},
        restartCount: 0,
        state: {
          terminated: {
            containerID: 'containerd://d84d5dd0f1429a6eb63c3f433c7775702977be7e5ee761547aac76f2f0dfdb2f',
            exitCode: 0,
            finishedAt: '2026-01-15T09:00:05Z',
            reason: 'Completed',
            startedAt: '2026-01-15T09:00:05Z',
          },
        },
      },
    ]);
    // events name the ephemeral container by its field path
    expect(run(c, 'kubectl get events --field-selector involvedObject.fieldPath=spec.ephemeralContainers{debugger-2wv66} -o custom-columns=REASON:.reason,MESSAGE:.message').out).toBe(
      'REASON    MESSAGE\n' +
        'Pulling   Pulling image "busybox"\n' +
        'Pulled    Successfully pulled image "busybox" in 1.412s (1.412s including waiting). Image size: 2224229 bytes.\n' +
        'Created   Container created\n' +
        'Started   Container started\n',
    );
    // ten minutes on it is still terminated: ephemeral containers are not restarted
    c.advance(600_000);
    expect(run(c, "kubectl get pod web -o jsonpath='{.status.ephemeralContainerStatuses[0].state.terminated.reason} {.status.ephemeralContainerStatuses[0].restartCount}'").out).toBe('Completed 0');
  });

  it('kubectl describe pod shows them under "Ephemeral Containers:"', () => {
    const c = withWeb();
    run(c, 'kubectl debug web --image=busybox -- sleep 3600');
    const out = run(c, 'kubectl describe pod web').out;
    const from = out.indexOf('Ephemeral Containers:');
    expect(out.slice(from, out.indexOf('Conditions:'))).toBe(
      [
        'Ephemeral Containers:',
        '  debugger-2wv66:',
        // (Go's tabwriter: the Command: line without a cell ends the column block above it)
        '    Container ID:  containerd://d84d5dd0f1429a6eb63c3f433c7775702977be7e5ee761547aac76f2f0dfdb2f',
        '    Image:         busybox',
        '    Image ID:      docker.io/library/busybox@sha256:34c6615d993e2d4933bec615303cd72d45ebe3f5581af5491357195d10325525',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Command:',
        '      sleep',
        '      3600',
        '    State:          Running',
        '      Started:      Thu, 15 Jan 2026 09:00:05 +0000',
        '    Ready:          False',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:         <none>',
        '',
      ].join('\n'),
    );
  });

  it('without -i nothing is attached: only the name is printed (busybox\'s sh, without stdin, exits at once)', () => {
    const c = withWeb();
    expect(run(c, 'kubectl debug web --image=busybox')).toEqual({ out: 'Defaulting debug container name to debugger-2wv66.\n', err: LEGACY, code: 0 });
    expect(run(c, "kubectl get pod web -o jsonpath='{.status.ephemeralContainerStatuses[0].state.terminated.reason}'").out).toBe('Completed');
  });

  it('-i with a command that ends: its output comes back as logs (handleAttachPod: terminated → logs)', () => {
    const c = withWeb();
    expect(run(c, 'kubectl debug -i web --image=busybox -c probe -- nslookup kubernetes')).toEqual({
      out: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
      err: LEGACY,
      code: 0,
    });
  });

  it('-c with the name of an ephemeral container already there and the same settings changes nothing', () => {
    const c = withWeb();
    run(c, 'kubectl debug web --image=busybox -c dbg -- sleep 3600');
    expect(run(c, 'kubectl debug web --image=busybox -c dbg')).toEqual({ out: '', err: LEGACY, code: 0 });
    expect(run(c, "kubectl get pod web -o jsonpath='{.metadata.generation} {.spec.ephemeralContainers[*].name}'").out).toBe('2 dbg');
  });
});

describe('kubectl debug: errors', () => {
  it.each([
    ['a pod that does not exist', 'kubectl debug nope -it --image=busybox', { out: '', err: LEGACY + 'Error from server (NotFound): pods "nope" not found\n', code: 1 }],
    ['no --image', 'kubectl debug web -it', { out: '', err: 'error: you must specify --image when not using --copy-to.\n', code: 1 }],
    ['an invalid image reference', 'kubectl debug web --image=Busybox', { out: '', err: 'error: invalid image name "Busybox": invalid reference format\n', code: 1 }],
    ['no name', 'kubectl debug --image=busybox', { out: '', err: 'error: NAME or filename is required for debug\n', code: 1 }],
    ['-t without -i', 'kubectl debug -t web --image=busybox', { out: '', err: 'error: -i/--stdin is required for containers with -t/--tty=true\n', code: 1 }],
    ['an unknown profile', 'kubectl debug web --image=busybox --profile=admin', { out: '', err: 'error: unknown profile: admin\n', code: 1 }],
    ['a bad pull policy', 'kubectl debug web --image=busybox --image-pull-policy=Sometimes', { out: '', err: 'error: invalid image pull policy: Sometimes\n', code: 1 }],
    ['--attach without an image or container', 'kubectl debug web --attach', { out: '', err: 'error: you must specify --container or create a new container using --image in order to attach.\n', code: 1 }],
    ['a kind debug does not handle', 'kubectl debug svc/kubernetes --image=busybox', { out: '', err: LEGACY + 'error: "/v1, Kind=Service" not supported by debug\n', code: 1 }],
    ['-c naming one of the pod\'s containers', 'kubectl debug web --image=busybox -c web', { out: '', err: LEGACY + 'The Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"\n', code: 1 }],
    [
      '--target naming no container of the pod',
      'kubectl debug web --image=busybox --target=nope',
      {
        out: 'Targeting container "nope". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\nDefaulting debug container name to debugger-2wv66.\n',
        err: LEGACY + 'The Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"\n',
        code: 1,
      },
    ],
    ['a node that does not exist', 'kubectl debug node/nope -it --image=busybox', { out: '', err: LEGACY + 'Error from server (NotFound): nodes "nope" not found\n', code: 1 }],
  ])('%s', (_, cmd, want) => {
    expect(run(withWeb(), cmd)).toEqual(want);
  });

  it('ephemeral containers cannot be removed once added (ValidatePodEphemeralContainersUpdate)', () => {
    const c = withWeb();
    run(c, 'kubectl debug web --image=busybox -c dbg');
    const sim = (c as unknown as { sim: Sim }).sim;
    expect(() => updateEphemeralContainers(sim, 'default', 'web', () => [])).toThrow('Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be removed\n');
  });

  it('a second debug container with the name of one there but other settings is refused (may not be changed)', () => {
    const c = withWeb();
    run(c, 'kubectl debug web --image=busybox -c dbg');
    const r = run(c, 'kubectl debug web --image=alpine -c dbg');
    expect(r.code).toBe(1);
    expect(r.err.startsWith(LEGACY + 'The Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be changed\n')).toBe(true);
  });
});

describe('kubectl debug node/NAME: a pod in the node\'s namespaces with its / at /host', () => {
  it('creates node-debugger-<node>-xxxxx, attaches; the shell sees the node\'s files and hostname; exit completes the pod', () => {
    const c = createCluster();
    const t = c.transcript('kubectl debug node/k8s-node1 -it --image=busybox\ncat /host/etc/hostname\nhostname\nexit\nkubectl get pods -o wide');
    expect(t.map((e) => `${e.prompt ?? '$'} ${e.command}`)).toEqual([
      '$ kubectl debug node/k8s-node1 -it --image=busybox',
      '/ # cat /host/etc/hostname',
      '/ # hostname',
      '/ # exit',
      '$ kubectl get pods -o wide',
    ]);
    expect(t[0].result.stdout).toBe('Creating debugging pod node-debugger-k8s-node1-qfx67 with container debugger on node k8s-node1.\n');
    expect(t[0].result.stderr).toBe(LEGACY + NOTICE);
    expect(t[1].result.stdout).toBe('k8s-node1\n');
    expect(t[2].result.stdout).toBe('k8s-node1\n');
    // restartPolicy: Never: no reattach hint
    expect(t[3].result.stdout).toBe('');
    expect(t[4].result.stdout).toBe(
      'NAME                            READY   STATUS      RESTARTS   AGE   IP              NODE        NOMINATED NODE   READINESS GATES\n' +
        'node-debugger-k8s-node1-qfx67   0/1     Completed   0          2s    192.168.56.31   k8s-node1   <none>           <none>\n',
    );
  });

  it('the pod kubectl sends (the default legacy profile: no container securityContext either)', () => {
    const c = createCluster();
    run(c, 'kubectl debug node/k8s-node1 --image=busybox -q');
    const pod = JSON.parse(run(c, 'kubectl get pods -l app.kubernetes.io/managed-by=kubectl-debug -o json').out).items[0];
    const { hostIPC, hostNetwork, hostPID, nodeName, restartPolicy, tolerations } = pod.spec;
    expect({ hostIPC, hostNetwork, hostPID, nodeName, restartPolicy, tolerations }).toEqual({ hostIPC: true, hostNetwork: true, hostPID: true, nodeName: 'k8s-node1', restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] });
    expect(pod.spec.volumes[0]).toEqual({ hostPath: { path: '/', type: '' }, name: 'host-root' });
    expect(pod.spec.containers[0]).toMatchObject({ name: 'debugger', image: 'busybox', terminationMessagePolicy: 'File' });
    expect(pod.spec.containers[0].volumeMounts[0]).toEqual({ mountPath: '/host', name: 'host-root' });
    expect(pod.spec.containers[0].securityContext).toBeUndefined();
  });
});

/*
 * --copy-to. Sources (kubectl v1.35 pkg/cmd/debug/debug.go, read at kubernetes/kubectl 42e77da and
 * kubernetes/kubernetes staging 33026b8; the copy path is the same in both):
 * - Validate: "you must specify --image, --set-image or command arguments.", "you must specify an existing container
 *   or a new image when specifying args.", "--replace / --same-node / --set-image may only be used with --copy-to.",
 *   `invalid image name %q for container %q: invalid reference format`, "--target is incompatible with --copy-to. Use
 *   --share-processes instead."; the legacy warning comes last, after every check that can fail.
 * - debugByCopy: create the copy, then with --replace delete the original (NewDeleteOptions(0)); attach to the
 *   debug container when there is one.
 * - generatePodCopyWithDebugContainer: ObjectMeta{Name: CopyTo, Namespace, Annotations, Labels} (no ownerReferences,
 *   no other metadata), the spec deep-copied without ephemeralContainers; shareProcessNamespace only when
 *   --share-processes was given (shareProcessedChanged), nodeName cleared unless --same-node; --set-image "*" then
 *   by name on spec.containers; -c naming an existing container changes it (Command = args, Args = nil), otherwise a
 *   new container {Name, TerminationMessagePolicy: File} (computeDebugContainerName); Stdin/TTY = -i/-t; a
 *   --set-image-only invocation returns before the profile is applied ("you must specify image when creating new
 *   container" when there is nothing to do).
 * - profiles.go podCopy (KeepFlags of PR #123149, v1.31+): legacy drops the labels only (p.Labels = false); general,
 *   baseline, restricted, netadmin, sysadmin RemoveLabels/RemoveAnnotations/RemoveProbes (liveness, readiness,
 *   startup of spec.containers)/RemoveInitContainers unless --keep-*, and shareProcessNamespace (only if unset);
 *   general adds SYS_PTRACE, baseline clears the container's securityContext, restricted sets runAsNonRoot,
 *   capabilities.drop [ALL], allowPrivilegeEscalation false, seccompProfile RuntimeDefault, netadmin adds NET_ADMIN
 *   and NET_RAW, sysadmin privileged.
 * - attach.go reattachMessage for a container of a restartPolicy: Always pod: "Session ended, resume using '%s %s -c %s
 *   -i -t' command when the pod is running" with CommandName "kubectl attach".
 * - K/K plugin/pkg/admission/serviceaccount/admission.go mountServiceAccountToken: the copy keeps its original's
 *   kube-api-access-* volume; the added container gets a mount of that same volume, no second volume is made.
 * - pflag string_to_string.go Set: `%s must be formatted as key=value`, a flag error (usage hint).
 */
const WEB = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations: {team: blue}
spec:
  initContainers:
  - name: init
    image: busybox
    command: ["true"]
  containers:
  - name: web
    image: nginx:1.29
    livenessProbe:
      httpGet: {path: /, port: 80}
    readinessProbe:
      httpGet: {path: /, port: 80}
EOF`;

function withProbedWeb(): Cl {
  const c = createCluster();
  run(c, WEB);
  return c;
}

describe('kubectl debug --copy-to: a copy of the pod', () => {
  it('-it --image adds a container to the copy and attaches to it; exit leaves the pod running (restartPolicy Always)', () => {
    const c = withWeb();
    const t = c.transcript('kubectl debug web -it --image=busybox --copy-to=web-debug\nhostname\nexit\nkubectl get pods');
    expect(t.map((e) => `${e.prompt ?? '$'} ${e.command}`)).toEqual(['$ kubectl debug web -it --image=busybox --copy-to=web-debug', '/ # hostname', '/ # exit', '$ kubectl get pods']);
    expect(t[0].result.stdout).toBe('Defaulting debug container name to debugger-2wv66.\n');
    expect(t[0].result.stderr).toBe(LEGACY + NOTICE);
    expect(t[1].result.stdout).toBe('web-debug\n');
    expect(t[2].result.stdout).toBe("Session ended, resume using 'kubectl attach web-debug -c debugger-2wv66 -i -t' command when the pod is running\n");
    expect(t[3].result.stdout).toBe('NAME        READY   STATUS    RESTARTS     AGE\nweb         1/1     Running   0            9s\nweb-debug   2/2     Running   1 (2s ago)   6s\n');
  });

  it('the copy as kubectl get -o yaml shows it (general profile): no labels, annotations or probes; init containers kept', () => {
    const c = withProbedWeb();
    expect(run(c, 'kubectl debug web --copy-to=web-debug --image=busybox --profile=general -- sleep 3600')).toEqual({ out: 'Defaulting debug container name to debugger-jsts8.\n', err: '', code: 0 });
    const yaml = run(c, 'kubectl get pod web-debug -o yaml').out;
    expect(yaml.slice(yaml.indexOf('spec:'), yaml.indexOf('  dnsPolicy:'))).toBe(
      [
        'spec:',
        '  containers:',
        '  - image: nginx:1.29',
        '    imagePullPolicy: IfNotPresent',
        '    name: web',
        '    resources: {}',
        '    terminationMessagePath: /dev/termination-log',
        '    terminationMessagePolicy: File',
        '    volumeMounts:',
        '    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount',
        '      name: kube-api-access-hp959',
        '      readOnly: true',
        '  - command:',
        '    - sleep',
        '    - "3600"',
        '    image: busybox',
        '    imagePullPolicy: Always',
        '    name: debugger-jsts8',
        '    resources: {}',
        '    securityContext:',
        '      capabilities:',
        '        add:',
        '        - SYS_PTRACE',
        '    terminationMessagePath: /dev/termination-log',
        '    terminationMessagePolicy: File',
        '    volumeMounts:',
        '    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount',
        '      name: kube-api-access-hp959',
        '      readOnly: true',
        '',
      ].join('\n'),
    );
    expect(yaml.slice(0, yaml.indexOf('spec:'))).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "[^"]+"\n  generation: 1\n  name: web-debug\n  namespace: default\n  resourceVersion: "\d+"\n  uid: [0-9a-f-]+\n$/);
    expect(yaml).toContain('\n  initContainers:\n  - command:\n    - "true"\n');
    expect(yaml).toContain('\n  shareProcessNamespace: true\n');
    expect(yaml.match(/^  - name: kube-api-access-/gm)).toEqual(['  - name: kube-api-access-']);
    expect(run(c, 'kubectl get pods').out).toBe('NAME        READY   STATUS    RESTARTS   AGE\nweb         1/1     Running   0          10s\nweb-debug   2/2     Running   0          5s\n');
  });

  // {labels}|{annotation team}|{init containers}|{liveness port}|{readiness port}|{shareProcessNamespace}|{debug container securityContext}
  const Q = `-o jsonpath='{.metadata.labels}|{.metadata.annotations.team}|{.spec.initContainers[*].name}|{.spec.containers[0].livenessProbe.httpGet.port}|{.spec.containers[0].readinessProbe.httpGet.port}|{.spec.shareProcessNamespace}|{.spec.containers[1].securityContext}'`;
  it.each([
    ['legacy (the default): only the labels go', '', '|blue|init|80|80||'],
    ['general', '--profile=general', '||init|||true|{"capabilities":{"add":["SYS_PTRACE"]}}'],
    ['baseline', '--profile=baseline', '||init|||true|'],
    ['restricted', '--profile=restricted', '||init|||true|{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}'],
    ['netadmin', '--profile=netadmin', '||init|||true|{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}'],
    ['sysadmin', '--profile=sysadmin', '||init|||true|{"privileged":true}'],
    ['general with --keep-*', '--profile=general --keep-labels --keep-annotations --keep-liveness --keep-init-containers=false', '{"app":"web"}|blue||80||true|{"capabilities":{"add":["SYS_PTRACE"]}}'],
    ['legacy ignores --keep-labels', '--keep-labels --keep-readiness=false', '|blue|init|80|80||'],
    ['--share-processes=false wins over the profile', '--profile=general --share-processes=false', '||init|||false|{"capabilities":{"add":["SYS_PTRACE"]}}'],
    ['--share-processes given explicitly with legacy', '--share-processes', '|blue|init|80|80|true|'],
  ])('profile %s', (_, flags, want) => {
    const c = withProbedWeb();
    expect(run(c, `kubectl debug web --copy-to=copy --image=busybox -c dbg -q ${flags} -- sleep 3600`).code).toBe(0);
    expect(run(c, `kubectl get pod copy ${Q}`).out).toBe(want);
  });

  it('-c naming a container of the pod changes its command (args dropped) and -it attaches to it', () => {
    const c = withWeb();
    const t = c.transcript('kubectl debug web -it --copy-to=web-sh --container=web -- sh\nhostname\nexit');
    expect(t[0].result.stdout).toBe('');
    expect(t[0].result.stderr).toBe(LEGACY + NOTICE);
    expect(t[1]).toMatchObject({ prompt: '#', result: { stdout: 'web-sh\n' } });
    expect(t[2].result.stdout).toBe("Session ended, resume using 'kubectl attach web-sh -c web -i -t' command when the pod is running\n");
    expect(JSON.parse(run(c, "kubectl get pod web-sh -o jsonpath='{.spec.containers}'").out)).toMatchObject([{ name: 'web', image: 'nginx:1.29', command: ['sh'], stdin: true, tty: true }]);
  });

  it('--set-image alone: every container (*) or one by name gets the image, no debug container, no profile (labels stay)', () => {
    const c = withProbedWeb();
    expect(run(c, 'kubectl debug web --copy-to=every --set-image=*=busybox:1.36')).toEqual({ out: '', err: LEGACY, code: 0 });
    expect(run(c, 'kubectl debug web --copy-to=named --set-image=*=busybox:1.36,web=nginx:1.28 --profile=general')).toEqual({ out: '', err: '', code: 0 });
    const q = "-o jsonpath='{.spec.containers[*].image}|{.spec.initContainers[*].image}|{.metadata.labels}|{.spec.containers[0].livenessProbe.httpGet.port}|{.spec.shareProcessNamespace}'";
    expect(run(c, `kubectl get pod every ${q}`).out).toBe('busybox:1.36|busybox|{"app":"web"}|80|');
    expect(run(c, `kubectl get pod named ${q}`).out).toBe('nginx:1.28|busybox|{"app":"web"}|80|');
  });

  it('a copy of a ReplicaSet\'s pod has no ownerReferences; --set-image alone keeps its labels, so the ReplicaSet adopts it and deletes the surplus', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment app --image=nginx:1.29');
    const pod = run(c, "kubectl get pods -l app=app -o jsonpath='{.items[0].metadata.name}'").out;
    run(c, `kubectl debug ${pod} --copy-to=app-debug --image=busybox --profile=general -q -- sleep 3600`);
    expect(run(c, "kubectl get pod app-debug -o jsonpath='{.metadata.ownerReferences}|{.metadata.labels}'").out).toBe('|');
    expect(run(c, `kubectl debug ${pod} --copy-to=app-clone --set-image=*=nginx:1.28`)).toEqual({ out: '', err: LEGACY, code: 0 });
    // the ReplicaSet controller claims the orphan its selector matches, then scales down the pod that is not running yet
    expect(run(c, "kubectl get events --field-selector reason=SuccessfulDelete -o jsonpath='{.items[*].message}'").out).toBe('Deleted pod: app-clone');
    expect(run(c, 'kubectl get pods -o name').out).toBe(`pod/${pod}\npod/app-debug\n`);
  });

  it('--replace deletes the original; --same-node keeps its node; without it the scheduler places the copy', () => {
    const c = withWeb();
    const node = run(c, "kubectl get pod web -o jsonpath='{.spec.nodeName}'").out;
    run(c, 'kubectl debug web --copy-to=same --same-node --image=busybox -q -- sleep 3600');
    expect(run(c, "kubectl get pod same -o jsonpath='{.spec.nodeName}'").out).toBe(node);
    expect(run(c, 'kubectl debug web --copy-to=web2 --replace --image=busybox -c dbg -- sleep 3600')).toEqual({ out: '', err: LEGACY, code: 0 });
    expect(run(c, 'kubectl get pods -o name').out).toBe('pod/same\npod/web2\n');
  });

  it.each([
    ['no image, --set-image or command', 'kubectl debug web --copy-to=x', 'error: you must specify --image, --set-image or command arguments.\n'],
    ['a command without -c or --image', 'kubectl debug web --copy-to=x -- sh', 'error: you must specify an existing container or a new image when specifying args.\n'],
    ['--replace without --copy-to', 'kubectl debug web --replace --image=busybox', 'error: --replace may only be used with --copy-to.\n'],
    ['--same-node without --copy-to', 'kubectl debug web --same-node --image=busybox', 'error: --same-node may only be used with --copy-to.\n'],
    ['--set-image without --copy-to', 'kubectl debug web --set-image=web=busybox --image=busybox', 'error: --set-image may only be used with --copy-to.\n'],
    ['an invalid --set-image image', 'kubectl debug web --copy-to=x --set-image=web=Busybox', 'error: invalid image name "Busybox" for container "web": invalid reference format\n'],
    ['a --set-image without =', 'kubectl debug web --copy-to=x --set-image=web', 'error: invalid argument "web" for "--set-image" flag: web must be formatted as key=value\nSee \'kubectl debug --help\' for usage.\n'],
    ['--target with --copy-to', 'kubectl debug web --copy-to=x --target=web --image=busybox', 'error: --target is incompatible with --copy-to. Use --share-processes instead.\n'],
    ['-c naming no container, without --image', 'kubectl debug web --copy-to=x -c nope -- sh', LEGACY + 'error: you must specify image when creating new container\n'],
    ['a copy named as an existing pod', 'kubectl debug web --copy-to=web --image=busybox -c dbg', LEGACY + 'Error from server (AlreadyExists): pods "web" already exists\n'],
  ])('%s', (_, cmd, err) => {
    expect(run(withWeb(), cmd)).toEqual({ out: '', err, code: 1 });
  });
});

describe('kubectl debug node/NAME --profile: what each profile makes of the node pod (profiles.go, node style)', () => {
  // {hostNetwork}|{hostPID}|{hostIPC}|{volumes}|{container volumeMounts}|{container securityContext}
  const Q = `-o jsonpath='{.items[0].spec.hostNetwork}|{.items[0].spec.hostPID}|{.items[0].spec.hostIPC}|{.items[0].spec.volumes[*].name}|{.items[0].spec.containers[0].volumeMounts[*].mountPath}|{.items[0].spec.containers[0].securityContext}'`;
  it.each([
    ['legacy', '', 'true|true|true|host-root kube-api-access-672gm|/host /var/run/secrets/kubernetes.io/serviceaccount|'],
    ['general', '--profile=general', 'true|true|true|host-root kube-api-access-672gm|/host /var/run/secrets/kubernetes.io/serviceaccount|'],
    ['baseline', '--profile=baseline', '|||kube-api-access-672gm|/var/run/secrets/kubernetes.io/serviceaccount|'],
    ['restricted', '--profile=restricted', '|||kube-api-access-672gm|/var/run/secrets/kubernetes.io/serviceaccount|{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}'],
    ['netadmin', '--profile=netadmin', 'true|true|true|kube-api-access-672gm|/var/run/secrets/kubernetes.io/serviceaccount|{"capabilities":{"add":["NET_ADMIN","NET_RAW"]}}'],
    ['sysadmin', '--profile=sysadmin', 'true|true|true|host-root kube-api-access-672gm|/host /var/run/secrets/kubernetes.io/serviceaccount|{"privileged":true}'],
  ])('%s', (_, flags, want) => {
    const c = createCluster();
    expect(run(c, `kubectl debug node/k8s-node2 --image=busybox -q ${flags} -- sleep 3600`).code).toBe(0);
    expect(run(c, `kubectl get pods -l app.kubernetes.io/managed-by=kubectl-debug ${Q}`).out).toBe(want);
  });
});
