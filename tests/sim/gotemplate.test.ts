/**
 * kubectl's Go template printer: -o go-template=… / template=… / go-template-file=… / templatefile=…, --template,
 * --allow-missing-template-keys (sim/kubectl/printers/gotemplate.ts, gofmt.ts, output.ts, get.ts).
 *
 * Sources:
 * - kubernetes/cli-runtime pkg/genericclioptions/template_flags.go (read in the Angus-F/cli-runtime fork, same code):
 *   the formats template, go-template, go-template-file, templatefile; `-o fmt=TEMPLATE` or `-o fmt --template
 *   TEMPLATE`; "template format specified but no template given"; "error reading --template %s, %v\n";
 *   "error parsing template %s, %v\n"; --allow-missing-template-keys defaults to true; template_flags_test.go
 *   (a missing field prints "<no value>", "error executing template" with missing keys not allowed).
 * - cli-runtime pkg/printers/template.go (GoTemplatePrinter; read as kubernetes/kubernetes pkg/printers/template.go,
 *   its older home, same PrintObj): template.New("output").Funcs({exists, base64decode}), missingkey=default|error,
 *   the object as json.Unmarshal of json.Marshal (every number a float64), on failure the debugging text on stdout
 *   and `error executing template %q: %v`; base64decode's "base64 decode failed: %v"; exists in printers/jsonpath.go.
 * - kubectl pkg/cmd/get/get.go (kubernetes/kubectl, printGeneric: one named object as itself, otherwise a List,
 *   also when empty) and get_flags.go (--template without -o means go-template).
 * - golang/go src/text/template (parse/lex.go, parse/parse.go, parse/node.go, exec.go, funcs.go; Go 1.24/1.25, what
 *   kubectl v1.35 is built with), with cases from parse/parse_test.go errorTests and exec_test.go execTests (those
 *   that need no Go data), and src/fmt/fmt_test.go fmtTests for the printf verbs.
 * - A real kubectl session quoted in a public study note: `kubectl get secret … -o
 *   go-template='{{.data.token | base64decode}}'` on a List whose secret had no token printed
 *   `template: output:1:16: executing "output" at <base64decode>: invalid value; expected string` in both the
 *   stdout debugging text and the stderr error.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { GoTemplate } from '../../sim/kubectl/printers/gotemplate';
import { GoComplex, sprintf } from '../../sim/kubectl/printers/gofmt';

const run = (c: ReturnType<typeof createCluster>, cmd: string) => {
  const r = c.run(cmd);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
};

/** Execute a template on JSON data as kubectl's printer does; `ERR <message>` for an execution error. */
function exec(template: string, data: unknown, allowMissingKeys = true): string {
  const r = new GoTemplate(template).allowMissingKeys(allowMissingKeys).execute(data === undefined ? undefined : JSON.parse(JSON.stringify(data)));
  return r.error === undefined ? r.out : `${r.out}ERR ${r.error}`;
}

function parseError(template: string): string {
  try {
    new GoTemplate(template);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'nginx', tier: 'fe' }, annotations: {} },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }], terminationGracePeriodSeconds: 30, activeDeadlineSeconds: 1000000 },
  status: { phase: 'Running', podIP: '10.244.1.5', startTime: null },
};
const LIST = { apiVersion: 'v1', kind: 'List', items: [POD, { ...POD, metadata: { name: 'db' }, status: { phase: 'Pending' } }], metadata: { resourceVersion: '' } };
const SECRET = { apiVersion: 'v1', kind: 'Secret', data: { password: 'czNjcjN0', bad: 'abc' }, metadata: { name: 's' }, type: 'Opaque' };

describe('text/template on an object as kubectl gives it', () => {
  // [template, data, expected output — `ERR …` when execution fails]
  const cases: [string, unknown, string][] = [
    // the course's uses
    ['{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', LIST, 'web\ndb\n'],
    ['{{.metadata.name}}', POD, 'web'],
    ['{{.status.podIP}}', POD, '10.244.1.5'],
    ['{{.data.password | base64decode}}', SECRET, 's3cr3t'],
    ['{{index .metadata.labels "app"}}', POD, 'nginx'],
    ['{{index .metadata.labels "nope"}}', POD, '<no value>'],
    // maps print as map[k:v] with sorted keys, slices as [a b], through fmt's %v
    ['{{.metadata.labels}}', POD, 'map[app:nginx tier:fe]'],
    ['{{.spec.containers}}', POD, '[map[image:nginx:1.27 name:nginx ports:[map[containerPort:80 protocol:TCP]]]]'],
    ['{{.metadata.annotations}}', POD, 'map[]'],
    // every number of the object is a float64 (json.Unmarshal into interface{}): %v is %g, shortest form
    ['{{.spec.terminationGracePeriodSeconds}} {{.spec.activeDeadlineSeconds}}', POD, '30 1e+06'],
    ['{{printf "%d" .spec.terminationGracePeriodSeconds}}', POD, '%!d(float64=30)'],
    ['{{printf "%.0f|%v|%T" .spec.terminationGracePeriodSeconds .spec.terminationGracePeriodSeconds .spec.terminationGracePeriodSeconds}}', POD, '30|30|float64'],
    [
      '{{eq .spec.terminationGracePeriodSeconds 30}}',
      POD,
      'ERR template: output:1:2: executing "output" at <eq .spec.terminationGracePeriodSeconds 30>: error calling eq: incompatible types for comparison: float64 and int',
    ],
    ['{{eq .spec.terminationGracePeriodSeconds 30.0}}', POD, 'true'],
    // a field's position is its chain's: the second name's (parse.go operand: newField(chain.Position(), …))
    // missing keys (missingkey=default): an invalid value, <no value>; a JSON null: <no value> too
    ['{{.nope}}|{{.nope.deeper}}|{{.status.startTime}}', POD, '<no value>|<no value>|<no value>'],
    ['{{print .nope}} {{printf "%s" .nope}}', POD, '<nil> %!s(<nil>)'],
    ['{{if .nope}}yes{{else}}no{{end}} {{with .status}}{{.phase}}{{end}}', POD, 'no Running'],
    ['{{eq .nope "x"}} {{eq .nope .nope2}}', POD, 'false true'],
    ['{{.metadata.name.first}}', POD, 'ERR template: output:1:11: executing "output" at <.metadata.name.first>: can\'t evaluate field first in type interface {}'],
    ['{{.status.startTime.x}}', POD, 'ERR template: output:1:9: executing "output" at <.status.startTime.x>: nil pointer evaluating interface {}.x'],
    ['{{.data.nope | base64decode}}', SECRET, 'ERR template: output:1:15: executing "output" at <base64decode>: invalid value; expected string'],
    ['{{.data.bad | base64decode}}', SECRET, 'ERR template: output:1:14: executing "output" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0'],
    ['{{len .nope}}', POD, 'ERR template: output:1:2: executing "output" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value'],
    ['{{index .spec.containers 1}}', POD, 'ERR template: output:1:2: executing "output" at <index .spec.containers 1>: error calling index: reflect: slice index out of range'],
    ['{{index .spec.containers 2}}', POD, 'ERR template: output:1:2: executing "output" at <index .spec.containers 2>: error calling index: index out of range: 2'],
    ['{{range .status}}{{.}} {{end}}', POD, 'Running 10.244.1.5 <no value> '],
    ['{{range .metadata.name}}x{{end}}', POD, 'ERR template: output:1:17: executing "output" at <.metadata.name>: range can\'t iterate over web'],
    // partial output stays in front of an error
    ['{{range .items}}{{.metadata.name}} {{.metadata.labels.app}};{{end}}', LIST, 'web nginx;db <no value>;'],
    // range with index and element, over maps in key order, else, break/continue, range over an int
    ['{{range $i, $p := .items}}{{$i}}={{$p.status.phase}} {{end}}', LIST, '0=Running 1=Pending '],
    ['{{range $k, $v := .metadata.labels}}{{$k}}:{{$v}},{{end}}', POD, 'app:nginx,tier:fe,'],
    ['{{range .metadata.annotations}}x{{else}}none{{end}}', POD, 'none'],
    ['{{range .items}}{{if eq .metadata.name "db"}}{{break}}{{end}}{{.metadata.name}}{{end}}', LIST, 'web'],
    ['{{range .items}}{{if eq .status.phase "Running"}}{{continue}}{{end}}{{.metadata.name}}{{end}}', LIST, 'db'],
    ['{{range 3}}{{.}}{{end}}', POD, '012'],
    // variables, $ inside range, if/else if, with/else, and/or/not
    ['{{$n := .metadata.name}}{{range .spec.containers}}{{$n}}/{{.name}} {{$.kind}}{{end}}', POD, 'web/nginx Pod'],
    ['{{$x := 1}}{{$x = 2}}{{$x}}', POD, '2'],
    ['{{if eq .status.phase "Pending"}}P{{else if eq .status.phase "Running"}}R{{else}}?{{end}}', POD, 'R'],
    ['{{with .nope}}{{.}}{{else}}empty{{end}}', POD, 'empty'],
    ['{{and .metadata.name .nope}}|{{or .nope .metadata.name}}|{{not .metadata.name}}', POD, '<no value>|web|false'],
    // exists (kubectl), len, slice, index of a string (a byte), printf verbs
    ['{{exists . "metadata" "labels" "app"}} {{exists . "metadata" "labels" "x"}} {{exists .spec.containers 0}} {{exists . "status" "startTime"}}', POD, 'true false true false'],
    ['{{len .items}} {{len .metadata.labels}} {{len .metadata.name}} {{len "한글"}}', { ...LIST, metadata: POD.metadata }, '2 2 3 6'],
    ['{{slice .metadata.name 1}} {{slice .spec.containers 0 0}} {{index .metadata.name 0}}', POD, 'eb [] 119'],
    ['{{printf "%-8s|%5s|%q|%x" .metadata.name .status.phase .metadata.name .metadata.name}}', POD, 'web     |Running|"web"|776562'],
    ['{{printf "%s=%v" "labels" .metadata.labels}} {{printf "%d"}} {{printf "%s" 1 2}}', POD, 'labels=map[app:nginx tier:fe] %!d(MISSING) %!s(int=1)%!(EXTRA int=2)'],
    ['{{println .metadata.name 3}}{{print "a" "b" 1 2 "c"}}', POD, 'web 3\nab1 2c'],
    ['{{html "<a href=\'x\'>&</a>"}} {{js "it\'s <b>"}} {{urlquery "a b/c?d=é"}}', POD, '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt; it\\\'s \\u003Cb\\u003E a+b%2Fc%3Fd%3D%C3%A9'],
    // trim markers, comments, raw strings, constants
    ['{{- range .items }}\n  {{ .metadata.name -}}\n{{ end }}', LIST, '\n  web\n  db'],
    ['a {{- /* comment */ -}} b', POD, 'ab'],
    ['{{`raw\\n`}}{{"tab\\tq\\"\\x41\\u00e9"}}', POD, 'raw\\ntab\tq"Aé'],
    ["{{1.5}} {{1e3}} {{0x1F}} {{'a'}} {{-2}} {{true}} {{1_000}}", POD, '1.5 1000 31 97 -2 true 1000'],
    // define / template / block
    ['{{define "row"}}{{.metadata.name}};{{end}}{{range .items}}{{template "row" .}}{{end}}', LIST, 'web;db;'],
    ['{{block "b" .kind}}[{{.}}]{{end}}', POD, '[Pod]'],
    ['{{template "nope"}}', POD, 'ERR template: output:1:11: executing "output" at <{{template "nope"}}>: template "nope" not defined'],
  ];
  it.each(cases)('%s', (template, data, expected) => {
    expect(exec(template, data)).toBe(expected);
  });

  it('missingkey=error (--allow-missing-template-keys=false) names the first missing key', () => {
    expect(exec('{{.metadata.name}}', POD, false)).toBe('web');
    expect(exec('{{.foo}}', POD, false)).toBe('ERR template: output:1:2: executing "output" at <.foo>: map has no entry for key "foo"');
    expect(exec('{{.metadata.foo.bar}}', POD, false)).toBe('ERR template: output:1:11: executing "output" at <.metadata.foo.bar>: map has no entry for key "foo"');
    // a public Go test of a template renderer asserting text/template's message (pipe-cd/pipecd sealedsecret test):
    // `template: sealedsecret:1:54: executing "sealedsecret" at <.ecnryptedData.other>: map has no entry for key "ecnryptedData"`
    expect(exec('Hello {{ .encryptedData.username }}, {{ .ecnryptedData.other }}', { encryptedData: { username: 'PipeCD' } }, false)).toBe(
      'Hello PipeCD, ERR template: output:1:54: executing "output" at <.ecnryptedData.other>: map has no entry for key "ecnryptedData"',
    );
    // error positions are byte columns of the line
    expect(exec('이름: {{.x}}', POD, false)).toBe('이름: ERR template: output:1:10: executing "output" at <.x>: map has no entry for key "x"');
    expect(exec('a\n{{range .items}}\n{{.nope}}{{end}}', LIST, false)).toBe('a\n\nERR template: output:3:2: executing "output" at <.nope>: map has no entry for key "nope"');
  });
});

describe('text/template cases of golang/go exec_test.go (execTests that need no Go data)', () => {
  const cases: [string, string][] = [
    ['{{if true}}TRUE{{end}}', 'TRUE'],
    ['{{if false}}TRUE{{else}}FALSE{{end}}', 'FALSE'],
    ['{{if 1}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'],
    ['{{if 0}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO'],
    ['{{if 1.5i}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO'],
    ['{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
    ['{{if false}}FALSE{{else if true}}TRUE{{end}}', 'TRUE'],
    ['{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}', '3'],
    ['{{print "hello, print"}}', 'hello, print'],
    ['{{print 1 2 3}}', '1 2 3'],
    ['{{print nil}}', '<nil>'],
    ['{{println 1 2 3}}', '1 2 3\n'],
    ['{{printf "%04x" 127}}', '007f'],
    ['{{printf "%g" 3.5}}', '3.5'],
    ['{{printf "%g" 1+7i}}', '(1+7i)'],
    ['{{printf "%s" "hello"}}', 'hello'],
    ['{{printf "%d %s %g" 127 "hello" 7-3i}}', '127 hello (7-3i)'],
    ['{{html "<script>alert(\\"XSS\\");</script>"}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;'],
    ['{{printf "<script>alert(\\"XSS\\");</script>" | html}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;'],
    ['{{"http://www.example.org/"|urlquery}}', 'http%3A%2F%2Fwww.example.org%2F'],
    ['{{not true}} {{not false}}', 'false true'],
    ['{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}', 'false 0 0 1'],
    ['{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}', '0 1 true 1'],
    ['{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}', 'FALSE'],
    ['{{with 1.5i}}{{.}}{{else}}ZERO{{end}}', '(0+1.5i)'],
    ['{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}', 'notempty'],
    ['{{printf `%T` 0xef}}', 'int'],
    ['{{"aaa"|printf }}', 'aaa'],
    ['{{1+2i|printf "%v"}}', '(1+2i)'],
  ];
  it.each(cases)('%s', (template, expected) => {
    expect(exec(template, undefined)).toBe(expected);
  });

  // execTests marked failing; the texts follow exec.go/funcs.go
  const failing: [string, string][] = [
    ['{{if nil}}TRUE{{end}}', 'template: output:1:5: executing "output" at <nil>: nil is not a command'],
    ['{{3 2}}', 'template: output:1:2: executing "output" at <3>: can\'t give argument to non-function 3'],
    ['{{true|printf}}', 'template: output:1:7: executing "output" at <printf>: wrong type for value; expected string; got bool'],
    ['{{index nil 1}}', 'template: output:1:2: executing "output" at <index nil 1>: error calling index: index of untyped nil'],
    ['{{len 3}}', 'template: output:1:2: executing "output" at <len 3>: error calling len: len of type int'],
    ['{{call nil}}', 'template: output:1:2: executing "output" at <call nil>: error calling call: call of nil'],
    ['{{(nil).True}}', 'template: output:1:3: executing "output" at <nil>: nil is not a command'],
    ['{{$x := (1.0)}}{{$x.anything}}', 'template: output:1:19: executing "output" at <$x.anything>: can\'t evaluate field anything in type float64'],
  ];
  it.each(failing)('%s fails', (template, error) => {
    expect(exec(template, undefined)).toBe(`ERR ${error}`);
  });
});

describe('text/template parse errors (golang/go parse/parse_test.go errorTests: the text each must contain)', () => {
  const cases: [string, string][] = [
    ['line1\n{{', 'output:2: unclosed action'],
    ['line1\n{{define `x`}}line2\n{{', 'output:3: unclosed action'],
    ['line1\n{{"x"\n"y"\n', 'output:4: unclosed action started at output:2'],
    ['{{\n\n\n\n\n', 'output:6: unclosed action started at output:1'],
    ['line1\n{{\nx\n}}', 'output:3: function "x" not defined'],
    ['{{/*}}', 'output:1: unclosed comment'],
    ['{{.X (1 2 3}}', 'unclosed left paren'],
    ['{{.X 1 2 3 ) }}', 'unexpected right paren'],
    ['{{`x`3}}', 'in operand'],
    ['{{a#}}', "'#'"],
    ["{{'a}}", 'unterminated character constant'],
    ['{{"a}}', 'unterminated quoted string'],
    ['{{`a}}', 'unterminated raw quoted string'],
    ['{{0xi}}', 'number syntax'],
    ['{{define `a`}}a{{end}}{{define `a`}}b{{end}}', 'multiple definition of template'],
    ['{{range .X}}', 'unexpected EOF'],
    ['{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}', 'unexpected ":="'],
    ['{{$a,$b,$c := 23}}', 'too many declarations'],
    ['{{$a}}', 'undefined variable'],
    ['{{true.any}}', 'unexpected . after term'],
    ['{{12|false}}', 'non executable command in pipeline'],
    ['{{ ( ) }}', 'missing value for parenthesized pipeline'],
    ['{{range $k,}}{{end}}', 'missing value for range'],
    ['{{range $k, .}}{{end}}', 'range can only initialize variables'],
  ];
  it.each(cases)('%j', (template, contains) => {
    expect(parseError(template)).toContain(contains);
  });

  it('whole messages: `template: output:LINE: …`', () => {
    expect(parseError('{{.metadata.name }')).toBe('template: output:1: unexpected "}" in operand');
    expect(parseError('{{.foo}')).toBe("template: output:1: bad character U+007D '}'");
    expect(parseError('{{ .Name')).toBe('template: output:1: unclosed action');
    expect(parseError('{{ nope .x }}')).toBe('template: output:1: function "nope" not defined');
    expect(parseError('{{end}}')).toBe('template: output:1: unexpected {{end}}');
    expect(parseError('{{break}}')).toBe('template: output:1: {{break}} outside {{range}}');
    expect(parseError('{{"\\q"}}')).toBe('template: output:1: invalid syntax');
  });
});

describe('fmt verbs (golang/go src/fmt/fmt_test.go fmtTests)', () => {
  // [format, operand (bigint = int, number = float64), expected]
  const cases: [string, unknown, string][] = [
    ['%5s', 'abc', '  abc'],
    ['%-5s', 'abc', 'abc  '],
    ['%05s', 'abc', '00abc'],
    ['%.5s', '日本語日本語', '日本語日本'],
    ['%2s', '\u263a', ' ☺'],
    ['%q', 'abc', '"abc"'],
    ['%#q', 'abc', '`abc`'],
    ['%+q', '日本語', '"\\u65e5\\u672c\\u8a9e"'],
    ['%q', '\x07\b\f\n\r\t\v"\\', '"\\a\\b\\f\\n\\r\\t\\v\\"\\\\"'],
    ['%08q', 'abc', '000"abc"'],
    ['%-8q', 'abc', '"abc"   '],
    ['%x', 'xyz', '78797a'],
    ['% x', 'xyz', '78 79 7a'],
    ['%#x', 'xyz', '0x78797a'],
    ['%10v', null, '     <nil>'],
    ['%d', -12345n, '-12345'],
    ['%.d', 0n, ''],
    ['%6.0d', 0n, '      '],
    ['%+d', 12345n, '+12345'],
    ['%b', -6n, '-110'],
    ['%#o', -0o1234n, '-01234'],
    ['%O', 0o1234n, '0o1234'],
    ['%#X', 0n, '0X0'],
    ['%010d', -12345n, '-000012345'],
    ['%20.8d', -1234n, '           -00001234'],
    ['%-#20.8x', 0x1234abcn, '0x01234abc          '],
    ['%c', 0x672cn, '本'],
    ['%q', 0x263an, "'☺'"],
    ['%#U', 0x263an, "U+263A '☺'"],
    ['%U', -1n, 'U+FFFFFFFFFFFFFFFF'],
    ['%e', 1234.5678e3, '1.234568e+06'],
    ['%f', 1234.5678e-8, '0.000012'],
    ['%g', 1234.5678e3, '1.2345678e+06'],
    ['%g', -1e-9, '-1e-09'],
    ['%G', -1e-9, '-1E-09'],
    ['%+07.2f', -1, '-001.00'],
    ['%-07.2f', 1, '1.00   '],
    ['% .3e', 1, ' 1.000e+00'],
    ['%+.3x', 1, '+0x1.000p+00'],
    ['%b', 1, '4503599627370496p-52'],
    ['%#g', 123456, '123456.'],
    ['%#g', 1230000, '1.23000e+06'],
    ['%#.4g', 0.012, '0.01200'],
    ['%#.4x', 123, '0x1.ec00p+06'],
    ['%+.3e', new GoComplex(1, 2), '(+1.000e+00+2.000e+00i)'],
    ['%#12.5g', new GoComplex(0, 100000), '(      0.0000 +1.0000e+05i)'],
  ];
  it.each(cases)('%s of %s', (format, operand, expected) => {
    expect(sprintf(format, [operand])).toBe(expected);
  });

  it('%v of float64 and exact rounding (strconv ftoa.go: shortest digits, %e past exponent 21 only in JSON, ties to even)', () => {
    expect(sprintf('%v %v %v %v %v', [100000, 1000000, 0.0001, 0.00001, 123456789])).toBe('100000 1e+06 0.0001 1e-05 1.23456789e+08');
    expect(sprintf('%.0f %.0f %.1f %.2f', [0.5, 2.5, 0.25, 1.005])).toBe('0 2 0.2 1.00');
  });
});

describe('kubectl get -o go-template and friends', () => {
  it('the classic uses on a cluster', () => {
    const c = createCluster();
    run(c, 'kubectl run web --image=nginx --labels=app=web');
    run(c, 'kubectl create secret generic db --from-literal=password=s3cr3t');
    expect(run(c, `kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`)).toEqual({ out: 'web\n', err: '', code: 0 });
    const ip = run(c, "kubectl get pod web -o jsonpath='{.status.podIP}'").out;
    expect(ip).toMatch(/^10\.244\./);
    expect(run(c, `kubectl get pod web -o go-template='{{.status.podIP}}'`)).toEqual({ out: ip, err: '', code: 0 });
    expect(run(c, `kubectl get secret db -o go-template='{{.data.password | base64decode}}'`)).toEqual({ out: 's3cr3t', err: '', code: 0 });
    expect(run(c, `kubectl get pod web -o go-template='{{index .metadata.labels "app"}} {{.metadata.labels}}'`).out).toBe('web map[app:web]');
    // -o template and --template; --template alone means go-template (get_flags.go)
    expect(run(c, `kubectl get pod web -o template --template='{{.kind}}'`).out).toBe('Pod');
    expect(run(c, `kubectl get pod web --template='{{.spec.terminationGracePeriodSeconds}} {{.metadata.nope}}'`).out).toBe('30 <no value>');
    // several kinds and names are one List; the template also runs on an empty List
    expect(run(c, `kubectl get pod,secret -o go-template='{{.kind}}:{{range .items}} {{.kind}}/{{.metadata.name}}{{end}}'`).out).toBe('List: Pod/web Secret/db');
    expect(run(c, `kubectl get deploy -o go-template='{{len .items}} {{.kind}}'`)).toEqual({ out: '0 List', err: '', code: 0 });
    expect(run(c, `kubectl get deploy -o go-template='x' --ignore-not-found`)).toEqual({ out: '', err: '', code: 0 });
    // a missing name is only the NotFound error (singleItemImplied)
    expect(run(c, `kubectl get pod nope -o go-template='{{.kind}}'`)).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(run(c, `kubectl get pod web nope -o go-template='{{range .items}}{{.metadata.name}}{{end}}'`)).toEqual({
      out: 'web',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
  });

  it('template files, and the template flags errors (template_flags.go)', () => {
    const c = createCluster();
    run(c, 'kubectl create configmap cm --from-literal=a=1');
    run(c, `echo '{{range .items}}{{.metadata.name}} {{len .data}}{{"\\n"}}{{end}}' > /root/cm.tpl`);
    expect(run(c, 'kubectl get cm -o go-template-file=/root/cm.tpl').out).toBe('cm 1\nkube-root-ca.crt 1\n\n');
    expect(run(c, 'kubectl get cm -o templatefile --template=cm.tpl').out).toBe('cm 1\nkube-root-ca.crt 1\n\n');
    expect(run(c, 'kubectl get cm -o go-template-file=nope.tpl')).toEqual({
      out: '',
      err: 'error: error reading --template nope.tpl, open nope.tpl: no such file or directory\n',
      code: 1,
    });
    expect(run(c, 'kubectl get cm cm -o go-template')).toEqual({ out: '', err: 'error: template format specified but no template given\n', code: 1 });
    expect(run(c, 'kubectl get cm cm -o go-template=')).toEqual({ out: '', err: 'error: template format specified but no template given\n', code: 1 });
    expect(run(c, "kubectl get cm cm -o go-template='{{ .Name'")).toEqual({ out: '', err: 'error: error parsing template {{ .Name, template: output:1: unclosed action\n', code: 1 });
    // with --template the -o value must be a bare format name (the allowed formats include kyaml: KEP-5295 beta,
    // on by default in v1.35, cli-runtime json_yaml_flags.go AllowedFormats)
    expect(run(c, "kubectl get cm cm -o go-template='{{.kind}}' --template=x").err).toBe(
      'error: unable to match a printer suitable for the output format "go-template={{.kind}}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml\n',
    );
    // --template is the JSONPath printer's template too
    expect(run(c, "kubectl get cm cm -o jsonpath --template='{.kind}'").out).toBe('ConfigMap');
    expect(run(c, 'kubectl get cm cm -o jsonpath')).toEqual({ out: '', err: 'error: template format specified but no template given\n', code: 1 });
  });

  it('an execution error: the output so far and the debugging text on stdout, the error on stderr (template.go PrintObj)', () => {
    const c = createCluster();
    run(c, 'kubectl create configmap cm --from-literal=a=1');
    const obj = JSON.parse(run(c, 'kubectl get cm cm -o json').out);
    const raw = JSON.stringify(obj);
    const m = obj.metadata;
    const plusV = `map[apiVersion:v1 data:map[a:1] kind:ConfigMap metadata:map[creationTimestamp:${m.creationTimestamp} name:cm namespace:default resourceVersion:${m.resourceVersion} uid:${m.uid}]]`;
    const error = 'template: output:1:16: executing "output" at <.data.b.c>: map has no entry for key "b"';
    expect(run(c, `kubectl get cm cm -o go-template='{{.kind}}{{.data.b.c}}' --allow-missing-template-keys=false`)).toEqual({
      out:
        `ConfigMapError executing template: ${error}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t{{.kind}}{{.data.b.c}}\n\traw data was:\n\t\t${raw}\n\tobject given to template engine was:\n\t\t${plusV}\n\n`,
      err: `error: error executing template "{{.kind}}{{.data.b.c}}": ${error}\n`,
      code: 1,
    });
    expect(run(c, `kubectl get cm cm -o go-template='{{.data.b.c}}'`)).toEqual({ out: '<no value>', err: '', code: 0 });
  });

  it('the study note session: base64decode of a missing key on a List', () => {
    const c = createCluster();
    run(c, 'kubectl create secret generic s --from-literal=password=x');
    const r = run(c, `kubectl get secret s -o go-template='{{.data.token | base64decode}}'`);
    const error = 'template: output:1:16: executing "output" at <base64decode>: invalid value; expected string';
    expect(r.out.startsWith(`Error executing template: ${error}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{{.data.token | base64decode}}\n`)).toBe(true);
    expect(r.err).toBe(`error: error executing template "{{.data.token | base64decode}}": ${error}\n`);
    expect(r.code).toBe(1);
  });

  it('create, run and expose print through the same printers (cli-runtime PrintFlags)', () => {
    const c = createCluster();
    expect(run(c, `kubectl create configmap x --from-literal=k=v --dry-run=client -o go-template='{{.kind}}/{{.metadata.name}} {{.data.k}}'`)).toEqual({
      out: 'ConfigMap/x v',
      err: '',
      code: 0,
    });
    expect(run(c, `kubectl run p --image=nginx --dry-run=client -o template='{{(index .spec.containers 0).image}}'`).out).toBe('nginx');
    expect(run(c, `kubectl create deploy d --image=nginx --dry-run=client -o jsonpath='{.spec.replicas}'`).out).toBe('1');
    expect(run(c, `kubectl create configmap y --dry-run=client -o go-template`)).toEqual({ out: '', err: 'error: template format specified but no template given\n', code: 1 });
  });
});
