import type { KObject, UserInfo } from '../api/types';
import type { Sim, SimModule } from '../sim';
import { KUBERNETES_VERSION } from '../sim';
import type { HttpRequest, HttpResponse } from '../kubelet/service';
import { RESOURCE_TYPES, apiVersionOf, type ResourceType } from '../api/resources';
import { StatusError } from './errors';
import { authenticateToken } from '../admission/tokens';
import { forbiddenMessage } from '../admission/forbidden';

/**
 * The API server's HTTP face, for `curl https://kubernetes.default.svc/...`
 * from a pod with its ServiceAccount token (or from the node). Resource GETs
 * only: authentication (bearer token → user, none → system:anonymous),
 * RBAC authorization, and the JSON the apiserver sends. Responses to curl and
 * Wget user agents are indented (apiserver handlers/negotiation pretty-print
 * rule).
 */
const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

function json(status: number, statusText: string, body: unknown, pretty: boolean): HttpResponse {
  return {
    status,
    statusText,
    headers: { 'Audit-Id': '', 'Cache-Control': 'no-cache, private', 'Content-Type': 'application/json' },
    body: (pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body)) + '\n',
  };
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

/** Order an object as the apiserver serialises it: kind, apiVersion, metadata first. */
function ordered(o: KObject, t: ResourceType): any {
  const { kind, apiVersion, metadata, ...rest } = o;
  return { kind: kind ?? t.kind, apiVersion: apiVersion ?? apiVersionOf(t), metadata, ...rest };
}

export function serveApi(sim: Sim, req: HttpRequest): HttpResponse {
  const pretty = /^(curl|Wget|kube-probe)/.test(req.headers['User-Agent'] ?? req.headers['user-agent'] ?? '') || /[?&]pretty=(true|1)/.test(req.path);
  const auth = req.headers['Authorization'] ?? req.headers['authorization'];
  let user = ANONYMOUS;
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    const u = m ? authenticateToken(sim, m[1]) : undefined;
    if (!u) return json(401, TEXT[401], { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }, pretty);
    user = u;
  }
  const path = req.path.split('?')[0].replace(/\/+$/, '') || '/';
  const forbidden = (message: string, details?: any) => json(403, TEXT[403], statusBody({ code: 403, reason: 'Forbidden', message, details }), pretty);

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
    if (!sim.api.authorizer?.authorize({ user, verb: 'get', apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path }).allowed)
      return forbidden(forbiddenMessage({ user, verb: 'get', apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path }, ''), {});
    const v = nonResource[path];
    if (typeof v === 'string') return { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: v };
    return json(200, 'OK', v, pretty);
  }

  // /api/v1/... or /apis/<group>/<version>/...
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (!m) return json(404, TEXT[404], statusBody({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} }), pretty);
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
  if (!t) return json(404, TEXT[404], statusBody({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} }), pretty);
  if (req.method !== 'GET') return json(405, TEXT[405], statusBody({ code: 405, reason: 'MethodNotAllowed', message: `the server does not allow this method on the requested resource`, details: {} }), pretty);
  if (subresource) return json(404, TEXT[404], statusBody({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} }), pretty);
  try {
    if (objName) return json(200, 'OK', ordered(sim.api.get(t.kind, ns, objName, { user }), t), pretty);
    const items = sim.api.list(t.kind, t.namespaced ? (ns || undefined) : undefined, { user });
    return json(
      200,
      'OK',
      {
        kind: `${t.kind}List`,
        apiVersion: apiVersionOf(t),
        metadata: { resourceVersion: String(sim.store.resourceVersion()) },
        items: items.map((o) => {
          const { kind: _k, apiVersion: _a, ...rest } = o;
          return rest;
        }),
      },
      pretty,
    );
  } catch (e) {
    if (e instanceof StatusError) return json(e.code, TEXT[e.code] ?? '', statusBody(e), pretty);
    throw e;
  }
}

export const apiHttpModule: SimModule = {
  name: 'apiserver-http',
  install(sim) {
    sim.services.apiHttp = (req: HttpRequest) => serveApi(sim, req);
  },
};
