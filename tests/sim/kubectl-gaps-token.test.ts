/**
 * kubectl create token: --duration as Go durations, --audience, --bound-object-kind/-name/-uid.
 *
 * Sources:
 * - kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/create/create_token.go (master, commit 7fc9c57d…,
 *   after KUBECTL_NODE_BOUND_TOKENS was dropped in v1.31): boundObjectKinds Pod/Secret/Node, listed sorted
 *   ("Node, Pod, Secret"); Validate's messages in order (duration < 0, duration % time.Second, empty audience,
 *   bound object flags); Run sends spec.audiences, expirationSeconds (only for a duration > 0) and a
 *   BoundObjectReference {kind, apiVersion "v1", name, uid}; errors wrapped "failed to create token: %v".
 * - --duration is pflag's DurationVar: golang/go src/time/format.go ParseDuration (its error texts and quote()),
 *   reported by pflag as `invalid argument %q for "--duration" flag: %v` with cobra's usage hint.
 * - kubernetes/kubernetes pkg/registry/core/serviceaccount/storage/token.go (v1.31-era, with Node binding):
 *   the bound object read from storage; a Pod of another ServiceAccount is a BadRequest "cannot bind token for
 *   serviceaccount %q to pod running with different serviceaccount name."; a uid mismatch
 *   NewConflict(GroupResource{"", Kind}, name, "the UID in the bound object reference (%s) does not match the UID
 *   in record. The object might have been deleted and then recreated"); pkg/serviceaccount claims.go: the
 *   `kubernetes.io` pod/node/secret claims and `aud`.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { parseGoDuration } from '../../sim/kubectl/go-duration';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

/** The JWT's claims (base64url, unpadded). */
function claims(token: string): any {
  const b64 = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
}

describe('Go time.ParseDuration', () => {
  const S = 1_000_000_000n;
  it.each([
    ['1h30m', 5400n * S],
    ['90m', 5400n * S],
    ['1.5h', 5400n * S],
    ['0', 0n],
    ['-0', 0n],
    ['+5s', 5n * S],
    ['.5s', S / 2n],
    ['1h1m1s', 3661n * S],
    ['300ms', 300_000_000n],
    ['1µs', 1000n],
    ['1μs', 1000n],
    ['7ns', 7n],
    ['-1.5h', -5400n * S],
    ['2562047h47m16.854775807s', (1n << 63n) - 1n],
  ])('%s', (text, ns) => expect(parseGoDuration(text)).toEqual({ ns }));

  it.each([
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
    ['10', 'time: missing unit in duration "10"'],
    ['1h30', 'time: missing unit in duration "1h30"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1..5s', 'time: missing unit in duration "1..5s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['1h ', 'time: unknown unit "h " in duration "1h "'],
    ['5µx', 'time: unknown unit "\\xc2\\xb5x" in duration "5\\xc2\\xb5x"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
  ])('%j is refused', (text, error) => expect(parseGoDuration(text)).toEqual({ error }));
});

describe('create token: flags and validation in create_token.go order', () => {
  it.each([
    ['--duration=10', 'error: invalid argument "10" for "--duration" flag: time: missing unit in duration "10"\nSee \'kubectl create token --help\' for usage.\n'],
    ['--duration=1d', 'error: invalid argument "1d" for "--duration" flag: time: unknown unit "d" in duration "1d"\nSee \'kubectl create token --help\' for usage.\n'],
    ['--duration=-1h', 'error: --duration must be greater than or equal to 0\n'],
    ['--duration=1.5s', 'error: --duration cannot be expressed in units less than seconds\n'],
    ['--duration=1h500ms', 'error: --duration cannot be expressed in units less than seconds\n'],
    ['--audience=', 'error: --audience must not be an empty string\n'],
    ['--audience=a --audience=', 'error: --audience must not be an empty string\n'],
    ['--bound-object-name=x', 'error: --bound-object-name can only be set if --bound-object-kind is provided\n'],
    ['--bound-object-uid=x', 'error: --bound-object-uid can only be set if --bound-object-kind is provided\n'],
    ['--bound-object-kind=Job --bound-object-name=x', 'error: supported --bound-object-kind values are Node, Pod, Secret\n'],
    ['--bound-object-kind=pod --bound-object-name=x', 'error: supported --bound-object-kind values are Node, Pod, Secret\n'],
    ['--bound-object-kind=Pod', 'error: --bound-object-name is required if --bound-object-kind is provided\n'],
    ['--bound-object-kind=Pod --bound-object-name=nope', 'error: failed to create token: pods "nope" not found\n'],
    ['--bound-object-kind=Secret --bound-object-name=nope', 'error: failed to create token: secrets "nope" not found\n'],
    ['--bound-object-kind=Node --bound-object-name=nope', 'error: failed to create token: nodes "nope" not found\n'],
    ['--duration=9m59s', 'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes\n'],
  ])('kubectl create token default %s', (flags, err) => {
    const c = createCluster();
    expect(run(c, `kubectl create token default ${flags}`)).toEqual({ out: '', err, code: 1 });
  });

  it('a bad --duration is a flag error, before the name is checked', () => {
    const c = createCluster();
    expect(run(c, 'kubectl create token --duration=5').err).toBe('error: invalid argument "5" for "--duration" flag: time: missing unit in duration "5"\nSee \'kubectl create token --help\' for usage.\n');
    expect(run(c, 'kubectl create token --duration=1h').err).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create token -h' for help and examples\n");
  });
});

describe('create token: what the TokenRequest and the token carry', () => {
  it.each([
    ['--duration=1h30m', 5400],
    ['--duration=90m', 5400],
    ['--duration=1.5h', 5400],
    ['--duration=0s', 3600],
    ['--duration=10m', 600],
    ['', 3600],
  ])('%s → expirationSeconds %i, exp = iat + it', (flags, seconds) => {
    const c = createCluster();
    const r = run(c, `kubectl create token default ${flags} -o json`);
    expect(r.err).toBe('');
    const req = JSON.parse(r.out);
    expect(req.spec.expirationSeconds).toBe(seconds);
    const cl = claims(req.status.token);
    expect(cl.exp - cl.iat).toBe(seconds);
    expect(Date.parse(req.status.expirationTimestamp) - Date.parse(req.metadata.creationTimestamp)).toBe(seconds * 1000);
  });

  it('--audience (repeatable) is spec.audiences and the aud claim; a token for other audiences does not authenticate', () => {
    const c = createCluster();
    const req = JSON.parse(run(c, 'kubectl create token default --audience=https://vault.example --audience=b -o json').out);
    expect(req.spec.audiences).toEqual(['https://vault.example', 'b']);
    expect(claims(req.status.token).aud).toEqual(['https://vault.example', 'b']);
    const apiToken = run(c, 'kubectl create token default').out;
    expect(claims(apiToken).aud).toEqual(['https://kubernetes.default.svc.cluster.local']);
    const curl = (t: string) => run(c, `curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${t}" https://127.0.0.1:6443/api`).out;
    expect(curl(apiToken)).toBe('200');
    expect(curl(req.status.token)).toBe('401');
  });

  it('bound to a Pod: the pod and its node in the claims; another ServiceAccount\'s pod and a wrong uid are refused', () => {
    const c = createCluster();
    run(c, 'kubectl run p --image=nginx');
    const uid = run(c, "kubectl get pod p -o jsonpath='{.metadata.uid}'").out;
    const node = run(c, "kubectl get pod p -o jsonpath='{.spec.nodeName}'").out;
    const req = JSON.parse(run(c, `kubectl create token default --bound-object-kind=Pod --bound-object-name=p --bound-object-uid=${uid} -o json`).out);
    expect(req.spec.boundObjectRef).toEqual({ kind: 'Pod', apiVersion: 'v1', name: 'p', uid });
    const k8s = claims(req.status.token)['kubernetes.io'];
    expect(k8s.pod).toEqual({ name: 'p', uid });
    expect(k8s.node.name).toBe(node);
    expect(run(c, 'kubectl create token default --bound-object-kind=Pod --bound-object-name=p --bound-object-uid=0d4691ed-659b-4935-a832-355f77ee47cc')).toEqual({
      out: '',
      err: 'error: failed to create token: Operation cannot be fulfilled on Pod "p": the UID in the bound object reference (0d4691ed-659b-4935-a832-355f77ee47cc) does not match the UID in record. The object might have been deleted and then recreated\n',
      code: 1,
    });
    run(c, 'kubectl create serviceaccount bot');
    expect(run(c, 'kubectl create token bot --bound-object-kind=Pod --bound-object-name=p').err).toBe(
      'error: failed to create token: cannot bind token for serviceaccount "bot" to pod running with different serviceaccount name.\n',
    );
  });

  it('bound to a Secret: the secret claim, no uid in the request unless given; deleting the Secret revokes the token', () => {
    const c = createCluster();
    run(c, 'kubectl create secret generic s --from-literal=a=b');
    const uid = run(c, "kubectl get secret s -o jsonpath='{.metadata.uid}'").out;
    const req = JSON.parse(run(c, 'kubectl create token default --bound-object-kind=Secret --bound-object-name=s -o json').out);
    expect(req.spec.boundObjectRef).toEqual({ kind: 'Secret', apiVersion: 'v1', name: 's' });
    const k8s = claims(req.status.token)['kubernetes.io'];
    expect(Object.keys(k8s)).toEqual(['namespace', 'secret', 'serviceaccount']);
    expect(k8s.secret).toEqual({ name: 's', uid });
    const curl = () => run(c, `curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${req.status.token}" https://127.0.0.1:6443/api`).out;
    expect(curl()).toBe('200');
    run(c, 'kubectl delete secret s');
    expect(curl()).toBe('401');
  });

  it('bound to a Node: the node claim (cluster-scoped: found whatever the namespace)', () => {
    const c = createCluster();
    const uid = run(c, "kubectl get node k8s-node1 -o jsonpath='{.metadata.uid}'").out;
    const t = run(c, 'kubectl create token default -n kube-system --bound-object-kind=Node --bound-object-name=k8s-node1').out;
    const k8s = claims(t)['kubernetes.io'];
    expect(k8s.node).toEqual({ name: 'k8s-node1', uid });
    expect(k8s.namespace).toBe('kube-system');
    expect(k8s.pod).toBeUndefined();
  });
});
