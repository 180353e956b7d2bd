/**
 * `kubectl create <subcommand>` generators (kubectl pkg/cmd/create/create_*.go):
 * namespace, deployment, configmap, secret generic|tls|docker-registry,
 * service clusterip|nodeport|loadbalancer|externalname, serviceaccount,
 * role, clusterrole, rolebinding, clusterrolebinding, job, cronjob, quota,
 * priorityclass, token. Each builds the object the real generator builds,
 * then shares the create / dry-run / -o path, with the generators' own
 * error wrapping (reference §2, §8.2, §9.6).
 */
import type { KObject } from '../api/types';
import { resolveResource, resourceForKind } from '../api/resources';
import { encodeBase64 } from '../api/base64';
import { parseQuantity } from '../api/quantity';
import { StatusError, isAlreadyExists } from '../registry/errors';
import { locationFS, resolvePath } from '../shell/interp';
import { issueServiceAccountToken, type TokenOptions } from '../admission/tokens';
import { parseGoDuration } from './go-duration';
import { CREATE_SUBCOMMANDS, CREATE_SUB_FLAGS } from './create-verb';
import type { Flags, KubectlContext } from './types';
import { KubectlError } from './types';
import { dryRunOf } from './util';
import { toPrinter, type ResourcePrinter } from './output';

type C = Record<string, any>;

function usage(sub: string, msg: string): KubectlError {
  return new KubectlError(`${msg}\nSee 'kubectl create ${sub} -h' for help and examples`);
}

/** cmdutil.NameFromCommandArgs, then the rest of Complete: the dry-run strategy and the printer. */
function nameArg(k: KubectlContext, sub: string): string {
  if (k.args.length !== 1) throw usage(sub, `exactly one NAME is required, got ${k.args.length}`);
  completePrinter(k);
  return k.args[0];
}

const PRINTERS = new WeakMap<Flags, ResourcePrinter>();

/**
 * Each generator's Complete (create_deployment.go, create_namespace.go, …): GetDryRunStrategy,
 * PrintFlagsWithDryRunStrategy and PrintFlags.ToPrinter, so a bad -o fails before the object is built or sent.
 */
function completePrinter(k: KubectlContext): ResourcePrinter {
  let p = PRINTERS.get(k.flags);
  if (!p) PRINTERS.set(k.flags, (p = toPrinter(k, { operation: 'created', dryRun: dryRunOf(k) })));
  return p;
}

function splitList(values: string[]): string[] {
  return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
}

/**
 * Create (or print, for --dry-run=client / -o) a generated object.
 * `wrap` rewrites AlreadyExists the way each generator does.
 */
function finish(k: KubectlContext, obj: KObject, wrap?: (e: StatusError) => Error): number {
  const t = resourceForKind(obj.kind)!;
  const dry = dryRunOf(k);
  const printer = completePrinter(k);
  let result: KObject = obj;
  if (t.namespaced && dry !== 'client') obj.metadata!.namespace = k.namespace;
  if (t.namespaced && dry === 'client' && k.namespaceExplicit) obj.metadata!.namespace = k.namespace;
  if (dry !== 'client') {
    try {
      result = k.sim.api.create(obj, { user: k.user, dryRun: dry === 'server', namespace: t.namespaced ? k.namespace : undefined });
    } catch (e) {
      if (wrap && e instanceof StatusError && isAlreadyExists(e)) throw wrap(e);
      throw e;
    }
  }
  // the generators build typed objects and create them with typed clients: -o json prints Go's field order
  printer.print(result, true);
  return 0;
}

const failedTo = (what: string) => (e: StatusError) => new KubectlError(`failed to create ${what}: ${e.status.message}`);

// ---------------------------------------------------------------- namespace

function createNamespace(k: KubectlContext): number {
  const name = nameArg(k, 'namespace');
  return finish(k, { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} } as KObject);
}

// ---------------------------------------------------------------- deployment

/**
 * buildPodSpec's container name: the image's last path part without tag or digest, then sanitizeAndUniquify:
 * `_` and `.` become `-` and, when there were any, a `-` + utilrand.String(5) suffix is added (kubectl
 * pkg/cmd/create/create_deployment.go).
 */
function containerNameFromImage(k: KubectlContext, image: string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${k.sim.rand.string(5)}`;
  return name;
}

function createDeployment(k: KubectlContext): number {
  // cobra checks the required flags before Run: MarkFlagRequired("image")
  const images = splitList(k.flags.all('image'));
  if (!images.length) throw new KubectlError('required flag(s) "image" not set');
  const name = nameArg(k, 'deployment');
  const port = k.flags.int('port');
  if (port !== undefined && port !== -1 && images.length > 1) throw new KubectlError('cannot specify port with multiple images');
  const labels = { app: name };
  // `create deployment NAME --image=… -- COMMAND [args…]`: Complete takes args[1:] as every container's command
  // (NameFromCommandArgs counted the arguments before the dash)
  const command = k.dashArgs.length ? k.dashArgs : undefined;
  const containers = images.map((image, i) => {
    const c: C = command ? { command: [...command], image, name: containerNameFromImage(k, image), resources: {} } : { image, name: containerNameFromImage(k, image), resources: {} };
    if (i === 0 && port !== undefined && port >= 0) c.ports = [{ containerPort: port }];
    return c;
  });
  const obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels, name },
    spec: {
      replicas: k.flags.int('replicas') ?? 1,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { labels }, spec: { containers } },
    },
    status: {},
  } as unknown as KObject;
  return finish(k, obj, failedTo('deployment'));
}

// ---------------------------------------------------------------- configmap / secret

interface Source {
  key: string;
  data: string;
  binary: boolean;
}

function readFileArg(k: KubectlContext, path: string): { data: string; binary: boolean } | { dir: string[] } {
  const fs = locationFS(k.sim, k.cmd.location);
  const cwd = k.cmd.env.get('PWD') ?? '/root';
  if ('error' in fs) throw new KubectlError(`error reading ${path}: no such file or directory`);
  const p = resolvePath(cwd, path);
  const st = fs.stat(p);
  if ('error' in st) throw new KubectlError(`error reading ${path}: no such file or directory`);
  if (st.dir) {
    const l = fs.list(p);
    if ('error' in l) return { dir: [] };
    return { dir: l.entries.filter((e) => !e.dir).map((e) => `${p.replace(/\/$/, '')}/${e.name}`) };
  }
  const r = fs.read(p);
  if ('error' in r) throw new KubectlError(`error reading ${path}: no such file or directory`);
  return { data: r.data, binary: false };
}

const KEY_RE = /^[-._a-zA-Z0-9]+$/;
function keyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!KEY_RE.test(key)) errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  if (key === '.' || key === '..') errs.push(`must not be '${key}'`);
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

function gatherSources(k: KubectlContext, sub: 'configmap' | 'secret'): Source[] {
  const literals = k.flags.all('from-literal');
  const files = k.flags.all('from-file');
  const envFiles = k.flags.all('from-env-file');
  if (envFiles.length && (literals.length || files.length)) throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  const out: Source[] = [];
  for (const lit of literals) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
    out.push({ key: lit.slice(0, i), data: lit.slice(i + 1), binary: false });
  }
  for (const f of files) {
    let key = '';
    let path = f;
    const i = f.indexOf('=');
    if (i >= 0) {
      key = f.slice(0, i);
      path = f.slice(i + 1);
      if (!key) throw new KubectlError(`key name for file path ${path} missing`);
      if (!path) throw new KubectlError(`file path for key name ${key} missing`);
    }
    const r = readFileArg(k, path);
    if ('dir' in r) {
      if (key) throw new KubectlError('cannot give a key name for a directory path');
      for (const child of r.dir) {
        const c = readFileArg(k, child);
        if (!('dir' in c)) out.push({ key: child.split('/').pop()!, data: c.data, binary: c.binary });
      }
      continue;
    }
    out.push({ key: key || path.split('/').pop()!, data: r.data, binary: r.binary });
  }
  for (const f of envFiles) {
    const r = readFileArg(k, f);
    if ('dir' in r) throw new KubectlError(`env config file ${f} cannot be a directory`);
    r.data.split('\n').forEach((line, n) => {
      const l = line.replace(/^\uFEFF/, '').trim();
      if (!l || l.startsWith('#')) return;
      const i = l.indexOf('=');
      const key = i >= 0 ? l.slice(0, i) : l;
      if (i < 0) {
        const v = k.cmd.env.get(key);
        if (v !== undefined) out.push({ key, data: v, binary: false });
        return;
      }
      if (!key) throw new KubectlError(`line ${n + 1}: invalid environment variable name`);
      out.push({ key, data: l.slice(i + 1), binary: false });
    });
  }
  void sub;
  return out;
}

function createConfigMap(k: KubectlContext): number {
  const name = nameArg(k, 'configmap');
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const s of gatherSources(k, 'configmap')) {
    const errs = keyErrors(s.key);
    if (errs.length) throw new KubectlError(`"${s.key}" is not a valid key name for a ConfigMap: ${errs.join(';')}`);
    if (s.key in data || s.key in binaryData) throw new KubectlError(`cannot add key "${s.key}", another key by that name already exists in Data for ConfigMap "${name}"`);
    if (s.binary) binaryData[s.key] = encodeBase64(s.data);
    else data[s.key] = s.data;
  }
  const obj: C = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } };
  if (Object.keys(binaryData).length) obj.binaryData = binaryData;
  if (Object.keys(data).length) obj.data = data;
  if (k.flags.has('append-hash') && k.flags.bool('append-hash')) obj.metadata.name = `${name}-${hashSuffix(JSON.stringify(obj))}`;
  return finish(k, obj as KObject, failedTo('configmap'));
}

function hashSuffix(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) ^ Math.imul(h, 31);
    h >>>= 0;
  }
  return out;
}

function createSecret(k: KubectlContext): number {
  const kind = k.args[0];
  const rest = { ...k, args: k.args.slice(1) };
  if (kind === 'generic') return createSecretGeneric(rest);
  if (kind === 'tls') return createSecretTLS(rest);
  if (kind === 'docker-registry') return createSecretDocker(rest);
  if (!kind) throw new KubectlError('Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  kubectl create secret (docker-registry | generic | tls) [options]', 1, true);
  throw new KubectlError(`unknown command "${kind}" for "kubectl create secret"`);
}

function secretFinish(k: KubectlContext, obj: C): number {
  return finish(k, obj as KObject, (e) => new KubectlError(`failed to create secret ${e.status.message}`));
}

function createSecretGeneric(k: KubectlContext): number {
  const name = nameArg(k, 'secret generic');
  const data: Record<string, string> = {};
  for (const s of gatherSources(k, 'secret')) {
    const errs = keyErrors(s.key);
    if (errs.length) throw new KubectlError(`"${s.key}" is not valid key name for a Secret ${errs.join(';')}`);
    if (s.key in data) throw new KubectlError(`cannot add key ${s.key}, another key by that name already exists`);
    data[s.key] = encodeBase64(s.data);
  }
  const obj: C = { apiVersion: 'v1', kind: 'Secret', metadata: { name } };
  if (Object.keys(data).length) obj.data = data;
  const type = k.flags.str('type');
  if (type) obj.type = type;
  return secretFinish(k, obj);
}

function createSecretTLS(k: KubectlContext): number {
  const cert = k.flags.str('cert');
  const key = k.flags.str('key');
  if (!cert || !key) throw new KubectlError('required flag(s) "cert", "key" not set');
  const name = nameArg(k, 'secret tls');
  const c = readFileArg(k, cert);
  const kk = readFileArg(k, key);
  if ('dir' in c || 'dir' in kk) throw new KubectlError('tls: failed to find any PEM data in certificate input');
  if (!/-----BEGIN CERTIFICATE-----/.test(c.data)) throw new KubectlError('tls: failed to find any PEM data in certificate input');
  return secretFinish(k, { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'kubernetes.io/tls', data: { 'tls.crt': encodeBase64(c.data), 'tls.key': encodeBase64(kk.data) } });
}

function createSecretDocker(k: KubectlContext): number {
  const name = nameArg(k, 'secret docker-registry');
  const server = k.flags.str('docker-server') || 'https://index.docker.io/v1/';
  const user = k.flags.str('docker-username');
  const pass = k.flags.str('docker-password');
  if (!user || !pass) throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  const email = k.flags.str('docker-email');
  const entry: C = { username: user, password: pass, ...(email ? { email } : {}), auth: encodeBase64(`${user}:${pass}`) };
  const cfg = JSON.stringify({ auths: { [server]: entry } });
  return secretFinish(k, { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': encodeBase64(cfg) } });
}

// ---------------------------------------------------------------- service

function parsePortPair(spec: string): { port: number; targetPort: number | string; name: string } {
  const [a, b] = spec.split(':');
  const port = Number(a);
  if (!/^\d+$/.test(a) || port < 1 || port > 65535) throw new KubectlError(`strconv.Atoi: parsing "${a}": invalid syntax`);
  let targetPort: number | string = port;
  if (b !== undefined) targetPort = /^\d+$/.test(b) ? Number(b) : b;
  return { port, targetPort, name: `${a}-${b ?? a}` };
}

function createService(k: KubectlContext): number {
  const typeArg = k.args[0];
  const types: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };
  const type = types[typeArg ?? ''];
  if (!typeArg) throw new KubectlError('Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service\n\nUsage:\n  kubectl create service [flags] [options]', 1, true);
  if (!type) throw new KubectlError(`unknown command "${typeArg}" for "kubectl create service"`);
  const rest = { ...k, args: k.args.slice(1) };
  const name = nameArg(rest, `service ${typeArg}`);
  const tcp = splitList(k.flags.all('tcp'));
  if (type !== 'ExternalName' && !tcp.length && !(type === 'ClusterIP' && k.flags.str('clusterip') === 'None')) throw new KubectlError('at least one tcp port specifier must be provided');
  const externalName = k.flags.str('external-name');
  if (type === 'ExternalName' && !externalName) throw new KubectlError('external name must be specified');
  const nodePort = k.flags.int('node-port') ?? 0;
  const ports = tcp.map((s) => {
    const p = parsePortPair(s);
    const o: C = { name: p.name, port: p.port, protocol: 'TCP', targetPort: p.targetPort };
    if (type === 'NodePort' && nodePort) o.nodePort = nodePort;
    return o;
  });
  const spec: C = { ports, selector: { app: name }, type };
  if (type === 'ClusterIP' && k.flags.str('clusterip')) spec.clusterIP = k.flags.str('clusterip');
  if (type === 'ExternalName') {
    spec.externalName = externalName;
    delete spec.selector;
    if (!ports.length) delete spec.ports;
  }
  const obj = { apiVersion: 'v1', kind: 'Service', metadata: { labels: { app: name }, name }, spec, status: { loadBalancer: {} } } as unknown as KObject;
  return finish(rest, obj, (e) => new KubectlError(`failed to create ${type} service: ${e.status.message}`));
}

// ---------------------------------------------------------------- serviceaccount, token

function createServiceAccount(k: KubectlContext): number {
  const name = nameArg(k, 'serviceaccount');
  return finish(k, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } } as KObject, failedTo('serviceaccount'));
}

/** create_token.go boundObjectKinds (v1.31+: Node no longer behind KUBECTL_NODE_BOUND_TOKENS), sorted as sets.List. */
const BOUND_OBJECT_KINDS = ['Node', 'Pod', 'Secret'];

/**
 * create token (kubectl create_token.go; the TokenRequest REST of kubernetes pkg/registry/core/serviceaccount/
 * storage/token.go). Flag parsing: --duration is pflag's DurationVar (Go's time.ParseDuration, its error a flag
 * error); Complete: the name, the printer (PrintFlags "created" with the type setter); Validate: the duration
 * (not negative, whole seconds), the audiences (not empty), the bound object flags; Run: serviceaccounts/token
 * create, its errors wrapped as "failed to create token: %v". The server: the ServiceAccount, ValidateTokenRequest
 * (expirationSeconds), then the bound object (Pod: run by that ServiceAccount; Secret; Node) with its uid checked
 * against --bound-object-uid. The answer is the request completed by the server: metadata name, namespace and
 * (TokenRequestServiceAccountUIDValidation, beta in v1.34) uid of the ServiceAccount, creationTimestamp now; spec
 * audiences (default the API server's: kubeadm's issuer), expirationSeconds (default 3600), boundObjectRef as
 * sent (kind, apiVersion, name, and uid only when given); status token and expirationTimestamp. The token's claims
 * carry the audiences, exp and the binding. With -o given (OutputFlagSpecified) that object is printed; else the
 * token, with a newline only on a terminal.
 */
function createToken(k: KubectlContext): number {
  let seconds = 0;
  const duration = k.flags.str('duration');
  if (duration !== undefined) {
    const d = parseGoDuration(duration);
    if ('error' in d) throw new KubectlError(`invalid argument ${JSON.stringify(duration)} for "--duration" flag: ${d.error}\nSee 'kubectl create token --help' for usage.`);
    if (d.ns < 0n) seconds = -1;
    else if (d.ns % 1_000_000_000n !== 0n) seconds = NaN;
    else seconds = Number(d.ns / 1_000_000_000n);
  }
  const name = nameArg(k, 'token');
  const printer = completePrinter(k);
  // Validate
  if (seconds < 0) throw new KubectlError('--duration must be greater than or equal to 0');
  if (Number.isNaN(seconds)) throw new KubectlError('--duration cannot be expressed in units less than seconds');
  const audiences = k.flags.all('audience');
  if (audiences.some((a) => a === '')) throw new KubectlError('--audience must not be an empty string');
  const boundKind = k.flags.str('bound-object-kind') ?? '';
  const boundName = k.flags.str('bound-object-name') ?? '';
  const boundUID = k.flags.str('bound-object-uid') ?? '';
  if (!boundKind) {
    if (boundName) throw new KubectlError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUID) throw new KubectlError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!BOUND_OBJECT_KINDS.includes(boundKind)) throw new KubectlError(`supported --bound-object-kind values are ${BOUND_OBJECT_KINDS.join(', ')}`);
    if (!boundName) throw new KubectlError('--bound-object-name is required if --bound-object-kind is provided');
  }
  // Run: expirationSeconds only for a positive duration; the server defaults it to 3600
  if (seconds === 0) seconds = 3600;
  const failed = (e: unknown): never => {
    if (e instanceof StatusError) throw new KubectlError(`failed to create token: ${e.status.message}`);
    throw e;
  };
  const saType = resourceForKind('ServiceAccount')!;
  let sa: KObject | undefined;
  try {
    k.sim.api.authorize(k.user, 'create', saType, k.namespace, name, 'token');
    sa = k.sim.api.find('ServiceAccount', k.namespace, name);
  } catch (e) {
    failed(e);
  }
  if (!sa) throw new KubectlError(`failed to create token: serviceaccounts "${name}" not found`);
  // ValidateTokenRequest (pkg/apis/authentication/validation), reported as NewInvalid(GroupKind, "", errs)
  const invalid = (why: string) => new KubectlError(`failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: ${why}`);
  if (seconds < 600) throw invalid('may not specify a duration less than 10 minutes');
  if (seconds > 2 ** 32) throw invalid('may not specify a duration larger than 2^32 seconds');
  // the bound object, read from storage (no authorization of its own): NotFound as the getter answers it, a
  // Pod of another ServiceAccount is a BadRequest, a uid that differs a Conflict on the GroupResource {"", Kind}
  let pod: { name: string; uid: string; node?: string } | undefined;
  const opts: TokenOptions = {};
  if (audiences.length) opts.audiences = audiences;
  if (boundKind) {
    const obj = k.sim.store.get(boundKind, boundKind === 'Node' ? '' : k.namespace, boundName);
    if (!obj) throw new KubectlError(`failed to create token: ${resourceForKind(boundKind)!.resource} "${boundName}" not found`);
    if (boundKind === 'Pod' && ((obj.spec as C)?.serviceAccountName ?? 'default') !== name) {
      throw new KubectlError(`failed to create token: cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`);
    }
    if (boundUID && obj.metadata.uid !== boundUID) {
      throw new KubectlError(
        `failed to create token: Operation cannot be fulfilled on ${boundKind} "${boundName}": the UID in the bound object reference (${boundUID}) does not match the UID in record. The object might have been deleted and then recreated`,
      );
    }
    const ref = { name: boundName, uid: obj.metadata.uid! };
    if (boundKind === 'Pod') pod = { ...ref, node: (obj.spec as C)?.nodeName || undefined };
    else if (boundKind === 'Secret') opts.secret = ref;
    else opts.node = ref;
  }
  const now = Math.floor(k.now() / 1000) * 1000;
  const token = issueServiceAccountToken(k.sim, k.namespace, name, pod, seconds, opts);
  if (k.flags.has('output')) {
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    const boundObjectRef = boundKind ? { kind: boundKind, apiVersion: 'v1', name: boundName, ...(boundUID ? { uid: boundUID } : {}) } : null;
    const request = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace: k.namespace, uid: sa.metadata!.uid, creationTimestamp: iso(now) },
      spec: { audiences: audiences.length ? audiences : ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: seconds, boundObjectRef },
      status: { token, expirationTimestamp: iso(now + seconds * 1000) },
    };
    printer.print(request as unknown as KObject, true);
    return 0;
  }
  k.out(k.cmd.isatty(1) ? token + '\n' : token);
  return 0;
}

// ---------------------------------------------------------------- RBAC

const STANDARD_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const SPECIAL_VERBS: Record<string, { group: string; resource: string }[]> = {
  use: [{ group: 'policy', resource: 'podsecuritypolicies' }, { group: 'extensions', resource: 'podsecuritypolicies' }],
  bind: [{ group: 'rbac.authorization.k8s.io', resource: 'roles' }, { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
  escalate: [{ group: 'rbac.authorization.k8s.io', resource: 'roles' }, { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }],
  impersonate: [{ group: '', resource: 'users' }, { group: '', resource: 'serviceaccounts' }, { group: '', resource: 'groups' }, { group: 'authentication.k8s.io', resource: 'userextras' }],
};

function roleRules(k: KubectlContext, cluster: boolean): C[] {
  const verbs = splitList(k.flags.all('verb'));
  const resources = splitList(k.flags.all('resource'));
  const names = splitList(k.flags.all('resource-name'));
  const urls = cluster ? splitList(k.flags.all('non-resource-url')) : [];
  if (!verbs.length) throw new KubectlError('at least one verb must be specified');
  if (!resources.length && !urls.length) throw new KubectlError('at least one resource must be specified');
  for (const v of verbs) if (!STANDARD_VERBS.includes(v)) k.err(`Warning: '${v}' is not a standard resource verb\n`);
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const [resGroup, ...sub] = r.split('/');
    const dot = resGroup.indexOf('.');
    let res = dot >= 0 ? resGroup.slice(0, dot) : resGroup;
    let group = dot >= 0 ? resGroup.slice(dot + 1) : '';
    if (!res) throw new KubectlError('resource must be specified if apiGroup/subresource specified');
    if (res !== '*') {
      const t = resolveResource(group ? `${res}.${group}` : res);
      if (!t) throw new KubectlError(`the server doesn't have a resource type "${res}"`);
      res = t.resource;
      group = t.group;
    }
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (special && !special.some((s) => s.resource === res && s.group === group) && res !== '*') throw new KubectlError(`can not perform '${v}' on '${res}' in group '${group}'`);
    }
    const full = sub.length ? `${res}/${sub.join('/')}` : res;
    if (!byGroup.has(group)) byGroup.set(group, []);
    if (!byGroup.get(group)!.includes(full)) byGroup.get(group)!.push(full);
  }
  const rules: C[] = [];
  for (const [group, res] of byGroup) {
    const r: C = { apiGroups: [group], resources: res, verbs };
    if (names.length) r.resourceNames = names;
    rules.push(r);
  }
  if (urls.length) rules.push({ nonResourceURLs: urls, verbs });
  return rules;
}

function createRole(k: KubectlContext): number {
  const name = nameArg(k, 'role');
  const obj = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name }, rules: roleRules(k, false) } as unknown as KObject;
  return finish(k, obj);
}

function createClusterRole(k: KubectlContext): number {
  const name = nameArg(k, 'clusterrole');
  const agg = k.flags.str('aggregation-rule');
  const obj: C = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name } };
  if (agg) {
    const labels: Record<string, string> = {};
    for (const kv of agg.split(',')) {
      const [a, b] = kv.split('=');
      labels[a] = b ?? '';
    }
    obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: labels }] };
  } else obj.rules = roleRules(k, true);
  return finish(k, obj as KObject);
}

function subjects(k: KubectlContext): C[] {
  const out: C[] = [];
  for (const u of k.flags.all('user')) out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: u });
  for (const g of k.flags.all('group')) out.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g });
  for (const sa of k.flags.all('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new KubectlError(`serviceaccount must be <namespace>:<name>`);
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

function createRoleBinding(k: KubectlContext): number {
  const name = nameArg(k, 'rolebinding');
  const role = k.flags.str('role');
  const cr = k.flags.str('clusterrole');
  if ((role ? 1 : 0) + (cr ? 1 : 0) !== 1) throw new KubectlError('exactly one of clusterrole or role must be specified');
  const obj: C = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role ? 'Role' : 'ClusterRole', name: role || cr },
  };
  const subs = subjects(k);
  if (subs.length) obj.subjects = subs;
  return finish(k, obj as KObject, failedTo('rolebinding'));
}

function createClusterRoleBinding(k: KubectlContext): number {
  const cr = k.flags.str('clusterrole');
  if (!cr) throw new KubectlError('required flag(s) "clusterrole" not set');
  const name = nameArg(k, 'clusterrolebinding');
  const obj: C = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: cr },
  };
  const subs = subjects(k);
  if (subs.length) obj.subjects = subs;
  return finish(k, obj as KObject, failedTo('clusterrolebinding'));
}

// ---------------------------------------------------------------- job, cronjob

function commandArgs(k: KubectlContext): string[] {
  return k.dashArgs;
}

function createJob(k: KubectlContext): number {
  const name = nameArg(k, 'job');
  const from = k.flags.str('from');
  const image = k.flags.str('image');
  if (from) {
    if (image) throw new KubectlError('either --image or --from must be specified');
    const [kind, cjName] = from.split('/');
    const t = resolveResource(kind);
    if (t?.kind !== 'CronJob' || !cjName) throw new KubectlError(`from must be an existing cronjob: ${from}`);
    const cj = k.sim.api.get('CronJob', k.namespace, cjName, { user: k.user });
    const jt = ((cj.spec as C)?.jobTemplate ?? {}) as C;
    const obj = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(jt.metadata?.annotations ?? {}) },
        ...(jt.metadata?.labels ? { labels: jt.metadata.labels } : {}),
        name,
        ownerReferences: [{ apiVersion: 'batch/v1', blockOwnerDeletion: true, controller: true, kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid }],
      },
      spec: JSON.parse(JSON.stringify(jt.spec ?? {})),
    } as unknown as KObject;
    return finish(k, obj, failedTo('job'));
  }
  if (!image) throw new KubectlError('either --image or --from must be specified');
  const cmd = commandArgs(k);
  const container: C = { image, name, resources: {} };
  if (cmd.length) container.command = cmd;
  const obj = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: 'Never' } } },
    status: {},
  } as unknown as KObject;
  return finish(k, obj, failedTo('job'));
}

function createCronJob(k: KubectlContext): number {
  const image = k.flags.str('image');
  const schedule = k.flags.str('schedule');
  // cobra's validateRequiredFlags: every missing required flag, in flag-name order
  const missing = [...(image ? [] : ['image']), ...(schedule ? [] : ['schedule'])];
  if (missing.length) throw new KubectlError(`required flag(s) "${missing.join('", "')}" not set`);
  const name = nameArg(k, 'cronjob');
  const restart = k.flags.str('restart') || 'OnFailure';
  const cmd = commandArgs(k);
  const container: C = { image, name, resources: {} };
  if (cmd.length) container.command = cmd;
  const obj = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { jobTemplate: { metadata: { name }, spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: restart } } } }, schedule },
    status: {},
  } as unknown as KObject;
  return finish(k, obj, failedTo('cronjob'));
}

// ---------------------------------------------------------------- quota, priorityclass

function createQuota(k: KubectlContext): number {
  const name = nameArg(k, 'quota');
  const hard: Record<string, string> = {};
  const hardFlag = k.flags.str('hard') ?? '';
  if (hardFlag) {
    for (const kv of hardFlag.split(',')) {
      const i = kv.indexOf('=');
      if (i <= 0) throw new KubectlError(`invalid resource quota specification: ${kv}`);
      const key = kv.slice(0, i);
      const v = kv.slice(i + 1);
      try {
        parseQuantity(v);
      } catch {
        throw new KubectlError('quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
      }
      hard[key] = v;
    }
  }
  const spec: C = {};
  if (Object.keys(hard).length) spec.hard = hard;
  const scopes = splitList(k.flags.all('scopes'));
  if (scopes.length) spec.scopes = scopes;
  return finish(k, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec, status: {} } as unknown as KObject, failedTo('quota'));
}

function createPriorityClass(k: KubectlContext): number {
  const name = nameArg(k, 'priorityclass');
  const obj: C = {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value: k.flags.int('value') ?? 0,
    globalDefault: k.flags.bool('global-default'),
    description: k.flags.str('description') ?? '',
    preemptionPolicy: k.flags.str('preemption-policy') || 'PreemptLowerPriority',
  };
  return finish(k, obj as KObject, failedTo('priorityclass'));
}

// ---------------------------------------------------------------- registration

Object.assign(CREATE_SUBCOMMANDS, {
  namespace: createNamespace,
  ns: createNamespace,
  deployment: createDeployment,
  deploy: createDeployment,
  configmap: createConfigMap,
  cm: createConfigMap,
  secret: createSecret,
  service: createService,
  svc: createService,
  serviceaccount: createServiceAccount,
  sa: createServiceAccount,
  token: createToken,
  role: createRole,
  clusterrole: createClusterRole,
  rolebinding: createRoleBinding,
  clusterrolebinding: createClusterRoleBinding,
  job: createJob,
  cronjob: createCronJob,
  cj: createCronJob,
  quota: createQuota,
  resourcequota: createQuota,
  priorityclass: createPriorityClass,
  pc: createPriorityClass,
});

CREATE_SUB_FLAGS.push(
  { name: 'image', type: 'stringArray' },
  { name: 'replicas', short: 'r', type: 'int' },
  { name: 'port', type: 'int' },
  { name: 'from-literal', type: 'stringArray' },
  { name: 'from-file', type: 'stringArray' },
  { name: 'from-env-file', type: 'stringArray' },
  { name: 'append-hash', type: 'bool' },
  { name: 'type', type: 'string' },
  { name: 'cert', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'docker-server', type: 'string' },
  { name: 'docker-username', type: 'string' },
  { name: 'docker-password', type: 'string' },
  { name: 'docker-email', type: 'string' },
  { name: 'tcp', type: 'stringArray' },
  { name: 'node-port', type: 'int' },
  { name: 'clusterip', type: 'string' },
  { name: 'external-name', type: 'string' },
  { name: 'duration', type: 'string' },
  { name: 'audience', type: 'stringArray' },
  { name: 'bound-object-kind', type: 'string' },
  { name: 'bound-object-name', type: 'string' },
  { name: 'bound-object-uid', type: 'string' },
  { name: 'verb', type: 'stringArray' },
  { name: 'resource', type: 'stringArray' },
  { name: 'resource-name', type: 'stringArray' },
  { name: 'non-resource-url', type: 'stringArray' },
  { name: 'aggregation-rule', type: 'string' },
  { name: 'role', type: 'string' },
  { name: 'clusterrole', type: 'string' },
  { name: 'user', type: 'stringArray' },
  { name: 'group', type: 'stringArray' },
  { name: 'serviceaccount', type: 'stringArray' },
  { name: 'from', type: 'string' },
  { name: 'schedule', type: 'string' },
  { name: 'restart', type: 'string' },
  { name: 'hard', type: 'string' },
  { name: 'scopes', type: 'stringArray' },
  { name: 'value', type: 'int' },
  { name: 'global-default', type: 'bool' },
  { name: 'description', type: 'string' },
  { name: 'preemption-policy', type: 'string' },
);


