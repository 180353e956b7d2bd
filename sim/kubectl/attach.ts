/**
 * kubectl attach (kubectl pkg/cmd/attach/attach.go, v1.35):
 * - Validate: "at least 1 argument is required for attach"; "expected POD, TYPE/NAME, or TYPE NAME, (at most 2
 *   arguments) saw %d: %v".
 * - Run: the builder resolves `POD` as a pod, `TYPE/NAME` or `TYPE NAME` as that object (NotFound from the server);
 *   AttachablePodForObject picks a pod of a workload as exec and port-forward do (./exec.ts resolvePod); a completed
 *   pod: "cannot attach a container in a completed pod; current phase is Succeeded".
 * - containerToAttachTo = podcmd.FindOrDefaultContainerByName: -c (else "cannot attach to the container: container X
 *   not found in pod P"), the kubectl.kubernetes.io/default-container annotation, else the first container with
 *   `Defaulted container "X" out of: …` (containers, then ephemeral "(ephem)", then init "(init)") unless -q.
 * - The TTY: -t on a container without `tty: true` prints "error: Unable to use a TTY - container X did not allocate
 *   one" (unless -q) and goes on without one; a container with a TTY forces one. Then StreamOptions.SetupTTY (as
 *   exec: no stdin → no TTY, silently; stdin not a terminal → "Unable to use a TTY - input is not a terminal or the
 *   right kind of file").
 * - Unless -q: the recording notice and "If you don't see a command prompt, try pressing enter." on stderr, then the
 *   stream; after it, reattachMessage (stdin, a raw TTY, restartPolicy Always, not -q): "Session ended, resume using
 *   'kubectl attach P -c C -i -t' command when the pod is running" (the ephemeral container's variant otherwise).
 *
 * The stream in the simulator:
 * - `-it` to a container whose main process is a lone shell (`kubectl run b --image=busybox -it -- sh` left running,
 *   or a pod spec with stdin/tty) at the reader's prompt: the following commands run in that shell (the shell
 *   module's session, as `kubectl exec -it`), `exit` ends the container's main process with that status.
 * - Otherwise attach streams what the container writes from now on. The cluster settles (as after every command):
 *   a container that ends meanwhile ends the stream (its output since the attach is shown, exit 0); one that keeps
 *   running would stream until interrupted, and the simulator cannot press Ctrl-C for the reader, so it is
 *   interrupted at once, as a foreground `kubectl port-forward` is: the terminal echoes `^C`. Without -i kubectl has
 *   no handler for SIGINT and dies of it (status 130); with -i on a terminal term.TTY.Safe's interrupt handler
 *   restores the terminal and exits 1 (kubectl pkg/util/interrupt: os.Exit(1) when no final handler).
 * - Not at the reader's prompt (a script, a pipe): a shell that reads stdin runs kubectl's stdin; with stdinOnce its
 *   stdin then closes and it exits.
 */
import type { StoredObject } from '../api/types';
import type { KubeletService } from '../kubelet/service';
import type { ShellService } from '../cluster';
import { quoteArg } from '../shell/parse';
import { noteSession } from '../shell/ps';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { resolvePod } from './exec';

type C = Record<string, any>;

const SHELLS = ['sh', 'bash', 'ash'];

/** podcmd.FindContainerByName: the container's spec and where it is declared. */
function findContainer(pod: StoredObject, name: string): { spec: C; ephemeral: boolean } | undefined {
  const spec = pod.spec as C;
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    const c = (spec?.[key] ?? []).find((x: C) => x.name === name);
    if (c) return { spec: c, ephemeral: key === 'ephemeralContainers' };
  }
  return undefined;
}

/** podcmd.AllContainerNames: containers, ephemeral containers, init containers. */
function allContainerNames(pod: StoredObject): string {
  const spec = pod.spec as C;
  return [
    ...(spec?.containers ?? []).map((c: C) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c: C) => `${c.name} (ephem)`),
    ...(spec?.initContainers ?? []).map((c: C) => `${c.name} (init)`),
  ].join(', ');
}

/** podcmd.FindOrDefaultContainerByName (v1.35). */
function containerToAttachTo(k: KubectlContext, pod: StoredObject, quiet: boolean): { spec: C; ephemeral: boolean } {
  const name = k.flags.str('container') ?? '';
  if (name) {
    const c = findContainer(pod, name);
    if (!c) throw new KubectlError(`cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}`);
    return c;
  }
  const spec = pod.spec as C;
  if (!(spec?.containers ?? []).length) throw new KubectlError(`cannot attach to the container: pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const ann = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (ann) {
    const c = findContainer(pod, ann);
    if (c) return c;
  }
  const first = spec.containers[0];
  if (!quiet && (spec.containers.length > 1 || (spec.initContainers ?? []).length || (spec.ephemeralContainers ?? []).length)) {
    k.err(`Defaulted container "${first.name}" out of: ${allContainerNames(pod)}\n`);
  }
  return { spec: first, ephemeral: false };
}

/** The container's status (its restart count tells a new instance). */
function statusOf(pod: StoredObject | undefined, name: string): C | undefined {
  const st = (pod?.status ?? {}) as C;
  for (const list of [st.containerStatuses, st.initContainerStatuses, st.ephemeralContainerStatuses] as (C[] | undefined)[]) {
    const s = (list ?? []).find((x) => x.name === name);
    if (s) return s;
  }
  return undefined;
}

function run(k: KubectlContext): number {
  const res = k.args;
  if (!res.length) throw new KubectlError('at least 1 argument is required for attach');
  if (res.length > 2) throw new KubectlError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${res.length}: [${res.join(' ')}]`);
  const timeout = k.flags.str('pod-running-timeout') ?? '1m0s';
  if (/^0+(s|m|h|ms)?$/.test(timeout) || timeout.startsWith('-')) throw new KubectlError('--pod-running-timeout must be higher than zero');
  const quiet = k.flags.bool('quiet');
  const stdin = k.flags.bool('stdin');
  // b.ResourceNames("pods", POD) / b.ResourceNames(TYPE, NAME); AttachablePodForObject
  const { pod } = resolvePod(k, res.length === 2 ? `${res[0]}/${res[1]}` : res[0], 'logs');
  const phase = (pod.status as C | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const { spec: container, ephemeral } = containerToAttachTo(k, pod, quiet);
  const name = container.name as string;
  // check for TTY
  let tty = k.flags.bool('tty');
  if (tty && !container.tty) {
    tty = false;
    if (!quiet) k.err(`error: Unable to use a TTY - container ${name} did not allocate one\n`);
  } else if (!tty && container.tty) tty = true;
  // SetupTTY
  let raw = false;
  if (stdin && tty) {
    if (k.cmd.isatty(0)) raw = true;
    else if (!quiet) k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (!quiet) {
    k.err('All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n');
    k.err("If you don't see a command prompt, try pressing enter.\n");
  }
  const ns = pod.metadata.namespace!;
  const kubelet = k.sim.services.kubelet as (KubeletService & { stdinClosed?(ns: string, pod: string, c: string, code: number): void }) | undefined;
  if (!kubelet) throw new KubectlError('no kubelet is running in this cluster');
  // the kubelet's attach: the container must be running
  const view = kubelet.container(ns, pod.metadata.name, name);
  if ('error' in view) throw new KubectlError(view.error.replace(/^error: /, ''));
  const reattach = () => {
    if (quiet || !stdin || !raw || (pod.spec as C).restartPolicy !== 'Always') return '';
    return ephemeral
      ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod.metadata.name} -c ${name} -i -t' if it is still running\n`
      : `Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${name} -i -t' command when the pod is running\n`;
  };
  const argv = view.argv ?? [];
  const bin = String(argv[0] ?? '').slice(String(argv[0] ?? '').lastIndexOf('/') + 1);
  const shell = argv.length === 1 && SHELLS.includes(bin) && container.stdin === true;
  const location = { kind: 'container' as const, namespace: ns, pod: pod.metadata.name, container: name };
  if (shell && stdin && raw) {
    const svc = k.sim.services.shell as ShellService | undefined;
    const entered = svc?.enterContainer?.(location, new Map(view.env), bin, view.hostname, (code) => {
      kubelet.stdinClosed?.(ns, pod.metadata.name, name, code);
      return { out: reattach() };
    });
    if (entered) {
      noteSession(k.sim, view, bin, true);
      return 0;
    }
  }
  if (shell && stdin && !k.cmd.isatty(0)) {
    // a script or a pipe: the shell reads kubectl's stdin; stdinOnce closes the container's stdin after it
    const code = k.cmd.exec(argv.map(quoteArg).join(' '), { stdin: k.cmd.stdin, location, env: new Map(view.env), tty: raw });
    if (container.stdinOnce) kubelet.stdinClosed?.(ns, pod.metadata.name, name, code);
    k.out(reattach());
    if (container.stdinOnce) return 0;
  }
  // streaming the container's output from now on: what it writes until it ends, as far as the cluster settles
  const before = statusOf(pod, name);
  const seen = kubelet.logs(ns, pod.metadata.name, name);
  const seenText = 'text' in seen ? seen.text : '';
  k.sim.runtime.settle();
  const now = k.sim.store.get('Pod', ns, pod.metadata.name);
  const after = statusOf(now, name);
  const restarted = (after?.restartCount ?? 0) !== (before?.restartCount ?? 0);
  const ended = !now || now.metadata.uid !== pod.metadata.uid || restarted || !!after?.state?.terminated;
  const logs = kubelet.logs(ns, pod.metadata.name, name, { previous: restarted });
  const text = 'text' in logs ? logs.text : '';
  if (text.startsWith(seenText)) k.out(text.slice(seenText.length));
  if (ended) return 0;
  // still running: interrupted
  if (k.cmd.isatty(0) && k.cmd.isatty(1)) k.out('^C');
  return stdin && k.cmd.isatty(0) ? 1 : 130;
}

export const attachVerb: VerbSpec = {
  name: 'attach',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  run,
};
