/**
 * Discovery and information verbs: kubectl api-resources, api-versions,
 * version, cluster-info, explain (kubectl pkg/cmd/apiresources, version,
 * clusterinfo, explain with the OpenAPI v3 plaintext template).
 */
import { RESOURCE_TYPES, apiVersionOf, resolveResource, type ResourceType } from '../api/resources';
import { KUBERNETES_VERSION } from '../sim';
import { fieldsOf, structOf } from '../api/schema';
import type { VerbSpec } from './types';
import { KubectlError } from './types';
import { tabwrite } from './printers/table';
import { toJson, toYaml } from './output';

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Resources a v1.35 kubeadm API server serves that the simulator lists but does not model. */
const EXTRA: [string, string, string[], boolean, string][] = [
  ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io/v1', [], false, 'MutatingWebhookConfiguration'],
  ['validatingadmissionpolicies', 'admissionregistration.k8s.io/v1', [], false, 'ValidatingAdmissionPolicy'],
  ['validatingadmissionpolicybindings', 'admissionregistration.k8s.io/v1', [], false, 'ValidatingAdmissionPolicyBinding'],
  ['validatingwebhookconfigurations', 'admissionregistration.k8s.io/v1', [], false, 'ValidatingWebhookConfiguration'],
  ['customresourcedefinitions', 'apiextensions.k8s.io/v1', ['crd', 'crds'], false, 'CustomResourceDefinition'],
  ['apiservices', 'apiregistration.k8s.io/v1', [], false, 'APIService'],
  ['selfsubjectreviews', 'authentication.k8s.io/v1', [], false, 'SelfSubjectReview'],
  ['tokenreviews', 'authentication.k8s.io/v1', [], false, 'TokenReview'],
  ['localsubjectaccessreviews', 'authorization.k8s.io/v1', [], true, 'LocalSubjectAccessReview'],
  ['certificatesigningrequests', 'certificates.k8s.io/v1', ['csr'], false, 'CertificateSigningRequest'],
  ['flowschemas', 'flowcontrol.apiserver.k8s.io/v1', [], false, 'FlowSchema'],
  ['prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io/v1', [], false, 'PriorityLevelConfiguration'],
  ['ipaddresses', 'networking.k8s.io/v1', ['ip'], false, 'IPAddress'],
  ['servicecidrs', 'networking.k8s.io/v1', [], false, 'ServiceCIDR'],
  ['runtimeclasses', 'node.k8s.io/v1', [], false, 'RuntimeClass'],
  ['deviceclasses', 'resource.k8s.io/v1', [], false, 'DeviceClass'],
  ['resourceclaims', 'resource.k8s.io/v1', [], true, 'ResourceClaim'],
  ['resourceclaimtemplates', 'resource.k8s.io/v1', [], true, 'ResourceClaimTemplate'],
  ['resourceslices', 'resource.k8s.io/v1', [], false, 'ResourceSlice'],
  ['csidrivers', 'storage.k8s.io/v1', [], false, 'CSIDriver'],
  ['csinodes', 'storage.k8s.io/v1', [], false, 'CSINode'],
  ['csistoragecapacities', 'storage.k8s.io/v1', [], true, 'CSIStorageCapacity'],
  ['volumeattachments', 'storage.k8s.io/v1', [], false, 'VolumeAttachment'],
  ['volumeattributesclasses', 'storage.k8s.io/v1', ['vac'], false, 'VolumeAttributesClass'],
];

interface Row {
  name: string;
  short: string[];
  gv: string;
  group: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  categories: string[];
}

export function discovery(): Row[] {
  const rows: Row[] = RESOURCE_TYPES.map((t: ResourceType) => ({ name: t.resource, short: t.shortNames, gv: apiVersionOf(t), group: t.group, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, categories: t.categories }));
  for (const [name, gv, short, namespaced, kind] of EXTRA) {
    const group = gv.includes('/') ? gv.split('/')[0] : '';
    const verbs = /reviews$/.test(name) ? ['create'] : RW;
    rows.push({ name, short, gv, group, namespaced, kind, verbs, categories: kind === 'CustomResourceDefinition' ? ['api-extensions'] : [] });
  }
  return rows.sort((a, b) => (a.group === b.group ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.group < b.group ? -1 : 1));
}

export const apiResourcesVerb: VerbSpec = {
  name: 'api-resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'api-group', type: 'string' },
    { name: 'verbs', type: 'stringArray' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'categories', type: 'stringArray' },
    { name: 'cached', type: 'bool' },
  ],
  run(k) {
    let rows = discovery();
    if (k.flags.has('namespaced')) rows = rows.filter((r) => r.namespaced === k.flags.bool('namespaced'));
    if (k.flags.has('api-group')) rows = rows.filter((r) => r.group === (k.flags.str('api-group') ?? ''));
    const verbs = k.flags.all('verbs').flatMap((v) => v.split(','));
    if (verbs.length) rows = rows.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const cats = k.flags.all('categories').flatMap((v) => v.split(','));
    if (cats.length) rows = rows.filter((r) => cats.every((c) => r.categories.includes(c)));
    const sortBy = k.flags.str('sort-by');
    if (sortBy === 'name') rows.sort((a, b) => a.name.localeCompare(b.name));
    if (sortBy === 'kind') rows.sort((a, b) => a.kind.localeCompare(b.kind));
    const output = k.flags.str('output') ?? '';
    if (output === 'name') {
      for (const r of rows) k.out(`${r.name}${r.group ? '.' + r.group : ''}\n`);
      return 0;
    }
    if (output && output !== 'wide') throw new KubectlError(`--output ${output} is not available`);
    const wide = output === 'wide';
    const table: string[][] = [];
    if (!k.flags.bool('no-headers')) table.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const r of rows) table.push([r.name, r.short.join(','), r.gv, String(r.namespaced), r.kind, ...(wide ? [`[${r.verbs.join(' ')}]`, r.categories.join(',')] : [])]);
    k.out(tabwrite(table));
    return 0;
  },
};

export const apiVersionsVerb: VerbSpec = {
  name: 'api-versions',
  run(k) {
    const gvs = new Set(discovery().map((r) => r.gv));
    k.out([...gvs].sort().map((g) => g + '\n').join(''));
    return 0;
  },
};

const KUSTOMIZE = 'v5.7.1';

export const versionVerb: VerbSpec = {
  name: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(k) {
    const info = (v: string) => ({
      major: '1',
      minor: v.split('.')[1],
      gitVersion: v,
      gitCommit: '66452049f3d692768c39c797b21b793dce80314e',
      gitTreeState: 'clean',
      buildDate: '2025-12-17T12:32:16Z',
      goVersion: 'go1.25.5',
      compiler: 'gc',
      platform: 'linux/amd64',
    });
    const client = k.flags.bool('client');
    const out = k.flags.str('output');
    if (out === 'json' || out === 'yaml') {
      const v = { clientVersion: info(KUBERNETES_VERSION), kustomizeVersion: KUSTOMIZE, ...(client ? {} : { serverVersion: info(KUBERNETES_VERSION) }) };
      k.out(out === 'json' ? toJson(v) + '\n' : toYaml(v));
      return 0;
    }
    if (out) throw new KubectlError(`--output must be 'yaml' or 'json'`);
    k.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE}\n`);
    if (!client) k.out(`Server Version: ${KUBERNETES_VERSION}\n`);
    return 0;
  },
};

export const clusterInfoVerb: VerbSpec = {
  name: 'cluster-info',
  run(k) {
    const node = k.sim.store.get('Node', '', k.sim.options.controlPlaneName);
    const ip = ((node?.status as Record<string, any>)?.addresses ?? []).find((a: Record<string, string>) => a.type === 'InternalIP')?.address ?? '192.168.56.30';
    k.out(`Kubernetes control plane is running at https://${ip}:6443\nCoreDNS is running at https://${ip}:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};

// ---------------------------------------------------------------- explain

/** Descriptions from the Kubernetes API's OpenAPI schema (k8s.io/api doc comments) for the paths the guide explains. */
const DOCS: Record<string, string> = {
  'Pod': 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
  'Service': 'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
  'Deployment': 'Deployment enables declarative updates for Pods and ReplicaSets.',
  'ReplicaSet': 'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
  'ConfigMap': 'ConfigMap holds configuration data for pods to consume.',
  'Secret': 'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.',
  'Namespace': 'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
  '*.apiVersion': 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  '*.kind': 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  '*.metadata': "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  'Pod.spec': 'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
  'Pod.status': 'Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
  'Container.ports':
    'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.',
  'ContainerPort': 'ContainerPort represents a network port in a single container.',
  'ContainerPort.containerPort': "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.",
  'ContainerPort.hostIP': 'What host IP to bind the external port to.',
  'ContainerPort.hostPort': 'Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.',
  'ContainerPort.name': 'If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.',
  'ContainerPort.protocol': 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".',
  'PodSpec.containers': 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.',
  'Container': 'A single application container that you want to run within a pod.',
  'Container.name': 'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.',
  'Container.image': 'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.',
};

const REQUIRED: Record<string, string[]> = { ContainerPort: ['containerPort'], Container: ['name'], PodSpec: ['containers'] };
const ENUMS: Record<string, [string, string][]> = {
  'ContainerPort.protocol': [
    ['SCTP', 'is the SCTP protocol.'],
    ['TCP', 'is the TCP protocol.'],
    ['UDP', 'is the UDP protocol.'],
  ],
};

function wrap(text: string, indent: string, width = 80): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const w of para.split(' ')) {
      if (line && (indent + line + ' ' + w).length > width) {
        out.push(indent + line);
        line = w;
      } else line = line ? line + ' ' + w : w;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

function typeName(ref: string): string {
  if (ref.startsWith('[]')) return `[]${typeName(ref.slice(2))}`;
  switch (ref) {
    case 'string':
    case 'time':
      return 'string';
    case 'int32':
    case 'int64':
      return 'integer';
    case 'bool':
      return 'boolean';
    case 'number':
      return 'number';
    case 'map':
      return 'map[string]string';
    case 'quantities':
      return 'map[string]Quantity';
    case 'quantity':
      return 'Quantity';
    case 'intstr':
      return 'IntOrString';
    case 'object':
    case 'any':
      return 'Object';
  }
  return ref;
}

function doc(owner: string, field?: string): string | undefined {
  if (!field) return DOCS[owner];
  return DOCS[`${owner}.${field}`] ?? (['apiVersion', 'kind', 'metadata'].includes(field) ? DOCS[`*.${field}`] : undefined);
}

export const explainVerb: VerbSpec = {
  name: 'explain',
  flags: [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(k) {
    const arg = k.args[0];
    if (!arg) throw new KubectlError("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples");
    const [res, ...path] = arg.split('.');
    const t = resolveResource(res);
    if (!t) throw new KubectlError(`the server doesn't have a resource type "${res}"`);
    let owner = t.kind;
    let ref = t.kind;
    let fieldName: string | undefined;
    for (const p of path) {
      const st = structOf(ref.replace(/^\[\]/, ''));
      const next = st?.[p];
      if (!st || next === undefined) throw new KubectlError(`field "${p}" does not exist`);
      owner = ref.replace(/^\[\]/, '');
      ref = next;
      fieldName = p;
    }
    const lines: string[] = [`KIND:       ${t.kind}`, `VERSION:    ${apiVersionOf(t)}`, ''];
    const target = ref.replace(/^\[\]/, '');
    if (fieldName) lines.push(`FIELD: ${fieldName} <${typeName(ref)}>`, '', '');
    const desc = [fieldName ? doc(owner, fieldName) : undefined, doc(target)].filter(Boolean).join('\n');
    if (desc) lines.push('DESCRIPTION:', wrap(desc, '    '), '    ');
    const fields = fieldsOf(target);
    if (fields) {
      lines.push('FIELDS:');
      for (const f of Object.keys(fields).sort()) {
        const req = REQUIRED[target]?.includes(f) ? ' -required-' : '';
        lines.push(`  ${f}\t<${typeName(fields[f])}>${req}`);
        const en = ENUMS[`${target}.${f}`];
        if (en) lines.push(`  enum: ${en.map(([v]) => v).join(', ')}`);
        const d = doc(target, f);
        if (d) lines.push(wrap(d, '    '));
        if (en) lines.push('    ', '    Possible enum values:', ...en.map(([v, m]) => `     - \`"${v}"\` ${m}`));
        lines.push('');
      }
    }
    k.out(lines.join('\n') + '\n');
    return 0;
  },
};
