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
import type { KObject } from '../api/types';
import { PRINT_FLAGS, toPrinter } from './output';

const CONTEXT = 'kubernetes-admin@kubernetes';

function state(k: KubectlContext): KubeconfigState {
  return (k.sim.services.kubeconfig ??= {}) as KubeconfigState;
}

/**
 * The kubeconfig as `config view` prints it: clientcmd/api/v1 Config after ShortenConfig (certificate and key data
 * shown as DATA+OMITTED), built in its Go field order (kind, apiVersion, clusters, users, contexts, current-context;
 * NamedCluster name then cluster, Cluster server then certificate-authority-data, Context cluster, user, namespace)
 * — the order -o json keeps, while -o yaml sorts. No `preferences`: since v1.34 client-go's
 * tools/clientcmd/api/v1/types.go marks the field deprecated (kubernetes#131741) and tags it
 * `json:"preferences,omitzero"`, so the empty Preferences of the kubeadm kubeconfig is left out.
 */
function kubeconfigObject(ns: string | undefined): KObject {
  return {
    kind: 'Config',
    apiVersion: 'v1',
    clusters: [{ name: 'kubernetes', cluster: { server: 'https://192.168.56.30:6443', 'certificate-authority-data': 'DATA+OMITTED' } }],
    users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
    contexts: [{ name: CONTEXT, context: { cluster: 'kubernetes', user: 'kubernetes-admin', ...(ns ? { namespace: ns } : {}) } }],
    'current-context': CONTEXT,
  } as unknown as KObject;
}

/** config view (view.go): PrintFlags with the default output yaml (and the template printers), built in Complete. */
function view(k: KubectlContext): number {
  const printer = toPrinter(k, { defaultOutput: 'yaml' });
  printer.print(kubeconfigObject(state(k).namespace), true);
  return 0;
}

export const configVerb: VerbSpec = {
  name: 'config',
  flags: [
    { name: 'current', type: 'bool' },
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    ...PRINT_FLAGS,
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
