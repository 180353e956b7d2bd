import { describe, expect, it } from 'vitest';
import { lineOfField, parseShareFragment, shareFragment, storageKey } from '../../components/example/page';
import { extractCells } from '../../components/example/extract';
import { parseMetaString, toCell, cellCommands } from '../../components/example/scenario';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: pod-1
  app: pulse-api
spec:
  containers:
  - name: container1
    image: kubetm/p8000
    ports:
    - containerPort: 8000
  - name: container2
    imagee: kubetm/p8080
`;

describe('error lines', () => {
  it.each([
    ['metadata.app', 5],
    ['spec.containers[0].image', 9],
    ['spec.containers[1].imagee', 13],
    ['spec.containers[0].ports[0].containerPort', 11],
    ['spec.containers[1].name', 12],
    ['spec.nothing', 6], // absent (e.g. Required value): the nearest written ancestor
    ['status.phase', undefined],
  ])('finds %s at line %s', (path, line) => {
    expect(lineOfField(POD, path)).toBe(line);
  });
});

describe('cells', () => {
  it('parses info-string options', () => {
    expect([...parseMetaString('run file=pod.yaml title="My pod" hidden')]).toEqual([
      ['run', true],
      ['file', 'pod.yaml'],
      ['title', 'My pod'],
      ['hidden', true],
    ]);
    expect(toCell('yaml', 'title=x', 'a: 1')).toBeUndefined(); // not marked run
    expect(toCell('json', 'run', '{}')).toBeUndefined();
    const c = toCell('yaml', 'run file=pod.yaml namespace=dev', POD)!;
    expect(cellCommands(c).map((s) => s.command)).toEqual(['cat > pod.yaml', 'kubectl apply -f pod.yaml -n dev']);
  });

  it('extracts runnable fenced blocks with their lines', () => {
    const src = ['# T', '', '```yaml run file=a.yaml', 'kind: Pod', '```', '', '```sh', 'echo no', '```', '````sh run', 'kubectl get pods', '````'].join('\n');
    const cells = extractCells(src);
    expect(cells.map((c) => [c.lang, c.line, c.code])).toEqual([
      ['yaml', 3, 'kind: Pod'],
      ['sh', 10, 'kubectl get pods'],
    ]);
  });
});

describe('share links and storage', () => {
  it('round-trips an edit through the URL fragment and ignores garbage', () => {
    const f = shareFragment(3, 'kind: Pod\nname: 파드');
    expect(parseShareFragment('#' + f).get(3)).toBe('kind: Pod\nname: 파드');
    expect(parseShareFragment('#ex-1=!!!&ex-2=%3Cscript%3E').size).toBe(0);
    expect(storageKey('/en/pod/', 2)).toBe('k8slab:edit:/en/pod:2');
  });
});
