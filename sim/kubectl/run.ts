/**
 * kubectl run (kubectl pkg/cmd/run/run.go, pkg/generate/versioned/run.go
 * BasicPod): one Pod labelled `run=<name>`, container named after the pod,
 * `--port`, `--env`, `--labels`, `--restart`, `--command`, args after `--`,
 * `--expose` (a ClusterIP Service too), `--dry-run -o`. With `-i`/`--attach`
 * kubectl waits for the pod and streams its output; `--rm` deletes it after.
 */
import type { KObject, StoredObject } from '../api/types';
import { StatusError } from '../registry/errors';
import type { KubeletService } from '../kubelet/service';
import type { ShellService } from '../cluster';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { dryRunOf } from './util';
import { PRINT_FLAGS, toPrinter } from './output';
import { setupTTY } from './exec';
import { validateLabelKey, validateLabelValue } from './label-validate';
import { jsonMergePatch, jsonPatch, strategicMerge } from './merge';

type C = Record<string, any>;

function parseEnv(values: string[]): C[] {
  return values.map((v) => {
    const i = v.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid env: ${v}`);
    return { name: v.slice(0, i), value: v.slice(i + 1) };
  });
}

function parseLabels(spec: string, name: string): Record<string, string> {
  if (!spec) return { run: name };
  const out: Record<string, string> = {};
  for (const kv of spec.split(',')) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid label spec: ${kv}`);
    const key = kv.slice(0, i);
    const value = kv.slice(i + 1);
    const ke = validateLabelKey(key);
    if (ke) throw new KubectlError(`invalid label spec: ${kv}: ${ke}`);
    const ve = validateLabelValue(value);
    if (ve) throw new KubectlError(`invalid label value: "${kv}": ${ve}`);
    out[key] = value;
  }
  return out;
}

function containerState(pod: StoredObject | undefined): C | undefined {
  return ((pod?.status as C)?.containerStatuses ?? [])[0]?.state;
}

export const runVerb: VerbSpec = {
  name: 'run',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'command', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'dry-run', type: 'string' },
    ...PRINT_FLAGS,
    { name: 'overrides', type: 'string' },
    { name: 'override-type', type: 'string' },
    { name: 'privileged', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run(k) {
    // cobra checks the required flags before Run (MarkFlagRequired("image"))
    const image = k.flags.str('image');
    if (!image) throw new KubectlError('required flag(s) "image" not set');
    // RunFlags.ToOptions: the dry-run strategy, then PrintFlagsWithDryRunStrategy and ToPrinter, before Validate
    const dry = dryRunOf(k);
    const printer = toPrinter(k, { operation: 'created', dryRun: dry });
    if (!k.args.length) throw new KubectlError("NAME is required for run\nSee 'kubectl run -h' for help and examples");
    const name = k.args[0];
    // RunOptions.Validate
    if (k.flags.bool('tty') && !k.flags.bool('stdin')) throw new KubectlError('-i/--stdin is required for containers with -t/--tty=true');
    const restart = k.flags.str('restart') ?? 'Always';
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}`);
    const attach = k.flags.bool('attach') || k.flags.bool('stdin');
    const rm = k.flags.bool('rm');
    if (rm && !attach) throw new KubectlError('--rm should only be used for attached containers');
    const port = k.flags.str('port') ?? '';
    if (k.flags.bool('expose') && !port) throw new KubectlError('--port must be set when exposing a service');
    const extra = [...k.args.slice(1), ...k.dashArgs];
    const container: C = { image, name, resources: {} };
    if (extra.length) container[k.flags.bool('command') ? 'command' : 'args'] = extra;
    if (port) {
      const n = Number(port);
      if (!/^\d+$/.test(port)) throw new KubectlError(`strconv.Atoi: parsing "${port}": invalid syntax`);
      container.ports = [{ containerPort: n }];
    }
    const env = k.flags.all('env');
    if (env.length) container.env = parseEnv(env);
    const pullPolicy = k.flags.str('image-pull-policy');
    if (pullPolicy) container.imagePullPolicy = pullPolicy;
    if (attach) {
      container.stdin = true;
      container.stdinOnce = true;
      if (k.flags.bool('tty')) container.tty = true;
    }
    const labels = parseLabels(k.flags.str('labels') ?? '', name);
    const annotations: Record<string, string> = {};
    for (const a of k.flags.all('annotations')) {
      const i = a.indexOf('=');
      if (i <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    let pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), labels, name },
      spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
      status: {},
    } as unknown as KObject;
    // --overrides: a JSON patch of the generated pod (kubectl run --override-type: merge (default), strategic, json)
    const overrides = k.flags.str('overrides');
    if (overrides) {
      let patch: unknown;
      try {
        patch = JSON.parse(overrides);
      } catch (e) {
        throw new KubectlError(`error parsing override: ${(e as Error).message}`);
      }
      const type = k.flags.str('override-type') || 'merge';
      if (type === 'merge') pod = jsonMergePatch(pod as never, patch as never) as unknown as KObject;
      else if (type === 'strategic') pod = strategicMerge(pod as never, patch as never) as unknown as KObject;
      else if (type === 'json') pod = jsonPatch(pod as never, patch as never) as unknown as KObject;
      else throw new KubectlError(`--override-type must be one of (json, merge, strategic), got "${type}"`);
    }
    // createGeneratedObject (run.go): with --dry-run=client and an explicit namespace the object carries it
    if (dry === 'client' && k.namespaceExplicit) (pod.metadata as C).namespace = k.namespace;
    // Run: the Pod is created first (its errors end the command); then, with --expose, generateService creates the
    // Service and prints it at once (plus a "---" line when -o is yaml: "separate yaml objects"; the YAML printer
    // writes its own "---" before the Pod as well); its error is kept for the end, after the Pod is printed
    let created: KObject = pod;
    if (dry !== 'client') created = k.sim.api.create(pod, { user: k.user, namespace: k.namespace, dryRun: dry === 'server' });
    let serviceError: unknown;
    if (k.flags.bool('expose')) {
      // the ServiceV2 generator (generate/versioned/service.go): selector = --labels or run=NAME, metadata.labels =
      // --labels when given, one TCP port with targetPort = port
      const svc = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, ...(k.flags.str('labels') ? { labels } : {}), ...(dry === 'client' && k.namespaceExplicit ? { namespace: k.namespace } : {}) },
        spec: { ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }], selector: labels },
        status: { loadBalancer: {} },
      } as unknown as KObject;
      try {
        const svcResult = dry === 'client' ? svc : k.sim.api.create(svc, { user: k.user, namespace: k.namespace, dryRun: dry === 'server' });
        printer.print(svcResult, true);
        if (k.flags.str('output') === 'yaml') k.out('---\n');
      } catch (e) {
        // the create's error or the printer's: run.go collects it in allErrs
        if (!(e instanceof StatusError) && !(e instanceof KubectlError)) throw e;
        serviceError = e;
      }
    }
    if (!attach || dry !== 'none') {
      // the typed Pod the typed client returns: -o json in Go's field order; then the Service's error (an
      // aggregate of one: CheckErr shows it as that error)
      printer.print(created, true);
      if (serviceError) throw serviceError;
      return 0;
    }
    // attach (run.go handleAttachPod): wait for the pod; one that already completed only has its logs shown,
    // a running one is attached (attach.go AttachOptions.Run: SetupTTY, then the recording notice and the prompt hint)
    k.sim.runtime.settle();
    const phase = ((k.sim.store.get('Pod', k.namespace, name)?.status as C | undefined)?.phase ?? '') as string;
    const attached = phase !== 'Succeeded' && phase !== 'Failed';
    const tty = attached && setupTTY(k);
    const attachNotice = () => {
      if (k.flags.bool('quiet')) return;
      k.err('All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n');
      k.err("If you don't see a command prompt, try pressing enter.\n");
    };
    // an interactive shell (`kubectl run -it … -- sh`) at the reader's prompt: the session runs in the container
    const argv0 = String((container.command ?? container.args ?? [])[0] ?? '');
    const shellBin = argv0.slice(argv0.lastIndexOf('/') + 1);
    const lone = (container.command ?? container.args ?? []).length === 1 && ['sh', 'bash', 'ash'].includes(shellBin);
    if (lone && tty) {
      const kubelet0 = k.sim.services.kubelet as KubeletService | undefined;
      const view = kubelet0?.container(k.namespace, name, name);
      const shell = k.sim.services.shell as ShellService | undefined;
      if (view && !('error' in view) && shell?.enterContainer) {
        const ns = k.namespace;
        const entered = shell.enterContainer({ kind: 'container', namespace: ns, pod: name, container: name }, new Map(view.env), shellBin, view.hostname, (code) => {
          // kubectl run (attach): without --rm the pod stays and kubectl says how to re-attach
          let out = rm ? '' : `Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`;
          if (rm) {
            try {
              k.sim.api.delete('Pod', ns, name, { user: k.user });
              out = `pod "${name}" deleted from ${ns} namespace\n`;
            } catch {
              /* already gone */
            }
          }
          return { out, err: code !== 0 ? `pod ${ns}/${name} terminated (Error)\n` : '' };
        });
        if (entered) {
          attachNotice();
          return 0;
        }
      }
    }
    const kubelet = k.sim.services.kubelet as KubeletService | undefined;
    const state = containerState(k.sim.store.get('Pod', k.namespace, name));
    if (attached) attachNotice();
    const logs = kubelet?.logs(k.namespace, name, name);
    if (logs && 'text' in logs) k.out(logs.text);
    let code = 0;
    if (state?.terminated) code = state.terminated.exitCode ?? 0;
    else if (state?.waiting) {
      const reason = state.waiting.reason;
      k.err(`error: timed out waiting for the condition\n`);
      code = 1;
      void reason;
    }
    if (rm) {
      try {
        k.sim.api.delete('Pod', k.namespace, name, { user: k.user });
        k.sim.runtime.settle();
        k.out(`pod "${name}" deleted from ${k.namespace} namespace\n`);
      } catch {
        // already gone
      }
    }
    if (code !== 0 && state?.terminated) {
      k.err(`pod ${k.namespace}/${name} terminated (${state.terminated.reason ?? 'Error'})\n${state.terminated.message ?? ''}`);
      return code;
    }
    return code;
  },
};
