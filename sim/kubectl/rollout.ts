/**
 * kubectl rollout status|history|undo|pause|resume|restart (kubectl
 * pkg/cmd/rollout/*.go, pkg/polymorphichelpers/{rollout_status,history,
 * rollback,objectpauser,objectresumer,objectrestarter}.go; reference §5.3).
 * `status` watches: simulated time moves on until the rollout finishes, the
 * Deployment's progress deadline passes, or --timeout expires.
 */
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { kindGroup, type ResourceType } from '../api/resources';
import { templateWithoutHash, revisionOf } from '../controllers/deployment';
import { deepEqual } from '../registry/apiserver';
import { templatePatch } from '../registry/controllerrevision';
import { selectorFromLabelSelector } from '../labels/selector';
import { strategicMerge } from './merge';
import { parseGoDuration } from './go-duration';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { dryRunOf, parseResourceArgs, readSources, infosFromSources, sendPatch } from './util';
import { PRINT_FLAGS, toPrinter } from './output';
import { renderErrors } from './errors';
import { PrefixWriter } from './printers/tabwriter';
import { describePodTemplateText } from './describe';

type C = Record<string, any>;
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface Target {
  type: ResourceType;
  obj: StoredObject;
}

function targets(k: KubectlContext, args: string[]): Target[] {
  const files = k.flags.all('filename');
  if (files.length) {
    const { infos, errors } = infosFromSources(k, readSources(k, files));
    if (errors.length) throw errors[0];
    return infos.map((i) => ({ type: i.type, obj: k.sim.api.get(i.type.kind, i.namespace, i.name, { user: k.user }) }));
  }
  if (!args.length) throw new KubectlError("required resource not specified");
  const refs = parseResourceArgs(args);
  return refs.map((r) => {
    if (!r.name) throw new KubectlError('resource(s) were provided, but no name was specified');
    return { type: r.type, obj: k.sim.api.get(r.type.kind, r.type.namespaced ? k.namespace : '', r.name, { user: k.user }) };
  });
}

function ownedReplicaSets(k: KubectlContext, d: StoredObject): StoredObject[] {
  return k.sim.store
    .list('ReplicaSet', d.metadata.namespace)
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: C) => r.controller && r.uid === d.metadata.uid));
}

function statusOf(o: StoredObject): { msg: string; done: boolean; error?: string } {
  const s = (o.spec ?? {}) as C;
  const st = (o.status ?? {}) as C;
  const name = o.metadata.name;
  const gen = o.metadata.generation ?? 0;
  if (o.kind === 'Deployment') {
    if (gen > (st.observedGeneration ?? 0)) return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
    const prog = ((st.conditions ?? []) as C[]).find((c) => c.type === 'Progressing');
    if (prog?.reason === 'ProgressDeadlineExceeded') return { msg: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const replicas = s.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < replicas) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    if ((st.replicas ?? 0) > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((st.availableReplicas ?? 0) < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  if (o.kind === 'DaemonSet') {
    if ((s.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { msg: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
    if (gen > (st.observedGeneration ?? 0)) return { msg: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const desired = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < desired) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
    if ((st.numberAvailable ?? 0) < desired) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
    return { msg: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  if (o.kind === 'StatefulSet') {
    if ((s.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { msg: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
    if (!st.observedGeneration || gen > st.observedGeneration) return { msg: 'Waiting for statefulset spec update to be observed...\n', done: false };
    const replicas = s.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < replicas) return { msg: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
    if (st.updateRevision !== st.currentRevision) return { msg: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
    return { msg: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
  }
  return { msg: '', done: true, error: `no status viewer has been implemented for ${o.kind}` };
}

/**
 * rollout status --timeout: pflag's DurationVar (Go's time.ParseDuration; its error a flag error with the
 * subcommand's usage hint); watchtools.ContextWithOptionalTimeout: 0 (the default) or less waits without a limit.
 */
function parseTimeout(v: string | undefined): number {
  if (v === undefined) return Infinity;
  const d = parseGoDuration(v);
  if ('error' in d) throw statusFlagError(`invalid argument ${JSON.stringify(v)} for "--timeout" flag: ${d.error}`);
  return d.ns <= 0n ? Infinity : Number(d.ns) / 1e6;
}

function rolloutStatus(k: KubectlContext, args: string[]): number {
  // a flag error comes from parsing, before anything else
  const timeout = parseTimeout(k.flags.str('timeout'));
  const [t] = targets(k, args);
  const watch = k.flags.has('watch') ? k.flags.bool('watch') : true;
  // a real watch would wait forever; the simulator gives up after an hour of simulated time
  const limit = k.now() + Math.min(timeout, 3600_000);
  let last = '';
  for (;;) {
    const o = k.sim.store.get(t.type.kind, t.obj.metadata.namespace ?? '', t.obj.metadata.name);
    if (!o) throw new KubectlError(`object has been deleted`);
    const st = statusOf(o);
    if (st.error) throw new KubectlError(st.error);
    if (st.msg !== last) k.out(st.msg);
    last = st.msg;
    if (st.done || !watch) return 0;
    if (k.now() >= limit) throw new KubectlError('timed out waiting for the condition');
    k.sim.runtime.advance(1000);
  }
}

/** The kinds kubectl's apps.GroupKindElement.Accept visits (pkg/apps/kind_visitor.go), by the groups it matches. */
const VISITED: Record<string, string[]> = {
  DaemonSet: ['apps', 'extensions'],
  Deployment: ['apps', 'extensions'],
  Job: ['batch'],
  Pod: [''],
  ReplicaSet: ['apps', 'extensions'],
  ReplicationController: [''],
  StatefulSet: ['apps'],
  CronJob: ['batch'],
};

/**
 * HistoryViewerFor / RollbackerFor for a kind without one: a visited kind is "no history viewer has been implemented
 * for %q" (the GroupKind's String: Kind.group), any other "error retrieving history for %q, no visitor method
 * exists for %v" (the GroupKindElement struct: {group kind}).
 */
function noHelper(t: Target, helper: 'history viewer' | 'rollbacker'): KubectlError {
  const { group } = t.type;
  const kind = t.obj.kind;
  const gk = group ? `${kind}.${group}` : kind;
  if (VISITED[kind]?.includes(group)) return new KubectlError(`no ${helper} has been implemented for "${gk}"`);
  return new KubectlError(`error retrieving ${helper === 'rollbacker' ? 'rollbacker' : 'history'} for "${gk}", no visitor method exists for {${group} ${kind}}`);
}

/**
 * controlledHistory (polymorphichelpers/history.go daemonSetHistory/statefulSetHistory): the ControllerRevisions
 * in the object's namespace its selector selects and it controls.
 */
function controllerRevisions(k: KubectlContext, o: StoredObject): StoredObject[] {
  const sel = selectorFromLabelSelector((o.spec as C)?.selector);
  return k.sim.store
    .list('ControllerRevision', o.metadata.namespace)
    .filter((cr) => sel.matches(cr.metadata.labels ?? {}) && (cr.metadata.ownerReferences ?? []).some((r: C) => r.controller && r.uid === o.metadata.uid));
}

/** applyDaemonSetHistory / applyStatefulSetHistory: the object with the revision's patch (spec.template, `$patch: replace`) applied. */
function applyRevision(o: StoredObject, cr: StoredObject): KObject {
  return strategicMerge(clone(o), (cr as C).data) as KObject;
}

/**
 * HistoryViewer.GetHistory / ViewHistory: per revision the object -o prints (a Deployment's ReplicaSet, the
 * DaemonSet/StatefulSet with the revision applied), whose spec.template is the revision's pod template, and its
 * change-cause (the ReplicaSet's, the ControllerRevision's annotation).
 */
function history(k: KubectlContext, o: StoredObject): Map<number, { obj: KObject; cause: string }> {
  const m = new Map<number, { obj: KObject; cause: string }>();
  if (o.kind === 'Deployment') {
    for (const rs of ownedReplicaSets(k, o)) if (revisionOf(rs) > 0) m.set(revisionOf(rs), { obj: rs, cause: rs.metadata.annotations?.[CHANGE_CAUSE] ?? '' });
  } else {
    for (const cr of controllerRevisions(k, o)) m.set((cr as C).revision ?? 0, { obj: applyRevision(o, cr), cause: cr.metadata.annotations?.[CHANGE_CAUSE] ?? '' });
  }
  return m;
}

/**
 * rollout history (rollout_history.go, polymorphichelpers/history.go): a history viewer for Deployments (their
 * ReplicaSets), DaemonSets and StatefulSets (their ControllerRevisions). Without -o, ViewHistory's text as the
 * operation of the name printer: "\n" + the REVISION/CHANGE-CAUSE table (tabwriter 0, 8, 2), "No rollout history
 * found.", or with --revision "with revision #N\n" + printTemplate; with -o (OutputFlagSpecified) GetHistory's
 * objects, one revision or all in revision order.
 */
function rolloutHistory(k: KubectlContext, args: string[]): number {
  const ts = targets(k, args);
  const printer = k.flags.has('output') ? toPrinter(k) : undefined;
  for (const t of ts) {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(t.obj.kind)) throw noHelper(t, 'history viewer');
    const revFlag = k.flags.int('revision') ?? 0;
    const info = history(k, t.obj);
    if (printer) {
      if (revFlag > 0) {
        const h = info.get(revFlag);
        if (!h) throw new KubectlError('unable to find the specified revision');
        printer.print(h.obj, true);
      } else for (const r of [...info.keys()].sort((a, b) => a - b)) printer.print(info.get(r)!.obj, true);
      continue;
    }
    const name = `${kindGroup(t.type)}/${t.obj.metadata.name}`;
    if (!info.size) {
      k.out(`${name} \nNo rollout history found.\n`);
      continue;
    }
    if (revFlag > 0) {
      const h = info.get(revFlag);
      if (!h) throw new KubectlError('unable to find the specified revision');
      k.out(`${name} with revision #${revFlag}\n`);
      k.out(describePodTemplateText(k, (h.obj.spec as C).template) + '\n');
      continue;
    }
    const w = new PrefixWriter();
    w.write(0, 'REVISION\tCHANGE-CAUSE\n');
    for (const r of [...info.keys()].sort((a, b) => a - b)) w.write(0, `${r}\t${info.get(r)!.cause || '<none>'}\n`);
    k.out(`${name} \n${w.toString()}\n`);
  }
  return 0;
}

/**
 * rollout undo of a Deployment (rollout_undo.go RunUndo, polymorphichelpers/rollback.go DeploymentRollbacker):
 * the revision to go back to first (deploymentRevision: --to-revision, else the second newest; "unable to find
 * specified revision N in history", "no rollout history found for deployment"); with --dry-run=client the result is
 * that ReplicaSet's pod template as printTemplate describes it (describe.DescribePodTemplate on a PrefixWriter, the
 * pod-template-hash label kept), so the name printer writes it after the name, then " (dry run)"; otherwise a
 * paused Deployment is refused, an equal template (the hash label aside) is "skipped rollback (current template
 * already matches revision <--to-revision>)", else the template is patched back ("rolled back"). RunUndo prints the
 * object it read with o.ToPrinter(result).
 */
function rolloutUndo(k: KubectlContext, args: string[]): number {
  for (const t of targets(k, args)) {
    if (t.obj.kind === 'DaemonSet' || t.obj.kind === 'StatefulSet') {
      undoFromControllerRevisions(k, t);
      continue;
    }
    if (t.obj.kind !== 'Deployment') throw noHelper(t, 'rollbacker');
    const d = t.obj;
    const dry = dryRunOf(k);
    const toRevision = k.flags.int('to-revision') ?? 0;
    if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
    const rsList = ownedReplicaSets(k, d);
    let target: StoredObject | undefined;
    if (toRevision > 0) {
      target = rsList.find((r) => revisionOf(r) === toRevision);
      if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
    } else {
      const revs = rsList.map(revisionOf).filter((r) => r > 0).sort((a, b) => b - a);
      if (revs.length < 2) throw new KubectlError(`no rollout history found for deployment "${d.metadata.name}"`);
      target = rsList.find((r) => revisionOf(r) === revs[1]);
    }
    const print = (result: string) => toPrinter(k, { operation: result, dryRun: dry }).print(d, true);
    if (dry === 'client') {
      print(describePodTemplateText(k, (target!.spec as C).template));
      continue;
    }
    // rollback.go DeploymentRollbacker.Rollback names the deployment in its hint
    if ((d.spec as C)?.paused) {
      throw new KubectlError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${d.metadata.name}' and try again`);
    }
    const want = templateWithoutHash((target!.spec as C).template);
    if (deepEqual(templateWithoutHash((d.spec as C).template), want)) {
      print(`skipped rollback (current template already matches revision ${toRevision})`);
      continue;
    }
    const next = clone(d) as KObject;
    (next.spec as C).template = want;
    const cause = target!.metadata.annotations?.[CHANGE_CAUSE];
    const ann = { ...(next.metadata!.annotations ?? {}) };
    if (cause) ann[CHANGE_CAUSE] = cause;
    else delete ann[CHANGE_CAUSE];
    next.metadata!.annotations = ann;
    // DeploymentRollbacker.Rollback: a JSON patch of spec.template and metadata.annotations (a PATCH, verb patch);
    // "failed restoring revision %d: %v" on error
    sendPatch(k, next, `failed restoring revision ${toRevision}: `, dry === 'server');
    print('rolled back');
  }
  return 0;
}

/**
 * rollout undo of a DaemonSet or StatefulSet (polymorphichelpers/rollback.go DaemonSetRollbacker,
 * StatefulSetRollbacker): the ControllerRevisions it controls; a negative --to-revision, or one not in them, is
 * "unable to find specified revision N in history"; without --to-revision there must be two ("no last revision to
 * roll back to") and the second newest is taken (findHistory). --dry-run=client: "will roll back to " + the applied
 * revision's pod template (printTemplate); a revision whose patch is the current one's (getDaemonSetPatch bytes
 * equal to the revision's data) is "skipped rollback (current template already matches revision N)"; else the
 * revision's data is sent as a strategic merge patch ("failed restoring revision N: %v" on error): "rolled back".
 */
function undoFromControllerRevisions(k: KubectlContext, t: Target): void {
  const o = t.obj;
  const dry = dryRunOf(k);
  const toRevision = k.flags.int('to-revision') ?? 0;
  const notFound = () => new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision < 0) throw notFound();
  const history = controllerRevisions(k, o);
  if (toRevision === 0 && history.length <= 1) throw new KubectlError('no last revision to roll back to');
  const byRevision = [...history].sort((a, b) => ((a as C).revision ?? 0) - ((b as C).revision ?? 0));
  const to = toRevision === 0 ? byRevision[byRevision.length - 2] : history.find((h) => (h as C).revision === toRevision);
  if (!to) throw notFound();
  const print = (result: string) => toPrinter(k, { operation: result, dryRun: dry }).print(o, true);
  if (dry === 'client') {
    print(`will roll back to ${describePodTemplateText(k, (applyRevision(o, to).spec as C).template)}`);
    return;
  }
  if (deepEqual(templatePatch(o), (to as C).data)) {
    print(`skipped rollback (current template already matches revision ${toRevision})`);
    return;
  }
  sendPatch(k, applyRevision(o, to), `failed restoring revision ${toRevision}: `, dry === 'server');
  print('rolled back');
}

function setPaused(k: KubectlContext, args: string[], paused: boolean): number {
  const errors: unknown[] = [];
  for (const t of targets(k, args)) {
    if (t.obj.kind !== 'Deployment') {
      errors.push(new KubectlError(`${paused ? 'pausing' : 'resuming'} is not supported`));
      continue;
    }
    // RunPause/RunResume: o.ToPrinter(operation) once the object is patched (info.Refresh: the server's answer);
    // a printer error joins the others
    const print = (op: string, o: KObject) => {
      try {
        toPrinter(k, { operation: op }).print(o, true);
      } catch (e) {
        errors.push(e);
      }
    };
    if (!!(t.obj.spec as C)?.paused === paused) {
      print(`already ${paused ? 'paused' : 'resumed'}`, t.obj);
      continue;
    }
    const next = clone(t.obj) as KObject;
    (next.spec as C).paused = paused || undefined;
    if (!paused) delete (next.spec as C).paused;
    let patched: KObject;
    try {
      patched = sendPatch(k, next, 'failed to patch: ', false);
    } catch (e) {
      errors.push(e);
      continue;
    }
    print(paused ? 'paused' : 'resumed', patched);
  }
  if (errors.length) {
    k.err(renderErrors(errors));
    return 1;
  }
  return 0;
}


function rolloutRestart(k: KubectlContext, args: string[]): number {
  const errors: unknown[] = [];
  for (const t of targets(k, args)) {
    const name = `${kindGroup(t.type)}/${t.obj.metadata.name}`;
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(t.obj.kind)) throw new KubectlError(`restarting is not supported`);
    if ((t.obj.spec as C)?.paused) throw new KubectlError("can't restart paused deployment (run rollout resume first)");
    const next = clone(t.obj) as KObject;
    const tpl = ((next.spec as C).template ??= {});
    tpl.metadata = { ...(tpl.metadata ?? {}), annotations: { ...(tpl.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': k.sim.clock.iso() } };
    // RunRestart: o.ToPrinter("restarted") after the patch, printing the server's answer; a failed patch joins
    // the errors printed at the end, the other objects are still restarted
    let patched: KObject;
    try {
      patched = sendPatch(k, next, 'failed to patch: ', false);
    } catch (e) {
      errors.push(e);
      continue;
    }
    toPrinter(k, { operation: 'restarted' }).print(patched, true);
  }
  if (errors.length) {
    k.err(renderErrors(errors));
    return 1;
  }
  return 0;
}

/** cobra's flag error of a subcommand: pflag's message and the subcommand's help hint. */
function statusFlagError(message: string): KubectlError {
  return new KubectlError(`${message}\nSee 'kubectl rollout status --help' for usage.`);
}

/** The pflag error `rollout status` gives for the first of the PrintFlags' flags (-o, --template, …) it meets. */
function rejectPrintFlags(k: KubectlContext): void {
  for (const a of k.cmd.argv) {
    if (a === '--') return;
    const long = /^--(output|template|allow-missing-template-keys|show-managed-fields)(=|$)/.exec(a);
    if (long) throw statusFlagError(`unknown flag: --${long[1]}`);
    if (/^-[^-]/.test(a)) {
      // a shorthand group: pflag takes the letters in turn, -w being rollout status's only boolean shorthand
      for (const ch of a.slice(1)) {
        if (ch === 'o') throw statusFlagError(`unknown shorthand flag: 'o' in ${a}`);
        if (ch !== 'w') break;
      }
    }
  }
}

const SUBS: Record<string, (k: KubectlContext, args: string[]) => number> = {
  status: rolloutStatus,
  history: rolloutHistory,
  undo: rolloutUndo,
  pause: (k, a) => setPaused(k, a, true),
  resume: (k, a) => setPaused(k, a, false),
  restart: rolloutRestart,
};

export const rolloutVerb: VerbSpec = {
  name: 'rollout',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'timeout', type: 'string' },
    { name: 'revision', type: 'int' },
    { name: 'to-revision', type: 'int' },
    { name: 'dry-run', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    ...PRINT_FLAGS,
  ],
  run(k) {
    const sub = k.args[0];
    if (!sub) {
      k.out(
        'Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets\n\nAvailable Commands:\n  history       View rollout history\n  pause         Mark the provided resource as paused\n  restart       Restart a resource\n  resume        Resume a paused resource\n  status        Show the status of the rollout\n  undo          Undo a previous rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse "kubectl rollout <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
      );
      return 0;
    }
    const f = SUBS[sub];
    if (!f) throw new KubectlError(`unknown command "${sub}" for "kubectl rollout"`);
    // every subcommand but status has PrintFlags (rollout_status.go registers none): pflag refuses them there
    if (sub === 'status') rejectPrintFlags(k);
    return f(k, k.args.slice(1));
  },
};


