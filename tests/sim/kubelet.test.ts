/**
 * The kubelet as a user sees it through kubectl: pod start-up, image pulls, restarts and
 * back-off, OOM kills, init containers, restart policies, graceful termination and logs.
 *
 * Sources (reference = /work/shared/reference/kubernetes-behaviour.md):
 * - §1.3 pod STATUS / RESTARTS columns (K/K pkg/printers/internalversion/printers.go printPod);
 *   §1.1 HumanDuration (apimachinery pkg/util/duration/duration.go).
 * - §3.3 imagePullPolicy defaulting (K/K pkg/apis/core/v1/defaults.go, pkg/util/parsers/parsers.go).
 * - K/K pkg/kubelet/images/image_manager.go EnsureImageExists: `Pulling image %q`,
 *   `Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.`,
 *   `Container image %q already present on machine and can be accessed by the pod` when the
 *   KubeletEnsureSecretPulledImages gate is on (Beta, on by default since 1.35, K/K pkg/features/
 *   kube_features.go), `Back-off pulling image %q`; kuberuntime_container.go startContainer
 *   `Error: %v` (reason Failed) and, since v1.35 (PR #134043, CHANGELOG-1.35 "Remove container name
 *   from messages for container created and started events"), `Container created` / `Container started`.
 * - K/K pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff: `Back-off restarting failed container
 *   %s in pod %s` / waiting message `back-off %s restarting failed container=%s pod=%s`; back-off starts at
 *   10 s (pkg/kubelet/kubelet.go backOffPeriod) and doubles up to MaxContainerBackOff = 300 s
 *   (pkg/kubelet/apis/config/v1beta1/defaults.go); the first restart is immediate (no back-off entry yet).
 *   ReduceDefaultCrashLoopBackOffDecay is still alpha/off in 1.35.
 * - K/K pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses: default waiting reason is
 *   `PodInitializing` (instead of `ContainerCreating`) for every container of a pod with init containers;
 *   validateContainerLogStatus: `previous terminated container %q in pod %q not found`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;

function run(c: Cluster, script: string): { out: string; err: string; code: number } {
  const r = c.run(script);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

/** STATUS column of every `kubectl get pod --no-headers` line, consecutive duplicates dropped. */
function statuses(out: string): string[] {
  const seq = out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && /^\d+\/\d+$/.test(f[1]))
    .map((f) => f[2]);
  return seq.filter((s, i) => s !== seq[i - 1]);
}

/** Sample the pod's STATUS every second for `n` seconds, starting right after `create` (same command line). */
function watch(c: Cluster, create: string, pod: string, n: number): string[] {
  const loop = Array.from({ length: n }, () => `kubectl get pod ${pod} --no-headers; sleep 1`).join('; ');
  return statuses(run(c, `${create}; ${loop}`).out);
}

function events(c: Cluster, pod: string): { type: string; reason: string; message: string; fieldPath?: string; count: number }[] {
  return c
    .list('Event', 'default')
    .filter((e) => e.involvedObject?.name === pod && e.involvedObject?.kind === 'Pod')
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => ({ type: e.type, reason: e.reason, message: e.message, fieldPath: e.involvedObject.fieldPath, count: e.count }));
}

function file(c: Cluster, name: string, body: string): void {
  run(c, `cat > ${name} <<'EOF'\n${body}EOF`);
}

function podJSON(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
}

/** apimachinery duration.HumanDuration for the small values these tests meet (reference §1.1). */
function human(sec: number): string {
  if (sec < 120) return `${sec}s`;
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  if (m < 10) return s === 0 ? `${m}m` : `${m}m${s}s`;
  return `${m}m`;
}

const PULLED = /^Successfully pulled image "nginx" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: \d+ bytes\.$/;

describe('start-up: Pending → ContainerCreating → Running', () => {
  it('STATUS goes through ContainerCreating (phase Pending) while the image is pulled, then Running 1/1', () => {
    const c = createCluster();
    const seq = watch(c, 'kubectl run web --image=nginx', 'web', 6);
    expect(seq.join(',')).toMatch(/^(Pending,)?ContainerCreating,Running$/);
    expect(run(c, "kubectl get pod web -o jsonpath='{.status.phase} {.status.containerStatuses[0].ready} {.status.containerStatuses[0].restartCount}'").out).toBe('Running true 0');
  });

  it('while pulling: container waiting reason ContainerCreating, pod phase Pending, READY 0/1', () => {
    const c = createCluster();
    const r = run(c, "kubectl run web --image=nginx; sleep 1; kubectl get pod web --no-headers; kubectl get pod web -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.waiting.reason}'");
    expect(r.out).toMatch(/^pod\/web created\nweb\s+0\/1\s+ContainerCreating\s+0\s+1s\nPending ContainerCreating$/);
  });

  it('events in order: Scheduled, Pulling, Pulled, Created, Started (image_manager.go, kuberuntime_container.go)', () => {
    const c = createCluster();
    run(c, 'kubectl run web --image=nginx');
    const ev = events(c, 'web');
    expect(ev.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev.every((e) => e.type === 'Normal')).toBe(true);
    expect(ev[1].message).toBe('Pulling image "nginx"');
    expect(ev[2].message).toMatch(PULLED);
    // kubelet events carry the container as involvedObject.fieldPath (kubecontainer.GenerateContainerRef)
    expect(ev.slice(1).map((e) => e.fieldPath)).toEqual(Array(4).fill('spec.containers{web}'));
  });

  // Since v1.35 (PR #134043) the kubelet no longer repeats the container name: reason Created →
  // "Container created", Started → "Container started".
  // (1.32–1.34 printed "Created container: web" / "Started container web".)
  it('Created / Started messages are "Container created" / "Container started" (v1.35)', () => {
    const c = createCluster();
    run(c, 'kubectl run web --image=nginx');
    const ev = events(c, 'web');
    expect(ev.find((e) => e.reason === 'Created')!.message).toBe('Container created');
    expect(ev.find((e) => e.reason === 'Started')!.message).toBe('Container started');
  });

  // kubectl v1.35 (PR #133627, CHANGELOG-1.35): `kubectl describe` prefixes an event message with its
  // involvedObject.fieldPath, e.g. `spec.containers{web}: Pulling image "nginx"`.
  it('kubectl describe pod prefixes kubelet event messages with the container fieldPath (kubectl 1.35)', () => {
    const c = createCluster();
    run(c, 'kubectl run web --image=nginx');
    expect(run(c, 'kubectl describe pod web').out).toMatch(/\n {2}Normal {2}Pulling {4}\S+ +kubelet +spec\.containers\{web\}: Pulling image "nginx"\n/);
  });
});

describe('imagePullPolicy (reference §3.3; image_manager.go shouldPullImage)', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['nginx@sha256:cba4e07f419b280796483f11214ba4f5e222d35ff9bdda87c444b72104253855', 'IfNotPresent'],
  ])('%s defaults to %s', (image, policy) => {
    const c = createCluster();
    c.apply(podJSON('p', { containers: [{ name: 'c', image }] }));
    expect(c.get('Pod', 'default', 'p')!.spec.containers[0].imagePullPolicy).toBe(policy);
  });

  function twoOnOneNode(image: string, policy?: string): Cluster {
    const c = createCluster();
    for (const name of ['first', 'second']) {
      c.apply(podJSON(name, { nodeName: 'k8s-node1', containers: [{ name: 'c', image, ...(policy ? { imagePullPolicy: policy } : {}) }] }));
    }
    return c;
  }

  it('IfNotPresent: the second pod on the node does not pull (Pulled "already present on machine")', () => {
    const c = twoOnOneNode('nginx:1.27');
    expect(events(c, 'first').map((e) => e.reason)).toContain('Pulling');
    const second = events(c, 'second');
    expect(second.map((e) => e.reason)).not.toContain('Pulling');
    expect(second.find((e) => e.reason === 'Pulled')!.message).toMatch(/^Container image "nginx:1\.27" already present on machine/);
  });

  it('Always (the default for :latest / no tag): every pod pulls again, even with the image on the node', () => {
    const c = twoOnOneNode('nginx');
    const second = events(c, 'second');
    expect(second.map((e) => e.reason)).toContain('Pulling');
    expect(second.find((e) => e.reason === 'Pulled')!.message).toMatch(PULLED);
  });

  // KubeletEnsureSecretPulledImages is Beta and on by default in 1.35, so image_manager.go takes the
  // imagePullManager branch and says "... already present on machine and can be accessed by the pod".
  it('v1.35 text: "already present on machine and can be accessed by the pod"', () => {
    const c = twoOnOneNode('nginx:1.27');
    expect(events(c, 'second').find((e) => e.reason === 'Pulled')!.message).toBe('Container image "nginx:1.27" already present on machine and can be accessed by the pod');
  });

  it('Never with the image absent: ErrImageNeverPull', () => {
    const c = createCluster();
    c.apply(podJSON('p', { nodeName: 'k8s-node1', containers: [{ name: 'c', image: 'httpd:2.4', imagePullPolicy: 'Never' }] }));
    expect(run(c, 'kubectl get pod p --no-headers').out).toMatch(/^p\s+0\/1\s+ErrImageNeverPull\s+0\s/);
    expect(events(c, 'p').filter((e) => e.type === 'Warning').map((e) => [e.reason, e.message])).toEqual([
      ['ErrImageNeverPull', 'Container image "httpd:2.4" is not present with pull policy of Never'],
      ['Failed', 'Error: ErrImageNeverPull'],
    ]);
  });
});

describe('pulling an image that does not exist', () => {
  it('ErrImagePull, then ImagePullBackOff; events Pulling, Failed ×2, BackOff, Failed', () => {
    const c = createCluster();
    const seq = watch(c, 'kubectl run bad --image=busybox888', 'bad', 8);
    expect(seq.join(',')).toMatch(/^(Pending,)?(ContainerCreating,)?ErrImagePull,ImagePullBackOff$/);
    const ev = events(c, 'bad').map((e) => [e.type, e.reason, e.message]);
    expect(ev).toEqual([
      ['Normal', 'Scheduled', expect.stringMatching(/^Successfully assigned default\/bad to k8s-node\d$/)],
      ['Normal', 'Pulling', 'Pulling image "busybox888"'],
      [
        'Warning',
        'Failed',
        // containerd's resolver error for a repository Docker Hub does not have (observed kubelet event text)
        'Failed to pull image "busybox888": failed to pull and unpack image "docker.io/library/busybox888:latest": failed to resolve reference "docker.io/library/busybox888:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      ],
      ['Warning', 'Failed', 'Error: ErrImagePull'],
      ['Normal', 'BackOff', 'Back-off pulling image "busybox888"'],
      ['Warning', 'Failed', 'Error: ImagePullBackOff'],
    ]);
    expect(run(c, 'kubectl get pod bad --no-headers').out).toMatch(/^bad\s+0\/1\s+ImagePullBackOff\s+0\s/);
  });

  // A tag missing from an existing repository is a 404 on the manifest: containerd
  // core/remotes/docker/resolver.go returns `fmt.Errorf("%s: %w", ref, errdefs.ErrNotFound)`, i.e.
  // "...: docker.io/library/nginx:doesnotexist: not found".
  // (A repository that does not exist gets the 401 text "pull access denied, …".)
  it('a missing tag of an existing repository fails with "not found"', () => {
    const c = createCluster();
    run(c, 'kubectl run bad --image=nginx:doesnotexist');
    const failed = events(c, 'bad').find((e) => e.reason === 'Failed')!;
    expect(failed.message).toBe(
      'Failed to pull image "nginx:doesnotexist": failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    );
  });
});

describe('CrashLoopBackOff (kuberuntime_manager.go doBackOff)', () => {
  it('back-off 10s, 20s, 40s, 1m20s, 2m40s, then 5m0s; first restart immediate', () => {
    const c = createCluster();
    run(c, "kubectl run crash --image=busybox:1.36 -- sh -c 'echo boom; exit 1'");
    const messages: string[] = [];
    const finished: number[] = [];
    for (let t = 0; t <= 960; t += 2) {
      const cs = c.get('Pod', 'default', 'crash')!.status.containerStatuses[0];
      const m = cs.state.waiting?.message as string | undefined;
      if (m && messages[messages.length - 1] !== m) messages.push(m);
      const f = cs.lastState?.terminated?.finishedAt as string | undefined;
      if (f && !finished.includes(Date.parse(f))) finished.push(Date.parse(f));
      c.advance(2);
    }
    const uid = c.get('Pod', 'default', 'crash')!.metadata.uid;
    const backoffs = messages.map((m) => /^back-off (\S+) restarting failed container=crash pod=crash_default\((.+)\)$/.exec(m));
    expect(backoffs.every((b) => b && b[2] === uid)).toBe(true);
    expect(backoffs.map((b) => b![1]).filter((d, i, a) => d !== a[i - 1])).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
    // gaps between successive container exits: run time (<1 s) + back-off
    const gaps = finished.slice(1).map((f, i) => (f - finished[i]) / 1000);
    expect(gaps[0]).toBeLessThanOrEqual(2); // first crash → immediate restart
    const want = [10, 20, 40, 80, 160, 300];
    want.forEach((w, i) => {
      expect(gaps[i + 1]).toBeGreaterThanOrEqual(w);
      expect(gaps[i + 1]).toBeLessThanOrEqual(w + 2);
    });
  });

  it('STATUS Error then CrashLoopBackOff; RESTARTS "N (<age> ago)"; Warning BackOff event', () => {
    const c = createCluster();
    const seq = watch(c, "kubectl run crash --image=busybox:1.36 -- sh -c 'echo boom; exit 1'", 'crash', 6);
    expect(seq.slice(-2)).toEqual(['Error', 'CrashLoopBackOff']);
    c.advance(30);
    const p = c.get('Pod', 'default', 'crash')!;
    const cs = p.status.containerStatuses[0];
    const ago = Math.floor((c.now() - Date.parse(cs.lastState.terminated.finishedAt)) / 1000);
    expect(run(c, 'kubectl get pod crash --no-headers').out).toMatch(new RegExp(`^crash\\s+0/1\\s+CrashLoopBackOff\\s+${cs.restartCount} \\(${human(ago)} ago\\)\\s`));
    const backOff = events(c, 'crash').find((e) => e.reason === 'BackOff')!;
    expect(backOff).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container crash in pod crash_default(${p.metadata.uid})` });
    expect(backOff.count).toBeGreaterThan(1);
  });

  it('kubectl logs --previous shows the last terminated instance; none yet is a BadRequest', () => {
    const c = createCluster();
    run(c, "kubectl run crash --image=busybox:1.36 -- sh -c 'echo boom; exit 1'");
    expect(run(c, 'kubectl logs crash --previous')).toEqual({ out: 'boom\n', err: '', code: 0 });
    run(c, 'kubectl run web --image=nginx:1.27');
    expect(run(c, 'kubectl logs web --previous')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n',
      code: 1,
    });
  });
});

describe('OOMKilled', () => {
  const STRESS = {
    containers: [
      {
        name: 'memory-demo-2-ctr',
        image: 'polinux/stress',
        resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
        command: ['stress'],
        args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
      },
    ],
  };

  it('stress allocating 250M under a 100Mi limit: terminated OOMKilled, exit code 137, then CrashLoopBackOff', () => {
    // kubernetes.io "Assign Memory Resources" (memory-demo-2): lastState.terminated reason OOMKilled, exitCode 137.
    const c = createCluster();
    c.apply(podJSON('stress', STRESS));
    const cs = c.get('Pod', 'default', 'stress')!.status.containerStatuses[0];
    const term = cs.state.terminated ?? cs.lastState.terminated;
    expect(term).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(run(c, 'kubectl get pod stress --no-headers').out).toMatch(/^stress\s+0\/1\s+(OOMKilled|CrashLoopBackOff)\s/);
    c.advance(30);
    expect(run(c, 'kubectl get pod stress --no-headers').out).toMatch(/^stress\s+0\/1\s+CrashLoopBackOff\s+\d+ \(\d+s ago\)\s/);
    expect(run(c, "kubectl get pod stress -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'").out).toBe('OOMKilled 137');
  });
});

describe('init containers (reference §1.3 printPod; kubelet_pods.go)', () => {
  const INIT = `apiVersion: v1
kind: Pod
metadata:
  name: init
spec:
  initContainers:
  - name: one
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 5']
  - name: two
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 5']
  containers:
  - name: app
    image: nginx:1.27
`;

  it('run one after the other, each to completion, before the app container starts', () => {
    const c = createCluster();
    file(c, 'init.yaml', INIT);
    const seq = watch(c, 'kubectl apply -f init.yaml', 'init', 18);
    expect(seq).toContain('Init:0/2');
    expect(seq).toContain('Init:1/2');
    expect(seq.indexOf('Init:0/2')).toBeLessThan(seq.indexOf('Init:1/2'));
    expect(seq[seq.length - 1]).toBe('Running');
    const p = c.get('Pod', 'default', 'init')!;
    const [one, two] = p.status.initContainerStatuses.map((s: any) => s.state.terminated);
    expect([one.reason, one.exitCode, two.reason, two.exitCode]).toEqual(['Completed', 0, 'Completed', 0]);
    expect(Date.parse(two.startedAt)).toBeGreaterThanOrEqual(Date.parse(one.finishedAt));
    expect(Date.parse(p.status.containerStatuses[0].state.running.startedAt)).toBeGreaterThanOrEqual(Date.parse(two.finishedAt));
    expect(run(c, 'kubectl get pod init --no-headers').out).toMatch(/^init\s+1\/1\s+Running\s+0\s/);
  });

  // convertToAPIContainerStatuses gives init containers the default waiting reason PodInitializing, which
  // printPod renders as "Init:0/2" — also while the first init image is being pulled.
  it('while the first init image is pulled STATUS is Init:0/2 (never Init:ContainerCreating)', () => {
    const c = createCluster();
    file(c, 'init.yaml', INIT);
    const seq = watch(c, 'kubectl apply -f init.yaml', 'init', 18);
    expect(seq).not.toContain('Init:ContainerCreating');
  });

  // Same function: app containers of a pod with init containers default to waiting reason PodInitializing,
  // so between the last init container and the app start (pulling nginx) STATUS is PodInitializing.
  it('after the init containers, before the app runs, STATUS is PodInitializing', () => {
    const c = createCluster();
    file(c, 'init.yaml', INIT);
    const seq = watch(c, 'kubectl apply -f init.yaml', 'init', 18);
    expect(seq.slice(seq.indexOf('Init:1/2'))).toEqual(['Init:1/2', 'PodInitializing', 'Running']);
  });

  it('a failing init container: Init:Error, then Init:CrashLoopBackOff (restartPolicy Always)', () => {
    const c = createCluster();
    file(
      c,
      'i.yaml',
      INIT.replace("command: ['sh', '-c', 'sleep 5']", "command: ['sh', '-c', 'exit 1']"),
    );
    const seq = watch(c, 'kubectl apply -f i.yaml', 'init', 8);
    expect(seq.slice(-2)).toEqual(['Init:Error', 'Init:CrashLoopBackOff']);
    expect(c.get('Pod', 'default', 'init')!.status.containerStatuses[0].state.waiting.reason).toBe('PodInitializing');
  });
});

describe('restartPolicy outcomes (printPod; kubelet pod phase)', () => {
  it.each([
    ['Never', 0, 'Completed', 'Succeeded', 0],
    ['Never', 3, 'Error', 'Failed', 0],
    ['OnFailure', 0, 'Completed', 'Succeeded', 0],
    ['OnFailure', 2, 'CrashLoopBackOff', 'Running', 3],
    ['Always', 0, 'CrashLoopBackOff', 'Running', 3],
    ['Always', 1, 'CrashLoopBackOff', 'Running', 3],
  ])('restartPolicy %s, exit %i → STATUS %s, phase %s, restarts ≥ %i', (policy, exit, status, phase, minRestarts) => {
    const c = createCluster();
    run(c, `kubectl run job --image=busybox:1.36 --restart=${policy} -- sh -c 'exit ${exit}'`);
    c.advance(40);
    const line = run(c, 'kubectl get pod job --no-headers').out.trim().split(/\s+/);
    expect(line[2]).toBe(status);
    expect(Number(line[3])).toBeGreaterThanOrEqual(minRestarts);
    if (minRestarts === 0) expect(line[3]).toBe('0');
    expect(c.get('Pod', 'default', 'job')!.status.phase).toBe(phase);
    if (phase !== 'Running') {
      expect(c.get('Pod', 'default', 'job')!.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: exit, reason: exit === 0 ? 'Completed' : 'Error' });
    }
  });
});

describe('graceful termination (kuberuntime_container.go killContainer; pod terminationGracePeriodSeconds)', () => {
  it.each([
    // busybox `sleep` is PID 1 without a SIGTERM handler: the signal is ignored and SIGKILL comes after the grace period
    ['sleep ignores SIGTERM: Terminating for the whole default 30 s', { image: 'busybox:1.36', args: ['sleep', '3600'] }, undefined, 30],
    ['…or for terminationGracePeriodSeconds', { image: 'busybox:1.36', args: ['sleep', '3600'] }, 5, 5],
    ['nginx exits on SIGTERM: gone within a couple of seconds', { image: 'nginx:1.27' }, undefined, 2],
  ])('%s', (_name, container, grace, seconds) => {
    const c = createCluster();
    c.apply(podJSON('t', { ...(grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}), containers: [{ name: 't', ...container }] }));
    // one command line: the shell settles the cluster only between top-level commands
    const middle = seconds > 2 ? `sleep ${seconds - 1}; kubectl get pod t --no-headers; sleep 2` : `sleep ${seconds}`;
    const r = run(c, `kubectl delete pod t --wait=false; kubectl get pod t --no-headers; ${middle}; kubectl get pod t`);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('pod "t" deleted from default namespace');
    expect(lines[1]).toMatch(/^t\s+1\/1\s+Terminating\s+0\s/);
    if (seconds > 2) expect(lines[2]).toMatch(/^t\s+\d\/1\s+Terminating\s/);
    expect(r.err).toBe('Error from server (NotFound): pods "t" not found\n');
    expect(events(c, 't').find((e) => e.reason === 'Killing')).toMatchObject({ type: 'Normal', message: 'Stopping container t' });
  });

  it('kubectl delete (waiting) returns when the pod is gone: 30 s of simulated time for a SIGTERM-ignoring process', () => {
    const c = createCluster();
    run(c, 'kubectl run sl --image=busybox:1.36 -- sleep 3600');
    const t0 = c.now();
    expect(run(c, 'kubectl delete pod sl').out).toBe('pod "sl" deleted from default namespace\n');
    const took = (c.now() - t0) / 1000;
    expect(took).toBeGreaterThanOrEqual(30);
    expect(took).toBeLessThan(33);
  });
});
