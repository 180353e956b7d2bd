/**
 * kubectl exec / logs (kubectl pkg/cmd/exec/exec.go, pkg/cmd/logs/logs.go,
 * pkg/polymorphichelpers): pick the pod (POD, TYPE/NAME of a workload), pick
 * the container (-c, the kubectl.kubernetes.io/default-container annotation,
 * else the first one with a "Defaulted container" note), then run the command
 * in the container through the shell, or print the kubelet's logs.
 */
import type { StoredObject } from '../api/types';
import type { KubeletService } from '../kubelet/service';
import type { ShellService } from '../cluster';
import { selectorFromLabelSelector, selectorFromSet } from '../labels/selector';
import { parseSelector } from '../labels/parser';
import { StatusError } from '../registry/errors';
import { quoteArg } from '../shell/parse';
import { SHELL_BUILTINS } from '../shell/utils';
import { installedProgram } from '../shell/interp';
import { endSession, noteSession } from '../shell/ps';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { typeOf } from './util';

function badRequest(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
}

function kubelet(k: KubectlContext): KubeletService {
  const s = k.sim.services.kubelet as KubeletService | undefined;
  if (!s) throw new KubectlError('no kubelet is running in this cluster');
  return s;
}

/** Pods of a workload, best first (running and ready before others, then oldest). */
function podsFor(k: KubectlContext, obj: StoredObject): StoredObject[] {
  const spec = obj.spec as Record<string, any> | undefined;
  let sel;
  if (obj.kind === 'Service' || obj.kind === 'ReplicationController') sel = selectorFromSet(spec?.selector);
  else sel = selectorFromLabelSelector(spec?.selector);
  if (sel.empty()) return [];
  const pods = k.sim.api.list('Pod', obj.metadata.namespace, { user: k.user }).filter((p) => sel.matches(p.metadata.labels ?? {}) && !p.metadata.deletionTimestamp);
  const rank = (p: StoredObject) => {
    const st = p.status as Record<string, any> | undefined;
    const ready = (st?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
    return (st?.phase === 'Running' ? 0 : 2) + (ready ? 0 : 1);
  };
  return pods.sort((a, b) => rank(a) - rank(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

/** Resolve `POD` or `TYPE/NAME` to a pod (AttachablePodForObject). */
export function resolvePod(k: KubectlContext, arg: string, verb: 'exec' | 'logs'): { pod: StoredObject; note?: string } {
  if (!arg.includes('/')) return { pod: k.sim.api.get('Pod', k.namespace, arg, { user: k.user }) };
  const [tn, name] = [arg.slice(0, arg.indexOf('/')), arg.slice(arg.indexOf('/') + 1)];
  const t = typeOf(tn);
  const obj = k.sim.api.get(t.kind, t.namespaced ? k.namespace : '', name, { user: k.user });
  if (t.kind === 'Pod') return { pod: obj };
  const pods = podsFor(k, obj);
  if (!pods.length) throw new KubectlError(`cannot ${verb === 'exec' ? 'exec into' : 'get logs of'} ${t.resource}/${name}: no pods found`.replace('cannot get logs of', 'timed out waiting for the condition'));
  return { pod: pods[0], note: pods.length > 1 && verb === 'logs' ? `Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n` : undefined };
}

function containerNames(pod: StoredObject): { all: string[]; display: string[] } {
  const spec = pod.spec as Record<string, any>;
  const main = (spec?.containers ?? []).map((c: any) => c.name as string);
  const init = (spec?.initContainers ?? []).map((c: any) => c.name as string);
  const eph = (spec?.ephemeralContainers ?? []).map((c: any) => c.name as string);
  return { all: [...main, ...init, ...eph], display: [...main, ...eph.map((n: string) => `${n} (ephem)`), ...init.map((n: string) => `${n} (init)`)] };
}

/** -c, else the default-container annotation, else the first container (with kubectl's note when there are several). */
export function pickContainer(k: KubectlContext, pod: StoredObject): string {
  const names = containerNames(pod);
  const c = k.flags.str('container');
  if (c) return c;
  const ann = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (ann && names.all.includes(ann)) return ann;
  const first = names.all[0];
  if (names.all.length > 1) k.err(`Defaulted container "${first}" out of: ${names.display.join(', ')}\n`);
  return first;
}

/**
 * StreamOptions.SetupTTY (kubectl pkg/cmd/exec/exec.go; attach and run use it too): without -i there is no stdin
 * and no TTY, silently; with -i -t the TTY needs kubectl's own stdin to be a terminal (pkg/util/term TTY.IsTerminalIn),
 * otherwise it prints the warning (unless --quiet) and goes on without one. Returns t.Raw: the remote process gets a
 * terminal, and its stderr comes back over stdout.
 */
export function setupTTY(k: KubectlContext): boolean {
  if (!k.flags.bool('stdin') || !k.flags.bool('tty')) return false;
  if (k.cmd.isatty(0)) return true;
  if (!k.flags.bool('quiet')) k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  return false;
}

export const execVerb: VerbSpec = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run(k) {
    const dash = (k as KubectlContext & { dash?: boolean }).dash;
    if (!k.args.length) throw new KubectlError('pod, type/name or --filename must be specified');
    if (k.args.length > 1 && !dash) throw new KubectlError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    const argv = k.dashArgs;
    if (!argv.length) throw new KubectlError('you must specify at least one command for the container');
    const { pod } = resolvePod(k, k.args[0], 'exec');
    const phase = (pod.status as Record<string, any> | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = pickContainer(k, pod);
    if (!containerNames(pod).all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    const view = kubelet(k).container(pod.metadata.namespace!, pod.metadata.name, container);
    if ('error' in view) throw new KubectlError(view.error.replace(/^error: /, ''));
    const tty = setupTTY(k);
    const bin = argv[0].slice(argv[0].lastIndexOf('/') + 1);
    const isBuiltin = bin in SHELL_BUILTINS && view.binaries.has('sh');
    if (!view.binaries.has(bin) && !installedProgram(view.fs, bin) && !isBuiltin) {
      const id = k.sim.rand.hex(64);
      throw new KubectlError(
        `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      );
    }
    const env = new Map(view.env);
    // `kubectl exec -it POD -- bash` at the reader's prompt opens an interactive shell in the container
    if (argv.length === 1 && ['sh', 'bash', 'ash'].includes(bin) && tty) {
      const shell = k.sim.services.shell as ShellService | undefined;
      // on `exit` kubectl reports a non-zero status of the shell as for any command
      const onExit = (code: number) => {
        endSession(view);
        return { err: code !== 0 ? `command terminated with exit code ${code}\n` : '' };
      };
      if (shell?.enterContainer?.({ kind: 'container', namespace: pod.metadata.namespace!, pod: pod.metadata.name, container }, env, bin, view.hostname, onExit)) {
        noteSession(k.sim, view, bin, false);
        return 0;
      }
    }
    const code = k.cmd.exec(argv.map(quoteArg).join(' '), {
      stdin: k.flags.bool('stdin') ? k.cmd.stdin : '',
      location: { kind: 'container', namespace: pod.metadata.namespace!, pod: pod.metadata.name, container },
      env,
      tty,
    });
    if (code !== 0) {
      k.err(`command terminated with exit code ${code}\n`);
      return code;
    }
    return 0;
  },
};

export const logsVerb: VerbSpec = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'ignore-errors', type: 'bool' },
  ],
  run(k) {
    const sel = k.flags.str('selector');
    let pods: StoredObject[];
    if (sel) {
      const s = parseSelector(sel);
      pods = k.sim.api.list('Pod', k.namespace, { user: k.user }).filter((p) => s.matches(p.metadata.labels ?? {}));
      if (!pods.length) {
        k.err(`No resources found in ${k.namespace} namespace.\n`);
        return 0;
      }
    } else {
      if (!k.args.length) throw new KubectlError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
      if (k.args.length > 2) throw new KubectlError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nSee 'kubectl logs -h' for help and examples");
      const r = resolvePod(k, k.args[0], 'logs');
      if (r.note) k.err(r.note);
      pods = [r.pod];
      if (k.args[1] && !k.flags.has('container')) (k.flags as { str(n: string): string | undefined }).str = ((orig) => (n: string) => (n === 'container' ? k.args[1] : orig(n)))(k.flags.str.bind(k.flags));
    }
    const tail = k.flags.int('tail') ?? -1;
    const multi = pods.length > 1 || k.flags.bool('all-containers');
    for (const pod of pods) {
      const names = k.flags.bool('all-containers') ? containerNames(pod).all : [sel ? (k.flags.str('container') ?? containerNames(pod).all[0]) : pickContainer(k, pod)];
      for (const c of names) {
        if (!containerNames(pod).all.includes(c)) throw badRequest(`container ${c} is not valid for pod ${pod.metadata.name}`);
        const r = kubelet(k).logs(pod.metadata.namespace!, pod.metadata.name, c, { previous: k.flags.bool('previous'), tail: tail >= 0 ? tail : sel && tail < 0 ? 10 : undefined });
        if ('error' in r) {
          if (/^(error|Error from server)/.test(r.error)) throw new KubectlError(r.error, 1, true);
          throw badRequest(r.error);
        }
        const prefix = k.flags.bool('prefix') || (multi && k.flags.bool('prefix')) ? `[pod/${pod.metadata.name}/${c}] ` : '';
        k.out(prefix ? r.text.split('\n').map((l, i, a) => (i === a.length - 1 && l === '' ? '' : prefix + l)).join('\n') : r.text);
      }
    }
    return 0;
  },
};
