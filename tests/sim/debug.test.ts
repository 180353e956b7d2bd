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
 * - kubectl pkg/cmd/debug/profiles.go: the default profile is "general": an ephemeral container gets
 *   capabilities.add [SYS_PTRACE]; a node pod gets the node's / at /host (volume host-root), no container
 *   securityContext, hostNetwork/hostPID/hostIPC.
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
    expect(t[0].result.stderr).toBe(NOTICE);
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
        '[{"image":"busybox","imagePullPolicy":"Always","name":"debugger-2wv66","resources":{},"securityContext":{"capabilities":{"add":["SYS_PTRACE"]}},"stdin":true,"targetContainerName":"web","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","tty":true}]\n',
    );
    expect(JSON.parse(run(c, "kubectl get pod web -o jsonpath='{.status.ephemeralContainerStatuses}'").out)).toEqual([
      {
        containerID: 'containerd://d84d5dd0f1429a6eb63c3f433c7775702977be7e5ee761547aac76f2f0dfdb2f',
        image: 'docker.io/library/busybox:latest',
        imageID: 'docker.io/library/busybox@sha256:34c6615d993e2d4933bec615303cd72d45ebe3f5581af5491357195d10325525',
        lastState: {},
        name: 'debugger-2wv66',
        ready: false,
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
    expect(run(c, 'kubectl debug web --image=busybox')).toEqual({ out: 'Defaulting debug container name to debugger-2wv66.\n', err: '', code: 0 });
    expect(run(c, "kubectl get pod web -o jsonpath='{.status.ephemeralContainerStatuses[0].state.terminated.reason}'").out).toBe('Completed');
  });

  it('-i with a command that ends: its output comes back as logs (handleAttachPod: terminated → logs)', () => {
    const c = withWeb();
    expect(run(c, 'kubectl debug -i web --image=busybox -c probe -- nslookup kubernetes')).toEqual({
      out: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
      err: '',
      code: 0,
    });
  });

  it('-c with the name of an ephemeral container already there and the same settings changes nothing', () => {
    const c = withWeb();
    run(c, 'kubectl debug web --image=busybox -c dbg -- sleep 3600');
    expect(run(c, 'kubectl debug web --image=busybox -c dbg')).toEqual({ out: '', err: '', code: 0 });
    expect(run(c, "kubectl get pod web -o jsonpath='{.metadata.generation} {.spec.ephemeralContainers[*].name}'").out).toBe('2 dbg');
  });
});

describe('kubectl debug: errors', () => {
  it.each([
    ['a pod that does not exist', 'kubectl debug nope -it --image=busybox', { out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 }],
    ['no --image', 'kubectl debug web -it', { out: '', err: 'error: you must specify --image when not using --copy-to.\n', code: 1 }],
    ['an invalid image reference', 'kubectl debug web --image=Busybox', { out: '', err: 'error: invalid image name "Busybox": invalid reference format\n', code: 1 }],
    ['no name', 'kubectl debug --image=busybox', { out: '', err: 'error: NAME or filename is required for debug\n', code: 1 }],
    ['-t without -i', 'kubectl debug -t web --image=busybox', { out: '', err: 'error: -i/--stdin is required for containers with -t/--tty=true\n', code: 1 }],
    ['an unknown profile', 'kubectl debug web --image=busybox --profile=admin', { out: '', err: 'error: unknown profile: admin\n', code: 1 }],
    ['a bad pull policy', 'kubectl debug web --image=busybox --image-pull-policy=Sometimes', { out: '', err: 'error: invalid image pull policy: Sometimes\n', code: 1 }],
    ['--attach without an image or container', 'kubectl debug web --attach', { out: '', err: 'error: you must specify --container or create a new container using --image in order to attach.\n', code: 1 }],
    ['a kind debug does not handle', 'kubectl debug svc/kubernetes --image=busybox', { out: '', err: 'error: "/v1, Kind=Service" not supported by debug\n', code: 1 }],
    ['-c naming one of the pod\'s containers', 'kubectl debug web --image=busybox -c web', { out: '', err: 'The Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"\n', code: 1 }],
    [
      '--target naming no container of the pod',
      'kubectl debug web --image=busybox --target=nope',
      {
        out: 'Targeting container "nope". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\nDefaulting debug container name to debugger-2wv66.\n',
        err: 'The Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"\n',
        code: 1,
      },
    ],
    ['a node that does not exist', 'kubectl debug node/nope -it --image=busybox', { out: '', err: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 }],
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
    expect(r.err.startsWith('The Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be changed\n')).toBe(true);
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
    expect(t[0].result.stderr).toBe(NOTICE);
    expect(t[1].result.stdout).toBe('k8s-node1\n');
    expect(t[2].result.stdout).toBe('k8s-node1\n');
    // restartPolicy: Never: no reattach hint
    expect(t[3].result.stdout).toBe('');
    expect(t[4].result.stdout).toBe(
      'NAME                            READY   STATUS      RESTARTS   AGE   IP              NODE        NOMINATED NODE   READINESS GATES\n' +
        'node-debugger-k8s-node1-qfx67   0/1     Completed   0          2s    192.168.56.31   k8s-node1   <none>           <none>\n',
    );
  });

  it('the pod kubectl sends (general profile)', () => {
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
