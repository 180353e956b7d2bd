/**
 * Plain YAML scalars as kubectl reads them: sigs.k8s.io/yaml YAMLToJSON unmarshals with its goyaml.v2 fork,
 * whose resolve.go is YAML 1.1: y/yes/on/… are booleans, integers go through strconv.ParseInt(plain, 0, 64)
 * after removing underscores (a leading 0 is octal, 0x/0o/0b prefixes), `-0b…` by resolve's own branch.
 * A boolean where a string belongs is then encoding/json's UnmarshalTypeError from the API server.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { decodeManifests } from '../../sim/kubectl/yaml';

function value(scalar: string): unknown {
  const r = decodeManifests(`apiVersion: v1\nkind: X\nv: ${scalar}\n`, 'x.yaml');
  expect(r.error).toBeUndefined();
  return (r.docs[0].obj as unknown as { v: unknown }).v;
}

describe('go-yaml v2 scalar resolution', () => {
  it.each([
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['on', true], ['On', true], ['ON', true], ['true', true], ['True', true],
    ['no', false], ['No', false], ['n', false], ['N', false], ['off', false], ['OFF', false], ['false', false], ['FALSE', false],
    ['yEs', 'yEs'], ['"yes"', 'yes'], ["'on'", 'on'],
    ['0400', 256], ['0644', 420], ['0', 0], ['-017', -15], ['0o17', 15], ['0x1F', 31], ['0b101', 5], ['-0b101', -5], ['1_000', 1000], ['+12', 12],
    ['08', 8], ['012.5', 12.5], ['1e3', 1000], ['.5', 0.5],
    ['~', null], ['null', null], ['Null', null],
    ['1.2.3', '1.2.3'], ['0x', '0x'], ['abc', 'abc'],
  ])('%s', (scalar, want) => {
    expect(value(scalar)).toEqual(want);
  });

  it('a YAML 1.1 boolean in ConfigMap data is refused by the API server', () => {
    const c = createCluster();
    const r = c.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  ENABLED: yes\nEOF");
    expect(r.stderr).toBe('Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string\n');
    expect(r.exitCode).toBe(1);
  });

  it('an octal defaultMode is octal (0400 = 256: files -r--------)', () => {
    const c = createCluster();
    c.run("kubectl create configmap cfg --from-literal=k=v");
    c.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [sleep, '3600']\n    volumeMounts:\n    - {name: cfg, mountPath: /etc/cfg}\n  volumes:\n  - name: cfg\n    configMap: {name: cfg, defaultMode: 0400}\nEOF");
    expect(c.get('Pod', 'default', 'p')!.spec.volumes[0].configMap.defaultMode).toBe(256);
    // busybox ls -L: links shown as what they point to
    expect(c.run('kubectl exec p -- ls -lL /etc/cfg').stdout).toBe('total 4\n-r--------    1 root     root             1 Jan 15 09:00 k\n');
  });
});
