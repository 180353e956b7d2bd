/**
 * kubectl auth can-i has no print flags; auth whoami has nothing but them.
 *
 * Sources (kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/auth):
 * - cani.go NewCmdCanI (commit 41762c58…; the flag set is unchanged in the v1.35 reference docs,
 *   kubernetes.io/docs/reference/kubectl/generated/kubectl_auth/kubectl_auth_can-i: -A, --list, --no-headers, -q,
 *   --subresource): no PrintFlags, so pflag refuses -o/--output/--template/… ("unknown flag: --%s",
 *   "unknown shorthand flag: %q in -%s") and cobra adds "See 'kubectl auth can-i --help' for usage.".
 *   Complete: "list option must be specified with no arguments"; Validate: the --list combinations, and at its
 *   end "--no-headers cannot be set without --list specified"; printStatus: the header row unless --no-headers.
 * - whoami.go: PrintFlags only (-o, --template, --allow-missing-template-keys, --show-managed-fields).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cluster = ReturnType<typeof createCluster>;
const run = (c: Cluster, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

const canIUsage = "\nSee 'kubectl auth can-i --help' for usage.\n";
const whoamiUsage = "\nSee 'kubectl auth whoami --help' for usage.\n";

describe('auth can-i refuses the print flags as unknown flags', () => {
  it.each([
    ['kubectl auth can-i get pods -o yaml', "error: unknown shorthand flag: 'o' in -o" + canIUsage],
    ['kubectl auth can-i get pods -oyaml', "error: unknown shorthand flag: 'o' in -oyaml" + canIUsage],
    ['kubectl auth can-i -qo name get pods', "error: unknown shorthand flag: 'o' in -qo" + canIUsage],
    ['kubectl auth can-i get pods --output=json', 'error: unknown flag: --output' + canIUsage],
    ['kubectl auth can-i get pods --template={{.}}', 'error: unknown flag: --template' + canIUsage],
    ['kubectl auth can-i get pods --allow-missing-template-keys=false', 'error: unknown flag: --allow-missing-template-keys' + canIUsage],
    ['kubectl auth can-i get pods --show-managed-fields', 'error: unknown flag: --show-managed-fields' + canIUsage],
    ['kubectl auth can-i --list -o wide', "error: unknown shorthand flag: 'o' in -o" + canIUsage],
    // the flag error comes before anything can-i checks
    ['kubectl auth can-i -o yaml', "error: unknown shorthand flag: 'o' in -o" + canIUsage],
    ['kubectl auth whoami --list', 'error: unknown flag: --list' + whoamiUsage],
    ['kubectl auth whoami -q', "error: unknown shorthand flag: 'q' in -q" + whoamiUsage],
    ['kubectl auth whoami --subresource=log', 'error: unknown flag: --subresource' + whoamiUsage],
    ['kubectl auth can-i get pods --no-headers', 'error: --no-headers cannot be set without --list specified\n'],
    ['kubectl auth can-i --list pods', 'error: list option must be specified with no arguments\n'],
    ['kubectl auth can-i --list -q', "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n"],
  ])('%s', (cmd, err) => {
    const c = createCluster();
    expect(run(c, cmd)).toEqual({ out: '', err, code: 1 });
  });

  it('a value of a value-taking flag is not a flag; its own flags and whoami -o still work', () => {
    const c = createCluster();
    expect(run(c, 'kubectl auth can-i get pods -n -o')).toEqual({ out: 'yes\n', err: '', code: 0 });
    expect(run(c, 'kubectl auth can-i -q get pods')).toEqual({ out: '', err: '', code: 0 });
    expect(run(c, "kubectl auth whoami -o jsonpath='{.status.userInfo.username}'")).toEqual({ out: 'kubernetes-admin', err: '', code: 0 });
  });

  it('--list --no-headers drops the header row (the tabwriter then sizes the columns by the rules alone)', () => {
    const c = createCluster();
    const as = '--as=system:serviceaccount:default:default';
    const cells = (text: string) => text.split('\n').map((l) => l.trim().split(/ {3,}/));
    const full = run(c, `kubectl auth can-i --list ${as}`).out;
    expect(full.split('\n')[0]).toMatch(/^Resources +Non-Resource URLs +Resource Names +Verbs$/);
    const bare = run(c, `kubectl auth can-i --list --no-headers ${as}`).out;
    expect(cells(bare)).toEqual(cells(full).slice(1));
    expect(bare.split('\n')[0]).toBe('selfsubjectreviews.authentication.k8s.io        []                                     []    [create]');
  });
});
