/**
 * kubectl diff (kubectl pkg/cmd/diff/diff.go, v1.35): for every object of the -f sources, the LIVE
 * object (or none) and the MERGED one — what `kubectl apply` would make of it, asked of the API server
 * with a dry run — are written as YAML into two temporary directories, then `diff -u -N LIVE MERGED`
 * runs on them and its output and exit status are kubectl's.
 *
 * - InfoObject.Merged with `--server-side`: the server-side apply (ssa.ts) as a server dry run.
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
 * its hunk is `@@ -0,0 +1,N @@`. The hunks are a port of GNU diff's own algorithm (gnuUnifiedHunks below),
 * not go-difflib's (registry/pod-diff.ts): the two align moved or repeated lines differently (reordered
 * containers, for one). Directory entries are taken in byte order: GNU diff sorts them with strcoll,
 * which is byte order in the C locale (another locale's collation may order some names differently).
 * Texts are compared by UTF-16 code units where GNU compares bytes; for ASCII text that is the same.
 */
import { applyFieldManager, serverSideApply } from './ssa';
import type { KObject, StoredObject } from '../api/types';
import { clone } from '../api/clone';
import { isNotFound, StatusError } from '../registry/errors';
import { hashString } from '../runtime/random';
import { parseSelector, SelectorParseError } from '../labels/parser';
import type { KubectlContext, VerbSpec } from './types';
import { KubectlError } from './types';
import { renderErrors, withSource } from './errors';
import { infoOf, readSources, type Info } from './util';
import { decodeManifests } from './yaml';
import { threeWayMerge, threeWayPatch } from './merge';
import { LAST_APPLIED, withNamespace } from './apply';
import { toYaml } from './output';

const MASK = '***';
const MASK_BEFORE = '*** (before)';
const MASK_AFTER = '*** (after)';

/** util.GetModifiedConfiguration(obj, false): the local object, its last-applied annotation taken out (annotations kept as a map). */
function modifiedConfiguration(info: Info): KObject {
  const o = withNamespace(info);
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
  if (!live) return api.create(withNamespace(info), { user: k.user, dryRun: true, namespace: info.namespace, fieldValidation: 'Warn' });
  let original: unknown = {};
  const prev = live.metadata.annotations?.[LAST_APPLIED];
  if (prev) {
    try {
      original = JSON.parse(prev);
    } catch {
      original = {};
    }
  }
  const modified = modifiedConfiguration(info);
  // Patcher.patchSimple: CreateThreeWayMergePatch(original, modified, current); an empty patch is not sent, the
  // live object is the result
  const patch = threeWayPatch(original, JSON.parse(JSON.stringify(modified)), JSON.parse(JSON.stringify(live)));
  if (!Object.keys(patch).length) return live;
  const m = threeWayMerge(original, modified, clone(live)) as KObject;
  m.metadata = { ...m.metadata };
  // addResourceVersion: InfoObject.Merged gives the Patcher the live object's resourceVersion (on every attempt but
  // the last of its Conflict retries, none of which a simulated cluster needs), which replaces the patch's: a stale
  // resourceVersion saved in the file meets no Conflict here, unlike apply. A uid the patch sets (the file's, when
  // the object was recreated since) goes to the server, whose ValidateObjectMetaUpdate refuses it.
  m.metadata.resourceVersion = live.metadata.resourceVersion;
  const patchUid = ((patch.metadata ?? {}) as { uid?: unknown }).uid;
  m.metadata.uid = typeof patchUid === 'string' ? patchUid : live.metadata.uid;
  try {
    return api.update(m, { user: k.user, dryRun: true, fieldValidation: 'Warn', verb: 'patch' });
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
      // --server-side: InfoObject.Merged is the server-side apply as a dry run, with DiffOptions.Complete's
      // GetApplyFieldManagerFlag(cmd, o.ServerSideApply) as its field manager
      const to = clone(
        k.flags.bool('server-side')
          ? serverSideApply(k, info, 'server', applyFieldManager(k, true), k.flags.bool('force-conflicts'))
          : merged(k, info, cur),
      ) as KObject;
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
    k.out(`diff -u -N ${l} ${m}\n--- ${l}\t${time}\n+++ ${m}\t${time}\n` + gnuUnifiedHunks(a, b));
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

// ---------------------------------------------------------------------------------------------
// GNU diffutils `diff -u` on two texts (src/io.c find_identical_ends, src/analyze.c diff_2_files:
// discard_confusing_lines → compareseq (gnulib diffseq.h) → shift_boundaries → build_script, then
// src/context.c find_hunk / pr_unidiff_hunk / print_unidiff_number_range). Without -d (minimal) or -H
// (speed_large_files); the TOO_EXPENSIVE cut-off (an edit cost of 4096 or more) is left out: objects
// kubectl diff prints never come near it.

const CONTEXT = 3;

interface Change {
  line0: number;
  line1: number;
  deleted: number;
  inserted: number;
}

const floorLog2 = (n: number) => 31 - Math.clz32(n);

/** find_identical_ends: the lines of the identical prefix (all but `horizon_lines` = 3 of them) and the two bodies. */
function identicalEnds(a: string, b: string): { prefixLines: number; body0: string; body1: string } {
  const n0 = a.length;
  const n1 = b.length;
  let p = 0;
  const lim = Math.min(n0, n1);
  while (p < lim && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let hor = CONTEXT;
  while (p !== 0 && (a[p - 1] !== '\n' || hor-- > 0)) p--;
  const prefixEnd = p;
  let p0 = n0;
  let p1 = n1;
  let beg0 = prefixEnd + (n0 < n1 ? 0 : n0 - n1);
  while (p0 !== beg0) {
    p0--;
    p1--;
    if (a.charCodeAt(p0) !== b.charCodeAt(p1)) {
      p0++;
      p1++;
      beg0 = p0;
      break;
    }
  }
  const atLineBeginning = (p0 === 0 || a[p0 - 1] === '\n') && (p1 === 0 || b[p1 - 1] === '\n');
  let i = CONTEXT + (atLineBeginning ? 0 : 1);
  while (i-- > 0 && p0 !== n0) while (a[p0++] !== '\n');
  p1 += p0 - beg0;
  let prefixLines = 0;
  for (let k = 0; k < prefixEnd; k++) if (a.charCodeAt(k) === 10) prefixLines++;
  return { prefixLines, body0: a.slice(prefixEnd, p0), body1: b.slice(prefixEnd, p1) };
}

/** The edit script of two line vectors (equivalence classes), in body line numbers. */
function editScript(eq0: number[], eq1: number[]): Change[] {
  const eqs = [eq0, eq1];
  const len = [eq0.length, eq1.length];
  // changed[f][i + 1]: an extra false element at each end, as diff_2_files allocates them
  const changed = [new Uint8Array(len[0] + 2), new Uint8Array(len[1] + 2)];

  // discard_confusing_lines
  const maxClass = Math.max(0, ...eq0, ...eq1) + 1;
  const count = [new Int32Array(maxClass), new Int32Array(maxClass)];
  for (let f = 0; f < 2; f++) for (const e of eqs[f]) count[f][e]++;
  const discards = [new Uint8Array(len[0]), new Uint8Array(len[1])];
  for (let f = 0; f < 2; f++) {
    const end = len[f];
    const counts = count[1 - f];
    let many = 5;
    many <<= end < 64 ? 0 : (floorLog2(end) >> 1) - 3;
    for (let i = 0; i < end; i++) {
      const nmatch = counts[eqs[f][i]];
      if (nmatch === 0) discards[f][i] = 1;
      else if (nmatch > many) discards[f][i] = 2;
    }
  }
  for (let f = 0; f < 2; f++) {
    const end = len[f];
    const d = discards[f];
    for (let i = 0; i < end; i++) {
      if (d[i] === 2) d[i] = 0;
      else if (d[i] !== 0) {
        let provisional = 0;
        let j: number;
        for (j = i; j < end; j++) {
          if (d[j] === 0) break;
          if (d[j] === 2) ++provisional;
        }
        while (j > i && d[j - 1] === 2) (d[--j] = 0), --provisional;
        const length = j - i;
        if (length >> 2 < provisional) {
          while (j > i) if (d[--j] === 2) d[j] = 0;
        } else {
          const minimum = length < 4 ? 2 : (1 << ((floorLog2(length) >> 1) - 1)) + 1;
          let consec = 0;
          for (j = 0; j < length; j++) {
            if (d[i + j] !== 2) consec = 0;
            else if (minimum === ++consec) j -= consec;
            else if (minimum < consec) d[i + j] = 0;
          }
          for (j = 0, consec = 0; j < length; j++) {
            if (j >= 8 && d[i + j] === 1) break;
            if (d[i + j] === 2) (consec = 0), (d[i + j] = 0);
            else if (d[i + j] === 0) consec = 0;
            else consec++;
            if (consec === 3) break;
          }
          i += length - 1;
          for (j = 0, consec = 0; j < length; j++) {
            if (j >= 8 && d[i - j] === 1) break;
            if (d[i - j] === 2) (consec = 0), (d[i - j] = 0);
            else if (d[i - j] === 0) consec = 0;
            else consec++;
            if (consec === 3) break;
          }
        }
      }
    }
  }
  const undiscarded: number[][] = [[], []];
  const realindexes: number[][] = [[], []];
  for (let f = 0; f < 2; f++) {
    for (let i = 0; i < len[f]; i++) {
      if (discards[f][i] === 0) {
        undiscarded[f].push(eqs[f][i]);
        realindexes[f].push(i);
      } else changed[f][i + 1] = 1;
    }
  }

  // compareseq / diag (gnulib diffseq.h)
  const xv = undiscarded[0];
  const yv = undiscarded[1];
  const diags = xv.length + yv.length + 3;
  const off = yv.length + 1;
  const fd = new Float64Array(diags);
  const bd = new Float64Array(diags);
  const OFFSET_MAX = Number.MAX_SAFE_INTEGER;
  const noteDelete = (x: number) => (changed[0][realindexes[0][x] + 1] = 1);
  const noteInsert = (y: number) => (changed[1][realindexes[1][y] + 1] = 1);
  const diag = (xoff: number, xlim: number, yoff: number, ylim: number): [number, number] => {
    const dmin = xoff - ylim;
    const dmax = xlim - yoff;
    const fmid = xoff - yoff;
    const bmid = xlim - ylim;
    let fmin = fmid;
    let fmax = fmid;
    let bmin = bmid;
    let bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[fmid + off] = xoff;
    bd[bmid + off] = xlim;
    for (;;) {
      if (fmin > dmin) fd[--fmin - 1 + off] = -1;
      else ++fmin;
      if (fmax < dmax) fd[++fmax + 1 + off] = -1;
      else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const tlo = fd[d - 1 + off];
        const thi = fd[d + 1 + off];
        const x0 = tlo < thi ? thi : tlo + 1;
        let x = x0;
        let y = x0 - d;
        while (x < xlim && y < ylim && xv[x] === yv[y]) x++, y++;
        fd[d + off] = x;
        if (odd && bmin <= d && d <= bmax && bd[d + off] <= x) return [x, y];
      }
      if (bmin > dmin) bd[--bmin - 1 + off] = OFFSET_MAX;
      else ++bmin;
      if (bmax < dmax) bd[++bmax + 1 + off] = OFFSET_MAX;
      else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const tlo = bd[d - 1 + off];
        const thi = bd[d + 1 + off];
        const x0 = tlo < thi ? tlo : thi - 1;
        let x = x0;
        let y = x0 - d;
        while (xoff < x && yoff < y && xv[x - 1] === yv[y - 1]) x--, y--;
        bd[d + off] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[d + off]) return [x, y];
      }
    }
  };
  const compareseq = (xoff: number, xlim: number, yoff: number, ylim: number): void => {
    while (xoff < xlim && yoff < ylim && xv[xoff] === yv[yoff]) xoff++, yoff++;
    while (xoff < xlim && yoff < ylim && xv[xlim - 1] === yv[ylim - 1]) xlim--, ylim--;
    if (xoff === xlim) while (yoff < ylim) noteInsert(yoff++);
    else if (yoff === ylim) while (xoff < xlim) noteDelete(xoff++);
    else {
      const [xmid, ymid] = diag(xoff, xlim, yoff, ylim);
      compareseq(xoff, xmid, yoff, ymid);
      compareseq(xmid, xlim, ymid, ylim);
    }
  };
  compareseq(0, xv.length, 0, yv.length);

  // shift_boundaries
  for (let f = 0; f < 2; f++) {
    const ch = changed[f];
    const oc = changed[1 - f];
    const c = (i: number) => ch[i + 1] === 1;
    const o = (j: number) => oc[j + 1] === 1;
    const equivs = eqs[f];
    let i = 0;
    let j = 0;
    const iEnd = len[f];
    for (;;) {
      while (i < iEnd && !c(i)) {
        while (o(j++));
        i++;
      }
      if (i === iEnd) break;
      let start = i;
      while (c(++i));
      while (o(j)) j++;
      let runlength: number;
      let corresponding: number;
      do {
        runlength = i - start;
        while (start && equivs[start - 1] === equivs[i - 1]) {
          ch[--start + 1] = 1;
          ch[--i + 1] = 0;
          while (c(start - 1)) start--;
          while (o(--j));
        }
        corresponding = o(j - 1) ? i : iEnd;
        while (i !== iEnd && equivs[start] === equivs[i]) {
          ch[start++ + 1] = 0;
          ch[i++ + 1] = 1;
          while (c(i)) i++;
          while (o(++j)) corresponding = i;
        }
      } while (runlength !== i - start);
      while (corresponding < i) {
        ch[--start + 1] = 1;
        ch[--i + 1] = 0;
        while (o(--j));
      }
    }
  }

  // build_script
  const script: Change[] = [];
  const c0 = (i: number) => changed[0][i + 1] === 1;
  const c1 = (i: number) => changed[1][i + 1] === 1;
  let i0 = len[0];
  let i1 = len[1];
  while (i0 >= 0 || i1 >= 0) {
    if (c0(i0 - 1) || c1(i1 - 1)) {
      const line0 = i0;
      const line1 = i1;
      while (c0(i0 - 1)) --i0;
      while (c1(i1 - 1)) --i1;
      script.unshift({ line0: i0, line1: i1, deleted: line0 - i0, inserted: line1 - i1 });
    }
    i0--;
    i1--;
  }
  return script;
}

function splitLines(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** print_unidiff_number_range for 0-based lines a..b. */
function unidiffRange(a: number, b: number): string {
  const ta = a + 1;
  const tb = b + 1;
  if (tb <= ta) return tb < ta ? `${tb},0` : `${tb}`;
  return `${ta},${tb - ta + 1}`;
}

/** The hunks of `diff -u` between two texts that end in newlines ("" when they are equal). */
export function gnuUnifiedHunks(a: string, b: string): string {
  if (a === b) return '';
  const { prefixLines, body0, body1 } = identicalEnds(a, b);
  const classes = new Map<string, number>();
  const cls = (l: string) => {
    let c = classes.get(l);
    if (c === undefined) classes.set(l, (c = classes.size + 1));
    return c;
  };
  const script = editScript(splitLines(body0).map(cls), splitLines(body1).map(cls));
  const A = splitLines(a);
  const B = splitLines(b);
  let out = '';
  let h = 0;
  while (h < script.length) {
    // find_hunk: changes less than 2 * context + 1 lines apart share a hunk
    let e = h;
    while (e + 1 < script.length && script[e + 1].line0 - (script[e].line0 + script[e].deleted) < 2 * CONTEXT + 1) e++;
    const first = script[h];
    const last = script[e];
    const first0 = Math.max(first.line0 + prefixLines - CONTEXT, 0);
    const first1 = Math.max(first.line1 + prefixLines - CONTEXT, 0);
    const last0 = Math.min(last.line0 + prefixLines + last.deleted - 1 + CONTEXT, A.length - 1);
    const last1 = Math.min(last.line1 + prefixLines + last.inserted - 1 + CONTEXT, B.length - 1);
    out += `@@ -${unidiffRange(first0, last0)} +${unidiffRange(first1, last1)} @@\n`;
    let i = first0;
    let j = first1;
    let k = h;
    while (i <= last0 || j <= last1) {
      const next = k <= e ? script[k] : undefined;
      if (!next || i < next.line0 + prefixLines) {
        out += ' ' + A[i] + '\n';
        i++;
        j++;
      } else {
        for (let n = 0; n < next.deleted; n++) out += '-' + A[i++] + '\n';
        for (let n = 0; n < next.inserted; n++) out += '+' + B[j++] + '\n';
        k++;
      }
    }
    h = e + 1;
  }
  return out;
}
