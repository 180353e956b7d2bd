import { goStructOf, toGroupVersion } from '../api/convert';
import type { UserInfo } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { KUBERNETES_VERSION } from '../sim';
import type { HttpRequest, HttpResponse } from '../kubelet/service';
import { RESOURCE_TYPES, apiVersionOf, type ResourceType } from '../api/resources';
import { goJSON, goListJSON, hasGoOrder } from '../api/go-json';
import { StatusError } from './errors';
import { authenticateToken } from '../admission/tokens';
import { forbiddenMessage } from '../admission/forbidden';

/**
 * The API server's HTTP face, for `curl https://kubernetes.default.svc/...`
 * from a pod with its ServiceAccount token (or from the node) and for
 * `kubectl get --raw`. Resource GETs only: authentication (bearer token →
 * user, none → system:anonymous), RBAC authorization, and the JSON the
 * apiserver sends: fields in Go struct order (api/go-json.ts), indented for
 * curl/Wget/browser user agents or `?pretty=true` without a final newline,
 * else compact with one.
 */
const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** client-go's DefaultUserAgent for kubectl: `kubectl/<version> (<os>/<arch>) kubernetes/<commit[:7]>`. */
const KUBECTL_USER_AGENT = `kubectl/${KUBERNETES_VERSION} (linux/amd64) kubernetes/6645204`;

/** strconv.ParseBool; anything else is an error, which isPrettyPrint treats as false. */
const PARSE_BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

function queryGet(query: string, key: string): string {
  for (const part of query.split('&')) {
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    if (unescapeQuery(k) !== key) continue;
    return i < 0 ? '' : unescapeQuery(part.slice(i + 1));
  }
  return '';
}

function unescapeQuery(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * apiserver endpoints/handlers/negotiation/negotiate.go isPrettyPrint: a
 * non-empty `pretty` query parameter decides (strconv.ParseBool, an invalid
 * value is false); otherwise user agents starting with curl, Wget or
 * Mozilla/5.0 get indented output.
 */
export function isPrettyPrint(req: HttpRequest): boolean {
  const q = req.path.indexOf('?');
  if (q >= 0 && req.path.includes('pretty', q)) {
    const pp = queryGet(req.path.slice(q + 1), 'pretty');
    if (pp) return PARSE_BOOL_TRUE.has(pp);
  }
  const ua = req.headers['User-Agent'] ?? req.headers['user-agent'] ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}

function respond(status: number, body: string): HttpResponse {
  return {
    status,
    statusText: TEXT[status] ?? '',
    headers: { 'Audit-Id': '', 'Cache-Control': 'no-cache, private', 'Content-Type': 'application/json' },
    body,
  };
}

function json(status: number, body: unknown, type: string, pretty: boolean): HttpResponse {
  return respond(status, goJSON(body, type, pretty));
}

function statusBody(e: StatusError | { code: number; reason: string; message: string; details?: any }): any {
  const s = e instanceof StatusError ? e.status : e;
  const out: any = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: s.message, reason: s.reason };
  if (s.details) out.details = s.details;
  out.code = s.code;
  return out;
}

const TEXT: Record<number, string> = { 200: 'OK', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' };

function findType(group: string, version: string, resource: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.resource === resource);
}

/** The Go type the table orders an object of this resource type by (its kind), or none (own order). */
function goType(t: ResourceType): string {
  const name = goStructOf(t);
  return hasGoOrder(name) ? name : 'any';
}

export function serveApi(sim: Sim, req: HttpRequest, authenticated?: UserInfo): HttpResponse {
  const pretty = isPrettyPrint(req);
  const auth = req.headers['Authorization'] ?? req.headers['authorization'];
  let user = authenticated ?? ANONYMOUS;
  if (auth && !authenticated) {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    const u = m ? authenticateToken(sim, m[1]) : undefined;
    if (!u) return json(401, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }, 'Status', pretty);
    user = u;
  }
  const path = req.path.split('?')[0].replace(/\/+$/, '') || '/';
  const status = (e: StatusError | { code: number; reason: string; message: string; details?: any }) => json(e.code, statusBody(e), 'Status', pretty);
  const notFound = () => status({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });

  // non-resource URLs
  const nonResource: Record<string, unknown> = {
    '/version': {
      major: '1',
      minor: KUBERNETES_VERSION.split('.')[1],
      emulationMajor: '1',
      emulationMinor: KUBERNETES_VERSION.split('.')[1],
      minCompatibilityMajor: '1',
      minCompatibilityMinor: String(Number(KUBERNETES_VERSION.split('.')[1]) - 1),
      gitVersion: KUBERNETES_VERSION,
      gitCommit: '66452049f3d692768c39c797b21b793dce80314e',
      gitTreeState: 'clean',
      buildDate: '2025-12-17T12:32:06Z',
      goVersion: 'go1.25.5',
      compiler: 'gc',
      platform: 'linux/amd64',
    },
    '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.56.30:6443' }] },
    '/healthz': 'ok',
    '/livez': 'ok',
    '/readyz': 'ok',
  };
  if (path in nonResource) {
    const attrs = { user, verb: 'get', apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path };
    if (!sim.api.authorizer?.authorize(attrs).allowed) return status({ code: 403, reason: 'Forbidden', message: forbiddenMessage(attrs, ''), details: {} });
    const v = nonResource[path];
    if (typeof v === 'string') return { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: v };
    // /version: server/routes/version.go handleVersion → responsewriters.WriteRawJSON, always json.MarshalIndent
    if (path === '/version') return json(200, v, 'any', true);
    return json(200, v, 'any', pretty);
  }

  // /api/v1/... or /apis/<group>/<version>/...
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (!m) return notFound();
  const [, coreVersion, group = '', groupVersion, namespace, resource, name, subresource] = m;
  const version = coreVersion ?? groupVersion;
  // GET /api/v1/namespaces/<name> is the namespace object itself
  let t: ResourceType | undefined;
  let ns = namespace ?? '';
  let objName = name ?? '';
  if (!resource && namespace) {
    t = findType('', 'v1', 'namespaces');
    objName = namespace;
    ns = '';
  } else t = findType(group, version, resource);
  if (!t) return notFound();
  if (req.method !== 'GET') return status({ code: 405, reason: 'MethodNotAllowed', message: `the server does not allow this method on the requested resource`, details: {} });
  if (subresource) return notFound();
  try {
    if (objName) {
      const { kind, apiVersion, ...rest } = toGroupVersion(sim.api.get(t.kind, ns, objName, { user }), t);
      return json(200, { kind: kind ?? t.kind, apiVersion: apiVersion ?? apiVersionOf(t), ...rest }, goType(t), pretty);
    }
    const items = sim.api.list(t.kind, t.namespaced ? ns || undefined : undefined, { user }).map((o) => {
      const { kind: _k, apiVersion: _a, ...rest } = toGroupVersion(o, t);
      return rest;
    });
    // ComponentStatusList is built by its REST.List, not read from storage: an empty ListMeta
    const metadata = t.kind === 'ComponentStatus' ? {} : { resourceVersion: String(sim.store.resourceVersion()) };
    const list = { kind: `${t.kind}List`, apiVersion: apiVersionOf(t), metadata, items };
    return respond(200, goListJSON(list, goType(t), pretty));
  } catch (e) {
    if (e instanceof StatusError) return status(e);
    throw e;
  }
}

/**
 * `kubectl get --raw <path>` (kubectl pkg/rawhttp/raw.go RawGet): the body of
 * a 2xx answer is copied to stdout as it came; any other answer is decoded as
 * a Status and returned as the error (client-go request.go
 * transformResponse), which kubectl prints as `Error from server (…)`.
 */
export function rawGet(sim: Sim, path: string, user: UserInfo): { status: number; body: string } {
  const res = serveApi(sim, { method: 'GET', path, host: '192.168.56.30:6443', headers: { 'User-Agent': KUBECTL_USER_AGENT }, clientIP: '192.168.56.30' }, user);
  if (res.status >= 200 && res.status < 300) return { status: res.status, body: res.body };
  let st: any;
  try {
    st = JSON.parse(res.body);
  } catch {
    st = undefined;
  }
  if (st?.kind === 'Status') throw new StatusError(st);
  throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: res.body, reason: '', code: res.status });
}

export const apiHttpModule: SimModule = {
  name: 'apiserver-http',
  install(sim) {
    // a request handler (the kubernetes Service's backend) that kubectl can also ask for raw GETs
    sim.services.apiHttp = Object.assign((req: HttpRequest) => serveApi(sim, req), {
      get: (path: string, user: UserInfo) => rawGet(sim, path, user),
    });
  },
};
