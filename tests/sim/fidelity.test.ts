/**
 * Behaviours found missing or wrong while writing the chapters, each pinned
 * to the source that defines the real behaviour.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

function run(c: ReturnType<typeof createCluster>, script: string): { out: string; err: string; code: number } {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

function apply(c: ReturnType<typeof createCluster>, yaml: string) {
  return run(c, `kubectl apply -f - <<'EOF'\n${yaml}EOF`);
}

const TWO_ON_8000 = `apiVersion: v1
kind: Pod
metadata:
  name: pod-3
spec:
  containers:
  - name: container1
    image: kubetm/p8000
    ports:
    - containerPort: 8000
  - name: container2
    image: kubetm/p8000
    ports:
    - containerPort: 8000
`;

describe('containers of one pod share the network namespace', () => {
  it('warns about a duplicate port definition (K/K pkg/api/pod/warnings.go) and the second bind fails', () => {
    const c = createCluster();
    const r = apply(c, TWO_ON_8000);
    expect(r.err).toBe('Warning: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]\n');
    expect(r.out).toBe('pod/pod-3 created\n');
    c.advance(60);
    const pods = run(c, 'kubectl get pod pod-3 --no-headers').out;
    expect(pods).toMatch(/^pod-3\s+1\/2\s+(Error|CrashLoopBackOff)\s/);
    expect(run(c, 'kubectl logs pod-3 -c container2').out).toContain('EADDRINUSE');
  });
});

describe('native sidecars (KEP-753, init containers with restartPolicy: Always)', () => {
  it('start, keep running, and count in READY', () => {
    const c = createCluster();
    apply(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: with-sidecar
spec:
  initContainers:
  - name: shipper
    image: busybox
    restartPolicy: Always
    command: ['sh', '-c', 'tail -F /var/log/app.log']
  containers:
  - name: app
    image: nginx
`,
    );
    expect(run(c, 'kubectl get pod with-sidecar --no-headers').out).toMatch(/^with-sidecar\s+2\/2\s+Running\s+0\s/);
  });
});

describe('API warnings', () => {
  it('v1 Endpoints is deprecated in v1.33+ (K/K staging/src/k8s.io/api/core/v1 Endpoints, prerelease-lifecycle-gen deprecation)', () => {
    const c = createCluster();
    const r = run(c, 'kubectl get endpoints kubernetes');
    expect(r.err).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    expect(r.out).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nkubernetes\s+192\.168\.56\.30:6443\s/);
  });

  it('--validate=warn drops unknown fields with a warning; --validate=false drops them silently (kubectl cmdutil.GetValidationDirective)', () => {
    const c = createCluster();
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: vp\n  app: x\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    c.run(`cat > p.yaml <<'EOF'\n${pod}EOF`);
    expect(run(c, 'kubectl apply -f p.yaml').code).toBe(1);
    const warn = run(c, 'kubectl apply -f p.yaml --validate=warn');
    expect(warn).toEqual({ out: 'pod/vp created\n', err: 'Warning: unknown field "metadata.app"\n', code: 0 });
    run(c, 'kubectl delete pod vp');
    expect(run(c, 'kubectl apply -f p.yaml --validate=false')).toEqual({ out: 'pod/vp created\n', err: '', code: 0 });
    expect(run(c, 'kubectl apply -f p.yaml --validate=maybe').err).toBe('error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n');
  });
});

describe('images', () => {
  it('a tag the registry does not have fails to pull (ErrImagePull, then ImagePullBackOff)', () => {
    const c = createCluster();
    run(c, 'kubectl run bad --image=nginx:doesnotexist');
    expect(run(c, 'kubectl get pod bad --no-headers').out).toMatch(/^bad\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s/);
  });

  it('a one-shot command as the container command runs and its output is the log (kubectl run --rm -i; reference §4)', () => {
    const c = createCluster();
    const r = run(c, 'kubectl run tmp --image=busybox --rm -i --restart=Never -- nslookup kubernetes.default.svc.cluster.local');
    expect(r.out).toContain('Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n');
    expect(r.out.endsWith('pod "tmp" deleted from default namespace\n')).toBe(true);
  });
});

describe('curl and kube-proxy', () => {
  it('plain HTTP to the API server gets Go net/http\'s answer (net/http server.go)', () => {
    const c = createCluster();
    expect(run(c, 'curl -s 10.96.0.1:443').out).toBe('Client sent an HTTP request to an HTTPS server.\n');
  });

  it('HTTPS without the cluster CA fails verification (curl error 60)', () => {
    const c = createCluster();
    const r = run(c, 'curl -s -S https://10.96.0.1/version');
    expect(r.code).toBe(60);
    expect(r.err.split('\n')[0]).toBe('curl: (60) SSL certificate problem: unable to get local issuer certificate');
  });

  it('a node port nobody uses refuses the connection (curl error 7)', () => {
    const c = createCluster();
    const r = run(c, 'curl 192.168.56.32:31999');
    expect(r.code).toBe(7);
    expect(r.err).toMatch(/^curl: \(7\) Failed to connect to 192\.168\.56\.32 port 31999 after \d+ ms: Couldn't connect to server\n$/);
  });

  it('short options combine (-sS, -sI)', () => {
    const c = createCluster();
    expect(run(c, 'curl -sS 10.96.0.1:443').out).toBe('Client sent an HTTP request to an HTTPS server.\n');
    expect(run(c, 'curl -sI 10.96.0.1:443').out).toBe('HTTP/1.0 400 Bad Request\r\n\r\n');
  });

  it('externalTrafficPolicy: Local still serves pods and the node itself from any endpoint (K/K pkg/proxy/iptables/proxier.go, KUBE-EXT chain)', () => {
    const c = createCluster();
    apply(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: app1
  labels:
    app: lp
spec:
  nodeSelector:
    kubernetes.io/hostname: k8s-node1
  containers:
  - name: app
    image: kubetm/app
---
apiVersion: v1
kind: Service
metadata:
  name: local-np
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector:
    app: lp
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 31080
`,
    );
    // from outside (the control-plane node's shell): k8s-node2 has no local endpoint and drops it, k8s-node1 answers
    expect(run(c, 'curl -s -m 2 192.168.56.32:31080/hostname').code).toBe(28);
    expect(run(c, 'curl -s -m 2 192.168.56.31:31080/hostname').out).toBe('Hostname : app1\n');
    // a pod's traffic goes to the cluster-wide endpoints, even through k8s-node2
    apply(c, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client2\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: k8s-node2\n  containers:\n  - name: c\n    image: kubetm/init\n');
    expect(run(c, 'kubectl exec client2 -- curl -s -m 2 192.168.56.32:31080/hostname').out).toBe('Hostname : app1\n');
  });

  it('LoadBalancer + externalTrafficPolicy: Local gets a healthCheckNodePort (K/K pkg/registry/core/service/storage/alloc.go)', () => {
    const c = createCluster();
    apply(c, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector:\n    app: x\n  ports:\n  - port: 80\n');
    const port = Number(run(c, "kubectl get svc lb -o jsonpath='{.spec.healthCheckNodePort}'").out);
    expect(port).toBeGreaterThanOrEqual(30000);
    expect(port).toBeLessThanOrEqual(32767);
  });
});

describe('shell tools', () => {
  it('grep -A prints context with -- between groups; cut -c takes ranges (GNU grep, POSIX cut)', () => {
    const c = createCluster();
    expect(run(c, 'printf "a\\nb\\nc\\nd\\nb\\nx\\n" | grep -A1 b').out).toBe('b\nc\n--\nb\nx\n');
    expect(run(c, 'echo abcdef | cut -c2-4').out).toBe('bcd\n');
  });
});

describe('small things a reader notices', () => {
  it('kubectl run IMAGE -- CMD with an entrypoint script runs CMD ("exec \\"$@\\"" in docker-entrypoint.sh)', () => {
    const c = createCluster();
    const r = run(c, "kubectl run t --image=nginx --restart=Never --rm -i -- curl -s -o /dev/null -w '%{http_code}\\n' 10.96.0.1:443");
    expect(r.out).toBe('400\npod "t" deleted from default namespace\n');
  });

  it('hostname -i prints the pod IP (/etc/hosts maps the hostname to it)', () => {
    const c = createCluster();
    run(c, 'kubectl run h --image=busybox --restart=Never -- hostname -i');
    const ip = run(c, "kubectl get pod h -o jsonpath='{.status.podIP}'").out;
    expect(run(c, 'kubectl logs h').out).toBe(`${ip}\n`);
  });

  it('--record is deprecated but still records the change cause with --record=true (pflag MarkDeprecated; cmdutil.ChangeCauseAnnotation)', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment web --image=nginx:1.27');
    const r = run(c, 'kubectl set image deployment/web nginx=nginx:1.28 --record');
    expect(r.err).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    expect(run(c, 'kubectl rollout history deployment/web').out).toContain('2         kubectl set image deployment/web nginx=nginx:1.28 --record=true\n');
  });

  it('a node reaching a pod on another node is seen from its flannel.1 address (VXLAN route source selection)', () => {
    const c = createCluster();
    apply(c, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: k8s-node1\n  containers:\n  - name: nginx\n    image: nginx:1.27\n');
    run(c, 'curl -s -o /dev/null $(kubectl get pod web -o jsonpath={.status.podIP})');
    expect(run(c, 'kubectl logs web --tail=1').out).toMatch(/^10\.244\.0\.0 - - \[/);
  });
});

describe('kubectl exec -it … -- bash at the prompt opens a shell in the container', () => {
  it('commands run in the container until exit; the transcript shows the container prompt (bash PS1 \\u@\\h:\\w\\$)', () => {
    const c = createCluster();
    run(c, 'kubectl run w --image=nginx:1.27');
    const t = c.transcript('kubectl exec -it w -- bash\nhostname\ncat /etc/hostname\nexit\nhostname');
    expect(t.map((e) => `${e.prompt ?? '$'} ${e.command}`)).toEqual(['$ kubectl exec -it w -- bash', 'root@w:/# hostname', 'root@w:/# cat /etc/hostname', 'root@w:/# exit', '$ hostname']);
    expect(t[1].result.stdout).toBe('w\n');
    expect(t[4].result.stdout).toBe('k8s-master\n');
    expect(c.prompt()).toBe('$');
  });

  it('exit N ends the session with kubectl\'s "command terminated with exit code N"', () => {
    const c = createCluster();
    run(c, 'kubectl run w --image=nginx:1.27');
    c.run('kubectl exec -it w -- sh');
    expect(c.prompt()).toBe('#');
    const r = run(c, 'exit 3');
    expect(r).toEqual({ out: '', err: 'command terminated with exit code 3\n', code: 3 });
    expect(c.prompt()).toBe('$');
  });

  it('without -t (or inside a script\'s nested command) the shell just reads empty stdin and exits', () => {
    const c = createCluster();
    run(c, 'kubectl run w --image=nginx:1.27');
    expect(run(c, 'kubectl exec -i w -- bash').code).toBe(0);
    expect(c.prompt()).toBe('$');
  });
});

describe('kubectl run -it … -- sh', () => {
  it('opens a shell in the new pod; exit with --rm deletes the pod (kubectl pkg/cmd/run/run.go)', () => {
    const c = createCluster();
    const t = c.transcript('kubectl run -it --rm debug --image=busybox --restart=Never -- sh\nhostname\nexit\nkubectl get pods');
    expect(t.map((e) => `${e.prompt ?? '$'} ${e.command}`)).toEqual(['$ kubectl run -it --rm debug --image=busybox --restart=Never -- sh', '/ # hostname', '/ # exit', '$ kubectl get pods']);
    // attach.go AttachOptions.Run: the recording notice (v1.34+, PR #127183), then the prompt hint
    expect(t[0].result.stderr).toBe("All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n");
    expect(t[1].result.stdout).toBe('debug\n');
    expect(t[2].result.stdout).toBe('pod "debug" deleted from default namespace\n');
    expect(t[3].result.stderr).toBe('No resources found in default namespace.\n');
  });

  it('without --rm the pod stays and kubectl says how to attach again', () => {
    const c = createCluster();
    c.run('kubectl run -it keep --image=busybox -- sh');
    expect(run(c, 'exit').out).toBe("Session ended, resume using 'kubectl attach keep -c keep -i -t' command when the pod is running\n");
  });
});

describe('kubectl describe role prints its rules like auth can-i --list (kubectl pkg/describe/describe.go RoleDescriber: BreakdownRule, CompactRules, SortableRuleSlice)', () => {
  it('one row per resource name, rows ordered by the rule text (verbs first)', () => {
    const c = createCluster();
    apply(c, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["list", "get"]\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  resourceNames: ["web", "api"]\n  verbs: ["get"]\n');
    const out = run(c, 'kubectl describe role r').out;
    expect(out.split('\n').slice(-4)).toEqual([
      '  deployments.apps  []                 [api]           [get]',
      '  deployments.apps  []                 [web]           [get]',
      '  pods              []                 []              [list get]',
      '',
    ]);
  });
});

// client-go tools/record/events_cache.go EventCorrelate: the aggregator combines an object's events after 10
// different messages with the same reason, then EventSourceObjectSpamFilter lets each source send 25 events
// (creates or repeats) about one object and then one per 300 s (defaultSpamBurst, defaultSpamQPS). A
// 40-replica ReplicaSet: 10 "Created pod" events, then one combined event counted up to the 25th.
describe('event spam filter', () => {
  it('a big scale-up leaves 10 + 1 combined SuccessfulCreate events, counted to 15', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx --replicas=40');
    const evs = c.list('Event', 'default').filter((e) => e.involvedObject.kind === 'ReplicaSet');
    expect(evs.length).toBe(11);
    const combined = evs.filter((e) => e.message.startsWith('(combined from similar events): Created pod: web-'));
    expect(combined.map((e) => e.count)).toEqual([15]);
    // a token comes back every 300 s: the next scale-up writes one more observation, not 20
    c.advance(300);
    c.run('kubectl scale deployment web --replicas=60');
    const after = c.list('Event', 'default').filter((e) => e.involvedObject.kind === 'ReplicaSet');
    expect(after.length).toBe(11);
    // the logger's cache kept counting the dropped ones (30 after the first scale-up): the write says 31
    expect(after.find((e) => e.message.startsWith('(combined'))!.count).toBe(31);
  });
});
