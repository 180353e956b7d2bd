/**
 * kubectl config (kubectl pkg/cmd/config/*.go) over the reader's kubeadm
 * admin kubeconfig: one cluster `kubernetes`, user `kubernetes-admin`,
 * context `kubernetes-admin@kubernetes`. `set-context --current
 * --namespace=X` changes the namespace later commands default to.
 */
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import type { KubeconfigState } from './index';
import { tabwrite } from './printers/table';
import { executeJSONPath } from './printers/jsonpath';
import { toJson } from './output';

const CONTEXT = 'kubernetes-admin@kubernetes';

function state(k: KubectlContext): KubeconfigState {
  return (k.sim.services.kubeconfig ??= {}) as KubeconfigState;
}

function kubeconfigObject(ns: string | undefined): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: 'https://192.168.56.30:6443' }, name: 'kubernetes' }],
    contexts: [{ context: { cluster: 'kubernetes', ...(ns ? { namespace: ns } : {}), user: 'kubernetes-admin' }, name: CONTEXT }],
    'current-context': CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

function view(k: KubectlContext): number {
  const ns = state(k).namespace;
  const output = k.flags.str('output') ?? '';
  if (output) {
    const obj = kubeconfigObject(ns);
    const m = /^jsonpath=(.*)$/s.exec(output);
    if (m) {
      k.out(executeJSONPath(m[1], obj));
      return 0;
    }
    if (output === 'json') {
      k.out(toJson(obj) + '\n');
      return 0;
    }
    if (output !== 'yaml') throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml`);
  }
  k.out(
    `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: https://192.168.56.30:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n${ns ? `    namespace: ${ns}\n` : ''}    user: kubernetes-admin\n  name: ${CONTEXT}\ncurrent-context: ${CONTEXT}\nkind: Config\npreferences: {}\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n`,
  );
  return 0;
}

export const configVerb: VerbSpec = {
  name: 'config',
  flags: [
    { name: 'current', type: 'bool' },
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'cluster', type: 'string' },
    { name: 'user', type: 'string' },
  ],
  run(k) {
    const sub = k.args[0];
    const rest = k.args.slice(1);
    switch (sub) {
      case 'current-context':
        k.out(`${CONTEXT}\n`);
        return 0;
      case 'view':
        return view(k);
      case 'get-contexts': {
        if (rest.length && rest[0] !== CONTEXT) throw new KubectlError(`context ${rest[0]} not found`);
        if (k.flags.str('output') === 'name') {
          k.out(`${CONTEXT}\n`);
          return 0;
        }
        const row = ['*', CONTEXT, 'kubernetes', 'kubernetes-admin', state(k).namespace ?? ''];
        k.out(tabwrite(k.flags.bool('no-headers') ? [row] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], row]));
        return 0;
      }
      case 'get-clusters':
        k.out('NAME\nkubernetes\n');
        return 0;
      case 'get-users':
        k.out('NAME\nkubernetes-admin\n');
        return 0;
      case 'use-context':
        if (rest[0] !== CONTEXT) throw new KubectlError(`no context exists with the name: "${rest[0] ?? ''}"`);
        k.out(`Switched to context "${CONTEXT}".\n`);
        return 0;
      case 'set-context': {
        const name = k.flags.bool('current') ? CONTEXT : rest[0];
        if (!name) throw new KubectlError('you must specify a non-empty context name or --current');
        if (name !== CONTEXT) throw new KubectlError(`the simulated kubeconfig has a single context, "${CONTEXT}"`);
        if (k.flags.has('namespace')) state(k).namespace = k.flags.str('namespace') || undefined;
        k.out(`Context "${name}" modified.\n`);
        return 0;
      }
      case undefined:
        k.out('Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands:\n  current-context   Display the current-context\n  get-clusters      Display clusters defined in the kubeconfig\n  get-contexts      Describe one or many contexts\n  get-users         Display users defined in the kubeconfig\n  set-context       Set a context entry in kubeconfig\n  use-context       Set the current-context in a kubeconfig file\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n');
        return 0;
    }
    throw new KubectlError(`unknown command "${sub}" for "kubectl config"`);
  },
};
