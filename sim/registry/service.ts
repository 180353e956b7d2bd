import type { KObject, StoredObject } from '../api/types';
import type { Sim, SimModule } from '../sim';
import type { RequestContext, Strategy } from './strategy';
import { Path, invalid, required, forbidden, duplicate, notSupported, type FieldError } from '../validation/field';
import { isDNS1123Label, isDNS1123Subdomain } from '../validation/names';
import { validateLabels } from './meta';
import { newInvalid } from './errors';
import { ClusterIPAllocator, NodePortAllocator, SERVICE_CIDR, ipToInt } from '../network/allocators';

/** Allocators published as sim.services.serviceAllocators (rebuilt from the store on restore). */
export interface ServiceAllocators {
  clusterIPs: ClusterIPAllocator;
  nodePorts: NodePortAllocator;
}

export function serviceAllocators(sim: Sim): ServiceAllocators {
  return sim.services.serviceAllocators as ServiceAllocators;
}

const SPEC = Path.root('spec');
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

export const isHeadless = (svc: KObject) => svc.spec?.clusterIP === 'None';
const externallyAccessible = (svc: KObject) => svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer';
const needsNodePorts = (svc: KObject) =>
  svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);

/** K/K pkg/apis/core/v1/defaults.go SetDefaults_Service + REST storage family defaults. */
function defaults(svc: KObject): void {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  for (const p of spec.ports ?? []) {
    if (p && typeof p === 'object') {
      p.protocol ??= 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
  }
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (externallyAccessible(svc)) spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.clusterIP && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
  if (spec.type !== 'ExternalName') {
    if (isHeadless(svc) && !spec.selector) {
      spec.ipFamilyPolicy ??= 'RequireDualStack';
    } else spec.ipFamilyPolicy ??= 'SingleStack';
    spec.ipFamilies ??= ['IPv4'];
  }
}

/** IsValidPortName (apimachinery pkg/util/validation). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  else if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port[0] === '-' || port[port.length - 1] === '-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function isValidPortNum(n: number): string[] {
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** ValidatePortNumOrName */
export function validatePortNumOrName(v: unknown, path: Path): FieldError[] {
  if (typeof v === 'number') return isValidPortNum(v).map((m) => invalid(path, v, m));
  if (typeof v === 'string') return isValidPortName(v).map((m) => invalid(path, v, m));
  return [];
}

function isValidIPv4(ip: string): boolean {
  return ipToInt(ip) !== undefined;
}

/** K/K pkg/apis/core/validation/validation.go ValidateService (+ validateServicePort, traffic policy checks). */
function validate(svc: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(SPEC.child('ports')));
  switch (spec.type) {
    case 'LoadBalancer':
      if (headless) errs.push(invalid(SPEC.child('clusterIPs').index(0), 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(invalid(SPEC.child('clusterIPs').index(0), 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if (spec.clusterIPs?.length) errs.push(forbidden(SPEC.child('clusterIPs'), 'may not be set for ExternalName services'));
      const cname = String(spec.externalName ?? '').replace(/\.$/, '');
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(SPEC.child('externalName'), cname, m));
      else errs.push(required(SPEC.child('externalName')));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = SPEC.child('ports').index(i);
    if (ports.length > 1 && !p.name) errs.push(required(pp.child('name')));
    else if (p.name) {
      for (const m of isDNS1123Label(p.name)) errs.push(invalid(pp.child('name'), p.name, m));
      if (names.has(p.name)) errs.push(duplicate(pp.child('name'), p.name));
      else names.add(p.name);
    }
    for (const m of isValidPortNum(p.port)) errs.push(invalid(pp.child('port'), p.port ?? 0, m));
    if (!p.protocol) errs.push(required(pp.child('protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errs.push(notSupported(pp.child('protocol'), p.protocol, ['SCTP', 'TCP', 'UDP']));
    errs.push(...validatePortNumOrName(p.targetPort, pp.child('targetPort')));
  });
  if (spec.selector) errs.push(...validateLabels(spec.selector, SPEC.child('selector')));
  if (!spec.sessionAffinity) errs.push(required(SPEC.child('sessionAffinity')));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity))
    errs.push(notSupported(SPEC.child('sessionAffinity'), spec.sessionAffinity, ['ClientIP', 'None']));
  else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig)
    errs.push(forbidden(SPEC.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  else if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (!(t > 0 && t <= 86400))
      errs.push(invalid(SPEC.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds'), t ?? 0, 'must be greater than 0 and less than 86400'));
  }
  // clusterIPs: valid IPs (or None)
  (spec.clusterIPs ?? []).forEach((ip: string, i: number) => {
    if (ip !== 'None' && ip !== '' && !isValidIPv4(String(ip)))
      errs.push(invalid(SPEC.child('clusterIPs').index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (spec.clusterIP !== undefined && spec.clusterIPs?.length && spec.clusterIP !== spec.clusterIPs[0])
    errs.push(invalid(SPEC.child('clusterIPs'), spec.clusterIPs, 'first value must match `clusterIP`'));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    if (!isValidIPv4(String(ip))) errs.push(invalid(SPEC.child('externalIPs').index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (!spec.type) errs.push(required(SPEC.child('type')));
  else if (!TYPES.includes(spec.type)) errs.push(notSupported(SPEC.child('type'), spec.type, TYPES));
  if (spec.type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(SPEC.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const k = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(SPEC.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(k);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`;
    if (seen.has(k)) errs.push(duplicate(SPEC.child('ports').index(i), { port: p.port, protocol: p.protocol }));
    seen.add(k);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer')
    errs.push(forbidden(SPEC.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  // validateServiceExternalTrafficPolicy
  if (!externallyAccessible(svc)) {
    if (spec.externalTrafficPolicy)
      errs.push(invalid(SPEC.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) errs.push(required(SPEC.child('externalTrafficPolicy')));
  else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy))
    errs.push(notSupported(SPEC.child('externalTrafficPolicy'), spec.externalTrafficPolicy, ['Cluster', 'Local']));
  if (spec.internalTrafficPolicy && !['Cluster', 'Local'].includes(spec.internalTrafficPolicy))
    errs.push(notSupported(SPEC.child('internalTrafficPolicy'), spec.internalTrafficPolicy, ['Cluster', 'Local']));
  return errs;
}

/** ValidateServiceUpdate: clusterIPs may not change once set (K/K validateServiceClusterIPsRelatedFields). */
function validateUpdate(svc: KObject, old: StoredObject): FieldError[] {
  const errs = validate(svc);
  const oldIPs: string[] = old.spec?.clusterIPs ?? [];
  const newIPs: string[] = svc.spec?.clusterIPs ?? [];
  const typeChangedToExternalName = svc.spec?.type === 'ExternalName' && old.spec?.type !== 'ExternalName';
  if (oldIPs.length && !typeChangedToExternalName) {
    if (!newIPs.length) errs.push(invalid(SPEC.child('clusterIPs').index(0), null, 'primary clusterIP can not be unset'));
    else if (newIPs[0] !== oldIPs[0]) errs.push(invalid(SPEC.child('clusterIPs').index(0), newIPs, 'may not change once set'));
  }
  return errs;
}

function allocate(svc: KObject, ctx: RequestContext, old?: StoredObject): void {
  const a = serviceAllocators(ctx.sim);
  const spec = svc.spec;
  const name = svc.metadata.name ?? '';
  const errs: FieldError[] = [];
  const taken: (() => void)[] = [];

  // ClusterIP
  if (spec.type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
  } else if (!isHeadless(svc) && !(old && old.spec?.clusterIPs?.[0] && old.spec.clusterIPs[0] === spec.clusterIPs?.[0])) {
    const want: string | undefined = spec.clusterIPs?.[0] || spec.clusterIP || undefined;
    if (want) {
      const r = a.clusterIPs.allocate(want);
      if (r === 'allocated')
        errs.push(invalid(SPEC.child('clusterIPs'), [want], `failed to allocate IP ${want}: provided IP is already allocated`));
      else if (r === 'range')
        errs.push(
          invalid(
            SPEC.child('clusterIPs'),
            [want],
            `failed to allocate IP ${want}: the provided IP (${want}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
          ),
        );
      else taken.push(() => a.clusterIPs.release(want));
      spec.clusterIP = want;
      spec.clusterIPs = [want];
    } else {
      const ip = a.clusterIPs.allocateNext(ctx.sim.rand);
      if (!ip) errs.push(invalid(SPEC.child('clusterIPs'), [], 'failed to allocate IP: range is full'));
      else {
        taken.push(() => a.clusterIPs.release(ip));
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      }
    }
  } else if (isHeadless(svc)) {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
  } else if (old) {
    spec.clusterIP = old.spec.clusterIP;
    spec.clusterIPs = old.spec.clusterIPs;
  }

  // NodePorts
  const oldPorts: number[] = (old?.spec?.ports ?? []).map((p: any) => p.nodePort).filter((n: any) => n);
  if (needsNodePorts(svc)) {
    (spec.ports ?? []).forEach((p: any, i: number) => {
      const path = SPEC.child('ports').index(i).child('nodePort');
      if (p.nodePort) {
        if (oldPorts.includes(p.nodePort)) return; // kept
        const r = a.nodePorts.allocate(p.nodePort);
        if (r === 'allocated') errs.push(invalid(path, p.nodePort, 'provided port is already allocated'));
        else if (r === 'range')
          errs.push(invalid(path, p.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
        else {
          const n = p.nodePort;
          taken.push(() => a.nodePorts.release(n));
        }
      } else {
        // reuse the old node port of the same port when updating
        const prev = old?.spec?.ports?.find((q: any) => q.port === p.port && q.protocol === p.protocol && q.nodePort);
        if (prev && !(spec.ports as any[]).some((q) => q !== p && q.nodePort === prev.nodePort)) {
          p.nodePort = prev.nodePort;
          return;
        }
        const n = a.nodePorts.allocateNext(ctx.sim.rand);
        if (n === undefined) errs.push(invalid(path, 0, 'range is full'));
        else {
          p.nodePort = n;
          taken.push(() => a.nodePorts.release(n));
        }
      }
    });
  } else {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  // LoadBalancer + externalTrafficPolicy: Local gets a health-check node port for the load balancer
  // (K/K pkg/registry/core/service/storage/alloc.go allocHealthCheckNodePort)
  const needsHC = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  const oldHC: number | undefined = old?.spec?.healthCheckNodePort;
  if (needsHC) {
    if (!spec.healthCheckNodePort && oldHC) spec.healthCheckNodePort = oldHC;
    if (spec.healthCheckNodePort && spec.healthCheckNodePort !== oldHC) {
      const r = a.nodePorts.allocate(spec.healthCheckNodePort);
      const path = SPEC.child('healthCheckNodePort');
      if (r === 'allocated') errs.push(invalid(path, spec.healthCheckNodePort, 'provided port is already allocated'));
      else if (r !== 'ok') errs.push(invalid(path, spec.healthCheckNodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
      else {
        const n = spec.healthCheckNodePort;
        taken.push(() => a.nodePorts.release(n));
      }
    } else if (!spec.healthCheckNodePort) {
      const n = a.nodePorts.allocateNext(ctx.sim.rand);
      if (n !== undefined) {
        spec.healthCheckNodePort = n;
        taken.push(() => a.nodePorts.release(n));
      }
    }
  } else delete spec.healthCheckNodePort;

  if (errs.length || ctx.dryRun) {
    for (const undo of taken) undo();
    if (errs.length) throw newInvalid('Service', name, errs);
    return;
  }
  if (old) {
    // release what the old object held and the new one does not
    const nowPorts = new Set((spec.ports ?? []).map((p: any) => p.nodePort).filter((n: any) => n));
    for (const n of oldPorts) if (!nowPorts.has(n)) a.nodePorts.release(n);
    if (oldHC && oldHC !== spec.healthCheckNodePort) a.nodePorts.release(oldHC);
    const oldIP = old.spec?.clusterIPs?.[0];
    if (oldIP && oldIP !== 'None' && oldIP !== spec.clusterIPs?.[0]) a.clusterIPs.release(oldIP);
  }
}

function release(svc: StoredObject, sim: Sim): void {
  const a = serviceAllocators(sim);
  const ip = svc.spec?.clusterIPs?.[0];
  if (ip && ip !== 'None') a.clusterIPs.release(ip);
  for (const p of svc.spec?.ports ?? []) if (p.nodePort) a.nodePorts.release(p.nodePort);
  if (svc.spec?.healthCheckNodePort) a.nodePorts.release(svc.spec.healthCheckNodePort);
}

export const serviceStrategy: Strategy = {
  kind: 'Service',
  hasGeneration: false,
  defaults,
  prepareForCreate(svc) {
    svc.status = { loadBalancer: {} };
  },
  prepareForUpdate(svc, old) {
    svc.status = old.status ? JSON.parse(JSON.stringify(old.status)) : { loadBalancer: {} };
    // patchAllocatedValues: keep the allocated ClusterIP and node ports when the client omits them
    const spec = (svc.spec ??= {});
    if (!spec.clusterIP && !spec.clusterIPs && old.spec?.clusterIPs && spec.type !== 'ExternalName') {
      spec.clusterIP = old.spec.clusterIP;
      spec.clusterIPs = old.spec.clusterIPs;
    }
    if (needsNodePorts(svc) && needsNodePorts(old))
      for (const p of spec.ports ?? []) {
        if (p.nodePort) continue;
        const prev = (old.spec.ports ?? []).find((q: any) => q.port === p.port && q.protocol === p.protocol);
        if (prev?.nodePort) p.nodePort = prev.nodePort;
      }
  },
  validate,
  validateUpdate,
  beforeCreate(svc, ctx) {
    allocate(svc, ctx);
  },
  beforeUpdate(svc, old, ctx) {
    allocate(svc, ctx, old);
  },
  afterDelete(svc, ctx) {
    release(svc, ctx.sim);
  },
};

function rebuild(sim: Sim): void {
  const a = serviceAllocators(sim);
  a.clusterIPs.alloc.clear();
  a.nodePorts.alloc.clear();
  for (const svc of sim.store.iterate('Service')) {
    const ip = svc.spec?.clusterIPs?.[0];
    if (ip && ip !== 'None') a.clusterIPs.allocate(ip);
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) a.nodePorts.allocate(p.nodePort);
  }
}

export const serviceRegistryModule: SimModule = {
  name: 'service-registry',
  install(sim) {
    const allocators: ServiceAllocators = { clusterIPs: new ClusterIPAllocator(), nodePorts: new NodePortAllocator() };
    sim.services.serviceAllocators = allocators;
    sim.api.registerStrategy(serviceStrategy);
  },
  restore: rebuild,
};
