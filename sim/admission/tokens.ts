import type { UserInfo } from '../api/types';
import type { Sim } from '../sim';
import { encodeBase64 } from '../api/base64';
import { serviceAccountUser } from './rbac';

/**
 * Bound service-account tokens (what the kubelet writes to
 * /var/run/secrets/kubernetes.io/serviceaccount/token) and their
 * authentication. Tokens are JWT-shaped (header.payload.signature, base64url)
 * with the claims the TokenRequest API issues; the simulator has no crypto, so
 * the "signature" is a registry entry: only tokens this cluster issued work.
 */
const ISSUER = 'https://kubernetes.default.svc.cluster.local';

function b64url(s: string): string {
  return encodeBase64(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}


interface Issued {
  namespace: string;
  serviceAccount: string;
  saUid: string;
  podUid?: string;
}

function registry(sim: Sim): Map<string, Issued> {
  let r = sim.services.issuedTokens as Map<string, Issued> | undefined;
  if (!r) {
    r = new Map();
    sim.services.issuedTokens = r;
    const snap = ((sim.services.snapshot as Record<string, { save(): unknown; load(v: unknown): void }>) ??= {});
    snap.tokens = { save: () => [...r!.entries()], load: (v) => { r!.clear(); for (const [k, x] of v as [string, Issued][]) r!.set(k, x); } };
  }
  return r;
}

/** Issue a bound token for a ServiceAccount (optionally bound to a pod), valid 3607 s like the kubelet's. */
export function issueServiceAccountToken(
  sim: Sim,
  namespace: string,
  serviceAccount: string,
  pod?: { name: string; uid: string; node?: string },
  expirationSeconds = 3607,
): string {
  const sa = sim.store.get('ServiceAccount', namespace, serviceAccount);
  const now = Math.floor(sim.clock.now() / 1000);
  const header = { alg: 'RS256', kid: sim.rand.string(43).replace(/[2-9]/g, (d) => 'ABCDEFGH'[Number(d) - 2]) };
  // kube-apiserver --service-account-extend-token-expiration (default true): the kubelet's 3607 s request
  // is extended to a year, with warnafter at the requested expiry (pkg/serviceaccount ExpirationExtensionSeconds)
  const extended = !!pod && expirationSeconds === 3607;
  const payload: Record<string, unknown> = {
    aud: [ISSUER],
    exp: now + (extended ? 365 * 24 * 3600 : expirationSeconds),
    iat: now,
    iss: ISSUER,
    jti: sim.rand.uuid(),
    'kubernetes.io': {
      namespace,
      ...(pod ? { node: pod.node ? { name: pod.node, uid: sim.store.get('Node', '', pod.node)?.metadata.uid } : undefined, pod: { name: pod.name, uid: pod.uid } } : {}),
      serviceaccount: { name: serviceAccount, uid: sa?.metadata.uid ?? '' },
      ...(extended ? { warnafter: now + expirationSeconds } : {}),
    },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
  };
  const sig = b64url(sim.rand.string(256)).slice(0, 342);
  const token = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${sig}`;
  registry(sim).set(token, { namespace, serviceAccount, saUid: sa?.metadata.uid ?? '', podUid: pod?.uid });
  return token;
}

/**
 * Authenticate a bearer token: the ServiceAccount (and the pod it is bound to)
 * must still exist with the same uid. Returns undefined for an invalid token (401).
 */
export function authenticateToken(sim: Sim, token: string): UserInfo | undefined {
  const t = registry(sim).get(token.trim());
  if (!t) return undefined;
  const sa = sim.store.get('ServiceAccount', t.namespace, t.serviceAccount);
  if (!sa || sa.metadata.uid !== t.saUid) return undefined;
  if (t.podUid && ![...sim.store.iterate('Pod', t.namespace)].some((p) => p.metadata.uid === t.podUid)) return undefined;
  return serviceAccountUser(t.namespace, t.serviceAccount);
}
