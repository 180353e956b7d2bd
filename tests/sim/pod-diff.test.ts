/**
 * The spec diff of ValidatePodUpdate's Forbidden detail (sim/registry/pod-diff.ts).
 *
 * Sources:
 * - apimachinery pkg/util/diff/diff.go Diff (!usegocmp): json.MarshalIndent(v, "", " ") of both values,
 *   difflib.UnifiedDiff{A, B, Context: 3} without FromFile/ToFile (kubernetes/kubernetes#132221).
 * - github.com/pmezard/go-difflib difflib/difflib.go: SequenceMatcher (autoJunk: in a B of 200+ lines, lines
 *   occurring more than len(B)/100+1 times are "popular" and never start a match), GetGroupedOpCodes,
 *   formatRangeUnified, WriteUnifiedDiff. go-difflib is a port of Python's difflib: the expected texts below
 *   are what Python 3's difflib.unified_diff(a, b, n=3) prints after its `---`/`+++` lines.
 * - Go encoding/json (encode.go appendString): `"` `\` escaped, \b \f \n \r \t short forms, other control
 *   characters and the HTML characters < > & as \u00XX, U+2028/U+2029 as \u2028/\u2029.
 * - K/K pkg/apis/core/types.go (internal core.PodSpec, v1.35: no json tags, embedded structs flattened) and
 *   pkg/apis/core/v1/conversion.go Convert_v1_PodSpec_To_core_PodSpec (host namespaces → SecurityContext,
 *   serviceAccount → ServiceAccountName when that is empty).
 */
import { describe, expect, it } from 'vitest';
import { podSpecJSONLines, unifiedDiff } from '../../sim/registry/pod-diff';
import { goJSONString } from '../../sim/api/go-json';

const rep = (s: string, n: number) => Array<string>(n).fill(s);

describe('unified diff (go-difflib, Context 3, no header)', () => {
  it.each<[string, string[], string[], string]>([
    ['equal sequences: no hunk at all', ['a', 'b'], ['a', 'b'], ''],
    ['one line changed: a one-line range prints only its start', ['a'], ['b'], '@@ -1 +1 @@\n-a\n+b\n'],
    ['insertion into an empty A: the empty range is start-1,0', [], ['x'], '@@ -0,0 +1 @@\n+x\n'],
    [
      'changes more than 2×3 equal lines apart make two hunks',
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'],
      ['1', 'two', '3', '4', '5', '6', '7', '8', '9', 'ten', '11'],
      '@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -7,5 +7,5 @@\n 7\n 8\n 9\n-10\n+ten\n 11\n',
    ],
    [
      'changes 6 equal lines apart share one hunk',
      ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      ['1', 'two', '3', '4', '5', '6', '7', '8', 'nine'],
      '@@ -1,9 +1,9 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n',
    ],
    [
      // 'x' occurs 203 times in a 205-line B (> 205/100+1): popular, so after the match on 'a' x x x nothing
      // anchors the tail and it is replaced wholesale (without autoJunk this would be a one-line change)
      'a popular line never starts a match',
      ['a', ...rep('x', 3), 'm', ...rep('x', 200)],
      ['a', ...rep('x', 3), 'n', ...rep('x', 200)],
      ['@@ -2,204 +2,204 @@', ...rep(' x', 3), '-m', ...rep('-x', 200), '+n', ...rep('+x', 200)].join('\n') + '\n',
    ],
  ])('%s', (_name, a, b, want) => {
    expect(unifiedDiff(a, b, 3)).toBe(want);
  });
});

describe('encoding/json string encoding', () => {
  it.each([
    ['plain', 'nginx:1.27', '"nginx:1.27"'],
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['short escapes', '\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
    ['other control characters', '\u0001\u001f', '"\\u0001\\u001f"'],
    ['HTML characters', '<a&b>', '"\\u003ca\\u0026b\\u003e"'],
    ['line and paragraph separators', '\u2028\u2029', '"\\u2028\\u2029"'],
    ['non-ASCII stays as is', 'é🙂', '"é🙂"'],
  ])('%s', (_name, s, want) => {
    expect(goJSONString(s)).toBe(want);
  });
});

describe('internal core.PodSpec as json.MarshalIndent prints it', () => {
  const lines = (spec: Record<string, unknown>) => podSpecJSONLines(spec);
  const block = (all: string[], start: string) => {
    const i = all.indexOf(start);
    const ind = start.length - start.trimStart().length;
    const j = all.findIndex((l, k) => k > i && l.length - l.trimStart().length === ind);
    return all.slice(i, j + 1);
  };

  it('the PodSpec fields in struct order, zero values printed', () => {
    const top = lines({ containers: [{ name: 'c', image: 'i' }] }).filter((l) => /^ "/.test(l)).map((l) => l.slice(2, l.indexOf('"', 2)));
    expect(top).toEqual([
      'Volumes', 'InitContainers', 'Containers', 'EphemeralContainers', 'RestartPolicy', 'TerminationGracePeriodSeconds',
      'ActiveDeadlineSeconds', 'DNSPolicy', 'NodeSelector', 'ServiceAccountName', 'AutomountServiceAccountToken', 'NodeName',
      'SecurityContext', 'ImagePullSecrets', 'Hostname', 'Subdomain', 'SetHostnameAsFQDN', 'Affinity', 'SchedulerName',
      'Tolerations', 'HostAliases', 'PriorityClassName', 'Priority', 'PreemptionPolicy', 'DNSConfig', 'ReadinessGates',
      'RuntimeClassName', 'Overhead', 'EnableServiceLinks', 'TopologySpreadConstraints', 'OS', 'SchedulingGates',
      'ResourceClaims', 'Resources', 'HostnameOverride', 'WorkloadRef',
    ]);
  });

  it('hostNetwork and friends move into SecurityContext; serviceAccount fills ServiceAccountName', () => {
    const all = lines({ hostNetwork: true, serviceAccount: 'builder', securityContext: { runAsUser: 1000 }, containers: [] });
    expect(all).toContain(' "ServiceAccountName": "builder",');
    expect(block(all, ' "SecurityContext": {').slice(0, 9)).toEqual([
      ' "SecurityContext": {',
      '  "HostNetwork": true,',
      '  "HostPID": false,',
      '  "HostIPC": false,',
      '  "ShareProcessNamespace": null,',
      '  "HostUsers": null,',
      '  "SELinuxOptions": null,',
      '  "WindowsOptions": null,',
      '  "RunAsUser": 1000,',
    ]);
  });

  it('a probe: ProbeHandler flattened, an IntOrString port as a number or a string', () => {
    const probe = (port: unknown) =>
      block(lines({ containers: [{ name: 'c', image: 'i', livenessProbe: { httpGet: { path: '/', port, scheme: 'HTTP' }, periodSeconds: 10 } }] }), '   "LivenessProbe": {');
    expect(probe(8080)).toEqual([
      '   "LivenessProbe": {',
      '    "Exec": null,',
      '    "HTTPGet": {',
      '     "Path": "/",',
      '     "Port": 8080,',
      '     "Host": "",',
      '     "Scheme": "HTTP",',
      '     "HTTPHeaders": null',
      '    },',
      '    "TCPSocket": null,',
      '    "GRPC": null,',
      '    "InitialDelaySeconds": 0,',
      '    "TimeoutSeconds": 0,',
      '    "PeriodSeconds": 10,',
      '    "SuccessThreshold": 0,',
      '    "FailureThreshold": 0,',
      '    "TerminationGracePeriodSeconds": null',
      '   },',
    ]);
    expect(probe('http')).toContain('     "Port": "http",');
  });

  it('volumes: VolumeSource flattened, emptyDir {} a non-nil pointer, configMap reference flattened to Name', () => {
    const all = lines({ volumes: [{ name: 'v', emptyDir: {} }, { name: 'w', configMap: { name: 'cm', defaultMode: 420 } }], containers: [] });
    expect(all).toContain('   "EmptyDir": {');
    expect(all.slice(all.indexOf('   "EmptyDir": {'), all.indexOf('   "EmptyDir": {') + 4)).toEqual(['   "EmptyDir": {', '    "Medium": "",', '    "SizeLimit": null', '   },']);
    expect(block(all, '   "ConfigMap": {')).toEqual(['   "ConfigMap": {', '    "Name": "cm",', '    "Items": null,', '    "DefaultMode": 420,', '    "Optional": null', '   },']);
    // 30 volume sources after Name, Image last
    const first = block(all, '  {');
    expect(first.length).toBe(1 + 1 + 30 + 3 + 1);
    expect(first.at(-2)).toBe('   "Image": null');
  });

  it('quantities canonical, map keys sorted; empty lists and maps are null (as stored)', () => {
    const all = lines({ nodeSelector: {}, containers: [{ name: 'c', image: 'i', args: [], resources: { limits: { memory: '1024Mi', cpu: '1.5' } } }] });
    expect(all).toContain(' "NodeSelector": null,');
    expect(all).toContain('   "Args": null,');
    expect(block(all, '    "Limits": {')).toEqual(['    "Limits": {', '     "cpu": "1500m",', '     "memory": "1Gi"', '    },']);
  });

  it('metav1.LabelSelector keeps its json tags (omitempty)', () => {
    const all = lines({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }], containers: [] });
    expect(block(all, '   "LabelSelector": {')).toEqual(['   "LabelSelector": {', '    "matchLabels": {', '     "app": "web"', '    }', '   },']);
  });
});
