/**
 * Go text/template as kubectl's GoTemplatePrinter runs it (`-o go-template=…`,
 * `-o template=…`, `--template`; cli-runtime pkg/printers/template.go):
 * `template.New("output").Funcs({exists, base64decode}).Parse(text)`, the
 * `missingkey=default` option (`missingkey=error` with
 * --allow-missing-template-keys=false), executed on the object as
 * json.Marshal + json.Unmarshal into map[string]interface{} leave it — so every
 * number of the object is a float64 (`{{.spec.replicas}}` prints 3, 1000000
 * prints 1e+06, `eq .spec.replicas 3` fails: float64 vs int).
 *
 * A port of golang/go src/text/template (Go 1.24/1.25, what kubectl v1.35 is
 * built with): parse/lex.go (delimiters, trim markers `{{- -}}`, comments,
 * numbers, strings, the lexer's error texts), parse/parse.go (the parser with
 * its three-token lookahead, so errors name the same tokens and lines:
 * `template: output:1: unexpected "}" in operand`), parse/node.go (how nodes
 * print in error contexts), exec.go (evaluation with reflect.Value semantics:
 * a missing key is an invalid value that prints `<no value>`, a JSON null is a
 * nil interface; `template: output:1:2: executing "output" at <.foo>: map has
 * no entry for key "foo"`), funcs.go (and, or, not, len, index, slice, eq, ne,
 * lt, le, gt, ge, print, printf, println, html, js, urlquery, call) and
 * kubectl's exists (cli-runtime pkg/printers/jsonpath.go) and base64decode.
 * fmt's formatting is ./gofmt.ts.
 *
 * Values (what a reflect.Value holds): undefined = the invalid (zero) Value; an
 * Iface = a value of interface type — what indexing a map[string]interface{}
 * or []interface{} gives, its `v` null for a nil interface; otherwise the
 * concrete values of gofmt.ts (bigint int, number float64, string, bool,
 * GoByte, GoComplex, arrays, maps).
 */
import { decodeBase64, utf8Decode, utf8Encode } from '../../api/base64';
import { GoByte, GoComplex, goQuote, isGoMap, isPrint, sortedKeys, sprint, sprintf, sprintln, typeName } from './gofmt';

// ---------------------------------------------------------------------------
// lexer (parse/lex.go)

const I = {
  Error: 0,
  Bool: 1,
  Char: 2,
  CharConstant: 3,
  Comment: 4,
  Complex: 5,
  Assign: 6,
  Declare: 7,
  EOF: 8,
  Field: 9,
  Identifier: 10,
  LeftDelim: 11,
  LeftParen: 12,
  Number: 13,
  Pipe: 14,
  RawString: 15,
  RightDelim: 16,
  RightParen: 17,
  Space: 18,
  String: 19,
  Text: 20,
  Variable: 21,
  Keyword: 22,
  Block: 23,
  Break: 24,
  Continue: 25,
  Dot: 26,
  Define: 27,
  Else: 28,
  End: 29,
  If: 30,
  Nil: 31,
  Range: 32,
  Template: 33,
  With: 34,
} as const;

const KEY: Record<string, number> = {
  '.': I.Dot,
  block: I.Block,
  break: I.Break,
  continue: I.Continue,
  define: I.Define,
  else: I.Else,
  end: I.End,
  if: I.If,
  range: I.Range,
  nil: I.Nil,
  template: I.Template,
  with: I.With,
};

interface Item {
  typ: number;
  pos: number;
  val: string;
  line: number;
}

const EOF = -1;
const LEFT = '{{';
const RIGHT = '}}';

/** item.String(): how a token shows in a parse error. */
function itemString(i: Item): string {
  if (i.typ === I.EOF) return 'EOF';
  if (i.typ === I.Error) return i.val;
  if (i.typ > I.Keyword) return `<${i.val}>`;
  if (utf8Encode(i.val).length > 10) return goQuote([...i.val].slice(0, 10).join('')) + '...';
  return goQuote(i.val);
}

const isSpace = (r: number) => r === 0x20 || r === 9 || r === 13 || r === 10;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
const isAlphaNumeric = (r: number) => r === 0x5f || (r >= 0 && LETTER_OR_DIGIT.test(String.fromCodePoint(r)));
const hasLeftTrimMarker = (s: string, at: number) => s.length - at >= 2 && s[at] === '-' && isSpace(s.charCodeAt(at + 1));
const hasRightTrimMarker = (s: string, at: number) => s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s[at + 1] === '-';
const countNewlines = (s: string) => s.split('\n').length - 1;
const trimRightLength = (s: string) => s.length - s.replace(/[ \t\r\n]+$/, '').length;
const trimLeftLength = (s: string) => s.length - s.replace(/^[ \t\r\n]+/, '').length;

/** %#U of a rune: U+0041 'A' (the quoted rune only when printable). */
function sharpU(r: number): string {
  const u = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `${u} '${String.fromCodePoint(r)}'` : u;
}

type StateFn = ((l: Lexer) => StateFn) | null;

class Lexer {
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  item: Item = { typ: I.EOF, pos: 0, val: 'EOF', line: 1 };
  insideAction = false;

  constructor(public input: string) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 10) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const c = this.input.charCodeAt(this.pos - 1);
      const pair = c >= 0xdc00 && c <= 0xdfff && this.pos >= 2 && this.input.charCodeAt(this.pos - 2) >= 0xd800 && this.input.charCodeAt(this.pos - 2) <= 0xdbff;
      this.pos -= pair ? 2 : 1;
      if (c === 10) this.line--;
    }
  }

  thisItem(typ: number): Item {
    const i = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  emit(typ: number): StateFn {
    return this.emitItem(this.thisItem(typ));
  }

  emitItem(i: Item): StateFn {
    this.item = i;
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(msg: string): StateFn {
    this.item = { typ: I.Error, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  nextItem(): Item {
    this.item = { typ: I.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    for (;;) {
      state = state!(this);
      if (state === null) return this.item;
    }
  }

  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return { delim: true, trim: true };
    if (this.input.startsWith(RIGHT, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === EOF || r === 0x2e || r === 0x2c || r === 0x7c || r === 0x3a || r === 0x29 || r === 0x28) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(l.input, l.pos + LEFT.length)) trimLength = trimRightLength(l.input.slice(l.start, l.pos));
      l.pos -= trimLength;
      l.line += countNewlines(l.input.slice(l.start, l.pos));
      const i = l.thisItem(I.Text);
      l.pos += trimLength;
      l.ignore();
      if (i.val.length > 0) return l.emitItem(i);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input.slice(l.start, l.pos));
    return l.emit(I.Text);
  }
  return l.emit(I.EOF);
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += LEFT.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const i = l.thisItem(I.LeftDelim);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(i);
}

function lexComment(l: Lexer): StateFn {
  l.pos += 2;
  const x = l.input.indexOf('*/', l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + 2;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.line += countNewlines(l.input.slice(l.start, l.pos));
  l.thisItem(I.Comment);
  if (trim) l.pos += 2;
  l.pos += RIGHT.length;
  if (trim) l.pos += trimLeftLength(l.input.slice(l.pos));
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const { trim } = l.atRightDelim();
  if (trim) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT.length;
  const i = l.thisItem(I.RightDelim);
  if (trim) {
    l.pos += trimLeftLength(l.input.slice(l.pos));
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(i);
}

function lexInsideAction(l: Lexer): StateFn {
  if (l.atRightDelim().delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (String.fromCodePoint(r)) {
    case '=':
      return l.emit(I.Assign);
    case ':':
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit(I.Declare);
    case '|':
      return l.emit(I.Pipe);
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.parenDepth++;
      return l.emit(I.LeftParen);
    case ')':
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit(I.RightParen);
    case '.': {
      // ".field", or "." starting a number
      const c = l.input.charCodeAt(l.pos);
      if (l.pos < l.input.length && (c < 0x30 || c > 0x39)) return lexField;
      l.backup();
      return lexNumber;
    }
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r >= 0x20 && r < 0x7f) return l.emit(I.Char);
  return l.errorf(`unrecognized character in action: ${sharpU(r)}`);
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos - 1 + 2)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(I.Space);
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${sharpU(r)}`);
    const k = KEY[word];
    if (k !== undefined && k > I.Keyword) return l.emit(k);
    if (word[0] === '.') return l.emit(I.Field);
    if (word === 'true' || word === 'false') return l.emit(I.Bool);
    return l.emit(I.Identifier);
  }
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, I.Field);
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) return l.emit(I.Variable);
  return lexFieldOrVariable(l, I.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: number): StateFn {
  if (l.atTerminator()) return l.emit(typ === I.Variable ? I.Variable : I.Dot);
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${sharpU(r)}`);
  return l.emit(typ);
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 10) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF || r === 10) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  return l.emit(I.CharConstant);
}

function lexNumber(l: Lexer): StateFn {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    return l.emit(I.Complex);
  }
  return l.emit(I.Number);
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 10) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF || r === 10) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  return l.emit(I.String);
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit(I.RawString);
}

// ---------------------------------------------------------------------------
// parse nodes (parse/node.go)

interface Base {
  pos: number;
  tree: Tree;
}
interface ListNode extends Base {
  t: 'list';
  nodes: Node[];
}
interface TextNode extends Base {
  t: 'text';
  text: string;
}
interface CommentNode extends Base {
  t: 'comment';
  text: string;
}
interface PipeNode extends Base {
  t: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
interface ActionNode extends Base {
  t: 'action';
  line: number;
  pipe: PipeNode;
}
interface CommandNode extends Base {
  t: 'command';
  args: Node[];
}
interface IdentifierNode extends Base {
  t: 'identifier';
  ident: string;
}
interface VariableNode extends Base {
  t: 'variable';
  ident: string[];
}
interface DotNode extends Base {
  t: 'dot';
}
interface NilNode extends Base {
  t: 'nil';
}
interface FieldNode extends Base {
  t: 'field';
  ident: string[];
}
interface ChainNode extends Base {
  t: 'chain';
  node: Node;
  field: string[];
}
interface BoolNode extends Base {
  t: 'bool';
  value: boolean;
}
interface NumberNode extends Base {
  t: 'number';
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: GoComplex;
  text: string;
}
interface StringNode extends Base {
  t: 'string';
  quoted: string;
  text: string;
}
interface EndNode extends Base {
  t: 'end';
}
interface ElseNode extends Base {
  t: 'else';
}
interface BranchNode extends Base {
  t: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
interface BreakNode extends Base {
  t: 'break';
}
interface ContinueNode extends Base {
  t: 'continue';
}
interface TemplateNode extends Base {
  t: 'template';
  name: string;
  pipe?: PipeNode;
}

type Node =
  | ListNode
  | TextNode
  | CommentNode
  | PipeNode
  | ActionNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | BranchNode
  | BreakNode
  | ContinueNode
  | TemplateNode;

/** Node.String(): how a node shows in an execution error's `at <…>`. */
function nodeString(n: Node): string {
  switch (n.t) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'comment':
      return LEFT + n.text + RIGHT;
    case 'pipe': {
      let s = '';
      if (n.decl.length) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'action':
      return LEFT + nodeString(n.pipe) + RIGHT;
    case 'command':
      return n.args.map((a) => (a.t === 'pipe' ? '(' + nodeString(a) + ')' : nodeString(a))).join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((i) => '.' + i).join('');
    case 'chain':
      return (n.node.t === 'pipe' ? '(' + nodeString(n.node) + ')' : nodeString(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'end':
      return LEFT + 'end' + RIGHT;
    case 'else':
      return LEFT + 'else' + RIGHT;
    case 'if':
    case 'range':
    case 'with':
      return (
        LEFT + n.t + ' ' + nodeString(n.pipe) + RIGHT + nodeString(n.list) + (n.elseList ? LEFT + 'else' + RIGHT + nodeString(n.elseList) : '') + LEFT + 'end' + RIGHT
      );
    case 'break':
      return LEFT + 'break' + RIGHT;
    case 'continue':
      return LEFT + 'continue' + RIGHT;
    case 'template':
      return LEFT + 'template ' + goQuote(n.name) + (n.pipe ? ' ' + nodeString(n.pipe) : '') + RIGHT;
  }
}

// ---- literals: strconv.Unquote, UnquoteChar, ParseInt/ParseUint/ParseFloat with base 0 ----

class SyntaxError_ extends Error {}
const INVALID_SYNTAX = 'invalid syntax';

/** strconv.UnquoteChar: one (possibly escaped) character of a quoted literal; bytes for \x and octal escapes. */
function unquoteChar(s: string, at: number, quote: string): { bytes?: number[]; rune?: number; next: number } {
  const c = s[at];
  if (c === quote && (quote === "'" || quote === '"')) throw new SyntaxError_(INVALID_SYNTAX);
  if (c !== '\\') {
    const r = s.codePointAt(at)!;
    return { rune: r, next: at + (r > 0xffff ? 2 : 1) };
  }
  if (at + 1 >= s.length) throw new SyntaxError_(INVALID_SYNTAX);
  const e = s[at + 1];
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };
  if (e in simple) return { rune: simple[e], next: at + 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) throw new SyntaxError_(INVALID_SYNTAX);
    return { rune: e.charCodeAt(0), next: at + 2 };
  }
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const h = s.slice(at + 2, at + 2 + n);
    if (h.length < n || !/^[0-9a-fA-F]+$/.test(h)) throw new SyntaxError_(INVALID_SYNTAX);
    const v = parseInt(h, 16);
    if (e === 'x') return { bytes: [v], next: at + 2 + n };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_(INVALID_SYNTAX);
    return { rune: v, next: at + 2 + n };
  }
  if (e >= '0' && e <= '7') {
    const o = s.slice(at + 1, at + 4);
    if (o.length < 3 || !/^[0-7]{3}$/.test(o)) throw new SyntaxError_(INVALID_SYNTAX);
    const v = parseInt(o, 8);
    if (v > 255) throw new SyntaxError_(INVALID_SYNTAX);
    return { bytes: [v], next: at + 4 };
  }
  throw new SyntaxError_(INVALID_SYNTAX);
}

/** strconv.Unquote of a "…" or `…` literal. */
function unquote(q: string): string {
  if (q[0] === '`') return q.slice(1, -1).replace(/\r/g, '');
  const body = q.slice(1, -1);
  const bytes: number[] = [];
  for (let at = 0; at < body.length; ) {
    const r = unquoteChar(body, at, '"');
    if (r.bytes) bytes.push(...r.bytes);
    else bytes.push(...utf8Encode(String.fromCodePoint(r.rune!)));
    at = r.next;
  }
  return utf8Decode(bytes) ?? String.fromCharCode(...bytes);
}

/** strconv's underscoreOK: underscores only between digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hexa = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hexa = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hexa && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt/ParseUint(s, 0, 64); undefined on any error. */
function parseInteger(s: string, signed: boolean): bigint | undefined {
  let t = s;
  let neg = false;
  if (signed && (t[0] === '+' || t[0] === '-')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  if (!t) return undefined;
  let base = 10;
  let digits = t;
  if (t[0] === '0' && t.length > 1) {
    const p = t[1].toLowerCase();
    if (p === 'x') [base, digits] = [16, t.slice(2)];
    else if (p === 'b') [base, digits] = [2, t.slice(2)];
    else if (p === 'o') [base, digits] = [8, t.slice(2)];
    else [base, digits] = [8, t.slice(1)];
  }
  if (digits.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    digits = digits.replace(/_/g, '');
  }
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < -(2n ** 63n) || v >= 2n ** 63n : v >= 2n ** 64n) return undefined;
  return v;
}

/** strconv.ParseFloat(s, 64) for the literals the lexer lets through; undefined on a syntax or range error. */
function parseFloat64(s: string): number | undefined {
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, '');
  }
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  let v: number;
  if (m) {
    if (!m[2] && !m[3]) return undefined;
    const frac = m[3] ?? '';
    const mant = BigInt('0x' + (m[2] + frac || '0'));
    v = Number(mant) * 2 ** (Number(m[4]) - 4 * frac.length);
    if (m[1] === '-') v = -v;
  } else {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
    v = Number(s);
  }
  return Number.isFinite(v) ? v : undefined;
}

const INT64_LIMIT = 2 ** 63;

// ---------------------------------------------------------------------------
// parser (parse/parse.go)

export class TemplateParseError extends Error {}

const BUILTIN_NAMES = ['and', 'call', 'html', 'index', 'slice', 'js', 'len', 'not', 'or', 'print', 'printf', 'println', 'urlquery', 'eq', 'ge', 'gt', 'le', 'lt', 'ne'];
/** kubectl's template.FuncMap (cli-runtime pkg/printers/template.go). */
const KUBECTL_FUNCS = ['exists', 'base64decode'];
const FUNCS = new Set([...BUILTIN_NAMES, ...KUBECTL_FUNCS]);

// Go allows 10000 nested parentheses and 100000 nested template calls; the engine's stack does not, so the
// limits are lower here with Go's texts (only endless recursion or absurd nesting can reach them)
const MAX_PAREN_DEPTH = 1000;
const MAX_EXEC_DEPTH = 1000;

class Tree {
  root!: ListNode;
  text: string;
  private lex!: Lexer;
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = [];
  private treeSet!: Map<string, Tree>;
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  constructor(
    public name: string,
    public parseName: string,
    text: string,
  ) {
    this.text = text;
  }

  static parseAll(name: string, text: string): Map<string, Tree> {
    const treeSet = new Map<string, Tree>();
    const t = new Tree(name, name, text);
    t.startParse(new Lexer(text), treeSet);
    t.parse();
    t.add();
    return treeSet;
  }

  private startParse(lex: Lexer, treeSet: Map<string, Tree>): void {
    this.lex = lex;
    this.vars = ['$'];
    this.treeSet = treeSet;
    this.stackDepth = 0;
  }

  // ---- tokens ----

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === I.Space);
    return token;
  }
  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // ---- errors ----

  private errorf(msg: string): never {
    throw new TemplateParseError(`template: ${this.parseName}:${this.token[0].line}: ${msg}`);
  }
  private expect(expected: number, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }
  private expectOneOf(e1: number, e2: number, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }
  private unexpected(token: Item, context: string): never {
    if (token.typ === I.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  // ---- nodes ----

  private list(pos: number): ListNode {
    return { t: 'list', pos, tree: this, nodes: [] };
  }
  private variable(pos: number, ident: string): VariableNode {
    return { t: 'variable', pos, tree: this, ident: ident.split('.') };
  }
  private field(pos: number, ident: string): FieldNode {
    return { t: 'field', pos, tree: this, ident: ident.slice(1).split('.') };
  }

  private add(): void {
    const tree = this.treeSet.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
  }

  private parse(): void {
    this.root = this.list(this.peek().pos);
    while (this.peek().typ !== I.EOF) {
      if (this.peek().typ === I.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === I.Define) {
          const newT = new Tree('definition', this.parseName, this.text);
          newT.startParse(this.lex, this.treeSet);
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(I.String, I.RawString, context);
    this.name = this.unquoteOrFail(name.val);
    this.expect(I.RightDelim, context);
    const { list, next } = this.itemList();
    this.root = list;
    if (next.t !== 'end') this.errorf(`unexpected ${nodeString(next)} in ${context}`);
    this.add();
  }

  private unquoteOrFail(q: string): string {
    try {
      return unquote(q);
    } catch (e) {
      if (e instanceof SyntaxError_) this.errorf(e.message);
      throw e;
    }
  }

  private itemList(): { list: ListNode; next: Node } {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== I.EOF) {
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') return { list, next: n };
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I.Text:
        return { t: 'text', pos: token.pos, tree: this, text: token.val };
      case I.LeftDelim:
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case I.Comment:
        return { t: 'comment', pos: token.pos, tree: this, text: token.val };
    }
    this.unexpected(token, 'input');
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I.Block:
        return this.blockControl();
      case I.Break:
        return this.loopControl('break', token);
      case I.Continue:
        return this.loopControl('continue', token);
      case I.Else:
        return this.elseControl();
      case I.End:
        return { t: 'end', pos: this.expect(I.RightDelim, 'end').pos, tree: this };
      case I.If:
        return this.branch('if');
      case I.Range:
        return this.branch('range');
      case I.Template:
        return this.templateControl();
      case I.With:
        return this.branch('with');
    }
    this.backup();
    const t = this.peek();
    return { t: 'action', pos: t.pos, line: t.line, tree: this, pipe: this.pipeline('command', I.RightDelim) };
  }

  private loopControl(kind: 'break' | 'continue', at: Item): Node {
    const token = this.nextNonSpace();
    if (token.typ !== I.RightDelim) this.unexpected(token, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { t: kind, pos: at.pos, tree: this };
  }

  private pipeline(context: string, end: number): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = { t: 'pipe', pos: token.pos, line: token.line, tree: this, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === I.Variable) {
        this.next();
        // "$x foo" needs 3 tokens of lookahead to tell an argument from a declaration
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === I.Assign || next.typ === I.Declare) {
          pipe.isAssign = next.typ === I.Assign;
          this.nextNonSpace();
          pipe.decl.push(this.variable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === I.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(this.variable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === I.Variable || p === I.RightDelim || p === I.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === I.Space) this.backup3(v, tokenAfterVariable);
        else this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.typ) {
        case I.Bool:
        case I.CharConstant:
        case I.Complex:
        case I.Dot:
        case I.Field:
        case I.Identifier:
        case I.Number:
        case I.Nil:
        case I.RawString:
        case I.String:
        case I.Variable:
        case I.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (!pipe.cmds.length) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].t;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private branch(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, I.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const first = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (first.next.t === 'else') {
        // {{else if …}} / {{else with …}}: the else node left the keyword pending; parse it as a nested if/with
        if ((context === 'if' && this.peek().typ === I.If) || (context === 'with' && this.peek().typ === I.With)) {
          this.next();
          elseList = this.list(first.next.pos);
          elseList.nodes.push(this.branch(context));
        } else {
          const second = this.itemList();
          elseList = second.list;
          if (second.next.t !== 'end') this.errorf(`expected end; found ${nodeString(second.next)}`);
        }
      }
      return { t: context, pos: pipe.pos, tree: this, pipe, list: first.list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === I.If || peek.typ === I.With) return { t: 'else', pos: peek.pos, tree: this };
    const token = this.expect(I.RightDelim, 'else');
    return { t: 'else', pos: token.pos, tree: this };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, I.RightDelim);
    const block = new Tree(name, this.parseName, this.text);
    block.startParse(this.lex, this.treeSet);
    const { list, next } = block.itemList();
    block.root = list;
    if (next.t !== 'end') this.errorf(`unexpected ${nodeString(next)} in ${context}`);
    block.add();
    return { t: 'template', pos: token.pos, tree: this, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== I.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, I.RightDelim);
    }
    return { t: 'template', pos: token.pos, tree: this, name, pipe };
  }

  private templateName(token: Item, context: string): string {
    if (token.typ === I.String || token.typ === I.RawString) return this.unquoteOrFail(token.val);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd: CommandNode = { t: 'command', pos: this.peekNonSpace().pos, tree: this, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === I.Space) continue;
      if (token.typ === I.RightDelim || token.typ === I.RightParen) this.backup();
      else if (token.typ !== I.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (!cmd.args.length) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === I.Field) {
      const chain: ChainNode = { t: 'chain', pos: this.peek().pos, tree: this, node, field: [] };
      while (this.peek().typ === I.Field) chain.field.push(this.next().val.slice(1));
      // a field or variable takes the chain's fields itself (at the chain's position: the first added field's)
      switch (node.t) {
        case 'field':
          node = this.field(chain.pos, nodeString(chain));
          break;
        case 'variable':
          node = this.variable(chain.pos, nodeString(chain));
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        // falls through: errorf throws
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case I.Identifier:
        if (!FUNCS.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { t: 'identifier', pos: token.pos, tree: this, ident: token.val };
      case I.Dot:
        return { t: 'dot', pos: token.pos, tree: this };
      case I.Nil:
        return { t: 'nil', pos: token.pos, tree: this };
      case I.Variable:
        return this.useVar(token.pos, token.val);
      case I.Field:
        return this.field(token.pos, token.val);
      case I.Bool:
        return { t: 'bool', pos: token.pos, tree: this, value: token.val === 'true' };
      case I.CharConstant:
      case I.Complex:
      case I.Number:
        return this.number(token.pos, token.val, token.typ);
      case I.LeftParen:
        if (this.stackDepth >= MAX_PAREN_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', I.RightParen);
        } finally {
          this.stackDepth--;
        }
      case I.String:
      case I.RawString:
        return { t: 'string', pos: token.pos, tree: this, quoted: token.val, text: this.unquoteOrFail(token.val) };
    }
    this.backup();
    return undefined;
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.variable(pos, name);
    if (!this.vars.includes(v.ident[0])) this.errorf(`undefined variable ${goQuote(v.ident[0])}`);
    return v;
  }

  /** newNumber: the literal under every type that can hold it, as Go's ideal constants. */
  private number(pos: number, text: string, typ: number): NumberNode {
    const n: NumberNode = {
      t: 'number',
      pos,
      tree: this,
      text,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int64: 0n,
      uint64: 0n,
      float64: 0,
      complex: new GoComplex(0, 0),
    };
    const simplifyComplex = () => {
      n.isFloat = n.complex.im === 0;
      if (!n.isFloat) return;
      n.float64 = n.complex.re;
      n.isInt = Number.isInteger(n.float64) && Math.abs(n.float64) < INT64_LIMIT;
      if (n.isInt) n.int64 = BigInt(n.float64);
      n.isUint = Number.isInteger(n.float64) && n.float64 >= 0 && n.float64 < 2 ** 64;
      if (n.isUint) n.uint64 = BigInt(n.float64);
    };
    if (typ === I.CharConstant) {
      let r: { bytes?: number[]; rune?: number; next: number };
      try {
        r = unquoteChar(text, 1, "'");
      } catch (e) {
        if (e instanceof SyntaxError_) this.errorf(e.message);
        throw e;
      }
      if (text.slice(r.next) !== "'") this.errorf(`malformed character constant: ${text}`);
      const v = r.bytes ? r.bytes[0] : r.rune!;
      Object.assign(n, { int64: BigInt(v), isInt: true, uint64: BigInt(v), isUint: true, float64: v, isFloat: true });
      return n;
    }
    if (typ === I.Complex) {
      // fmt.Sscan of "re±imi"
      const m = /^(.+?)([+-][^+-]*)i$/.exec(text);
      const re = m ? parseFloat64(m[1]) : undefined;
      const im = m ? parseFloat64(m[2]) : undefined;
      if (re === undefined || im === undefined) this.errorf(`illegal number syntax: ${goQuote(text)}`);
      n.isComplex = true;
      n.complex = new GoComplex(re, im);
      simplifyComplex();
      return n;
    }
    if (text.endsWith('i')) {
      const f = parseFloat64(text.slice(0, -1));
      if (f !== undefined) {
        n.isComplex = true;
        n.complex = new GoComplex(0, f);
        simplifyComplex();
        return n;
      }
    }
    const u = parseInteger(text, false);
    if (u !== undefined) {
      n.isUint = true;
      n.uint64 = u;
    }
    const i = parseInteger(text, true);
    if (i !== undefined) {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = u ?? 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseFloat64(text);
      if (f !== undefined) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${goQuote(text)}`);
        n.isFloat = true;
        n.float64 = f;
        if (Number.isInteger(f) && f >= -INT64_LIMIT && f < INT64_LIMIT) {
          n.isInt = true;
          n.int64 = BigInt(f);
        }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
          n.isUint = true;
          n.uint64 = BigInt(f);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${goQuote(text)}`);
    return n;
  }
}

/** parse.IsEmptyTree: nothing but space and comments. */
function isEmptyTree(n: Node | undefined): boolean {
  if (!n) return true;
  if (n.t === 'list') return n.nodes.every(isEmptyTree);
  if (n.t === 'comment') return true;
  if (n.t === 'text') return n.text.trim() === '';
  return false;
}

// ---------------------------------------------------------------------------
// values (reflect.Value as exec.go sees them)

/** A value of interface type: an element of a map[string]interface{} or []interface{}; v null = nil interface. */
class Iface {
  constructor(readonly v: unknown) {}
}

type V = unknown; // undefined | Iface | concrete (see the file comment)

/** missingVal: "no final value" in a pipeline. */
const MISSING = Symbol('missing');

const elem = (x: unknown): V => new Iface(x === undefined ? null : x);

/** reflect.Value.Type().String(). */
function typeOfV(v: V): string {
  return v instanceof Iface ? 'interface {}' : typeName(v);
}

/** indirect: through interfaces; isNil when a nil one is met (the value returned is then that interface). */
function indirect(v: V): { v: V; isNil: boolean } {
  if (v instanceof Iface) return v.v === null ? { v, isNil: true } : { v: v.v, isNil: false };
  return { v, isNil: false };
}

/** indirectInterface: the concrete value inside an interface (invalid for a nil one). */
function indirectInterface(v: V): V {
  if (!(v instanceof Iface)) return v;
  return v.v === null ? undefined : v.v;
}

/** The interface{} value fmt and kubectl's funcs receive: the dynamic value, nil as null. */
function toAny(v: V): unknown {
  if (v instanceof Iface) return v.v;
  return v === undefined ? null : v;
}

function isTrue(v: V): boolean {
  if (v === undefined) return false;
  if (v instanceof Iface) return v.v !== null;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
  }
  if (v instanceof GoByte) return v.v !== 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isGoMap(v)) return sortedKeys(v).length > 0;
  return true;
}

const truth = (v: V) => isTrue(indirectInterface(v));

/** %v of a reflect.Value in an error text (fmt prints what it holds). */
function fmtV(v: V, verb = 'v'): string {
  if (v === undefined) return '<invalid reflect.Value>';
  return sprintf('%' + verb, [toAny(v)]);
}

/** Strings are indexed, sliced and measured in bytes. */
const byteLength = (s: string) => utf8Encode(s).length;
const bytesToString = (b: number[]) => utf8Decode(b) ?? String.fromCharCode(...b);

// ---------------------------------------------------------------------------
// functions (funcs.go, and kubectl's)

/** A function's error result: evalCall reports `error calling NAME: …`. */
class FnError extends Error {}

type Param = 'value' | 'any' | 'string'; // reflect.Value, interface{}, string

interface Fn {
  params: Param[];
  variadic?: Param;
  call(args: V[]): V;
}

function basicKind(v: V): 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'invalid' {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoByte) return 'uint';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

const intOf = (v: V): bigint => (v instanceof GoByte ? BigInt(v.v) : (v as bigint));

function basicEqual(k: string, a: V, b: V): boolean {
  switch (k) {
    case 'complex':
      return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
    case 'int':
    case 'uint':
      return intOf(a) === intOf(b);
    default:
      return a === b;
  }
}

function eq(arg1: V, ...arg2: V[]): boolean {
  arg1 = indirectInterface(arg1);
  if (!arg2.length) throw new FnError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) t = intOf(arg1) === intOf(arg);
      else if (arg1 !== undefined && arg !== undefined) throw new FnError(`incompatible types for comparison: ${typeOfV(arg1)} and ${typeOfV(arg)}`);
    } else if (k1 !== 'invalid') t = basicEqual(k1, arg1, arg);
    else {
      const kind = (x: V) => (x === undefined ? 'invalid' : Array.isArray(x) ? 'slice' : 'map');
      if (kind(arg1) !== kind(arg) && arg1 !== undefined && arg !== undefined) {
        throw new FnError(`non-comparable types ${fmtV(arg1, 's')}: ${typeOfV(arg1)}, ${typeOfV(arg)}: ${fmtV(arg)}`);
      }
      if (arg1 === undefined || arg === undefined) t = arg1 === arg;
      else throw new FnError(`non-comparable type ${fmtV(arg, 's')}: ${typeOfV(arg)}`);
    }
    if (t) return true;
  }
  return false;
}

function lt(arg1: V, arg2: V): boolean {
  arg1 = indirectInterface(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new FnError('invalid type for comparison');
  arg2 = indirectInterface(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new FnError('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return intOf(arg1) < intOf(arg2);
    throw new FnError(`incompatible types for comparison: ${typeOfV(arg1)} and ${typeOfV(arg2)}`);
  }
  if (k1 === 'bool' || k1 === 'complex') throw new FnError('invalid type for comparison');
  if (k1 === 'int' || k1 === 'uint') return intOf(arg1) < intOf(arg2);
  return (arg1 as number | string) < (arg2 as number | string);
}

const le = (a: V, b: V) => lt(a, b) || eq(a, b);

/** indexArg: an int or uint index within 0..cap. */
function indexArg(index: V, cap: number): number {
  let x: bigint;
  if (typeof index === 'bigint' || index instanceof GoByte) x = intOf(index);
  else if (index === undefined) throw new FnError('cannot index slice/array with nil');
  else throw new FnError(`cannot index slice/array with type ${typeOfV(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new FnError(`index out of range: ${x}`);
  return Number(x);
}

function lengthOf(v: V): number {
  if (typeof v === 'string') return byteLength(v);
  if (Array.isArray(v)) return v.length;
  return sortedKeys(v as Record<string, unknown>).length;
}

function index(item: V, ...indexes: V[]): V {
  item = indirectInterface(item);
  if (item === undefined) throw new FnError('index of untyped nil');
  for (let ix of indexes) {
    ix = indirectInterface(ix);
    const ind = indirect(item);
    if (ind.isNil) throw new FnError('index of nil pointer');
    item = ind.v;
    if (typeof item === 'string' || Array.isArray(item)) {
      const x = indexArg(ix, lengthOf(item));
      // reflect.Value.Index panics past the end (indexArg lets x == len through)
      if (x >= lengthOf(item)) throw new FnError(typeof item === 'string' ? 'reflect: string index out of range' : 'reflect: slice index out of range');
      item = typeof item === 'string' ? new GoByte(utf8Encode(item)[x]) : elem(item[x]);
    } else if (isGoMap(item)) {
      if (ix === undefined) throw new FnError('value is nil; should be of type string');
      if (typeof ix !== 'string') throw new FnError(`value has type ${typeOfV(ix)}; should be string`);
      item = Object.prototype.hasOwnProperty.call(item, ix) && item[ix] !== undefined ? elem(item[ix]) : new Iface(null);
    } else throw new FnError(`can't index item of type ${typeOfV(item)}`);
  }
  return item;
}

function slice(item: V, ...indexes: V[]): V {
  item = indirectInterface(item);
  if (item === undefined) throw new FnError('slice of untyped nil');
  if (indexes.length > 3) throw new FnError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FnError('cannot 3-index slice a string');
    cap = byteLength(item);
  } else if (Array.isArray(item)) cap = item.length;
  else throw new FnError(`can't slice item of type ${typeOfV(item)}`);
  const idx = [0, lengthOf(item), 0];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, cap)));
  if (idx[0] > idx[1]) throw new FnError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new FnError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return typeof item === 'string' ? bytesToString(utf8Encode(item).slice(idx[0], idx[1])) : item.slice(idx[0], idx[1]);
}

function length(item: V): V {
  const ind = indirect(item);
  if (ind.isNil) throw new FnError('len of nil pointer');
  const v = ind.v;
  if (typeof v === 'string' || Array.isArray(v) || isGoMap(v)) return BigInt(lengthOf(v));
  // item.Type() of the invalid value panics inside the call
  if (v === undefined) throw new FnError('reflect: call of reflect.Value.Type on zero Value');
  throw new FnError(`len of type ${typeOfV(v)}`);
}

/** evalArgs: one string argument as is, else fmt.Sprint with a nil argument as <no value>. */
function evalArgs(args: V[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    const special: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (special[ch]) out += special[ch];
    else if (r < 0x20) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
    else if (r < 0x80 || isPrint(r)) out += ch;
    else out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** kubectl's exists (cli-runtime pkg/printers/jsonpath.go): whether index would find something non-nil. */
function exists(item: V, ...indices: V[]): boolean {
  let v: V = item === null ? undefined : item;
  for (const i of indices) {
    const ind = indirect(v);
    if (ind.isNil) return false;
    v = ind.v;
    if (typeof v === 'string' || Array.isArray(v)) {
      if (!(typeof i === 'bigint' || i instanceof GoByte)) return false;
      const x = intOf(i);
      if (x < 0n || x >= BigInt(lengthOf(v))) return false;
      v = typeof v === 'string' ? new GoByte(utf8Encode(v)[Number(x)]) : elem(v[Number(x)]);
    } else if (isGoMap(v)) {
      const key = i === null ? '' : i;
      if (typeof key !== 'string') return false;
      v = Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined ? elem(v[key]) : new Iface(null);
    } else return false;
  }
  return !indirect(v).isNil;
}

const FUNCTIONS: Record<string, Fn> = {
  and: { params: ['value'], variadic: 'value', call: () => undefined }, // evaluated lazily in evalCall
  or: { params: ['value'], variadic: 'value', call: () => undefined },
  call: { params: ['value'], variadic: 'value', call: () => undefined },
  not: { params: ['value'], call: ([a]) => !truth(a) },
  len: { params: ['value'], call: ([a]) => length(a) },
  index: { params: ['value'], variadic: 'value', call: ([a, ...rest]) => index(a, ...rest) },
  slice: { params: ['value'], variadic: 'value', call: ([a, ...rest]) => slice(a, ...rest) },
  eq: { params: ['value'], variadic: 'value', call: ([a, ...rest]) => eq(a, ...rest) },
  ne: { params: ['value', 'value'], call: ([a, b]) => !eq(a, b) },
  lt: { params: ['value', 'value'], call: ([a, b]) => lt(a, b) },
  le: { params: ['value', 'value'], call: ([a, b]) => le(a, b) },
  gt: { params: ['value', 'value'], call: ([a, b]) => !le(a, b) },
  ge: { params: ['value', 'value'], call: ([a, b]) => !lt(a, b) },
  print: { params: [], variadic: 'any', call: (args) => sprint(args) },
  printf: { params: ['string'], variadic: 'any', call: ([f, ...args]) => sprintf(f as string, args) },
  println: { params: [], variadic: 'any', call: (args) => sprintln(args) },
  html: { params: [], variadic: 'any', call: (args) => htmlEscape(evalArgs(args)) },
  js: { params: [], variadic: 'any', call: (args) => jsEscape(evalArgs(args)) },
  urlquery: { params: [], variadic: 'any', call: (args) => queryEscape(evalArgs(args)) },
  exists: { params: ['any'], variadic: 'any', call: ([a, ...rest]) => exists(a, ...rest) },
  base64decode: {
    params: ['string'],
    call: ([s]) => {
      const r = decodeBase64(s as string);
      if ('error' in r) throw new FnError(`base64 decode failed: ${r.error}`);
      return r.text;
    },
  },
};

// functions whose interface{} parameters receive dynamic values (fmt and kubectl's funcs see no reflect.Value)
const ANY_ARGS = new Set(['print', 'printf', 'println', 'html', 'js', 'urlquery', 'exists']);

// ---------------------------------------------------------------------------
// execution (exec.go)

/** An execution error: the message is Go's full text (`template: output:1:2: executing "output" at <.foo>: …`). */
export class TemplateExecError extends Error {}

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

type MissingKey = 'default' | 'error';

class State {
  out: string[] = [];
  node: Node | undefined;
  vars: { name: string; value: V }[] = [];
  depth = 0;

  constructor(
    private trees: Map<string, Tree>,
    public name: string,
    private missingKey: MissingKey,
  ) {}

  // ---- variables ----
  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private setVar(name: string, value: V): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: V): void {
    this.vars[this.vars.length - n].value = value;
  }
  private varValue(name: string): V {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  private at(node: Node): void {
    this.node = node;
  }

  errorf(msg: string): never {
    if (!this.node) throw new TemplateExecError(`template: ${this.name}: ${msg}`);
    // ErrorContext: line and byte column of the node in the whole text
    const text = this.node.tree.text.slice(0, this.node.pos);
    const nl = text.lastIndexOf('\n');
    const col = byteLength(text.slice(nl + 1));
    const location = `${this.node.tree.parseName}:${countNewlines(text) + 1}:${col}`;
    throw new TemplateExecError(`template: ${location}: executing ${goQuote(this.name)} at <${nodeString(this.node)}>: ${msg}`);
  }

  // ---- walk ----

  walk(dot: V, node: Node): void {
    this.at(node);
    switch (node.t) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (!node.pipe.decl.length) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  private walkIfOrWith(node: BranchNode, dot: V): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (truth(val)) this.walk(node.t === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: V, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = indirect(this.evalPipeline(dot, r.pipe)).v;
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: V, el: V) => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : el);
          else this.setTopVar(1, el);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], el);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(el, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      let ran = false;
      if (typeof val === 'bigint' || val instanceof GoByte) {
        // range over an integer: 0 … n-1
        if (decl.length > 1) this.errorf(`can't use ${fmtV(val)} to iterate over more than one variable`);
        const n = intOf(val);
        for (let i = 0n; i < n; i++) {
          ran = true;
          oneIteration(undefined, typeof val === 'bigint' ? i : new GoByte(Number(i)));
        }
      } else if (Array.isArray(val)) {
        for (let i = 0; i < val.length; i++) {
          ran = true;
          oneIteration(BigInt(i), elem(val[i]));
        }
      } else if (isGoMap(val)) {
        for (const k of sortedKeys(val)) {
          ran = true;
          oneIteration(k, elem(val[k]));
        }
      } else if (val !== undefined) this.errorf(`range can't iterate over ${fmtV(val)}`);
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: V, t: TemplateNode): void {
    this.at(t);
    const tree = this.trees.get(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (100000)`);
    dot = this.evalPipeline(dot, t.pipe);
    const saved = { name: this.name, vars: this.vars };
    this.depth++;
    this.name = t.name;
    this.vars = [{ name: '$', value: dot }];
    try {
      this.walk(dot, tree.root);
    } finally {
      this.depth--;
      this.name = saved.name;
      this.vars = saved.vars;
    }
  }

  // ---- evaluation ----

  evalPipeline(dot: V, pipe: PipeNode | undefined): V {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: V = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // an interface{} value: one level down to what it holds
      if (value instanceof Iface) value = value.v === null ? undefined : value.v;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.vars.push({ name: v.ident[0], value });
    }
    return value;
  }

  private notAFunction(args: Node[], final: V): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: V, cmd: CommandNode, final: V): V {
    const first = cmd.args[0];
    switch (first.t) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final, true);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.t) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through: errorf throws
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private idealConstant(c: NumberNode): V {
    this.at(c);
    if (c.isComplex) return c.complex;
    const isHexInt = /^0[xX]/.test(c.text) && !/[pP]/.test(c.text);
    const isRuneInt = c.text[0] === "'";
    if (c.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(c.text)) return c.float64;
    if (c.isInt) return c.int64;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  private evalChainNode(dot: V, chain: ChainNode, args: Node[] | null, final: V): V {
    this.at(chain);
    if (chain.node.t === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final, false);
  }

  private evalVariableNode(dot: V, variable: VariableNode, args: Node[] | null, final: V): V {
    this.at(variable);
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final, false);
  }

  /** .X.Y.Z; for a FieldNode (isField) evalFieldNode's s.at(field) comes first. */
  private evalFieldChain(dot: V, receiver: V, node: Node, ident: string[], args: Node[] | null, final: V, isField: boolean): V {
    if (isField) this.at(node);
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(ident[i], null, MISSING, receiver);
    return this.evalField(ident[ident.length - 1], args, final, receiver);
  }

  private evalField(fieldName: string, args: Node[] | null, final: V, receiver: V): V {
    if (receiver === undefined) {
      if (this.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    const typ = typeOfV(receiver);
    const ind = indirect(receiver);
    if (ind.isNil) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const r = ind.v;
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (isGoMap(r)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.prototype.hasOwnProperty.call(r, fieldName) && r[fieldName] !== undefined) return elem(r[fieldName]);
      if (this.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(dot: V, node: IdentifierNode, cmd: Node, args: Node[] | null, final: V): V {
    this.at(node);
    const fn = FUNCTIONS[node.ident];
    if (!fn) this.errorf(`${goQuote(node.ident)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.ident, args, final);
  }

  private evalCall(dot: V, fn: Fn, node: Node, name: string, argNodes: Node[] | null, final: V): V {
    const args = argNodes ? argNodes.slice(1) : [];
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);

    // and/or evaluate their arguments one by one and stop at the deciding one
    if (name === 'and' || name === 'or') {
      let v: V = undefined;
      for (const arg of args) {
        v = this.evalArg(dot, 'value', arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }

    const argv: V[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]));
    if (final !== MISSING) {
      let t: Param = fn.params[fn.params.length - 1];
      if (fn.variadic) t = numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.variadic;
      argv.push(this.validateType(final, t));
    }

    try {
      if (name === 'call') {
        // call's first argument must be a function; the data of a kubectl template holds none
        const calleeName = args.length ? nodeString(args[0]) : typeof final === 'string' ? final : `<${typeOfV(final)} Value>`;
        const f = indirectInterface(argv[0]);
        if (f === undefined) throw new FnError('call of nil');
        throw new FnError(`non-function ${calleeName} of type ${typeOfV(f)}`);
      }
      return fn.call(ANY_ARGS.has(name) ? argv.map(toAny) : argv);
    } catch (e) {
      if (!(e instanceof FnError)) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validateType(value: V, typ: Param | null): V {
    if (value === undefined) {
      if (typ === null || typ === 'value') return undefined;
      if (typ === 'any') return new Iface(null);
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === 'string' && typeof value !== 'string') {
      if (value instanceof Iface && typeof value.v === 'string') return value.v;
      const got = value instanceof Iface && value.v !== null ? typeName(value.v) : typeOfV(value);
      this.errorf(`wrong type for value; expected string; got ${got}`);
    }
    return value;
  }

  private evalArg(dot: V, typ: Param | null, n: Node): V {
    this.at(n);
    switch (n.t) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'any') return new Iface(null);
        if (typ === 'value') return undefined;
        this.errorf(`cannot assign nil to ${typ}`);
      // falls through: errorf throws
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING, true), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    if (typ === 'string') {
      if (n.t === 'string') return n.text;
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    return this.evalEmptyInterface(dot, n);
  }

  private evalEmptyInterface(dot: V, n: Node): V {
    this.at(n);
    switch (n.t) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(n: Node, v: V): void {
    this.at(n);
    this.out.push(v === undefined ? '<no value>' : sprint([toAny(v)]));
  }
}

// ---------------------------------------------------------------------------
// kubectl's printer (cli-runtime pkg/printers/template.go)

/**
 * A parsed template. `new GoTemplate(text)` throws TemplateParseError (`template: output:1: …`);
 * execute() returns what the template wrote and, when it failed, Go's error text.
 */
export class GoTemplate {
  private trees: Map<string, Tree>;
  private missingKey: MissingKey = 'default';

  constructor(readonly text: string) {
    this.trees = Tree.parseAll('output', text);
  }

  /** AllowMissingKeys: `missingkey=default` (a missing key prints <no value>) or `missingkey=error`. */
  allowMissingKeys(allow: boolean): this {
    this.missingKey = allow ? 'default' : 'error';
    return this;
  }

  /** Execute on decoded JSON (objects, arrays, strings, numbers as float64, booleans, null). */
  execute(data: unknown): { out: string; error?: string } {
    const state = new State(this.trees, 'output', this.missingKey);
    state.vars.push({ name: '$', value: data });
    try {
      state.walk(data, this.trees.get('output')!.root);
      return { out: state.out.join('') };
    } catch (e) {
      if (e instanceof TemplateExecError) return { out: state.out.join(''), error: e.message };
      throw e;
    }
  }
}

/** %+v of the decoded object, as the printer's debugging text shows it. */
export function goSprintPlusV(data: unknown): string {
  return sprintf('%+v', [data]);
}

export { goQuote };
