/**
 * kubectl diff (kubectl pkg/cmd/diff/diff.go, v1.35): for every object of the -f sources, the LIVE
 * object (or none) and the MERGED one — what `kubectl apply` would make of it, asked of the API server
 * with a dry run — are written as YAML into two temporary directories, then `diff -u -N LIVE MERGED`
 * runs on them and its output and exit status are kubectl's.
 *
 * - InfoObject.Merged (client-side apply, `--server-side` false): no live object → a dry-run create of
 *   the local object as it is (no last-applied annotation); else apply's Patcher with a dry run: the
 *   three-way strategic merge of the last-applied config, the local object *without* the annotation
 *   (util.GetModifiedConfiguration(obj, annotate=false)) and the live object; an empty patch (`{}`)
 *   sends nothing and gives the live object back. Patch errors carry AddSourceToErr("patching", …).
 * - Differ.Diff: managedFields omitted (without --show-managed-fields), v1 Secrets masked by Masker
 *   (data values → `***`, or `*** (before)` / `*** (after)` when a key changed).
 * - InfoObject.Name: `<group>.<version>.<Kind>.<namespace>.<name>`, the group and its dot left out for
 *   the core group (`v1.Pod.default.web`, `apps.v1.Deployment.default.web`, `v1.Namespace..dev`).
 * - CreateDirectory: os.MkdirTemp("", "LIVE-") = $TMPDIR (else /tmp) + "LIVE-" + a random uint32 in
 *   decimal. The suffixes here are an FNV-1a hash of the command line and the clock, not draws from
 *   sim.rand, so that a diff leaves every later random value of the session unchanged.
 * - Exit status: 0 no differences, 1 differences (diffError → CheckErr(ErrExit)); kubectl's own errors
 *   go through CheckDiffErr, which exits with checkErr's code + 1 (2). The visit stops at the first
 *   error, and then diff does not run at all.
 * - Run's visitor: apply.WarnIfDeleting prints `Warning: Detected changes to resource <name> which is
 *   currently being deleted.` for a live object with a deletionTimestamp.
 *
 * The diff program is GNU diffutils' `diff -u -N` on the two directories: for each file (names in
 * sorted order) that differs, the line `diff -u -N <live> <merged>`, then `--- <live>\t<mtime>`,
 * `+++ <merged>\t<mtime>` (mtime as `%Y-%m-%d %H:%M:%S.%N %z`) and hunks with 3 lines of context;
 * a new object's LIVE file exists but is empty (Print creates the file before it writes nothing), so
 * its hunk is `@@ -0,0 +1,N @@`. The hunks come from the go-difflib port of registry/pod-diff.ts
 * (longest-matching-block alignment, grouped opcodes with 2×3 lines of context joining hunks, the same
 * range format as GNU's print_unidiff_number_range). GNU diff aligns with Myers' minimal edit script
 * instead; the two agree on the edits kubectl diff shows (changed scalars, added or removed fields and
 * list items) but can pick a different alignment when lines repeat or move.
 */
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { deepEqual } from '../registry/apiserver';
import { isNotFound, StatusError } from '../registry/errors';
import { hashString } from '../runtime/random';
import { unifiedDiff } from '../registry/pod-diff';
import { parseSelector, SelectorParseError } from '../labels/parser';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, withSource } from './errors';
import { infoOf, readSources, type Info } from './util';
import { decodeManifests } from './yaml';
import { threeWayMerge } from './merge';
import { LAST_APPLIED } from './apply';
import { toYaml } from './output';

const MASK = '***';
const MASK_BEFORE = '*** (before)';
const MASK_AFTER = '*** (after)';

/** The local object with its target namespace (what the Builder's info.Object carries). */
function localObject(info: Info): KObject {
  const o = clone(info.obj) as KObject;
  o.metadata = { ...(o.metadata ?? {}) };
  if (info.type.namespaced) o.metadata.namespace = info.namespace;
  else delete o.metadata.namespace;
  return o;
}

/** util.GetModifiedConfiguration(obj, false): the local object, its last-applied annotation taken out (annotations kept as a map). */
function modifiedConfiguration(info: Info): KObject {
  const o = localObject(info);
  const ann = { ...(o.metadata!.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  o.metadata!.annotations = ann;
  return o;
}

/** InfoObject.Name. */
export function diffFileName(info: Info): string {
  const t = info.type;
  return `${t.group ? t.group + '.' : ''}${t.version}.${t.kind}.${info.namespace}.${info.name}`;
}

/** InfoObject.Merged for client-side apply: the dry-run create or the dry-run three-way patch. */
function merged(k: KubectlContext, info: Info, live: StoredObject | undefined): KObject {
  const api = k.sim.api;
  // no ?fieldValidation= on kubectl diff's requests: the API server's default, Warn
  if (!live) return api.create(localObject(info), { user: k.user, dryRun: true, namespace: info.namespace, fieldValidation: 'Warn' });
  let original: unknown = {};
  const prev = live.metadata.annotations?.[LAST_APPLIED];
  if (prev) {
    try {
      original = JSON.parse(prev);
    } catch {
      original = {};
    }
  }
  const m = threeWayMerge(original, modifiedConfiguration(info), clone(live)) as KObject;
  m.metadata = { ...m.metadata };
  m.metadata.resourceVersion = live.metadata.resourceVersion;
  m.metadata.uid = live.metadata.uid;
  // Patcher.patchSimple: an empty patch is not sent, the live object is the result
  if (deepEqual(m, live)) return live;
  try {
    return api.update(m, { user: k.user, dryRun: true, fieldValidation: 'Warn' });
  } catch (e) {
    throw withSource(e, 'patching', info.source);
  }
}

/** Differ.Diff's Masker: Secret data values masked, a changed key marked before/after. */
function mask(from: KObject | undefined, to: KObject): void {
  const fd = from?.data as Record<string, unknown> | undefined;
  const td = to.data as Record<string, unknown> | undefined;
  const f = fd && typeof fd === 'object' ? { ...fd } : undefined;
  const t = td && typeof td === 'object' ? { ...td } : undefined;
  for (const key of Object.keys(f ?? {})) {
    if (t && key in t) {
      if (f![key] !== t[key]) {
        f![key] = MASK_BEFORE;
        t[key] = MASK_AFTER;
        continue;
      }
      t[key] = MASK;
    }
    f![key] = MASK;
  }
  for (const key of Object.keys(t ?? {})) if (!f || !(key in f)) t![key] = MASK;
  if (from && f) from.data = f;
  if (t) to.data = t;
}

function printed(o: KObject | undefined): string {
  return o ? toYaml(o) : '';
}

/** GNU diff's file time in a unified header: `2026-01-15 09:00:00.000000000 +0000`. */
function fileTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-15T09:00:00.123Z
  const frac = String(((ms % 1000) + 1000) % 1000).padStart(3, '0') + '000000';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${frac} +0000`;
}

function lines(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** os.MkdirTemp("", prefix+"-"): $TMPDIR or /tmp, then the prefix and a uint32 in decimal. */
function tempDir(k: KubectlContext, prefix: string): string {
  const base = (k.cmd.env.get('TMPDIR') || '/tmp').replace(/\/+$/, '') || '';
  const seed = `${prefix}\u0000${k.cmd.argv.join('\u0000')}\u0000${k.now()}`;
  return `${base}/${prefix}-${hashString(seed)}`;
}

function run(k: KubectlContext): number {
  if (k.args.length) throw new KubectlError(`Unexpected args: [${k.args.join(' ')}]\nSee 'kubectl diff -h' for help and examples`);
  if (k.flags.has('kustomize')) throw new KubectlError('kustomize is not available in this simulator: diff the manifests with -f');
  const files = k.flags.all('filename');
  if (!files.length) throw new KubectlError('must specify one of -f and -k');
  if (k.flags.bool('force-conflicts') && !k.flags.bool('server-side')) throw new KubectlError('--force-conflicts only works with --server-side');
  const selector = k.flags.str('selector');
  const sel = selector ? parseSelector(selector) : undefined;
  const live = new Map<string, string>();
  const mergedFiles = new Map<string, string>();
  for (const src of readSources(k, files, k.flags.bool('recursive'))) {
    const r = decodeManifests(src.text, src.name === '-' ? 'STDIN' : src.name);
    for (const d of r.docs) {
      const info = infoOf(k, d, src.name);
      if (sel && !sel.matches((info.obj.metadata?.labels ?? {}) as Record<string, string>)) continue;
      if (!info.name) throw new KubectlError('resource name may not be empty');
      let cur: StoredObject | undefined;
      try {
        cur = k.sim.api.get(info.type.kind, info.namespace, info.name, { user: k.user });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      const from = cur ? (clone(cur) as KObject) : undefined;
      const to = clone(merged(k, info, cur)) as KObject;
      if (!k.flags.bool('show-managed-fields')) {
        if (from?.metadata) delete (from.metadata as Record<string, unknown>).managedFields;
        if (to.metadata) delete (to.metadata as Record<string, unknown>).managedFields;
      }
      if (to.apiVersion === 'v1' && to.kind === 'Secret') mask(from, to);
      const name = diffFileName(info);
      live.set(name, printed(from));
      mergedFiles.set(name, printed(to));
      if (cur?.metadata.deletionTimestamp) k.err(`Warning: Detected changes to resource ${cur.metadata.name} which is currently being deleted.\n`);
    }
    if (r.error) throw new KubectlError(r.error);
  }
  const liveDir = tempDir(k, 'LIVE');
  const mergedDir = tempDir(k, 'MERGED');
  const time = fileTime(k.now());
  let differ = false;
  for (const name of [...live.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const a = live.get(name)!;
    const b = mergedFiles.get(name)!;
    if (a === b) continue;
    differ = true;
    const l = `${liveDir}/${name}`;
    const m = `${mergedDir}/${name}`;
    k.out(`diff -u -N ${l} ${m}\n--- ${l}\t${time}\n+++ ${m}\t${time}\n` + unifiedDiff(lines(a), lines(b), 3));
  }
  return differ ? 1 : 0;
}

export const diffVerb: VerbSpec = {
  name: 'diff',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'prune-allowlist', type: 'stringArray' },
    { name: 'concurrency', type: 'int' },
  ],
  run(k) {
    try {
      return run(k);
    } catch (e) {
      if (!(e instanceof StatusError || e instanceof KubectlError || e instanceof SelectorParseError)) throw e;
      // CheckDiffErr: checkErr's message, exit code + 1
      k.err(renderErrors([e]));
      return 2;
    }
  },
};
