/**
 * kubectl diff — kubectl pkg/cmd/diff/diff.go (v1.35) running GNU diffutils' `diff -u -N LIVE MERGED`.
 *
 * Sources:
 * - diff.go NewCmdDiff/Run: objects of the -f sources visited in order; the first error stops the visit
 *   and diff never runs; errors go through cmdutil.CheckDiffErr (checkErr's text, exit code + 1 = 2);
 *   diff's exit status 1 (differences) becomes kubectl's exit 1 via CheckErr(ErrExit), no message.
 * - diff.go InfoObject.Merged: a missing object → dry-run create of the local object (no last-applied
 *   annotation); an existing one → apply.Patcher with DryRun(true) and the modified configuration built
 *   with util.GetModifiedConfiguration(obj, annotate=false), so the last-applied annotation of the live
 *   object is left as it is; errors wrapped by Patcher.Patch in AddSourceToErr("patching", …).
 * - diff.go InfoObject.Name: `<group>.<version>.<Kind>.<namespace>.<name>`, core group without `group.`.
 * - diff.go Differ.Diff: omitManagedFields; Masker for v1 Secrets (`***`, `*** (before)`, `*** (after)`).
 * - diff.go CreateDirectory: os.MkdirTemp("", "LIVE-") → /tmp/LIVE-<uint32 in decimal>.
 * - GNU diffutils src/diff.c + src/context.c (print_context_header, print_unidiff_number_range):
 *   `diff -u -N a b` line for files compared inside directories, `--- a\t%Y-%m-%d %H:%M:%S.%N %z`,
 *   `+++ b\t…`, hunks `@@ -l,n +l,n @@` with 3 lines of context, `-0,0` for the empty LIVE file of a
 *   new object (the file exists: Differ prints a nil object as an empty file).
 * - GNU diffutils src/io.c find_identical_ends, src/analyze.c (discard_confusing_lines, shift_boundaries,
 *   build_script), gnulib lib/diffseq.h (compareseq/diag: Myers' O(ND) with the midpoint snake),
 *   src/context.c find_hunk (changes less than 2*3+1 lines apart share a hunk): the hunks. Their expected
 *   texts below are what `diff -u` of GNU diffutils 3.8 printed for the same two files; go-difflib (the
 *   port in registry/pod-diff.ts) aligns the first and the reordered-containers cases differently.
 * The YAML is sigs.k8s.io/yaml.Marshal of the object (diff.go Printer.Print), the -o yaml serializer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../sim/index';
import { gnuUnifiedHunks } from '../../sim/kubectl/diff';

const WEB = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const SECRET = (data: Record<string, string>) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n${Object.entries(data)
    .map(([k, v]) => `  ${k}: ${v}\n`)
    .join('')}`;

/** GNU diff's header time (%Y-%m-%d %H:%M:%S.%N %z) of files written now, on the simulated clock. */
function fileTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

/**
 * The expected text of one file's diff: the header lines from the directories the output names
 * (checked to be os.MkdirTemp names: /tmp/LIVE-<decimal uint32>), then the hunks.
 */
function expected(out: string, c: Cluster, file: string, hunks: string): string {
  const m = /^diff -u -N (\/tmp\/LIVE-(\d{1,10}))\/\S+ (\/tmp\/MERGED-(\d{1,10}))\//.exec(out);
  expect(m, out).not.toBeNull();
  expect(Number(m![2])).toBeLessThan(2 ** 32);
  expect(Number(m![4])).toBeLessThan(2 ** 32);
  const [l, r] = [`${m![1]}/${file}`, `${m![3]}/${file}`];
  const t = fileTime(c.now());
  return `diff -u -N ${l} ${r}\n--- ${l}\t${t}\n+++ ${r}\t${t}\n${hunks}`;
}

describe('kubectl diff', () => {
  let c: Cluster;
  beforeAll(() => {
    c = createCluster({ seed: 1 });
    expect(c.run('kubectl apply -f -', { stdin: WEB(2, 'nginx:1.25') }).exitCode).toBe(0);
    expect(c.run('kubectl apply -f -', { stdin: SECRET({ user: 'admin', password: 'one' }) }).exitCode).toBe(0);
  });

  it('an unchanged object: no output, exit 0, and no random value drawn', () => {
    const before = c.sim.rand.getState();
    const r = c.run('kubectl diff -f -', { stdin: WEB(2, 'nginx:1.25') });
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(c.sim.rand.getState()).toBe(before);
  });

  it('a changed replica count and image: generation bumped, last-applied left as it is, exit 1', () => {
    const live = c.get('Deployment', 'default', 'web')!;
    const r = c.run('kubectl diff -f -', { stdin: WEB(3, 'nginx:1.26') });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(
      expected(
        r.stdout,
        c,
        'apps.v1.Deployment.default.web',
        `@@ -6,14 +6,14 @@
     kubectl.kubernetes.io/last-applied-configuration: |
       {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}
   creationTimestamp: "2026-01-15T09:00:00Z"
-  generation: 1
+  generation: 2
   name: web
   namespace: default
   resourceVersion: "${live.metadata.resourceVersion}"
   uid: ${live.metadata.uid}
 spec:
   progressDeadlineSeconds: 600
-  replicas: 2
+  replicas: 3
   revisionHistoryLimit: 10
   selector:
     matchLabels:
@@ -29,7 +29,7 @@
         app: web
     spec:
       containers:
-      - image: nginx:1.25
+      - image: nginx:1.26
         imagePullPolicy: IfNotPresent
         name: nginx
         resources: {}
`,
      ),
    );
    // a dry run: nothing stored
    expect(c.get('Deployment', 'default', 'web')!.spec!.replicas).toBe(2);
    expect(c.get('Deployment', 'default', 'web')!.metadata.resourceVersion).toBe(live.metadata.resourceVersion);
  });

  it('the same command at the same time names the same directories (no draw from sim.rand)', () => {
    const a = c.run('kubectl diff -f -', { stdin: WEB(3, 'nginx:1.26') });
    const b = c.run('kubectl diff -f -', { stdin: WEB(3, 'nginx:1.26') });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[0]).not.toMatch(/LIVE-(\d+)\/\S+ \/tmp\/MERGED-\1\//);
  });

  it('a new object: the dry-run create against an empty LIVE file', () => {
    const r = c.run('kubectl diff -f -', { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: default\ndata:\n  color: blue\n' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    const uid = /uid: (\S+)/.exec(r.stdout)?.[1];
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const ts = new Date(c.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(r.stdout).toBe(
      expected(
        r.stdout,
        c,
        'v1.ConfigMap.default.cfg',
        `@@ -0,0 +1,9 @@
+apiVersion: v1
+data:
+  color: blue
+kind: ConfigMap
+metadata:
+  creationTimestamp: "${ts}"
+  name: cfg
+  namespace: default
+  uid: ${uid}
`,
      ),
    );
    expect(c.get('ConfigMap', 'default', 'cfg')).toBeUndefined();
  });

  it('a Secret: data masked, a changed key as before/after, an added key as ***', () => {
    const r = c.run('kubectl diff -f -', { stdin: SECRET({ user: 'admin', password: 'two', extra: 'x' }) });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      expected(
        r.stdout,
        c,
        'v1.Secret.default.db',
        `@@ -1,6 +1,7 @@
 apiVersion: v1
 data:
-  password: '*** (before)'
+  extra: '***'
+  password: '*** (after)'
   user: '***'
 kind: Secret
 metadata:
`,
      ),
    );
  });

  it('an unchanged Secret: every value masked alike, no output', () => {
    const r = c.run('kubectl diff -f -', { stdin: SECRET({ user: 'admin', password: 'one' }) });
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('several objects: one diff per changed file, in file-name order', () => {
    const r = c.run('kubectl diff -f -', {
      stdin: `${SECRET({ user: 'root', password: 'one' })}---\n${WEB(2, 'nginx:1.25')}---\n${WEB(2, 'nginx:1.25').replace('name: web\n', 'name: api\n').replace(/app: web/g, 'app: api')}`,
    });
    expect(r.exitCode).toBe(1);
    const heads = r.stdout.split('\n').filter((l) => l.startsWith('diff -u -N '));
    expect(heads.map((h) => h.replace(/.*\//, ''))).toEqual(['apps.v1.Deployment.default.api', 'v1.Secret.default.db']);
  });

  const errors: { name: string; cmd: string; stdin?: string; err: string }[] = [
    // diff.go Complete: FilenameOptions.RequireFilenameOrKustomize
    { name: 'no -f', cmd: 'kubectl diff', err: 'error: must specify one of -f and -k\n' },
    // diff.go Complete: cmdutil.UsageErrorf(cmd, "Unexpected args: %v", args)
    { name: 'arguments', cmd: 'kubectl diff deploy web -f x.yaml', err: "error: Unexpected args: [deploy web]\nSee 'kubectl diff -h' for help and examples\n" },
    // cli-runtime FilenameParam: a missing path
    { name: 'missing file', cmd: 'kubectl diff -f nope.yaml', err: 'error: the path "nope.yaml" does not exist\n' },
    // Builder mapping error: the visit stops there, nothing is diffed
    {
      name: 'unknown kind',
      cmd: 'kubectl diff -f -',
      stdin: `${WEB(5, 'nginx:1.25')}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n`,
      err: 'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n',
    },
    // the dry-run create's error, as checkErr prints an Invalid status
    {
      name: 'invalid new object',
      cmd: 'kubectl diff -f -',
      stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: []\n',
      err: 'The Pod "bad" is invalid: spec.containers: Required value\n',
    },
    // the dry-run patch's error (AddSourceToErr("patching") changes the message, checkErr prints the causes)
    {
      name: 'invalid change',
      cmd: 'kubectl diff -f -',
      stdin: WEB(-1, 'nginx:1.25'),
      err: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
    },
    // diff.go NewCmdDiff: SetFlagErrorFunc → CheckDiffErr(UsageErrorf(cmd, err.Error()))
    { name: 'unknown flag', cmd: 'kubectl diff -f x.yaml --bogus', err: "error: unknown flag: --bogus\nSee 'kubectl diff -h' for help and examples\n" },
    // diff.go Complete
    { name: '--force-conflicts', cmd: 'kubectl diff -f x.yaml --force-conflicts', err: 'error: --force-conflicts only works with --server-side\n' },
    // diff.go Complete: apply.GetApplyFieldManagerFlag(cmd, o.ServerSideApply) keeps a --field-manager given empty;
    // InfoObject.Merged's dry-run apply patch then fails the apiserver's validation.ValidatePatchOptions
    {
      name: 'an empty --field-manager with --server-side',
      cmd: 'kubectl diff --server-side --field-manager= -f -',
      stdin: WEB(2, 'nginx:1.25'),
      err: 'The PatchOptions "" is invalid: fieldManager: Required value: is required for apply patch\n',
    },
  ];
  for (const e of errors) {
    it(`error: ${e.name} (exit 2, no diff)`, () => {
      const r = c.run(e.cmd, { stdin: e.stdin });
      expect(r).toMatchObject({ stdout: '', stderr: e.err, exitCode: 2 });
    });
  }
});

describe('GNU diff -u hunks', () => {
  const l20 = (changed: number[]) => Array.from({ length: 20 }, (_, i) => (changed.includes(i) ? `L${i}` : `l${i}`)).join('\n') + '\n';
  const container = (n: string, img: string) => `      - image: ${img}\n        imagePullPolicy: IfNotPresent\n        name: ${n}\n        resources: {}\n`;
  const cases: { name: string; a: string; b: string; want: string }[] = [
    { name: 'lines that move: the first block is kept', a: 'd\nb\nc\n', b: 'c\nd\na\n', want: '@@ -1,3 +1,3 @@\n-d\n-b\n c\n+d\n+a\n' },
    {
      name: 'reordered containers (go-difflib would keep the other block)',
      a: `    spec:\n      containers:\n${container('log', 'busybox')}${container('web', 'nginx')}      dnsPolicy: ClusterFirst\n`,
      b: `    spec:\n      containers:\n${container('web', 'nginx')}${container('log', 'busybox')}      dnsPolicy: ClusterFirst\n`,
      want:
        '@@ -1,11 +1,11 @@\n     spec:\n       containers:\n-      - image: busybox\n-        imagePullPolicy: IfNotPresent\n-        name: log\n-        resources: {}\n       - image: nginx\n         imagePullPolicy: IfNotPresent\n         name: web\n         resources: {}\n+      - image: busybox\n+        imagePullPolicy: IfNotPresent\n+        name: log\n+        resources: {}\n       dnsPolicy: ClusterFirst\n',
    },
    {
      name: 'changes more than 6 lines apart: two hunks',
      a: l20([]),
      b: l20([2, 15]),
      want: '@@ -1,6 +1,6 @@\n l0\n l1\n-l2\n+L2\n l3\n l4\n l5\n@@ -13,7 +13,7 @@\n l12\n l13\n l14\n-l15\n+L15\n l16\n l17\n l18\n',
    },
    {
      name: 'changes 6 lines apart: one hunk',
      a: l20([]),
      b: l20([2, 9]),
      want: '@@ -1,13 +1,13 @@\n l0\n l1\n-l2\n+L2\n l3\n l4\n l5\n l6\n l7\n l8\n-l9\n+L9\n l10\n l11\n l12\n',
    },
    { name: 'a line appended', a: 'a\nb\nc\nd\n', b: 'a\nb\nc\nd\ne\n', want: '@@ -2,3 +2,4 @@\n b\n c\n d\n+e\n' },
    { name: 'everything removed', a: 'a\nb\n', b: '', want: '@@ -1,2 +0,0 @@\n-a\n-b\n' },
    { name: 'a new file', a: '', b: 'a\nb\n', want: '@@ -0,0 +1,2 @@\n+a\n+b\n' },
    { name: 'a repeated line inserted: shift_boundaries moves it down', a: 'x\n  - a\ny\n', b: 'x\n  - a\n  - a\ny\n', want: '@@ -1,3 +1,4 @@\n x\n   - a\n+  - a\n y\n' },
    { name: 'equal texts', a: 'a\n', b: 'a\n', want: '' },
  ];
  for (const tc of cases) it(tc.name, () => expect(gnuUnifiedHunks(tc.a, tc.b)).toBe(tc.want));
});
