/**
 * Discovery and information verbs: kubectl api-resources, api-versions,
 * version, cluster-info, explain (kubectl pkg/cmd/apiresources, version,
 * clusterinfo, explain with the OpenAPI v3 plaintext template).
 */
import { RESOURCE_TYPES, apiVersionOf, resolveResource, type ResourceType } from '../api/resources';
import { KUBERNETES_VERSION } from '../sim';
import { fieldsOf } from '../api/schema';
import { DOCS, ENUMS, REQUIRED, TYPE_NAMES } from './explain-docs';
import type { VerbSpec } from './types';
import { KubectlError } from './types';
import { tabwrite } from './printers/table';
import { jsonYamlFormats, jsonYamlPrinter, noCompatiblePrinter, toJson, toYaml } from './output';
import type { KObject } from '../api/types';

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

/** strings.Compare: byte order (the sort of sortableResource), not the locale's. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * kubectl api-resources (kubectl pkg/cmd/apiresources/apiresources.go and print_flags.go, v1.34+ with
 * kubernetes#132604): its own PrintFlags — JSONYaml (json, yaml, kyaml; --show-managed-fields), the human-readable
 * printer ('' or wide), the name printer — built in Complete, so `-o foo` is NoCompatiblePrinterError with the
 * allowed formats json,kyaml,name,wide,yaml. The resources are sorted stably by group (or --sort-by name|kind), ties
 * by name, in byte order; the header only for the table formats; wide joins verbs and categories with commas;
 * json/yaml print one flat metav1.APIResourceList (kind APIResourceList, apiVersion v1, groupVersion "", each
 * APIResource with its group and version set).
 */
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
    { name: 'show-managed-fields', type: 'bool' },
  ],
  run(k) {
    // Complete: no arguments, then the printer
    if (k.args.length) throw new KubectlError(`unexpected arguments: [${k.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
    const output = k.flags.str('output') ?? '';
    const jsonYaml = jsonYamlPrinter(k, output, k.flags.bool('show-managed-fields'));
    if (!jsonYaml && output !== '' && output !== 'wide' && output !== 'name') throw noCompatiblePrinter(output, [...jsonYamlFormats(k), 'name', 'wide']);
    // Validate
    const sortBy = k.flags.str('sort-by') ?? '';
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError('--sort-by accepts only name or kind');
    let rows = discovery();
    if (k.flags.has('namespaced')) rows = rows.filter((r) => r.namespaced === k.flags.bool('namespaced'));
    if (k.flags.has('api-group')) rows = rows.filter((r) => r.group === (k.flags.str('api-group') ?? ''));
    const verbs = k.flags.all('verbs').flatMap((v) => v.split(','));
    if (verbs.length) rows = rows.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const cats = k.flags.all('categories').flatMap((v) => v.split(','));
    if (cats.length) rows = rows.filter((r) => cats.every((c) => r.categories.includes(c)));
    const key = (r: Row) => (sortBy === 'name' ? r.name : sortBy === 'kind' ? r.kind : r.group);
    rows = [...rows].sort((a, b) => compareBytes(key(a), key(b)) || compareBytes(a.name, b.name));
    if (jsonYaml) {
      const resources = rows.map((r) => ({
        name: r.name,
        singularName: r.kind.toLowerCase(),
        namespaced: r.namespaced,
        ...(r.group ? { group: r.group } : {}),
        version: r.gv.slice(r.gv.indexOf('/') + 1),
        kind: r.kind,
        verbs: r.verbs,
        ...(r.short.length ? { shortNames: r.short } : {}),
        ...(r.categories.length ? { categories: r.categories } : {}),
      }));
      // a typed metav1.APIResourceList, its fields in Go order; no resource left is a nil slice: null
      jsonYaml.print({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: '', resources: resources.length ? resources : null } as unknown as KObject, true);
      return 0;
    }
    if (output === 'name') {
      for (const r of rows) k.out(`${r.name}${r.group ? '.' + r.group : ''}\n`);
      return 0;
    }
    const wide = output === 'wide';
    const table: string[][] = [];
    if (!k.flags.bool('no-headers')) table.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const r of rows) table.push([r.name, r.short.join(','), r.gv, String(r.namespaced), r.kind, ...(wide ? [r.verbs.join(','), r.categories.join(',')] : [])]);
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
// The texts it prints (descriptions, required fields, enum values, type names) are in explain-docs.ts.

/**
 * The template's `wrap`: github.com/mitchellh/go-wordwrap WrapString (kubectl pkg/util/term
 * NewWordWrapWriter). Breaks only at white space; a line break in the text resets the line;
 * a word as long as the limit overflows; leading spaces of a line are kept.
 */
function wordWrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + space.length <= lim) buf += space;
        space = '';
      } else {
        buf += space + word;
        space = '';
        word = '';
      }
      buf += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

/** The template's `indent`: pad the first line and every line after a line break. */
function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join('\n' + pad);
}

/** The template's typeGuess for a field: the OpenAPI type name, else the one the schema ref implies. */
function fieldType(owner: string, field: string, ref: string): string {
  return TYPE_NAMES[`${owner}.${field}`] ?? typeName(ref);
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

/**
 * The schema whose description the template's "description" prints after a field's own: the one its
 * `allOf` names (a struct, IntOrString, Quantity, Time), its array `items` or its map's `additionalProperties`
 * (a ResourceList's Quantity). Scalars and maps of strings refer to none.
 */
function referencedSchema(owner: string, field: string, ref: string): string | undefined {
  const name = (t: string): string | undefined => {
    if (t.startsWith('[]')) return name(t.slice(2));
    if (t.startsWith('map[string]')) return name(t.slice('map[string]'.length));
    switch (t) {
      case 'time':
        return 'Time';
      case 'quantity':
      case 'quantities':
        return 'Quantity';
      case 'intstr':
        return 'IntOrString';
    }
    return /^[A-Z]/.test(t) ? t : undefined;
  };
  return name(TYPE_NAMES[`${owner}.${field}`] ?? ref);
}

/**
 * The type a field leads to when explain walks on: its schema.ts type, or for a field schema.ts leaves
 * unchecked (a kind's status, …) the OpenAPI type TYPE_NAMES gives it when the explain-only table knows it.
 */
function walkRef(owner: string, field: string, ref: string): string {
  if (ref !== 'any' && ref !== 'object') return ref;
  const named = TYPE_NAMES[`${owner}.${field}`];
  return named && fieldsOf(named.replace(/^\[\]/, '')) ? named : ref;
}

/**
 * A description as the API server's OpenAPI v3 document serves it: for an enum field the
 * openapi generator appends "Possible enum values:" with each value's doc comment.
 */
function doc(owner: string, field?: string): string | undefined {
  if (!field) return DOCS[owner];
  // the TypeMeta and ObjectMeta texts kinds (and templates) share: structs with metadata, not OwnerReference's kind
  const common = ['apiVersion', 'kind', 'metadata'].includes(field) && fieldsOf(owner)?.metadata === 'ObjectMeta';
  const d = DOCS[`${owner}.${field}`] ?? (common ? DOCS[`*.${field}`] : undefined);
  const en = ENUMS[`${owner}.${field}`];
  if (!d || !en) return d;
  return `${d}\n\nPossible enum values:\n${en.map(([v, m]) => ` - \`"${v}"\`${m ? ' ' + m : ''}`).join('\n')}`;
}

/** An enum value as the template's extractEnum prints it (`""` for the empty string). */
function enumValue(v: string): string {
  return v === '' ? '""' : v;
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
      const st = fieldsOf(ref.replace(/^\[\]/, ''));
      const next = st?.[p];
      if (!st || next === undefined) throw new KubectlError(`field "${p}" does not exist`);
      owner = ref.replace(/^\[\]/, '');
      ref = walkRef(owner, p, next);
      fieldName = p;
    }
    // kubectl explain/v2/templates/plaintext.tmpl (kubectl v1.35).
    let out = t.group ? `GROUP:      ${t.group}\n` : '';
    out += `KIND:       ${t.kind}\nVERSION:    ${t.version}\n\n`;
    const target = ref.replace(/^\[\]/, '');
    // the schema the field refers to, by its OpenAPI name (a status is a PodStatus, a ResourceList's values Quantity)
    const targetName = fieldName ? referencedSchema(owner, fieldName, ref) : target;
    const fieldEnum = fieldName ? ENUMS[`${owner}.${fieldName}`] : undefined;
    if (fieldName) {
      out += `FIELD: ${fieldName} <${fieldType(owner, fieldName, ref)}>\n`;
      if (fieldEnum) out += 'ENUM:' + fieldEnum.map(([v]) => '\n    ' + enumValue(v)).join('');
      out += '\n\n';
    }
    // template "description": the field's own description, then its type's, each ending in a line break.
    const desc = [fieldName ? doc(owner, fieldName) : undefined, targetName ? doc(targetName) : undefined].filter(Boolean).map((d) => d + '\n').join('');
    // The sim has no text for some fields; it prints no DESCRIPTION for them rather than a made-up one.
    if (desc) out += 'DESCRIPTION:\n' + indent(4, wordWrap(desc, 76)) + '\n';
    const fields = fieldsOf(target);
    if (fields) {
      out += 'FIELDS:\n';
      for (const f of Object.keys(fields).sort()) {
        // template "fieldDetail" at level 1 (indent 2)
        out += `  ${f}\t<${fieldType(target, f, fields[f])}>`;
        if (REQUIRED[target]?.includes(f)) out += ' -required-';
        const en = ENUMS[`${target}.${f}`];
        if (en) out += '\n  enum: ' + en.slice(0, 4).map(([v]) => enumValue(v)).join(', ') + (en.length > 4 ? ', ....' : '');
        out += '\n';
        const d = doc(target, f);
        if (d) out += indent(4, wordWrap(d, 76)) + '\n';
        out += '\n';
      }
    }
    k.out(out + '\n');
    return 0;
  },
};
