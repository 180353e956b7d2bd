import type { UserInfo } from '../api/types';
import type { Sim } from '../sim';
import { utf8Encode } from '../api/base64';
import { serviceAccountUser } from './rbac';
import { Random } from '../runtime/random';

/**
 * Bound service-account tokens (what the kubelet writes to
 * /var/run/secrets/kubernetes.io/serviceaccount/token) and their
 * authentication. Tokens are JWT-shaped (header.payload.signature, base64url)
 * with the claims the TokenRequest API issues; the simulator has no crypto, so
 * the "signature" is a registry entry: only tokens this cluster issued work.
 */
const ISSUER = 'https://kubernetes.default.svc.cluster.local';

const URL_CODES = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].map((c) => c.charCodeAt(0));

/** Append the unpadded base64url encoding of s's UTF-8 bytes to codes (char codes). */
function pushB64url(codes: number[], s: string): void {
  let bytes: ArrayLike<number> | undefined;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) { bytes = utf8Encode(s); break; }
  const n = bytes ? bytes.length : s.length;
  const at = bytes ? (i: number) => bytes![i] : (i: number) => s.charCodeAt(i);
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    codes.push(URL_CODES[(v >> 18) & 63], URL_CODES[(v >> 12) & 63], URL_CODES[(v >> 6) & 63], URL_CODES[v & 63]);
  }
  if (n - i === 1) {
    const v = at(i) << 16;
    codes.push(URL_CODES[(v >> 18) & 63], URL_CODES[(v >> 12) & 63]);
  } else if (n - i === 2) {
    const v = (at(i) << 16) | (at(i + 1) << 8);
    codes.push(URL_CODES[(v >> 18) & 63], URL_CODES[(v >> 12) & 63], URL_CODES[(v >> 6) & 63]);
  }
}

function flat(codes: number[]): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode.apply(null, codes.length <= 4096 ? codes : codes.slice(i, i + 4096));
  return out;
}

/** sim.rand.string(43) with the digits 2–9 read as A–H (a key id). */
function kid(raw: string): string {
  const codes = new Array<number>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    codes[i] = c >= 50 && c <= 57 ? c + 15 : c; // '2'..'9' → 'A'..'H'
  }
  return String.fromCharCode.apply(null, codes);
}


interface Issued {
  namespace: string;
  serviceAccount: string;
  saUid: string;
  podUid?: string;
  /** The Secret or Node a TokenRequest's boundObjectRef named (kubectl create token --bound-object-kind). */
  secret?: { name: string; uid: string };
  node?: { name: string; uid: string };
  /** Requested audiences other than the API server's: such a token does not authenticate to the API server. */
  foreignAudience?: boolean;
}

/**
 * What a TokenRequest adds to a token: its audiences (default: the API server's), and its binding to a Secret or
 * a Node (pkg/serviceaccount claims.go: `kubernetes.io` secret/node claims); a token bound to one stops
 * authenticating once that object is gone or replaced (a different uid).
 */
export interface TokenOptions {
  audiences?: string[];
  secret?: { name: string; uid: string };
  node?: { name: string; uid: string };
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

/** Draws of sim.rand one token takes: the key id (rand.string(43)), the jti (uuid: 32), the signature (rand.string(256)). */
const TOKEN_DRAWS = 43 + 32 + 256;

/** Issue a bound token for a ServiceAccount (optionally bound to a pod), valid 3607 s like the kubelet's. */
export function issueServiceAccountToken(
  sim: Sim,
  namespace: string,
  serviceAccount: string,
  pod?: { name: string; uid: string; node?: string },
  expirationSeconds = 3607,
  opts: TokenOptions = {},
): string {
  return issueLazyServiceAccountToken(sim, namespace, serviceAccount, pod, expirationSeconds, opts)();
}

/**
 * issueServiceAccountToken with the encoding left for later: the token is issued now (the clock read, the
 * ServiceAccount's and Node's UIDs looked up, its place in the random sequence taken: the draws it makes are
 * skipped past, so what is drawn after it is what it was when tokens were encoded at once) and the
 * JWT is built, and registered for authentication, the first time the returned function is called
 * (e.g. when a container reads /var/run/secrets/kubernetes.io/serviceaccount/token). Most of the
 * kubelet's tokens are never read; encoding them all cost ~10% of a 10,000-pod scale-up.
 */
export function issueLazyServiceAccountToken(
  sim: Sim,
  namespace: string,
  serviceAccount: string,
  pod?: { name: string; uid: string; node?: string },
  expirationSeconds = 3607,
  opts: TokenOptions = {},
): () => string {
  const saUid = sim.store.get('ServiceAccount', namespace, serviceAccount)?.metadata.uid ?? '';
  const nodeUid = pod?.node ? sim.store.get('Node', '', pod.node)?.metadata.uid : undefined;
  const now = Math.floor(sim.clock.now() / 1000);
  const state = sim.rand.getState();
  sim.rand.skip(TOKEN_DRAWS);
  let token: string | undefined;
  return () => {
    if (token !== undefined) return token;
    const rand = new Random();
    rand.setState(state);
    token = encodeToken(rand, namespace, serviceAccount, saUid, pod, nodeUid, now, expirationSeconds, opts);
    const foreignAudience = !!opts.audiences?.length && !opts.audiences.includes(ISSUER);
    registry(sim).set(token, { namespace, serviceAccount, saUid, podUid: pod?.uid, secret: opts.secret, node: opts.node, foreignAudience });
    return token;
  };
}

function encodeToken(
  rand: Random,
  namespace: string,
  serviceAccount: string,
  saUid: string,
  pod: { name: string; uid: string; node?: string } | undefined,
  nodeUid: string | undefined,
  now: number,
  expirationSeconds: number,
  opts: TokenOptions,
): string {
  const header = { alg: 'RS256', kid: kid(rand.string(43)) };
  const aud = opts.audiences?.length ? opts.audiences : [ISSUER];
  // kube-apiserver --service-account-extend-token-expiration (default true): the kubelet's 3607 s request
  // is extended to a year, with warnafter at the requested expiry (pkg/serviceaccount ExpirationExtensionSeconds;
  // storage/token.go: only for a pod-bound token whose audiences are all the API server's)
  const extended = !!pod && expirationSeconds === 3607 && aud.every((a) => a === ISSUER);
  const node = pod?.node ? { name: pod.node, uid: nodeUid } : opts.node;
  const payload: Record<string, unknown> = {
    aud,
    exp: now + (extended ? 365 * 24 * 3600 : expirationSeconds),
    iat: now,
    iss: ISSUER,
    jti: rand.uuid(),
    'kubernetes.io': {
      namespace,
      node,
      ...(pod ? { pod: { name: pod.name, uid: pod.uid } } : {}),
      ...(opts.secret ? { secret: opts.secret } : {}),
      serviceaccount: { name: serviceAccount, uid: saUid },
      ...(extended ? { warnafter: now + expirationSeconds } : {}),
    },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
  };
  // header.payload.signature, base64url without padding, built as one flat string
  const codes: number[] = [];
  pushB64url(codes, JSON.stringify(header));
  codes.push(46);
  pushB64url(codes, JSON.stringify(payload));
  codes.push(46);
  pushB64url(codes, rand.string(256)); // 342 characters
  return flat(codes);
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
  if (t.secret && sim.store.get('Secret', t.namespace, t.secret.name)?.metadata.uid !== t.secret.uid) return undefined;
  if (t.node && sim.store.get('Node', '', t.node.name)?.metadata.uid !== t.node.uid) return undefined;
  // the authenticator's audience check: the token must be meant for the API server
  if (t.foreignAudience) return undefined;
  return serviceAccountUser(t.namespace, t.serviceAccount);
}
