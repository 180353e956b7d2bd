/**
 * The last-applied-configuration annotation that `kubectl apply --server-side` (field manager "kubectl") rewrites on an
 * object that has one: encoding/json text, as client-side apply writes it.
 *
 * Sources (kubernetes/kubernetes, read at master, the v1.35 line):
 * - staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/lastappliedupdater.go: `if manager == "kubectl" &&
 *   hasLastApplied(liveObj)`, buildLastApplied(newObj): the applied object, its annotation deleted, through
 *   runtime.Encode(unstructured.UnstructuredJSONScheme, obj) — a json.Encoder: map keys sorted, `<`, `>` and `&`
 *   escaped as \u003c \u003e \u0026 (HTMLEscape on), U+2028/U+2029 as \u2028 \u2029, other non-ASCII as UTF-8, and
 *   a newline after (golang/go src/encoding/json/encode.go appendString, stream.go Encoder.Encode).
 * - kubectl pkg/util/apply.go GetModifiedConfiguration: client-side apply's annotation, the same encoder.
 * - apimachinery pkg/apis/meta/v1/unstructured/unstructured.go SetAnnotations: nil removes metadata.annotations.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { goMarshal } from '../../sim/kubectl/merge';
import { toCompactJson } from '../../sim/kubectl/output';

const LAST = `{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}`;

describe('apply --server-side rewrites last-applied-configuration as encoding/json writes it', () => {
  const cases: { name: string; yamlValue: string; json: string }[] = [
    { name: 'ampersand', yamlValue: '"x && y"', json: 'x \\u0026\\u0026 y' },
    { name: 'angle brackets', yamlValue: '"<b>bold</b>"', json: '\\u003cb\\u003ebold\\u003c/b\\u003e' },
    { name: 'quote, backslash, tab', yamlValue: '"say \\"hi\\"\\\\\\t."', json: 'say \\"hi\\"\\\\\\t.' },
    { name: 'line separator U+2028 escaped, other non-ASCII kept', yamlValue: '"a\\u2028b é"', json: 'a\\u2028b é' },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const c = createCluster();
      const manifest = (v: string) => `cat > cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  k: ${v}
  num: "${v === '"1"' ? '1' : '2'}"
EOF`;
      c.run(manifest('"1"'));
      c.run('kubectl apply -f cm.yaml');
      c.run(manifest(t.yamlValue));
      const r = c.run('kubectl apply --server-side --force-conflicts -f cm.yaml');
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['configmap/c serverside-applied\n', '', 0]);
      const ann = c.run(`kubectl get cm c -o jsonpath='${LAST}'`).stdout;
      expect(ann).toBe(`{"apiVersion":"v1","data":{"k":"${t.json}","num":"2"},"kind":"ConfigMap","metadata":{"name":"c","namespace":"default"}}\n`);
      // client-side apply writes the same text for the same file, but with an annotations map: GetModifiedConfiguration
      // sets `annots = map[string]string{}` when there are none, while buildLastApplied's GetAnnotations() is nil and
      // unstructured SetAnnotations(nil) removes the field
      c.run('kubectl apply -f cm.yaml');
      expect(c.run(`kubectl get cm c -o jsonpath='${LAST}'`).stdout).toBe(ann.replace('"metadata":{', '"metadata":{"annotations":{},'));
    });
  }
});

// encoding/json (encode.go appendString) writes invalid UTF-8 — a lone UTF-16 surrogate has no UTF-8 form — as
// \ufffd, and a valid pair as the character itself; one compact marshal serves patches and -o json alike
describe('json.Marshal of a lone surrogate', () => {
  it.each([
    ['a lone high surrogate', { k: 'a\ud800b' }, '{"k":"a\\ufffdb"}'],
    ['a lone low surrogate in a key', { '\udc00': 1 }, '{"\\ufffd":1}'],
    ['a valid pair stays', { k: '😀' }, '{"k":"😀"}'],
    ['an escaped backslash before "ud800" is text', { k: '\\ud800' }, '{"k":"\\\\ud800"}'],
    ['HTML-safe escapes', { k: '<a&b>' }, '{"k":"\\u003ca\\u0026b\\u003e"}'],
  ])('%s', (_what, value, want) => {
    expect(goMarshal(value)).toBe(want);
    expect(toCompactJson(value)).toBe(want);
  });
});
