/**
 * Text and file utilities tutorials use: sed, awk, xargs, cp, mv, find, chmod. GNU behaviour (sed 4.9, findutils,
 * coreutils; awk: mawk 1.3.4's syntax and run-time errors, gawk's usage text) on nodes and in Debian/Ubuntu-based
 * images; busybox applets (editors/sed.c, editors/awk.c, findutils/xargs.c, findutils/find.c, coreutils/cp.c,
 * coreutils/mv.c, coreutils/chmod.c) in busybox images.
 * Each utility implements a subset; what lies outside it is reported as the real tool reports a bad script
 * (never silently done wrong).
 */
import type { FileSystem } from '../kubelet/service';
import { utf8Encode } from '../api/base64';
import { ERRNO_TEXT, locationFS, resolvePath } from './interp';
import { UTILITIES, type Util, type UtilContext } from './utils';

const errno = (e: string) => ERRNO_TEXT[e] ?? (e === 'ELOOP' ? 'Too many levels of symbolic links' : e === 'EINVAL' ? 'Invalid argument' : e);
const isBusybox = (c: UtilContext) => c.state.flavour === 'busybox';
const BB = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n';

/* ------------------------------------------------------------------------------------------------------------ */
/* POSIX regular expressions → JavaScript                                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/**
 * Translate a POSIX BRE (ere=false: `\(`, `\{`, `\+`, `\?`, `\|` are the operators, `( { + ? |` literal; GNU
 * regcomp with RE_SYNTAX_POSIX_BASIC | GNU extensions) or ERE into a JS RegExp source. Bracket expressions keep
 * backslashes literal and expand [:class:]. Throws Error(message) for an unbalanced bracket/paren.
 */
export function posixToJs(re: string, ere: boolean): string {
  let out = '';
  let i = 0;
  let depth = 0;
  const atStart = () => out === '' || out.endsWith('(') || out.endsWith('|') || out === '^';
  while (i < re.length) {
    const ch = re[i];
    if (ch === '[') {
      let j = i + 1;
      let body = '';
      if (re[j] === '^') {
        body += '^';
        j++;
      }
      if (re[j] === ']') {
        body += '\\]';
        j++;
      }
      let closed = false;
      while (j < re.length) {
        if (re[j] === ']') {
          closed = true;
          break;
        }
        const cls = /^\[:([a-z]+):\]/.exec(re.slice(j));
        if (cls) {
          if (!(cls[1] in CLASSES)) throw new Error('Invalid character class name');
          body += CLASSES[cls[1]];
          j += cls[0].length;
          continue;
        }
        body += re[j] === '\\' || re[j] === '[' ? '\\' + re[j] : re[j];
        j++;
      }
      if (!closed) throw new Error('unterminated [');
      out += '[' + body + ']';
      i = j + 1;
      continue;
    }
    if (ch === '\\') {
      const n = re[i + 1];
      i += 2;
      if (n === undefined) throw new Error('Trailing backslash');
      if (!ere && n === '(') { out += '('; depth++; continue; }
      if (!ere && n === ')') { if (!depth) throw new Error('Unmatched ) or \\)'); out += ')'; depth--; continue; }
      if (!ere && (n === '{' || n === '}' || n === '+' || n === '?' || n === '|')) { out += n; continue; }
      if (n === '<' || n === '>') { out += '\\b'; continue; }
      if (n === 'n') { out += '\\n'; continue; }
      if (n === 't') { out += '\\t'; continue; }
      if (/[wWsSb1-9]/.test(n)) { out += '\\' + n; continue; }
      out += /[A-Za-z0-9]/.test(n) ? n : '\\' + n;
      continue;
    }
    i++;
    if (ch === '*' && atStart()) { out += '\\*'; continue; }
    if (!ere && (ch === '(' || ch === ')' || ch === '{' || ch === '}' || ch === '+' || ch === '?' || ch === '|')) { out += '\\' + ch; continue; }
    if (ere && ch === '(') depth++;
    if (ere && ch === ')') { if (!depth) throw new Error('Unmatched ) or \\)'); depth--; }
    if (ch === '^' && !ere && !atStart()) { out += '\\^'; continue; }
    if (ch === '$' && !ere && i < re.length && !(re.startsWith('\\)', i) || re.startsWith('\\|', i))) { out += '\\$'; continue; }
    if (ch === '/') { out += '\\/'; continue; }
    out += ch;
  }
  if (depth) throw new Error('Unmatched ( or \\(');
  return out;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* sed                                                                                                            */
/* ------------------------------------------------------------------------------------------------------------ */

type Addr = { line: number } | { last: true } | { re: RegExp };
interface SedCmd {
  a1?: Addr;
  a2?: Addr;
  neg: boolean;
  cmd: string;
  re?: RegExp;
  repl?: string;
  global?: boolean;
  nth?: number;
  /** s///p: GNU mark_subst_opts `print |= 1 << eval` (1 = printed before the e flag runs, 2 = after) */
  print?: number;
  /** s///e: run the pattern space as a command and put its output in its place (GNU sub->eval) */
  evaluate?: boolean;
  /** range state */
  active?: boolean;
  endLine?: number;
  /** a/i/c: the text (without its final newline) */
  text?: string;
  /** b/t/T: the label ('' = end of script); `:` its name */
  label?: string;
  /** b/t/T: index of the target command; `{`: index of its `}` */
  jump?: number;
  /** y: source → destination characters */
  ymap?: Map<string, string>;
  /** r/w: the file name; s///w: the file written to */
  fname?: string;
  wfile?: string;
  /** GNU `0r FILE` (compile.c: adjusted to `1r` in prepend mode): the file is written at once, not queued */
  prepend?: boolean;
  /** l: the line-wrap length given after the command (GNU in_integer), undefined = -l's */
  width?: number;
  /** q/Q: the exit code given after the command (GNU compile_program in_integer), undefined = 0 */
  code?: number;
  /** e: the command to run; undefined = run the pattern space (GNU cmd_txt.text_length 0) */
  etext?: string;
}

/** Compile-time hooks: GNU get_openfile and busybox sed_xfopen_w open (truncate) a w file as it is parsed. */
interface SedHooks {
  openW(name: string): void;
  /** GNU R: get_openfile(&file_read, read_mode, false) opens the file while compiling (a missing one reads nothing) */
  openR(name: string): void;
}

/** GNU panic() (exit 4) or a busybox die while opening a w file (exit 1). */
class SedPanic extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** Where a `{` was opened (GNU reports an unmatched one with its expression number and char 0). */
interface SedBlock {
  index: number;
  exprNo: number;
}

class SedError extends Error {}
/** A busybox sed error met while running (bb_error_msg_and_die): what was written so far is flushed first. */
/** The simulator's limits on one sed run (commands executed; characters in pattern and hold space). */
const SED_STEP_LIMIT = 1_000_000;
const SED_BUFFER_LIMIT = 1 << 24;

class SedRuntime extends Error {
  constructor(message: string, readonly out: string) {
    super(message);
  }
}

/**
 * GNU sed compile.c: errors are "-e expression #N, char M: TEXT" where M counts the characters read so far;
 * busybox editors/sed.c dies with its own texts ("unmatched '/'", "bad option in substitution expression",
 * "unsupported command X").
 */
function compileSed(script: string, exprNo: number, ere: boolean, busybox: boolean, earlier: SedCmd[] = [], blocks: SedBlock[] = [], hooks?: SedHooks): SedCmd[] {
  const base = earlier.length;
  let p = 0;
  const fail = (gnu: string, bb: string): never => {
    throw new SedError(busybox ? bb : `-e expression #${exprNo}, char ${p}: ${gnu}`);
  };
  // a file name for r, w and s///w: GNU compile.c read_filename (blanks skipped, then up to the newline, which is
  // consumed; `;` and `}` belong to the name), "missing filename in r/R/w/W commands" when empty; busybox
  // parse_file_cmd (whitespace skipped, then up to the end of the line) dies with "empty filename"
  const filename = (): string => {
    while (script[p] === ' ' || script[p] === '\t') p++;
    let name = '';
    while (p < script.length && script[p] !== '\n') name += script[p++];
    if (p < script.length) p++;
    if (!name) fail('missing filename in r/R/w/W commands', 'empty filename');
    return name;
  };
  // GNU read_text: after an optional `\` + newline, the text runs to an unescaped newline; `\t` and `\n` are a tab
  // and a newline, `\X` is X
  const readText = (): string => {
    if (script[p] === '\\') {
      p++;
      if (script[p] === '\n') p++;
    }
    let text = '';
    while (p < script.length && script[p] !== '\n') {
      const ch = script[p++];
      if (ch === '\\' && p < script.length) {
        const n = script[p++];
        text += n === 't' ? '\t' : n === 'n' ? '\n' : n;
      } else text += ch;
    }
    return text;
  };
  const mkRe = (src: string, flags: string): RegExp => {
    try {
      return new RegExp(posixToJs(src, ere), flags);
    } catch (e) {
      const m = (e as Error).message;
      return fail(m === 'unterminated [' ? 'unterminated address regex' : m, m === 'unterminated [' ? 'bad regex' : m);
    }
  };
  // the text up to an unescaped delimiter (a delimiter inside [...] does not count, GNU match_slash)
  const until = (delim: string, what: string, bbDelim: string): string => {
    let s = '';
    while (p < script.length) {
      const ch = script[p++];
      if (ch === '\\') {
        const n = script[p++];
        if (n === undefined) break;
        if (n === delim && delim !== '&') s += delim === '/' || !/[.*[\]^$\\]/.test(delim) ? delim : '\\' + delim;
        else if (n === 'n' && what !== 'repl') s += '\\n';
        else s += '\\' + n;
        continue;
      }
      if (ch === '\n' && what !== 'repl') break;
      if (ch === delim) return s;
      s += ch;
    }
    if (what === 'addr') fail('unterminated address regex', `unmatched '${bbDelim}'`);
    return fail("unterminated `s' command", `unmatched '${bbDelim}'`);
  };
  const addr = (): Addr | undefined => {
    const ch = script[p];
    if (ch !== undefined && /[0-9]/.test(ch)) {
      let n = '';
      while (/[0-9]/.test(script[p] ?? '')) n += script[p++];
      return { line: Number(n) };
    }
    if (ch === '$') {
      p++;
      return { last: true };
    }
    if (ch === '/' || ch === '\\') {
      p++;
      const d = ch === '\\' ? script[p++] : '/';
      const src = until(d, 'addr', d);
      let flags = '';
      while (script[p] === 'I') { flags = 'i'; p++; }
      return { re: mkRe(src, flags) };
    }
    return undefined;
  };
  const cmds: SedCmd[] = [];
  // a `{` of an earlier -e expression: its command object is passed in through `blocks` owners
  const cmdsAt = (index: number): SedCmd => (index >= base ? cmds[index - base] : earlier[index]);
  for (;;) {
    while (p < script.length && /[\s;]/.test(script[p])) p++;
    if (p >= script.length) break;
    if (script[p] === '#') {
      while (p < script.length && script[p] !== '\n') p++;
      continue;
    }
    const c: SedCmd = { neg: false, cmd: '' };
    c.a1 = addr();
    if (c.a1 && script[p] === ',') {
      p++;
      c.a2 = addr();
      if (!c.a2) {
        p++;
        fail('unexpected `,\'', 'no address after comma');
      }
    }
    while (script[p] === ' ' || script[p] === '\t') p++;
    if (c.a1 && 'line' in c.a1 && c.a1.line === 0) {
      // GNU compile_program: line 0 only as `0r FILE` or `0,/re/`, checked on the character after the addresses
      // ("invalid usage of line address 0"); busybox get_address: beg_line 0 is "no address" (`0r` reads the
      // file after every line)
      if (busybox) {
        if (!c.a2) c.a1 = undefined;
      } else if ((!c.a2 && script[p] !== 'r') || (c.a2 && !('re' in c.a2))) {
        if (p < script.length) p++;
        fail('invalid usage of line address 0', '');
      }
    }
    if (script[p] === '!') {
      p++;
      c.neg = true;
      while (script[p] === ' ' || script[p] === '\t') p++;
    }
    if (p >= script.length) fail('missing command', 'missing command');
    c.cmd = script[p++];
    // busybox parse_cmd_args: cmd_letters "saicrw:btTydDgGhHlnNpPqx={}" has none of GNU's R, W, e, F, z, Q
    if (busybox && 'RWeFzQ'.includes(c.cmd)) fail('', `unsupported command ${c.cmd}`);
    if (c.cmd === 's') {
      const d = script[p++];
      if (d === undefined || d === '\n' || d === '\\') fail("unterminated `s' command", 'bad format in substitution expression');
      const src = until(d, 're', d);
      c.repl = until(d, 'repl', d);
      let flags = '';
      for (;;) {
        const f = script[p];
        if (f === undefined || f === '\n' || f === ';' || f === '}' || f === '#') break;
        p++;
        if (f === 'g') {
          if (c.global) fail("multiple `g' options to `s' command", 'bad option in substitution expression');
          c.global = true;
        } else if (f === 'p') {
          if (c.print) fail("multiple `p' options to `s' command", 'bad option in substitution expression');
          c.print = c.evaluate ? 2 : 1;
        } else if (f === 'e' && !busybox) {
          // GNU mark_subst_opts 'e': `cmd->eval = true` (a `p` before it prints before the command runs, one after
          // it after); busybox parse_subst_cmd has no 'e' and dies with "bad option in substitution expression"
          c.evaluate = true;
        } else if (f === 'I' || f === 'i') flags = 'i';
        else if (/[0-9]/.test(f)) {
          let n = f;
          while (/[0-9]/.test(script[p] ?? '')) n += script[p++];
          if (Number(n) === 0) fail("number option to `s' command may not be zero", 'bad option in substitution expression');
          if (c.nth) fail("multiple number options to `s' command", 'bad option in substitution expression');
          c.nth = Number(n);
        } else if (f === ' ' || f === '\t') continue;
        else if (f === 'w') {
          // GNU mark_subst_opts: `w FILE` ends the command (the name runs to the end of the line); busybox too
          c.wfile = filename();
          hooks?.openW(c.wfile);
          break;
        } else fail("unknown option to `s'", 'bad option in substitution expression');
      }
      const ref = /\\([1-9])/g;
      const groups = (posixToJs(src, ere).match(/(^|[^\\])\((?!\?)/g) ?? []).length;
      for (let m = ref.exec(c.repl); m; m = ref.exec(c.repl)) {
        if (Number(m[1]) > groups && !/\\$/.test(c.repl.slice(0, m.index).replace(/\\\\/g, ''))) fail(`invalid reference \\${m[1]} on \`s' command's RHS`, `invalid reference \\${m[1]} on \`s' command's RHS`);
      }
      c.re = src === '' ? undefined : mkRe(src, 'g' + flags);
      if (src === '') fail('no previous regular expression', 'no previous regexp');
    } else if (c.cmd === 'l' && busybox) {
      // busybox parse_cmd_args: `l` takes no argument and what follows is parsed as the next command; its
      // process_files has no case for it, so it prints nothing
    } else if ('pd=qgGhHxnNP}DlQFz'.includes(c.cmd)) {
      if ((c.cmd === 'q' || c.cmd === 'Q') && c.a2) fail('command only uses one address', "command 'q' uses only one address");
      if ((c.cmd === 'q' || c.cmd === 'Q') && !busybox) {
        // GNU compile_program: `q`/`Q` may be followed by an exit code (in_nonblank, in_integer); busybox has no
        // argument for q, so what follows is parsed as the next command (`q5`: address 5 without a command)
        while (script[p] === ' ' || script[p] === '\t') p++;
        if (/[0-9]/.test(script[p] ?? '')) {
          let n = '';
          while (/[0-9]/.test(script[p] ?? '')) n += script[p++];
          c.code = Number(n);
        }
      }
      if (c.cmd === 'l') {
        // GNU compile_program: `l` may be followed by a line-wrap length (in_nonblank, in_integer)
        while (script[p] === ' ' || script[p] === '\t') p++;
        if (/[0-9]/.test(script[p] ?? '')) {
          let n = '';
          while (/[0-9]/.test(script[p] ?? '')) n += script[p++];
          c.width = Number(n);
        }
      }
      if (c.cmd === '}') {
        // GNU compile_program: a `}` closes the innermost `{` (busybox: a no-op the `{` skips to)
        if (!blocks.length && !busybox) fail("unexpected `}'", '');
        if (c.a1 && !busybox) fail("`}' doesn't want any addresses", '');
        const open = blocks.pop();
        if (open) cmdsAt(open.index).jump = base + cmds.length;
      }
      while (script[p] === ' ' || script[p] === '\t') p++;
      // GNU read_end_of_cmd: "extra characters after command"; busybox add_cmd needs no separator ("We also allow
      // 'pd'"): the next character starts the next command
      if (p < script.length && !/[\n;}#]/.test(script[p]) && !busybox) {
        p++;
        fail('extra characters after command', '');
      }
    } else if (c.cmd === 'e') {
      // GNU compile_program 'e': in_nonblank; at the end of the script or a newline the pattern space is the
      // command, else the rest of the line is (read_text_to_slash: `e\` + newline + text, or a one-liner)
      while (script[p] === ' ' || script[p] === '\t') p++;
      if (p >= script.length || script[p] === '\n') {
        if (p < script.length) p++;
      } else c.etext = readText();
    } else if (c.cmd === '{') {
      blocks.push({ index: base + cmds.length, exprNo });
    } else if (c.cmd === 'a' || c.cmd === 'i' || c.cmd === 'c') {
      // busybox parse_cmd_args: "command '%c' uses only one address" for a and i (GNU allows a range)
      if (busybox && c.cmd !== 'c' && c.a2) fail('', `command '${c.cmd}' uses only one address`);
      // GNU compile_program/read_text: `a text` (one-liner, leading blanks skipped) or `a\` + newline + text;
      // the text runs to an unescaped newline, `\` + newline continues it, `\X` is X
      while (script[p] === ' ' || script[p] === '\t') p++;
      if (p >= script.length && !busybox) fail("expected \\ after `a', `c' or `i'", '');
      c.text = readText();
    } else if (c.cmd === ':' || c.cmd === 'b' || c.cmd === 't' || c.cmd === 'T') {
      if (c.cmd === ':' && c.a1 && !busybox) fail(': doesn\'t want any addresses', '');
      // GNU read_label / busybox strcspn(cmdstr, "; \n\r\t\v"): a label ends at a blank, newline or `;`
      while (script[p] === ' ' || script[p] === '\t') p++;
      let label = '';
      while (p < script.length && !/[\s;]/.test(script[p])) label += script[p++];
      if (c.cmd === ':' && !label && !busybox) fail('":" lacks a label', '');
      c.label = label;
    } else if (c.cmd === 'y') {
      const d = script[p++];
      const part = (): string | undefined => {
        let t = '';
        while (p < script.length) {
          const ch = script[p++];
          if (ch === '\n') return undefined;
          if (ch === d) return t;
          if (ch === '\\' && p < script.length) {
            const n = script[p++];
            t += n === 'n' ? '\n' : n === d || n === '\\' ? n : '\\' + n;
          } else t += ch;
        }
        return undefined;
      };
      const from = d === undefined || d === '\n' || d === '\\' ? undefined : part();
      const to = from === undefined ? undefined : part();
      if (from === undefined || to === undefined) fail("unterminated `y' command", `unmatched '${d}'`);
      // GNU: "strings for `y' command are different lengths"; busybox pairs them up to the shorter one
      if (from!.length !== to!.length && !busybox) fail("strings for `y' command are different lengths", '');
      c.ymap = new Map();
      for (let k = 0; k < Math.min(from!.length, to!.length); k++) if (!c.ymap.has(from![k])) c.ymap.set(from![k], to![k]);
      while (script[p] === ' ' || script[p] === '\t') p++;
      // busybox parse_cmd_args: `cmdstr += parse_regex_delim(...) + 1`, and add_cmd parses what follows as the
      // next command (no separator needed)
      if (p < script.length && !/[\n;}#]/.test(script[p]) && !busybox) {
        p++;
        fail('extra characters after command', '');
      }
    } else if (c.cmd === 'r' || c.cmd === 'w' || c.cmd === 'R' || c.cmd === 'W') {
      // busybox parse_cmd_args: "command 'r' uses only one address"
      if (busybox && c.cmd === 'r' && c.a2) fail('', "command 'r' uses only one address");
      c.fname = filename();
      // GNU compile_program: 'W' and 'w' get_openfile(&file_write, write_mode, true) (one stream per name),
      // 'R' get_openfile(&file_read, read_mode, false)
      if (c.cmd === 'w' || c.cmd === 'W') hooks?.openW(c.fname);
      else if (c.cmd === 'R') hooks?.openR(c.fname);
      // GNU compile_program: `0rFILE` becomes `1rFILE` in prepend mode
      else if (!busybox && c.a1 && 'line' in c.a1 && c.a1.line === 0 && !c.a2) {
        c.a1 = { line: 1 };
        c.prepend = true;
      }
    } else fail(`unknown command: \`${c.cmd}'`, `unsupported command ${c.cmd}`);
    cmds.push(c);
  }
  return cmds;
}

/** GNU execute.c do_subst: `&` the match, `\1`..`\9` groups, `\n` newline, `\X` X. */
function expandRepl(repl: string, m: RegExpExecArray): string {
  let s = '';
  for (let i = 0; i < repl.length; i++) {
    const ch = repl[i];
    if (ch === '&') s += m[0];
    else if (ch === '\\' && i + 1 < repl.length) {
      const n = repl[++i];
      if (/[0-9]/.test(n)) s += m[Number(n)] ?? '';
      else s += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else s += ch;
  }
  return s;
}

function substitute(c: SedCmd, line: string): string | undefined {
  const re = c.re!;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let done = false;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    count++;
    const want = c.global ? count >= (c.nth ?? 1) : count === (c.nth ?? 1);
    if (want) {
      out += line.slice(last, m.index) + expandRepl(c.repl!, m);
      last = m.index + m[0].length;
      done = true;
      if (!c.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return done ? out + line.slice(last) : undefined;
}

const SED_USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files
                 and flush the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

/**
 * sed: GNU sed 4.9 (sed/sed.c, compile.c, execute.c) or busybox editors/sed.c. Commands s (flags g, p, N, I, w, e),
 * p, P, d, D, q [code], Q [code], =, a, i, c, y, h, H, g, G, x, n, N, b, t, T, l, r, R, w, W, F, z, e [command]
 * (run as `sh -c` through the shell's interpreter), `:label` and `{ … }` blocks, with line, `$` and /regex/
 * addresses, ranges and `!`; -n, -e, -E/-r, -i[SUFFIX], -s, -l N (busybox: without R, W, F, z, Q, e, which it
 * refuses as unsupported). Other commands are refused as unknown commands.
 */
export const sed: Util = (c) => {
  const busybox = isBusybox(c);
  const args = c.argv.slice(1);
  const exprs: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let ere = false;
  let inPlace: string | undefined;
  let separate = false;
  // GNU sed.c: lcmd_out_line_len = 70, `-l N` / `--line-length=N` (ATOI)
  let lineLen = 70;
  const atoi = (v: string) => Number(/^\s*([-+]?\d+)/.exec(v)?.[1] ?? 0);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { files.push(...args.slice(i + 1)); break; }
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') ere = true;
    else if (a === '-s' || a === '--separate') separate = true;
    else if (a.startsWith('--in-place')) inPlace = a.slice(11);
    else if (a.startsWith('--expression=')) exprs.push(a.slice(13));
    else if (a.startsWith('--line-length=') && !busybox) lineLen = atoi(a.slice(14));
    else if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === 'n') quiet = true;
        else if (f === 'E' || f === 'r') ere = true;
        else if (f === 's') separate = true;
        else if (f === 'i') { inPlace = a.slice(j + 1); break; }
        else if (f === 'e' || (f === 'l' && !busybox)) {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) {
            c.err(busybox ? `sed: option requires an argument -- '${f}'\n${BB}Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n` : `sed: option requires an argument -- '${f}'\n` + SED_USAGE);
            return 1;
          }
          if (f === 'e') exprs.push(v);
          else lineLen = atoi(v);
          break;
        } else {
          c.err(busybox ? `sed: invalid option -- '${f}'\n${BB}Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n` : `sed: invalid option -- '${f}'\n` + SED_USAGE);
          return 1;
        }
      }
    } else files.push(a);
  }
  if (!exprs.length) {
    const s = files.shift();
    if (s === undefined) {
      c.err(busybox ? `${BB}Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n` : SED_USAGE);
      return 1;
    }
    exprs.push(s);
  }
  const fs = locationFS(c.sim, c.state.location);
  // Output streams (GNU struct output: each with its own missing_newline; busybox: last_puts_char per FILE).
  // w files are opened (truncated) while the script is compiled (GNU get_openfile → ck_fopen(name, "w", fail),
  // panic "couldn't open file %s: %s", exit 4; busybox sed_xfopen_w → xfopen "can't open '%s'", exit 1); GNU
  // writes /dev/stdout and /dev/stderr to its own streams (special_files); one stream per file name.
  interface Sink { text: string; missing: boolean; special?: 'stdout' | 'stderr' }
  const stdout: Sink = { text: '', missing: false };
  let stderrText = '';
  const wfiles = new Map<string, Sink>();
  // R files: the lines still unread (each with its newline, the last one without when the file lacks it); GNU
  // shares one FILE per name (file_read); /dev/stdin is standard input (special_files), read when first used
  const rfiles = new Map<string, { lines: string[] } | 'stdin'>();
  const chunks = (t: string): string[] => t.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const hooks: SedHooks = {
    openR(name) {
      if (rfiles.has(name)) return;
      if (name === '/dev/stdin') {
        rfiles.set(name, 'stdin');
        return;
      }
      if ('error' in fs) {
        rfiles.set(name, { lines: [] });
        return;
      }
      const path = resolvePath(c.state.cwd, name);
      const st = fs.stat(path);
      const r = !('error' in st) && st.dir ? undefined : fs.read(path);
      rfiles.set(name, { lines: r && !('error' in r) ? chunks(r.data) : [] });
    },
    openW(name) {
      if (wfiles.has(name)) return;
      if (name === '/dev/stdout' || name === '/dev/stderr') {
        wfiles.set(name, { text: '', missing: false, special: name === '/dev/stdout' ? 'stdout' : 'stderr' });
        return;
      }
      const w = 'error' in fs ? { error: 'EACCES' } : fs.write(resolvePath(c.state.cwd, name), '');
      if (w.error) throw new SedPanic(busybox ? `can't open '${name}': ${errno(w.error)}` : `couldn't open file ${name}: ${errno(w.error)}`, busybox ? 1 : 4);
      wfiles.set(name, { text: '', missing: false });
    },
  };
  // w files keep what was written (fclose at exit)
  const closeW = () => {
    if ('error' in fs) return;
    for (const [name, w] of wfiles) if (!w.special) fs.write(resolvePath(c.state.cwd, name), w.text);
  };
  let cmds: SedCmd[] = [];
  const blocks: SedBlock[] = [];
  try {
    exprs.forEach((e, i) => (cmds = cmds.concat(compileSed(e, i + 1, ere, busybox, cmds, blocks, hooks))));
    // GNU compile.c check_final_program: an open `{` is reported at char 0 of its expression
    if (blocks.length && !busybox) throw new SedError(`-e expression #${blocks[blocks.length - 1].exprNo}, char 0: unmatched \`{'`);
  } catch (e) {
    if (!(e instanceof SedError) && !(e instanceof SedPanic)) throw e;
    c.err(`sed: ${e.message}\n`);
    return e instanceof SedPanic ? e.status : 1;
  }
  // labels: b/t/T without one go to the end of the script; GNU resolves them when compiling (panic, exit 4),
  // busybox branch_to when the branch is taken ("can't find label for jump to '%s'", exit 1)
  for (const cmd of cmds) {
    if (cmd.label === undefined || cmd.cmd === ':') continue;
    const at = cmd.label === '' ? cmds.length : cmds.findIndex((x) => x.cmd === ':' && x.label === cmd.label);
    if (at >= 0) cmd.jump = at;
    else if (!busybox) {
      c.err(`sed: can't find label for jump to \`${cmd.label}'\n`);
      return 4;
    }
  }
  if (inPlace !== undefined && !files.length) {
    // busybox sed_main: bb_error_msg_and_die(bb_msg_requires_arg, "-i"); GNU sed.c: panic("no input files")
    c.err(busybox ? 'sed: -i requires an argument\n' : 'sed: no input files\n');
    return busybox ? 1 : 4;
  }
  let status = 0;
  // standard input is read once: as the input (`-` or no files), or by `r /dev/stdin`
  let stdinUsed = false;
  const readIn = (f: string): string | undefined => {
    if (f === '-' && inPlace === undefined) {
      stdinUsed = true;
      return c.stdin;
    }
    if ('error' in fs) return undefined;
    const p = resolvePath(c.state.cwd, f);
    const st = fs.stat(p);
    const r = !('error' in st) && st.dir ? { error: 'EISDIR' } : fs.read(p);
    if ('error' in r) {
      if (r.error === 'EISDIR' && !busybox) c.err(inPlace !== undefined ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: couldn't read ${f}: Is a directory\n`);
      // busybox: -i stats the file (bb_simple_perror_msg(FILE)), else fopen_or_warn "can't open"
      else c.err(busybox ? (inPlace !== undefined ? `sed: ${f}: ${errno(r.error)}\n` : `sed: can't open '${f}': ${errno(r.error)}\n`) : `sed: can't read ${f}: ${errno(r.error)}\n`);
      status = busybox ? 1 : inPlace !== undefined && r.error === 'EISDIR' ? 4 : 2;
      return undefined;
    }
    return r.data;
  };
  // r FILE: "If _fname_ does not exist or cannot be read, it shall be treated as if it were an empty file"
  // (GNU execute.c print_file; busybox fopen_for_read), /dev/stdin is what is left of standard input
  const readR = (f: string): string => {
    if (f === '/dev/stdin') {
      const t = stdinUsed ? '' : c.stdin;
      stdinUsed = true;
      return t;
    }
    if ('error' in fs) return '';
    const p = resolvePath(c.state.cwd, f);
    const st = fs.stat(p);
    if (!('error' in st) && st.dir) return '';
    const r = fs.read(p);
    return 'error' in r ? '' : r.data;
  };
  // GNU output_line: the newline a previous unterminated line lacked, the text, its newline (or none, remembered)
  const write = (s: Sink, t: string) => {
    if (s.special === 'stderr') stderrText += t;
    else if (s.special === 'stdout') stdout.text += t;
    else s.text += t;
  };
  const outputLine = (s: Sink, t: string, nl: boolean) => {
    if (s.missing) write(s, '\n');
    write(s, t + (nl ? '\n' : ''));
    s.missing = !nl;
  };
  // run the script over a stream of lines (GNU execute.c process_files/execute_program, busybox process_files);
  // `quit` is set by q
  let quit = false;
  // q/Q's exit code (GNU execute_program: `return MAX (0, MIN (cur_cmd->x.int_arg, INT_MAX))`, 0 without one)
  let quitCode = 0;
  // `names`: the input files the stream's lines come from, in order (GNU input->in_file_name, "-" for stdin: F)
  const run = (text: string, lineNo: { n: number }, isLastStream: boolean, main: Sink, names: { name: string; lines: number }[]): void => {
    if (text === '') return;
    const fileName = (): string => {
      let acc = 0;
      for (const f of names) if (k - 1 < (acc += f.lines)) return f.name;
      return names[names.length - 1]?.name ?? '-';
    };
    const lns = text.split('\n');
    const trailingNL = text.endsWith('\n');
    if (trailingNL) lns.pop();
    const emit = (t: string, nl: boolean) => outputLine(main, t, nl);
    let k = 0;
    let n = 0;
    let ps = '';
    let steps = 0;
    let chomped = true;
    let hold = '';
    let holdChomped = true;
    let replaced = false;
    let qDump = false;
    // GNU append_queue: text (a) or a file name (r), written raw at the end of the cycle after the missing
    // newline; busybox: lines (a's text; each line r read), each written with its newline
    let appendQueue: ({ text: string } | { file: string })[] = [];
    const dumpAppend = () => {
      if (!appendQueue.length) return;
      if (busybox) {
        for (const q of appendQueue) if ('text' in q) emit(q.text, true);
      } else {
        if (main.missing) write(main, '\n');
        main.missing = false;
        for (const q of appendQueue) write(main, 'text' in q ? q.text : readR(q.file));
      }
      appendQueue = [];
    };
    // read_pattern_space: the append queue is written first, `t`'s flag is reset
    const readLine = (append: boolean): boolean => {
      if (k >= lns.length) return false;
      dumpAppend();
      replaced = false;
      ps = append ? ps + '\n' + lns[k] : lns[k];
      chomped = k < lns.length - 1 || trailingNL;
      k++;
      n = ++lineNo.n;
      return true;
    };
    const isLast = () => isLastStream && k >= lns.length;
    const test = (a: Addr) => ('line' in a ? n === a.line : 'last' in a ? isLast() : (a.re.lastIndex = 0, a.re.test(ps)));
    const selected = (cmd: SedCmd): boolean => {
      let hit: boolean;
      if (!cmd.a1) hit = true;
      else if (!cmd.a2) hit = test(cmd.a1);
      else if (cmd.active) {
        // GNU match_address_p: a line-number end at or before the current line closes the range
        const a2 = cmd.a2;
        hit = true;
        if ('line' in a2 ? n >= a2.line : test(a2)) cmd.active = false;
      } else if (test(cmd.a1)) {
        hit = true;
        const a2 = cmd.a2;
        cmd.active = 'line' in a2 ? a2.line > n : !('last' in a2 && isLast());
      } else hit = false;
      return hit !== cmd.neg;
    };
    // GNU execute.c do_list: printable ASCII as is (`\` doubled), \a \b \f \n \r \t \v, other bytes as \ooo;
    // before a character that would reach the wrap length, `\` and a newline; `$` and a newline at the end
    const list = (width: number) => {
      if (main.missing) write(main, '\n');
      main.missing = false;
      let o = '';
      let w = 0;
      const esc: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
      for (const b of utf8Encode(ps)) {
        const s = b >= 0x20 && b < 0x7f ? (b === 0x5c ? '\\\\' : String.fromCharCode(b)) : esc[b] ?? '\\' + b.toString(8).padStart(3, '0');
        if (w + s.length >= width && width > 0) {
          o += '\\\n';
          w = 0;
        }
        o += s;
        w += s.length;
      }
      write(main, o + '$\n');
    };
    const writeW = (name: string, t: string, nl: boolean) => outputLine(wfiles.get(name)!, t, nl);
    // GNU 'e' and s///e: popen(command, "r") (/bin/sh -c) read to the end; the command's stderr is sed's
    const popen = (command: string): string => {
      let got = '';
      c.interp.nested(command, '', { write: (t) => (got += t) }, { write: (t) => (stderrText += t) }, c.state.location, c.env, undefined, popenShell(c));
      return got;
    };
    while (!quit && readLine(false)) {
      let autoprint = true;
      let pc = 0;
      cycle: while (pc < cmds.length) {
        // the simulator's own guard (as the shell's loop limit): a script that never ends (`:a;ba`, `G;D`) or
        // whose buffers keep doubling (`:a;H;x;ba`) would hang the reader's page, where real sed runs until ^C
        if (++steps > SED_STEP_LIMIT || ps.length + hold.length > SED_BUFFER_LIMIT) throw new SedRuntime(`loop limit reached (${SED_STEP_LIMIT} commands)`, '');
        const cmd = cmds[pc];
        if (cmd.cmd === ':' || cmd.cmd === '}') {
          pc++;
          continue;
        }
        if (!selected(cmd)) {
          // a `{` whose address does not match skips its block (busybox: "unterminated {" when there is no `}`)
          if (cmd.cmd === '{') {
            if (cmd.jump === undefined) throw new SedRuntime('unterminated {', '');
            pc = cmd.jump;
          }
          pc++;
          continue;
        }
        switch (cmd.cmd) {
          case '{': break;
          case 's': {
            const r = substitute(cmd, ps);
            if (r !== undefined) {
              ps = r;
              replaced = true;
              if (cmd.print === 1) emit(ps, chomped);
              // GNU do_subst post_subst: with the e flag the pattern space is popen'ed and replaced by the output,
              // one trailing newline removed (the line keeps its chomped state); then `p` given after `e`, then
              // `w FILE` (output_line to sub->outf); busybox the same for p and w
              if (cmd.evaluate) ps = popen(ps).replace(/\n$/, '');
              if (cmd.print === 2) emit(ps, chomped);
              if (cmd.wfile) writeW(cmd.wfile, ps, chomped);
            }
            break;
          }
          case 'p': emit(ps, chomped); break;
          case 'P': {
            const nl = ps.indexOf('\n');
            emit(nl < 0 ? ps : ps.slice(0, nl), nl < 0 ? chomped : true);
            break;
          }
          case '=': emit(String(n), true); break;
          case 'd':
            autoprint = false;
            break cycle;
          case 'D': {
            // GNU execute_program / busybox process_files: without a newline D is d; else the text up to the first
            // newline goes and the script starts again on what is left, without reading a line, printing it or
            // writing the append queue
            const nl = ps.indexOf('\n');
            if (nl < 0) {
              autoprint = false;
              break cycle;
            }
            ps = ps.slice(nl + 1);
            pc = 0;
            continue cycle;
          }
          case 'l':
            if (!busybox) list(cmd.width ?? lineLen);
            break;
          case 'r':
            // GNU: queued for the end of the cycle, the file read then; `0r` writes it at once (print_file);
            // busybox reads the file now and queues its lines
            if (busybox) for (const line of splitLines(readR(cmd.fname!))) appendQueue.push({ text: line });
            else if (cmd.prepend) write(main, readR(cmd.fname!));
            else appendQueue.push({ file: cmd.fname! });
            break;
          case 'w': writeW(cmd.fname!, ps, chomped); break;
          case 'W': {
            // GNU 'W': output_line of the text up to the first newline (with a newline), else as `w`
            const nl = ps.indexOf('\n');
            writeW(cmd.fname!, nl < 0 ? ps : ps.slice(0, nl), nl < 0 ? chomped : true);
            break;
          }
          case 'R': {
            // GNU 'R': one line of the file (ck_getdelim, its newline kept) queued for the end of the cycle and
            // written raw, so a last line without newline is followed directly by what comes next; nothing at EOF
            let rf = rfiles.get(cmd.fname!)!;
            if (rf === 'stdin') {
              rfiles.set(cmd.fname!, (rf = { lines: chunks(stdinUsed ? '' : c.stdin) }));
              stdinUsed = true;
            }
            const line = rf.lines.shift();
            if (line !== undefined) appendQueue.push({ text: line });
            break;
          }
          case 'F':
            // GNU 'F': output_missing_newline, then the input file name and a newline
            if (main.missing) write(main, '\n');
            main.missing = false;
            write(main, fileName() + '\n');
            break;
          case 'z': ps = ''; break;
          case 'e': {
            // GNU 'e': popen(command, "r") (/bin/sh -c): `e command` writes its output at once (after
            // output_missing_newline); a bare `e` runs the pattern space and puts the output in its place, one
            // trailing newline removed. The command's stderr is sed's.
            if (cmd.etext !== undefined && main.missing) {
              write(main, '\n');
              main.missing = false;
            }
            const got = popen(cmd.etext ?? ps);
            if (cmd.etext !== undefined) write(main, got);
            else {
              ps = got.endsWith('\n') ? got.slice(0, -1) : got;
              chomped = true;
            }
            break;
          }
          case 'q':
            quit = true;
            qDump = !busybox;
            quitCode = Math.min(cmd.code ?? 0, 2147483647) & 255;
            break cycle;
          case 'Q':
            // GNU 'Q': return the exit code at once: no autoprint, no append queue, no missing newline
            quit = true;
            quitCode = Math.min(cmd.code ?? 0, 2147483647) & 255;
            appendQueue = [];
            autoprint = false;
            break cycle;
          // GNU: `a` queues its text for the end of the cycle (or the next read by n/N), `i` writes it now
          case 'a': appendQueue.push({ text: busybox ? cmd.text! : cmd.text! + '\n' }); break;
          case 'i': emit(cmd.text!, true); break;
          case 'c':
            // GNU: the text once a range has ended (range_state != RANGE_ACTIVE), then a new cycle like `d`;
            // busybox: "Only triggers on last line of a matching range"
            if (!cmd.a2 || !cmd.active) emit(cmd.text!, true);
            autoprint = false;
            break cycle;
          case 'y': {
            let t = '';
            for (const ch of ps) t += cmd.ymap!.get(ch) ?? ch;
            ps = t;
            break;
          }
          case 'h': hold = ps; holdChomped = chomped; break;
          case 'H': hold += '\n' + ps; break;
          case 'g': ps = hold; break;
          case 'G':
            ps += '\n' + hold;
            if (busybox) chomped = true; // busybox 'G': last_gets_char = '\n'
            break;
          case 'x': {
            [ps, hold] = [hold, ps];
            [chomped, holdChomped] = [holdChomped, chomped];
            break;
          }
          case 'n':
            // the pattern space is printed (unless -n); at the end of input sed ends without printing it again
            if (!quiet) emit(ps, chomped);
            if (!readLine(false)) {
              autoprint = false;
              quit = true;
              break cycle;
            }
            break;
          case 'N':
            // GNU (POSIXLY_EXTENDED) and busybox: at the end of input the pattern space is printed, sed ends
            if (!readLine(true)) {
              quit = true;
              break cycle;
            }
            break;
          case 't':
          case 'T':
          case 'b': {
            const go = cmd.cmd === 'b' || (cmd.cmd === 't' ? replaced : !replaced);
            if (cmd.cmd !== 'b') replaced = cmd.cmd === 'T' ? false : replaced && !go;
            if (!go) break;
            if (cmd.jump === undefined) throw new SedRuntime(`can't find label for jump to '${cmd.label}'`, '');
            pc = cmd.jump;
            continue cycle;
          }
        }
        pc++;
      }
      if (autoprint && !quiet) emit(ps, chomped);
      // GNU 'q': dump_append_queue() even when nothing is queued, so a last line without newline gets one
      if (qDump && main.missing) {
        write(main, '\n');
        main.missing = false;
      }
    }
    dumpAppend();
  };
  const flush = () => {
    closeW();
    if (stdout.text) c.out(stdout.text);
    if (stderrText) c.err(stderrText);
    stdout.text = '';
    stderrText = '';
  };
  if (inPlace !== undefined) {
    if ('error' in fs) return 4;
    for (const f of files) {
      // GNU process_files: q/Q end the whole run (closedown replaces the file being edited with what was output)
      if (quit) break;
      const text = readIn(f);
      if (text === undefined) continue;
      for (const cmd of cmds) cmd.active = false;
      // GNU open_next_file: the output goes to a temporary file that replaces the input (output_file)
      const main: Sink = { text: '', missing: false };
      try {
        run(text, { n: 0 }, true, main, [{ name: f, lines: splitLines(text).length }]);
      } catch (e) {
        if (!(e instanceof SedRuntime)) throw e;
        flush();
        c.err(`sed: ${e.message}\n`);
        return 1;
      }
      const p = resolvePath(c.state.cwd, f);
      if (inPlace) {
        const bak = inPlace.includes('*') ? inPlace.replace(/\*/g, f.slice(f.lastIndexOf('/') + 1)) : f.slice(f.lastIndexOf('/') + 1) + inPlace;
        fs.write(resolvePath(p.slice(0, p.lastIndexOf('/')) || '/', bak), text);
      }
      const w = fs.write(p, main.text);
      if (w.error) {
        flush();
        c.err(busybox ? `sed: can't create '${f}': ${errno(w.error)}\n` : `sed: couldn't open temporary file ${f.slice(0, f.lastIndexOf('/') + 1)}sedXXXXXX: ${errno(w.error)}\n`);
        return 4;
      }
    }
    flush();
    return status || quitCode;
  }
  const inputs = files.length ? files : ['-'];
  const texts = inputs.map((f) => readIn(f));
  const present = texts.map((t, i) => (t === undefined ? -1 : i)).filter((i) => i >= 0);
  const lineNo = { n: 0 };
  // several files are one stream (GNU, without -s): `$` is the last line of the last readable file, n/N read
  // on into the next file; a file without a final newline followed by another one gets the newline between them
  // (with -s the same newline comes from stdout's missing_newline, which read_pattern_space keeps across files)
  const streams = separate ? present.map((i) => texts[i]!) : [present.map((i) => texts[i]!).reduce((acc, t) => (acc && !acc.endsWith('\n') ? acc + '\n' : acc) + t, '')];
  const segs = present.map((i) => ({ name: inputs[i], lines: splitLines(texts[i]!).length }));
  try {
    for (const [si, t] of streams.entries()) {
      if (quit) break;
      if (separate) {
        lineNo.n = 0;
        for (const cmd of cmds) cmd.active = false;
      }
      run(t, lineNo, true, stdout, separate ? [segs[si]] : segs);
    }
  } catch (e) {
    if (!(e instanceof SedRuntime)) throw e;
    flush();
    c.err(`sed: ${e.message}\n`);
    return 1;
  }
  flush();
  // GNU process_files: input files that could not be read make the status EXIT_BAD_INPUT whatever q said
  return status || quitCode;
};

/** The lines of a file as busybox xmalloc_fgetline returns them (without their newlines). */
function splitLines(t: string): string[] {
  if (t === '') return [];
  const l = t.split('\n');
  if (t.endsWith('\n')) l.pop();
  return l;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* awk                                                                                                            */
/* ------------------------------------------------------------------------------------------------------------ */

type Tok = { t: 'num' | 'str' | 're' | 'name' | 'func' | 'op' | 'nl' | 'eof' | 'kw' | 'builtin'; v: string; pos: number };

const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'for', 'while', 'next', 'exit', 'in', 'delete', 'getline', 'function', 'return', 'do', 'break', 'continue']);
const BUILTINS = new Set(['length', 'substr', 'index', 'toupper', 'tolower', 'int', 'sprintf', 'split', 'sub', 'gsub', 'match', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const SUPPORTED_BUILTINS = new Set(['length', 'substr', 'index', 'toupper', 'tolower', 'int', 'sprintf', 'sqrt', 'split', 'close', 'fflush']);

class AwkSyntax extends Error {
  constructor(public pos: number, public eos: boolean, public tok?: Tok, public braces = 0, public parens = 0, public runaway?: string) {
    super('syntax');
  }
}

function lexAwk(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const regexAllowed = () => {
    const p = toks[toks.length - 1];
    if (!p) return true;
    if (p.t === 'num' || p.t === 'str' || p.t === 'name' || p.t === 're' || p.t === 'builtin') return false;
    if (p.t === 'op') return !(p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--');
    return true;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t') { i++; continue; }
    if (ch === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (ch === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (ch === '\n') { toks.push({ t: 'nl', v: '\n', pos: i++ }); continue; }
    if (/[0-9.]/.test(ch) && /[0-9]/.test(ch === '.' ? src[i + 1] ?? '' : ch)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      toks.push({ t: KEYWORDS.has(w) ? 'kw' : BUILTINS.has(w) ? 'builtin' : src[i + w.length] === '(' ? 'func' : 'name', v: w, pos: i });
      i += w.length;
      continue;
    }
    if (ch === '"') {
      let s = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\n') throw new AwkSyntax(j, false, undefined, 0, 0, `string constant "${s.slice(0, 10)} ...`);
        if (src[j] === '\\') {
          const n = src[++j];
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[n] ?? '\\' + n;
        } else s += src[j];
      }
      if (j >= src.length) throw new AwkSyntax(src.length, true, undefined, 0, 0, `string constant "${s.slice(0, 10)} ...`);
      toks.push({ t: 'str', v: s, pos: i });
      i = j + 1;
      continue;
    }
    if (ch === '/' && regexAllowed()) {
      let s = '';
      let j = i + 1;
      let bracket = false;
      for (; j < src.length && (src[j] !== '/' || bracket); j++) {
        if (src[j] === '\n') throw new AwkSyntax(j, false, undefined, 0, 0, `regular expression /${s.slice(0, 10)} ...`);
        if (src[j] === '\\' && src[j + 1] === '/') { s += '/'; j++; continue; }
        if (src[j] === '\\') { s += src[j] + (src[j + 1] ?? ''); j++; continue; }
        if (src[j] === '[') bracket = true;
        else if (src[j] === ']') bracket = false;
        s += src[j];
      }
      if (j >= src.length) throw new AwkSyntax(src.length, true, undefined, 0, 0, `regular expression /${s.slice(0, 10)} ...`);
      toks.push({ t: 're', v: s, pos: i });
      i = j + 1;
      continue;
    }
    const op = /^(\+\+|--|\+=|-=|\*=|\/=|%=|\^=|==|!=|<=|>=|&&|\|\||!~|>>|[-+*/%^<>=!~(){}[\],;$?:|])/.exec(src.slice(i));
    if (!op) throw new AwkSyntax(i, false);
    toks.push({ t: 'op', v: op[0], pos: i });
    i += op[0].length;
  }
  toks.push({ t: 'eof', v: '', pos: src.length });
  return toks;
}

type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: RegExp }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'incdec'; op: string; prefix: boolean; target: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'in'; subs: Expr[]; name: string }
  /** getline [target] (main input), getline [target] < from (a file), from | getline [target] (a command) */
  | { k: 'getline'; src: 'main' | 'file' | 'pipe'; target?: Expr; from?: Expr };
type Stmt =
  | { k: 'print'; args: Expr[]; redir?: Redir }
  | { k: 'printf'; args: Expr[]; redir?: Redir }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; c: Expr; a: Stmt[]; b?: Stmt[] }
  | { k: 'while'; c: Expr; body: Stmt[] }
  | { k: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt[] }
  | { k: 'forin'; v: string; name: string; body: Stmt[] }
  | { k: 'delete'; name: string; subs?: Expr[] }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'next' }
  | { k: 'exit'; e?: Expr };
/** `> file`, `>> file`, `| command` after print/printf */
interface Redir {
  op: '>' | '>>' | '|';
  target: Expr;
}
interface Rule {
  kind: 'BEGIN' | 'END' | 'main';
  pattern?: Expr;
  action?: Stmt[];
}

/** A call of a function that is not a builtin (user functions are outside the subset: never defined). */
interface AwkCall {
  name: string;
  pos: number;
}

function parseAwk(toks: Tok[], calls: AwkCall[] = [], busybox = false): Rule[] {
  let i = 0;
  const peek = () => toks[i];
  const bad = (t: Tok = toks[i]): never => {
    // open `{` and `(` before the offending token (mawk yyerror: "missing } near end of file")
    let braces = 0;
    let parens = 0;
    for (const x of toks) {
      if (x === t) break;
      if (x.t === 'op') {
        if (x.v === '{') braces++;
        else if (x.v === '}') braces--;
        else if (x.v === '(') parens++;
        else if (x.v === ')') parens--;
      }
    }
    throw new AwkSyntax(t.pos, t.t === 'eof', t, braces, parens);
  };
  const isOp = (v: string) => peek().t === 'op' && peek().v === v;
  const eat = (v: string) => {
    if (!isOp(v)) bad();
    i++;
  };
  const skipNl = () => {
    while (peek().t === 'nl') i++;
  };
  const skipTerm = () => {
    while (peek().t === 'nl' || isOp(';')) i++;
  };
  // expressions, by awk precedence (lowest first); `noIn` not needed; `noGt` in print args (`>` is a redirect)
  let noGt = false;
  const ternary = (): Expr => {
    const c = or();
    if (isOp('?')) {
      i++;
      skipNl();
      const a = ternary();
      skipNl();
      eat(':');
      skipNl();
      return { k: 'cond', c, a, b: ternary() };
    }
    return c;
  };
  const assign = (): Expr => {
    const start = i;
    const l = ternary();
    if (peek().t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(peek().v)) {
      if (l.k !== 'var' && l.k !== 'field' && l.k !== 'index') bad(toks[start]);
      const op = toks[i++].v;
      skipNl();
      return { k: 'assign', op, target: l, e: assign() };
    }
    return l;
  };
  const or = (): Expr => {
    let a = and();
    while (isOp('||')) {
      i++;
      skipNl();
      a = { k: 'bin', op: '||', a, b: and() };
    }
    return a;
  };
  const and = (): Expr => {
    let a = inop();
    while (isOp('&&')) {
      i++;
      skipNl();
      a = { k: 'bin', op: '&&', a, b: inop() };
    }
    return a;
  };
  // `key in array` (POSIX grammar: below ~ and !~, above &&)
  const inop = (): Expr => {
    let a = match();
    while (peek().t === 'kw' && peek().v === 'in') {
      i++;
      if (peek().t !== 'name') bad();
      a = { k: 'in', subs: [a], name: toks[i++].v };
    }
    return a;
  };
  const match = (): Expr => {
    let a = rel();
    while (isOp('~') || isOp('!~')) {
      const op = toks[i++].v;
      a = { k: 'bin', op, a, b: rel() };
    }
    return a;
  };
  // `cmd | getline [var]`: busybox awk.c tokeninfo OC_PGETLINE P(37), between concatenation (P(35)) and the
  // comparisons (P(39)), so `"echo " x | getline` pipes the concatenation; mawk parse.y `p_expr PIPE GETLINE
  // [fvalue]` (PIPE binds tighter than CAT and the arithmetic operators): the command is the primary before `|`
  const pipeGetline = (from: Expr): Expr => {
    while (isOp('|') && toks[i + 1]?.t === 'kw' && toks[i + 1].v === 'getline') {
      i += 2;
      from = { k: 'getline', src: 'pipe', from, target: getlineTarget() };
    }
    return from;
  };
  // mawk parse.y fvalue (lvalue or field), busybox: an operand after getline is its variable
  const getlineTarget = (): Expr | undefined => (peek().t === 'name' || isOp('$') ? primary() : undefined);
  const rel = (): Expr => {
    const a = busybox ? pipeGetline(concat()) : concat();
    const t = peek();
    if (t.t === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.v) && !(noGt && t.v === '>')) {
      i++;
      return { k: 'bin', op: t.v, a, b: concat() };
    }
    return a;
  };
  const startsPrimary = () => {
    const t = peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name' || t.t === 'builtin' || t.t === 'func') return true;
    return t.t === 'op' && ['$', '!', '(', '-', '+', '++', '--'].includes(t.v);
  };
  const concat = (): Expr => {
    let a = additive();
    while (startsPrimary() && !isOp('-') && !isOp('+')) a = { k: 'bin', op: 'cat', a, b: additive() };
    return a;
  };
  const additive = (): Expr => {
    let a = mul();
    while (isOp('+') || isOp('-')) {
      const op = toks[i++].v;
      a = { k: 'bin', op, a, b: mul() };
    }
    return a;
  };
  const mul = (): Expr => {
    let a = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = toks[i++].v;
      a = { k: 'bin', op, a, b: unary() };
    }
    return a;
  };
  const unary = (): Expr => {
    if (isOp('!')) { i++; return { k: 'un', op: '!', e: unary() }; }
    if (isOp('-')) { i++; return { k: 'un', op: '-', e: unary() }; }
    if (isOp('+')) { i++; return { k: 'un', op: '+', e: unary() }; }
    return pow();
  };
  const pow = (): Expr => {
    const a = postfix();
    if (isOp('^')) {
      i++;
      return { k: 'bin', op: '^', a, b: unary() };
    }
    return a;
  };
  const postfix = (): Expr => {
    if (isOp('++') || isOp('--')) {
      const op = toks[i++].v;
      const target = primary();
      if (target.k !== 'var' && target.k !== 'field' && target.k !== 'index') bad();
      return { k: 'incdec', op, prefix: true, target };
    }
    const e = primary();
    if ((e.k === 'var' || e.k === 'field' || e.k === 'index') && (isOp('++') || isOp('--'))) return { k: 'incdec', op: toks[i++].v, prefix: false, target: e };
    return busybox ? e : pipeGetline(e);
  };
  const primary = (): Expr => {
    const t = peek();
    if (t.t === 'kw' && t.v === 'getline') {
      // mawk parse.y: `getline [fvalue]`, `getline [fvalue] < p_expr` (IO_IN binds tighter than the arithmetic
      // operators and concatenation: the file is one primary); busybox parse_expr: the `<` after getline starts
      // a node OC_CONCAT|P(37), so the file name takes in a concatenation
      i++;
      const target = getlineTarget();
      if (!isOp('<')) return { k: 'getline', src: 'main', target };
      i++;
      return { k: 'getline', src: 'file', target, from: busybox ? concat() : postfix() };
    }
    if (t.t === 'num') { i++; return { k: 'num', v: Number(t.v) }; }
    if (t.t === 'str') { i++; return { k: 'str', v: t.v }; }
    if (t.t === 're') {
      i++;
      try {
        return { k: 're', v: new RegExp(posixToJs(t.v, true)) };
      } catch {
        return bad(t);
      }
    }
    if (t.t === 'name') {
      i++;
      if (isOp('[')) {
        // a[k], a[i, j] (the subscripts joined with SUBSEP)
        i++;
        const saved = noGt;
        noGt = false;
        const subs = [assign()];
        while (isOp(',')) { i++; skipNl(); subs.push(assign()); }
        noGt = saved;
        eat(']');
        return { k: 'index', name: t.v, subs };
      }
      return { k: 'var', name: t.v };
    }
    if (t.t === 'builtin') {
      if (!SUPPORTED_BUILTINS.has(t.v)) bad();
      i++;
      const args: Expr[] = [];
      if (isOp('(')) {
        i++;
        const saved = noGt;
        noGt = false;
        if (!isOp(')')) {
          args.push(assign());
          while (isOp(',')) { i++; skipNl(); args.push(assign()); }
        }
        noGt = saved;
        eat(')');
      } else if (t.v !== 'length') bad();
      return { k: 'call', name: t.v, args };
    }
    if (t.t === 'func') {
      // name( …): a user function call (mawk parse.y p_expr: FUNCT_ID mark call_args); checked after parsing
      i++;
      eat('(');
      const saved = noGt;
      noGt = false;
      const args: Expr[] = [];
      if (!isOp(')')) {
        args.push(assign());
        while (isOp(',')) { i++; skipNl(); args.push(assign()); }
      }
      noGt = saved;
      eat(')');
      calls.push({ name: t.v, pos: t.pos });
      return { k: 'call', name: t.v, args };
    }
    if (t.t === 'op' && t.v === '$') {
      i++;
      if (isOp('++') || isOp('--') || isOp('-')) bad();
      return { k: 'field', e: primary() };
    }
    if (t.t === 'op' && t.v === '(') {
      i++;
      const saved = noGt;
      noGt = false;
      const e = assign();
      if (isOp(',')) {
        // (i, j) in array
        const subs = [e];
        while (isOp(',')) { i++; skipNl(); subs.push(assign()); }
        noGt = saved;
        eat(')');
        if (!(peek().t === 'kw' && peek().v === 'in')) bad();
        i++;
        if (peek().t !== 'name') bad();
        return { k: 'in', subs, name: toks[i++].v };
      }
      noGt = saved;
      eat(')');
      return e;
    }
    return bad();
  };
  const simple = (): Stmt => {
    const t = peek();
    if (t.t === 'kw' && (t.v === 'print' || t.v === 'printf')) {
      i++;
      const args: Expr[] = [];
      noGt = true;
      const paren = isOp('(');
      if (!(peek().t === 'nl' || isOp(';') || isOp('}') || peek().t === 'eof' || isOp('>') || isOp('>>') || isOp('|'))) {
        if (paren) {
          // print (a, b) or print (a) b
          i++;
          noGt = false;
          args.push(assign());
          while (isOp(',')) { i++; skipNl(); args.push(assign()); }
          eat(')');
          noGt = true;
          if (args.length === 1 && startsPrimary()) args[0] = { k: 'bin', op: 'cat', a: args[0], b: concat() };
        } else {
          args.push(assign());
          while (isOp(',')) { i++; skipNl(); args.push(assign()); }
        }
      }
      noGt = false;
      // mawk parse.y `pr_direction : IO_OUT expr` (scan.c: `>`, `>>` and `|` are IO_OUT in a print statement
      // outside parentheses); busybox parse_expr(TC_OPTERM | TC_OUTRDR | TC_GRPTERM) for the arguments, then
      // parse_expr(TC_OPTERM | TC_GRPTERM) for the target: a whole expression (`print a > b c` writes to the
      // file b c; a `>` inside it compares); `print (a > b)` compares
      let redir: Redir | undefined;
      if (isOp('>') || isOp('>>') || isOp('|')) {
        const op = toks[i++].v as Redir['op'];
        redir = { op, target: assign() };
      }
      if (t.v === 'printf' && !args.length) bad();
      return { k: t.v as 'print', args, redir };
    }
    if (t.t === 'kw' && t.v === 'next') { i++; return { k: 'next' }; }
    if (t.t === 'kw' && (t.v === 'break' || t.v === 'continue')) { i++; return { k: t.v }; }
    if (t.t === 'kw' && t.v === 'delete') {
      i++;
      if (peek().t !== 'name') bad();
      const name = toks[i++].v;
      if (!isOp('[')) return { k: 'delete', name };
      i++;
      const subs = [assign()];
      while (isOp(',')) { i++; skipNl(); subs.push(assign()); }
      eat(']');
      return { k: 'delete', name, subs };
    }
    if (t.t === 'kw' && t.v === 'exit') {
      i++;
      if (peek().t === 'nl' || isOp(';') || isOp('}') || peek().t === 'eof') return { k: 'exit' };
      return { k: 'exit', e: assign() };
    }
    if (t.t === 'kw' && t.v !== 'getline') bad();
    return { k: 'expr', e: assign() };
  };
  const stmt = (): Stmt[] => {
    const t = peek();
    if (isOp('{')) return block();
    if (isOp(';')) { i++; return []; }
    if (t.t === 'kw' && t.v === 'if') {
      i++;
      eat('(');
      const c = assign();
      eat(')');
      skipNl();
      const a = stmt();
      const save = i;
      skipTerm();
      if (peek().t === 'kw' && peek().v === 'else') {
        i++;
        skipNl();
        return [{ k: 'if', c, a, b: stmt() }];
      }
      i = save;
      return [{ k: 'if', c, a }];
    }
    if (t.t === 'kw' && t.v === 'while') {
      i++;
      eat('(');
      const c = assign();
      eat(')');
      skipNl();
      return [{ k: 'while', c, body: stmt() }];
    }
    if (t.t === 'kw' && t.v === 'for') {
      i++;
      eat('(');
      if (peek().t === 'name' && toks[i + 1].t === 'kw' && toks[i + 1].v === 'in' && toks[i + 2].t === 'name' && toks[i + 3].t === 'op' && toks[i + 3].v === ')') {
        const v = toks[i].v;
        const name = toks[i + 2].v;
        i += 4;
        skipNl();
        return [{ k: 'forin', v, name, body: stmt() }];
      }
      const init = isOp(';') ? undefined : assign();
      if (isOp(')')) bad();
      eat(';');
      skipNl();
      const c = isOp(';') ? undefined : assign();
      eat(';');
      skipNl();
      const step = isOp(')') ? undefined : assign();
      eat(')');
      skipNl();
      return [{ k: 'for', init, c, step, body: stmt() }];
    }
    const s = simple();
    if (!(peek().t === 'nl' || isOp(';') || isOp('}') || peek().t === 'eof')) bad();
    if (isOp(';')) i++;
    return [s];
  };
  const block = (): Stmt[] => {
    eat('{');
    const body: Stmt[] = [];
    skipTerm();
    while (!isOp('}')) {
      if (peek().t === 'eof') bad();
      body.push(...stmt());
      skipTerm();
    }
    i++;
    return body;
  };
  const rules: Rule[] = [];
  skipTerm();
  while (peek().t !== 'eof') {
    const t = peek();
    if (t.t === 'kw' && (t.v === 'BEGIN' || t.v === 'END')) {
      i++;
      if (!isOp('{')) bad();
      rules.push({ kind: t.v, action: block() });
    } else if (t.t === 'kw' && t.v === 'function') bad();
    else {
      const r: Rule = { kind: 'main' };
      if (!isOp('{')) {
        r.pattern = assign();
        if (isOp(',')) bad(); // range patterns: outside the subset
      }
      if (isOp('{')) r.action = block();
      rules.push(r);
    }
    // a rule ending in an action may be followed by the next rule on the same line (gawk grammar)
    if (!rules[rules.length - 1].action && !(peek().t === 'nl' || isOp(';') || peek().t === 'eof')) bad();
    skipTerm();
  }
  return rules;
}

/** awk's number → string for output (OFMT/CONVFMT %.6g; integers as integers). */
function numStr(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : n < 0 ? '-inf' : 'nan';
  return fmtG(n, 6);
}

function fmtG(n: number, prec: number): string {
  if (n === 0) return '0';
  const p = prec === 0 ? 1 : prec;
  const e = Math.floor(Math.log10(Math.abs(n)));
  let s: string;
  if (e < -4 || e >= p) {
    s = n.toExponential(p - 1);
    s = s.replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
  } else {
    s = n.toFixed(Math.max(0, p - 1 - e));
    if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

/** C printf formats (%d %i %s %f %e %g %x %o %c %%), with flags, width and precision. */
export function awkSprintf(fmt: string, args: (string | number)[], toNum: (v: string | number) => number, toStr: (v: string | number) => string): string {
  let ai = 0;
  return fmt.replace(/%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcs%])/g, (_, flags: string, w: string | undefined, pr: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const width = w === '*' ? toNum(args[ai++] ?? 0) : w ? Number(w) : 0;
    const prec = pr === '*' ? toNum(args[ai++] ?? 0) : pr !== undefined ? Number(pr) : undefined;
    const arg = args[ai++] ?? '';
    let s: string;
    const n = toNum(arg);
    switch (conv) {
      case 'd': case 'i': {
        const v = Math.trunc(n);
        s = Math.abs(v).toString();
        if (prec !== undefined) s = s.padStart(prec, '0');
        s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
        break;
      }
      case 'o': s = Math.trunc(n).toString(8); break;
      case 'u': s = String(Math.trunc(n)); break;
      case 'x': s = Math.trunc(n).toString(16); break;
      case 'X': s = Math.trunc(n).toString(16).toUpperCase(); break;
      case 'f': case 'F': s = n.toFixed(prec ?? 6); if (n >= 0 && flags.includes('+')) s = '+' + s; break;
      case 'e': case 'E': s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
      case 'g': case 'G': s = fmtG(n, prec ?? 6); if (conv === 'G') s = s.toUpperCase(); break;
      case 'c': s = typeof arg === 'number' ? String.fromCharCode(arg) : arg.slice(0, 1); break;
      default: s = toStr(arg); if (prec !== undefined) s = s.slice(0, prec);
    }
    if (s.length < width) {
      if (flags.includes('-')) s = s.padEnd(width);
      else if (flags.includes('0') && conv !== 's' && conv !== 'c') {
        const sign = /^[-+ ]/.test(s) ? s[0] : '';
        s = sign + s.slice(sign.length).padStart(width - sign.length, '0');
      } else s = s.padStart(width);
    }
    return s;
  });
}

class AwkNext {}
class AwkBreak {}
class AwkContinue {}

/**
 * busybox editors/awk.c (1.37) xhash: FIRST_PRIME 61 buckets, grown to the next of PRIMES (251, 1021, 4093,
 * 16381, 65521) when `++hash->nel > hash->csize * 8` (hash_find); hashidx(name) = c + idx * 63 over the bytes
 * (`*name++`: a signed char); a new item goes to the head of its bucket; hash_rebuild moves items bucket by
 * bucket, each to the head of its new bucket; hash_clear (delete a, split) empties the buckets and keeps their
 * number; `for (k in a)` (hashwalk_init) lists bucket 0 first, each bucket from its head.
 */
class BusyboxHash {
  private static readonly PRIMES = [251, 1021, 4093, 16381, 65521];
  private csize = 61;
  private nprime = 0;
  private nel = 0;
  private items: string[][] = Array.from({ length: 61 }, () => []);

  private static idx(name: string): number {
    let idx = 0;
    for (const b of utf8Encode(name)) idx = ((b > 127 ? b - 256 : b) + Math.imul(idx, 63)) >>> 0;
    return idx;
  }

  insert(name: string): void {
    if (++this.nel > this.csize * 8 && this.nprime < BusyboxHash.PRIMES.length) {
      const size = BusyboxHash.PRIMES[this.nprime++];
      const next: string[][] = Array.from({ length: size }, () => []);
      for (const bucket of this.items) for (const n of bucket) next[BusyboxHash.idx(n) % size].unshift(n);
      this.items = next;
      this.csize = size;
    }
    this.items[BusyboxHash.idx(name) % this.csize].unshift(name);
  }

  remove(name: string): void {
    const b = this.items[BusyboxHash.idx(name) % this.csize];
    const k = b.indexOf(name);
    if (k >= 0) {
      b.splice(k, 1);
      this.nel--;
    }
  }

  clear(): void {
    for (const b of this.items) b.length = 0;
    this.nel = 0;
  }

  keys(): string[] {
    return this.items.flat();
  }
}

/**
 * mawk 1.3.4's array (array.c, generated from array.w; the same from 20200120, Debian bookworm and Ubuntu
 * jammy, to 20240123 and later, Ubuntu noble and Debian trixie): a table of DUAL_LINK lists, STARTING_HMASK 63,
 * doubled when `++size > limit` (hmask_to_limit: (hmask+1) * MAX_AVE_LIST_LENGTH 12); a key that is a double with
 * an integer value (d_to_I(d) == d) goes on the ilist of bucket `ival & hmask`, any other key on the slist of
 * bucket `hash2(key) & hmask` (hash.c: FNV-1, 2166136261 and 16777619 over the bytes); every lookup that finds a
 * node moves it to the front of its list; an AY_SPLIT array (split()) is a plain vector until a key outside 1..n
 * or a string key converts it (convert_split_array_to_table: element i+1 on ilist (i+1) & hmask);
 * add_string_associations gives every ilist node its string ("%ld") and pushes it on the front of its slist,
 * bucket by bucket; array_loop_vector (`for (k in a)`) adds the string associations and lists the slists from
 * bucket 0 up, each from its front (qsort only when WHINY_USERS is set in the environment).
 */
interface MawkNode {
  sval?: string;
  hval: number;
  ival: number;
  slink?: MawkNode;
  ilink?: MawkNode;
}
const AY_NULL = 0;
const AY_INT = 1;
const AY_STR = 2;
const AY_SPLIT = 4;
const NOT_AN_IVALUE = -2147483648;
const MAX_INT = 2147483647;
const STARTING_HMASK = 63;
const hmaskToLimit = (x: number) => (x + 1) * 12;

/** mawk hash.c hash2: FNV-1 over the bytes of the string. */
function mawkHash(s: string): number {
  let h = 2166136261;
  for (const b of utf8Encode(s)) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h;
}

class MawkTable {
  type = AY_NULL;
  hmask = 0;
  limit = 0;
  size = 0;
  private slinks: (MawkNode | undefined)[] = [];
  private ilinks: (MawkNode | undefined)[] = [];

  /** array_find: true when the key is (now) in the array */
  find(s: string, d: number | undefined, create: boolean): boolean {
    if (this.size === 0 && !create) return false;
    if (d !== undefined) {
      const ival = dToI(d);
      if (ival === d) {
        if (this.type === AY_SPLIT) {
          if (ival >= 1 && ival <= this.size) return true;
          if (!create) return false;
          this.convertSplit();
        } else if (this.type === AY_NULL) this.makeEmpty(AY_INT);
        return !!this.findByIval(ival, create);
      }
    }
    return !!this.findBySval(s, create);
  }

  delete(s: string, d: number | undefined): void {
    if (this.size === 0) return;
    let ap: MawkNode | undefined;
    if (d !== undefined && dToI(d) === d) {
      const ival = d;
      if (this.type === AY_SPLIT) {
        if (ival >= 1 && ival <= this.size) this.convertSplit();
        else return;
      }
      ap = this.findByIval(ival, false);
      if (ap) {
        // remove from the front of the ilist (and from its slist)
        this.ilinks[(ap.ival & this.hmask) >>> 0] = ap.ilink;
        if (ap.sval !== undefined) this.unlinkS(ap);
        if (--this.size === 0) this.clear();
      }
      return;
    }
    ap = this.findBySval(s, false);
    if (ap) {
      this.slinks[ap.hval & this.hmask] = ap.slink;
      if (ap.ival !== NOT_AN_IVALUE) {
        const indx = (ap.ival & this.hmask) >>> 0;
        let p = this.ilinks[indx];
        let q: MawkNode | undefined;
        while (p !== ap) { q = p; p = p!.ilink; }
        if (q) q.ilink = p.ilink;
        else this.ilinks[indx] = p.ilink;
      }
      if (--this.size === 0) this.clear();
    }
  }

  private unlinkS(ap: MawkNode): void {
    const indx = ap.hval & this.hmask;
    let p = this.slinks[indx];
    let q: MawkNode | undefined;
    while (p !== ap) { q = p; p = p!.slink; }
    if (q) q.slink = p.slink;
    else this.slinks[indx] = p.slink;
  }

  clear(): void {
    this.type = AY_NULL;
    this.hmask = this.limit = this.size = 0;
    this.slinks = [];
    this.ilinks = [];
  }

  /** array_load (split): an AY_SPLIT vector of n elements */
  load(n: number): void {
    this.clear();
    this.type = AY_SPLIT;
    this.size = n;
  }

  loopVector(): string[] {
    if (this.size === 0) return [];
    if (!(this.type & AY_STR)) this.addStringAssociations();
    const ret: string[] = [];
    for (let i = 0; i <= this.hmask; i++) for (let p = this.slinks[i]; p; p = p.slink) ret.push(p.sval!);
    return ret;
  }

  private findByIval(ival: number, create: boolean): MawkNode | undefined {
    let indx = (ival & this.hmask) >>> 0;
    let p = this.ilinks[indx];
    let q: MawkNode | undefined;
    for (;;) {
      if (!p) {
        if (this.type & AY_STR) {
          p = this.findBySval(String(ival), create);
          if (!p) return undefined;
        } else if (create) {
          p = { hval: 0, ival };
          if (++this.size > this.limit) {
            this.doubleTable();
            indx = (ival & this.hmask) >>> 0;
          }
        } else return undefined;
        p.ival = ival;
        this.type |= AY_INT;
        break;
      }
      if (p.ival === ival) {
        if (!q) return p;
        q.ilink = p.ilink;
        break;
      }
      q = p;
      p = p.ilink;
    }
    p.ilink = this.ilinks[indx];
    this.ilinks[indx] = p;
    return p;
  }

  private findBySval(sval: string, create: boolean): MawkNode | undefined {
    const hval = mawkHash(sval);
    if (!(this.type & AY_STR)) this.addStringAssociations();
    let indx = hval & this.hmask;
    let p = this.slinks[indx];
    let q: MawkNode | undefined;
    for (;;) {
      if (!p) {
        if (!create) return undefined;
        p = { sval, hval, ival: NOT_AN_IVALUE };
        if (++this.size > this.limit) {
          this.doubleTable();
          indx = hval & this.hmask;
        }
        break;
      }
      if (p.hval === hval && p.sval === sval) {
        if (!q) return p;
        q.slink = p.slink;
        break;
      }
      q = p;
      p = p.slink;
    }
    p.slink = this.slinks[indx];
    this.slinks[indx] = p;
    return p;
  }

  private addStringAssociations(): void {
    if (this.type === AY_NULL) {
      this.makeEmpty(AY_STR);
      return;
    }
    if (this.type === AY_SPLIT) this.convertSplit();
    for (let i = 0; i <= this.hmask; i++) {
      for (let p = this.ilinks[i]; p; p = p.ilink) {
        p.sval = String(p.ival);
        p.hval = mawkHash(p.sval);
        const b = p.hval & this.hmask;
        p.slink = this.slinks[b];
        this.slinks[b] = p;
      }
    }
    this.type |= AY_STR;
  }

  private makeEmpty(type: number): void {
    this.type = type;
    this.hmask = STARTING_HMASK;
    this.limit = hmaskToLimit(STARTING_HMASK);
    this.slinks = new Array(STARTING_HMASK + 1);
    this.ilinks = new Array(STARTING_HMASK + 1);
  }

  private convertSplit(): void {
    this.hmask = STARTING_HMASK;
    this.limit = hmaskToLimit(STARTING_HMASK);
    while (this.size > this.limit) {
      this.hmask = this.hmask * 2 + 1;
      this.limit = hmaskToLimit(this.hmask);
    }
    this.slinks = new Array(this.hmask + 1);
    this.ilinks = new Array(this.hmask + 1);
    for (let i = 0, j = 1; i < this.size; i++) {
      const p: MawkNode = { hval: 0, ival: i + 1, ilink: this.ilinks[j] };
      this.ilinks[j] = p;
      j = (j + 1) & this.hmask;
    }
    this.type = AY_INT;
  }

  private doubleTable(): void {
    const old = this.hmask;
    const nm = old * 2 + 1;
    this.slinks.length = nm + 1;
    this.ilinks.length = nm + 1;
    // each old list keeps the nodes that stay (in order) and gives the others, in order, to list i + old + 1
    const split = (lists: (MawkNode | undefined)[], link: 'slink' | 'ilink', idx: (p: MawkNode) => number) => {
      for (let i = 0, j = old + 1; i <= old; i++, j++) {
        const stay: MawkNode[] = [];
        const move: MawkNode[] = [];
        for (let p = lists[i]; p; p = p[link]) (idx(p) === i ? stay : move).push(p);
        const chain = (ns: MawkNode[]) => {
          ns.forEach((n, k) => (n[link] = ns[k + 1]));
          return ns[0];
        };
        lists[i] = chain(stay);
        lists[j] = chain(move);
      }
    };
    if (this.type & AY_STR) split(this.slinks, 'slink', (p) => p.hval & nm);
    if (this.type & AY_INT) split(this.ilinks, 'ilink', (p) => (p.ival & nm) >>> 0);
    this.hmask = nm;
    this.limit = hmaskToLimit(nm);
  }
}

/** mawk d_to_I: a double clamped to [-Max_Int, Max_Int] and truncated (Int is a C int). */
function dToI(d: number): number {
  if (d >= MAX_INT) return MAX_INT;
  if (d > -MAX_INT) return Math.trunc(d);
  return -MAX_INT;
}

/**
 * An awk array: its values by key, and the real program's table for the order of `for (k in a)`: busybox's
 * hash (BusyboxHash) or mawk's (MawkTable). `d` is the subscript when it is a number (mawk keeps integers apart).
 */
class AwkArray {
  private map = new Map<string, string | number>();
  private hash?: BusyboxHash;
  private table?: MawkTable;
  /** keys whose value came from split() (strnum) */
  strnum = new Set<string>();

  constructor(busybox: boolean) {
    if (busybox) this.hash = new BusyboxHash();
    else this.table = new MawkTable();
  }

  get size(): number {
    return this.map.size;
  }

  /** `k in a` (mawk array_find NO_CREATE, which moves a found key to the front of its list) */
  has(k: string, d?: number): boolean {
    this.table?.find(k, d, false);
    return this.map.has(k);
  }

  get(k: string, d?: number): string | number {
    if (!this.map.has(k)) this.set(k, '', d);
    else this.table?.find(k, d, true);
    return this.map.get(k)!;
  }

  set(k: string, v: string | number, d?: number): void {
    if (!this.map.has(k)) this.hash?.insert(k);
    this.table?.find(k, d, true);
    this.map.set(k, v);
    this.strnum.delete(k);
  }

  delete(k: string, d?: number): void {
    if (this.map.delete(k)) this.hash?.remove(k);
    this.table?.delete(k, d);
    this.strnum.delete(k);
  }

  clear(): void {
    this.map.clear();
    this.strnum.clear();
    this.hash?.clear();
    this.table?.clear();
  }

  /** split(): the pieces as a[1..n] (mawk array_load: an AY_SPLIT vector; busybox: hash_clear, then setari_u) */
  load(parts: string[]): void {
    this.clear();
    parts.forEach((x, k) => {
      const key = String(k + 1);
      this.map.set(key, x);
      this.strnum.add(key);
      this.hash?.insert(key);
    });
    this.table?.load(parts.length);
  }

  keys(): string[] {
    return this.hash ? this.hash.keys() : this.table!.loopVector();
  }
}
class AwkExit {
  constructor(public code: number) {}
}
/** mawk errmsg + mawk_exit, busybox bb_perror_msg_and_die: the message, then the exit status. */
class AwkDie extends Error {
  constructor(public text: string, public code: number) {
    super(text);
  }
}
/** A mawk run-time error (error.c rt_error). */
class AwkRuntime extends Error {}
/**
 * The simulator's own guard (as the shell's and sed's loop limits): a loop that never ends (`for (;;)`,
 * `while (1)`) would hang the reader's page, where real awk runs until it is interrupted.
 */
const AWK_LOOP_LIMIT = 1_000_000;
class AwkLimit extends Error {}

const AWK_USAGE_GNU = `Usage: awk [POSIX or GNU style options] -f progfile [--] file ...
Usage: awk [POSIX or GNU style options] [--] 'program' file ...
`;

/**
 * awk: a subset of mawk (Debian's and Ubuntu's awk) and busybox editors/awk.c: pattern-action rules, BEGIN/END,
 * fields ($0, $1.., $NF), NR, NF, FNR, FS (-F), OFS, ORS, FILENAME, SUBSEP, variables (-v), arithmetic, string
 * concatenation, comparisons, ~ and /re/ matches, && || !, ?:, = += -= ++ --, associative arrays (a[k], a[i,j],
 * `k in a`, `(i,j) in a`, `for (k in a)`, delete a[k], delete a), print, printf, if/else, while, for(;;), break,
 * continue, next, exit, and the functions length (of a string or an array), substr, index, toupper, tolower, int,
 * sprintf, sqrt, split, close, and getline in all its forms (`getline [var] [< file]`, `cmd | getline [var]`; the
 * command run as `sh -c` through the shell's interpreter, without standard input), fflush, and output
 * redirection (`print > file`, `>> file`, `| command`, see the stream notes in the function). User functions
 * are outside the subset: they are refused
 * with the syntax error of the real awk (mawk error.c yyerror/compile_error: "awk: line 1: syntax error at or near
 * X", "missing } near end of file", status 2; busybox awk.c syntax_error: "awk: cmd. line:1: Unexpected token",
 * status 1); a call of a function, never defined, is mawk fcall.c's "function X never defined". mawk's run time:
 * division by zero is IEEE (inf), a negative field number is error.c rt_error's "run time error: negative field
 * index $N" with the FILENAME/FNR/NR line, an input file that cannot be opened "cannot open F (strerror)", and
 * FILENAME is "-" for standard input. `for (k in a)` walks the real program's table: busybox's hash
 * (BusyboxHash) or mawk's (MawkTable).
 */
export const awk: Util = (c) => {
  const busybox = isBusybox(c);
  const args = c.argv.slice(1);
  let fs = ' ';
  const assigns: [string, string][] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (a.startsWith('-F')) fs = a.length > 2 ? a.slice(2) : args[++i] ?? '';
    else if (a.startsWith('-v')) {
      const v = a.length > 2 ? a.slice(2) : args[++i] ?? '';
      const eq = v.indexOf('=');
      assigns.push([v.slice(0, eq), v.slice(eq + 1)]);
    } else if (a.startsWith('-') && a.length > 1) {
      c.err(busybox ? `awk: invalid option -- '${a[1]}'\n${BB}Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n` : `awk: not an option: ${a}\n` + AWK_USAGE_GNU);
      return busybox ? 1 : 2;
    } else break;
  }
  const src = args[i++];
  if (src === undefined) {
    c.err(busybox ? `${BB}Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n` : AWK_USAGE_GNU);
    return busybox ? 1 : 2;
  }
  const files = args.slice(i);
  let rules: Rule[];
  const calls: AwkCall[] = [];
  const prog = c.argv[0].slice(c.argv[0].lastIndexOf('/') + 1);
  try {
    rules = parseAwk(lexAwk(src), calls, busybox);
  } catch (e) {
    if (!(e instanceof AwkSyntax)) throw e;
    if (busybox) {
      c.err(`awk: cmd. line:${src.slice(0, e.pos).split('\n').length}: ${e.eos ? 'Unexpected end of string' : 'Unexpected token'}\n`);
      return 1;
    }
    // mawk (Debian's and Ubuntu's awk): error.c compile_error "%s: line %u: " with progname the basename of argv[0];
    // yyerror: "missing ) near X" / "missing } near X" when a paren or brace is open, else "syntax error at or near
    // X" (X the token: "end of file", "end of line", the operator or name); scan.c "runaway string constant
    // \"%.10s ..."; an unknown character: unexpected_char "%s: %u: unexpected character '%c'"; exit 2
    const lineNo = src.slice(0, Math.min(e.pos, src.length)).split('\n').length;
    if (e.runaway) c.err(`${prog}: line ${lineNo}: runaway ${e.runaway}\n`);
    else if (!e.tok) c.err(`${prog}: ${lineNo}: unexpected character '${src[e.pos]}'\n`);
    else {
      const t = e.tok;
      const text = t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'end of line' : t.t === 're' ? `/${t.v}/` : t.v;
      if (e.parens > 0 && (t.t === 'eof' || t.t === 'nl' || t.v === ';' || t.v === '}')) c.err(`${prog}: line ${lineNo}: missing ) near ${text}\n`);
      else if (e.braces > 0 && (t.t === 'eof' || t.v === 'BEGIN' || t.v === 'END')) c.err(`${prog}: line ${lineNo}: missing } near ${text}\n`);
      else c.err(`${prog}: line ${lineNo}: syntax error at or near ${text}\n`);
    }
    return 2;
  }
  if (calls.length) {
    // function definitions are outside the subset, so a called function is never defined. busybox: refused
    // as the syntax error the subset gives. mawk fcall.c first_pass, after the whole program is parsed:
    // compile_error("function %s never defined") for each call (resolve_list holds the last call first), at
    // token_lineno of the end of the program; then exit 2 (parse: compile_error_count)
    if (busybox) {
      c.err(`awk: cmd. line:${src.slice(0, calls[0].pos).split('\n').length}: Unexpected token\n`);
      return 1;
    }
    const lineNo = src.split('\n').length;
    for (const call of [...calls].reverse()) c.err(`${prog}: line ${lineNo}: function ${call.name} never defined\n`);
    return 2;
  }
  const vars = new Map<string, string | number>([['NR', 0], ['NF', 0], ['FNR', 0], ['FS', fs === 't' ? '\t' : fs], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['FILENAME', ''], ['SUBSEP', '\x1c']]);
  for (const [k, v] of assigns) vars.set(k, v);
  let fields: string[] = [''];
  const toNum = (v: string | number): number => (typeof v === 'number' ? v : Number(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(v)?.[0] ?? 0));
  const toStr = (v: string | number): string => (typeof v === 'number' ? numStr(v) : v);
  // strnum: a field or -v value that looks like a number compares as a number
  const looksNum = (v: string) => /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v);
  const splitWith = (line: string, sep: string | RegExp): string[] => {
    if (line === '') return [];
    if (sep instanceof RegExp) return line.split(new RegExp(sep.source));
    if (sep === ' ') return line.split(/[ \t\n]+/).filter((x) => x !== '');
    if (sep.length === 1 && sep !== '\\') return line.split(sep);
    return line.split(new RegExp(posixToJs(sep, true)));
  };
  const split = (line: string): string[] => splitWith(line, toStr(vars.get('FS')!));
  const setRecord = (line: string) => {
    fields = [line, ...split(line)];
    vars.set('NF', fields.length - 1);
  };
  const rebuild = () => {
    fields[0] = fields.slice(1).join(toStr(vars.get('OFS')!));
  };
  let out = '';
  type Val = string | number;
  // arrays, with the order of mawk's table (MawkTable) or busybox awk's hash (BusyboxHash)
  const arrays = new Map<string, AwkArray>();
  const arr = (name: string): AwkArray => {
    let a = arrays.get(name);
    if (!a) arrays.set(name, (a = new AwkArray(busybox)));
    return a;
  };
  const key = (subs: Expr[]) => subs.map((x) => toStr(ev(x))).join(toStr(vars.get('SUBSEP')!));
  // a subscript and, when it is one number, that number (mawk array_find: a C_DOUBLE goes by its integer value)
  const keyCell = (subs: Expr[]): { k: string; d?: number } => {
    if (subs.length !== 1) return { k: key(subs) };
    const v = ev(subs[0]);
    return typeof v === 'number' ? { k: toStr(v), d: v } : { k: v };
  };
  // variables last set by getline (mawk bi_getline: the record is a C_MBSTRN, a strnum)
  const getlineStrnum = new Set<string>();
  const isStrnum = (e: Expr, v: Val) =>
    typeof v === 'string' &&
    (e.k === 'field' || (e.k === 'var' && (assigns.some(([k]) => k === e.name) || getlineStrnum.has(e.name))) || (e.k === 'index' && !!arrays.get(e.name)?.strnum.has(key(e.subs)))) &&
    looksNum(v);
  // mawk execute.c d_to_index: a negative field number is a run-time error ("negative field index $%.6g")
  const fieldIndex = (d: number): number => {
    if (d < 0 && !busybox) throw new AwkRuntime(`negative field index $${fmtG(d, 6)}`);
    return Math.trunc(d);
  };
  const get = (e: Expr): Val => {
    if (e.k === 'var') return vars.get(e.name) ?? '';
    // referencing an element creates it (POSIX; busybox hash_find, mawk array_find CREATE)
    if (e.k === 'index') {
      const kc = keyCell(e.subs);
      return arr(e.name).get(kc.k, kc.d);
    }
    const n = fieldIndex(toNum(ev((e as { e: Expr }).e)));
    return fields[n] ?? '';
  };
  const set = (e: Expr, v: Val) => {
    if (e.k === 'var') {
      vars.set(e.name, v);
      getlineStrnum.delete(e.name);
      if (e.name === 'NF') {
        const n = Math.trunc(toNum(v));
        fields.length = n + 1;
        for (let k = 1; k <= n; k++) fields[k] ??= '';
        rebuild();
      }
      return;
    }
    if (e.k === 'index') {
      const kc = keyCell(e.subs);
      arr(e.name).set(kc.k, v, kc.d);
      return;
    }
    const n = fieldIndex(toNum(ev((e as { e: Expr }).e)));
    if (n === 0) setRecord(toStr(v));
    else {
      for (let k = fields.length; k < n; k++) fields[k] = '';
      fields[n] = toStr(v);
      vars.set('NF', fields.length - 1);
      rebuild();
    }
  };
  // an lvalue with its subscript or field number evaluated once (a[i++]++ increments i once)
  const once = (e: Expr): Expr => {
    if (e.k === 'index') {
      const kc = keyCell(e.subs);
      return { k: 'index', name: e.name, subs: [kc.d !== undefined ? { k: 'num', v: kc.d } : { k: 'str', v: kc.k }] };
    }
    return e.k === 'field' ? { k: 'field', e: { k: 'num', v: toNum(ev(e.e)) } } : e;
  };
  const truth = (e: Expr, v: Val) => (typeof v === 'number' ? v !== 0 : isStrnum(e, v) ? toNum(v) !== 0 : v !== '');
  const ev = (e: Expr): Val => {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 're': return e.v.test(fields[0]) ? 1 : 0;
      case 'var': case 'field': return get(e);
      case 'un': {
        if (e.op === '!') return truth(e.e, ev(e.e)) ? 0 : 1;
        const n = toNum(ev(e.e));
        return e.op === '-' ? -n : n;
      }
      case 'cond': return truth(e.c, ev(e.c)) ? ev(e.a) : ev(e.b);
      case 'assign': {
        const target = once(e.target);
        let v = ev(e.e);
        if (e.op !== '=') {
          const a = toNum(get(target));
          const b = toNum(v);
          v = arith(e.op[0], a, b);
        }
        set(target, v);
        return v;
      }
      case 'incdec': {
        const target = once(e.target);
        const old = toNum(get(target));
        const nv = e.op === '++' ? old + 1 : old - 1;
        set(target, nv);
        return e.prefix ? nv : old;
      }
      case 'index': return get(e);
      case 'in': {
        const kc = keyCell(e.subs);
        return arrays.get(e.name)?.has(kc.k, kc.d) ? 1 : 0;
      }
      case 'call': return call(e.name, e.args);
      case 'getline': return getline(e);
      case 'bin': {
        if (e.op === '&&') return truth(e.a, ev(e.a)) && truth(e.b, ev(e.b)) ? 1 : 0;
        if (e.op === '||') return truth(e.a, ev(e.a)) || truth(e.b, ev(e.b)) ? 1 : 0;
        if (e.op === '~' || e.op === '!~') {
          const s = toStr(ev(e.a));
          const re = e.b.k === 're' ? e.b.v : new RegExp(posixToJs(toStr(ev(e.b)), true));
          return re.test(s) === (e.op === '~') ? 1 : 0;
        }
        const a = ev(e.a);
        const b = ev(e.b);
        if (e.op === 'cat') return toStr(a) + toStr(b);
        if (['<', '<=', '==', '!=', '>=', '>'].includes(e.op)) {
          // POSIX awk comparison: numeric when both are numbers or strnums, else string
          const numeric = (typeof a === 'number' || isStrnum(e.a, a)) && (typeof b === 'number' || isStrnum(e.b, b));
          const x: number | string = numeric ? toNum(a) : toStr(a);
          const y: number | string = numeric ? toNum(b) : toStr(b);
          const r = e.op === '<' ? x < y : e.op === '<=' ? x <= y : e.op === '==' ? x === y : e.op === '!=' ? x !== y : e.op === '>=' ? x >= y : x > y;
          return r ? 1 : 0;
        }
        return arith(e.op, toNum(a), toNum(b));
      }
    }
  };
  class DivZero extends Error {}
  // records read (mawk error.c rt_nr, rt_fnr: what rt_where reports, whatever NR and FNR were set to)
  let rtNr = 0;
  let rtFnr = 0;
  // mawk execute.c _DIV/_MOD: C double division and fmod (CHECK_DIVZERO only where SIGFPE carries no
  // information, NOINFO_SIGFPE; fpe_check.c finds IEEE 754 without traps on Linux): 1/0 is inf, -1/0 -inf
  const arith = (op: string, a: number, b: number): number => {
    if ((op === '/' || op === '%') && b === 0 && busybox) throw new DivZero('division by zero');
    return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : op === '%' ? a % b : Math.pow(a, b);
  };
  const call = (name: string, a: Expr[]): Val => {
    const s = (k: number) => toStr(ev(a[k]));
    switch (name) {
      // length(array): the number of elements (mawk 1.3.4, busybox, gawk)
      case 'length': return a.length ? (a[0].k === 'var' && arrays.has(a[0].name) ? arrays.get(a[0].name)!.size : s(0).length) : fields[0].length;
      case 'split': {
        // split(s, a [, fs]): a is cleared, then a[1..n] hold the pieces (strnums); fs as FS (" ": blanks)
        const str = s(0);
        if (a[1]?.k !== 'var') return 0;
        const sep = a.length > 2 ? (a[2].k === 're' ? a[2].v : toStr(ev(a[2]))) : toStr(vars.get('FS')!);
        const parts = splitWith(str, sep);
        arr(a[1].name).load(parts);
        return parts.length;
      }
      case 'substr': {
        const str = s(0);
        const m = Math.round(toNum(ev(a[1])));
        const n = a.length > 2 ? Math.round(toNum(ev(a[2]))) : Infinity;
        const start = Math.max(1, m);
        const end = Math.min(str.length + 1, m + n);
        return end > start ? str.slice(start - 1, end - 1) : '';
      }
      case 'index': return s(0).indexOf(s(1)) + 1;
      case 'toupper': return s(0).toUpperCase();
      case 'tolower': return s(0).toLowerCase();
      case 'int': return Math.trunc(toNum(ev(a[0])));
      case 'sqrt': return Math.sqrt(toNum(ev(a[0])));
      case 'sprintf': return awkSprintf(s(0), a.slice(1).map(ev), toNum, toStr);
      case 'close': {
        // mawk files.c file_close: -1 when nothing of that name is open, 0 for a file, a command's exit status
        // (wait_for → wait_status: WEXITSTATUS); busybox F_cl: -1 when not open ("close of redirection that was
        // never opened", errno ENOENT), fclose's 0, pclose's raw wait status (the exit code times 256)
        const name = a.length ? s(0) : '';
        const f = readFiles.get(name);
        const pp = readPipes.get(name);
        readFiles.delete(name);
        readPipes.delete(name);
        let r = pp ? (busybox ? pp.status * 256 : pp.status) : f ? 0 : -1;
        // output streams of that name: mawk file_close walks the whole list (a file and a command may share it)
        for (const kind of ['f', 'p'] as const) {
          const k = streamKey(kind, name);
          const o = outputs.get(k);
          if (!o || o.special) continue;
          r = closeStream(k, o);
        }
        if (busybox && (f || pp)) bbFd.remove(name);
        return r;
      }
      case 'fflush': {
        // mawk bi_fflush: no argument → fflush(stdout), 0; else files.c file_flush: "" flushes all output,
        // a name its output streams, -1 when none is open. busybox F_ff: fflush(stdout), a named stream or all
        // (its print already flushes after each statement); its result R_d is never set in F_ff (uninitialised),
        // the simulator gives 0
        if (!a.length) {
          flush();
          return 0;
        }
        const name = s(0);
        if (busybox) return 0;
        let found = name === '';
        for (const k of [...mawkList]) {
          const o = outputs.get(k);
          if (!o || (name !== '' && o.name !== name)) continue;
          found = true;
          flushStream(o);
        }
        return found ? 0 : -1;
      }
    }
    return '';
  };
  const loop = (body: Stmt[]): boolean => {
    // runs a loop body; false when `break` ended the loop
    try {
      exec(body);
    } catch (e) {
      if (e instanceof AwkBreak) return false;
      if (!(e instanceof AwkContinue)) throw e;
    }
    return true;
  };
  const exec = (body: Stmt[]) => {
    for (const st of body) {
      switch (st.k) {
        case 'print': {
          const text = (st.args.length ? st.args.map((x) => toStr(ev(x))).join(toStr(vars.get('OFS')!)) : fields[0]) + toStr(vars.get('ORS')!);
          if (st.redir) writeTo(st.redir, text);
          else emit(text);
          break;
        }
        case 'printf': {
          const vals = st.args.map(ev);
          const text = awkSprintf(toStr(vals[0]), vals.slice(1), toNum, toStr);
          if (st.redir) writeTo(st.redir, text);
          else emit(text);
          break;
        }
        case 'expr': ev(st.e); break;
        case 'if': exec(truth(st.c, ev(st.c)) ? st.a : st.b ?? []); break;
        case 'while':
          for (let guard = 0; truth(st.c, ev(st.c)); guard++) {
            if (guard >= AWK_LOOP_LIMIT) throw new AwkLimit();
            if (!loop(st.body)) break;
          }
          break;
        case 'for':
          if (st.init) ev(st.init);
          for (let guard = 0; !st.c || truth(st.c, ev(st.c)); guard++) {
            if (guard >= AWK_LOOP_LIMIT) throw new AwkLimit();
            if (!loop(st.body)) break;
            if (st.step) ev(st.step);
          }
          break;
        case 'forin': {
          // the keys are taken when the loop starts (busybox hashwalk_init, mawk array_loop_vector)
          const a = arrays.get(st.name);
          for (const k of a ? a.keys() : []) {
            vars.set(st.v, k);
            if (!loop(st.body)) break;
          }
          break;
        }
        case 'delete':
          if (st.subs) {
            const kc = keyCell(st.subs);
            arrays.get(st.name)?.delete(kc.k, kc.d);
          }
          else arrays.get(st.name)?.clear();
          break;
        case 'break': throw new AwkBreak();
        case 'continue': throw new AwkContinue();
        case 'next': throw new AwkNext();
        case 'exit': throw new AwkExit(st.e ? Math.trunc(toNum(ev(st.e))) & 255 : 0);
      }
    }
  };
  let status = 0;
  let exitCode: number | undefined;
  // the main input (mawk fin.c next_main / busybox next_input_file): the operands in turn, `var=value` ones
  // assigned when reached; read by the main loop and by a plain getline
  const inputs = files.length ? files : ['-'];
  const loc = locationFS(c.sim, c.state.location);
  let inputIdx = 0;
  let cur: { lines: string[]; k: number } | undefined;
  let stdinUsed = false;
  const records = (text: string): string[] => {
    if (text === '') return [];
    const lns = text.split('\n');
    if (text.endsWith('\n')) lns.pop();
    return lns;
  };
  const nextMain = (): string | undefined => {
    for (;;) {
      if (cur && cur.k < cur.lines.length) return cur.lines[cur.k++];
      cur = undefined;
      if (inputIdx >= inputs.length) return undefined;
      const f = inputs[inputIdx++];
      let text: string;
      const eq = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(f);
      if (eq) {
        vars.set(f.slice(0, eq[0].length - 1), f.slice(eq[0].length));
        continue;
      }
      if (f === '-') {
        text = stdinUsed ? '' : c.stdin;
        stdinUsed = true;
      } else {
        const r = 'error' in loc ? loc : loc.read(resolvePath(c.state.cwd, f));
        if ('error' in r) {
          flush();
          // mawk fin.c next_main: errmsg(errno, "cannot open %s", name) → "%s: cannot open %s (%s)", mawk_exit(2)
          c.err(busybox ? `awk: ${f}: ${errno(r.error)}\n` : `${prog}: cannot open ${f} (${errno(r.error)})\n`);
          status = 2;
          if (!busybox) throw new AwkExit(2);
          continue;
        }
        text = r.data;
      }
      // mawk fin.c set_main_to_stdin: FILENAME is "-" for standard input
      vars.set('FILENAME', f === '-' && busybox ? '' : f);
      vars.set('FNR', 0);
      rtFnr = 0;
      cur = { lines: records(text), k: 0 };
    }
  };
  const countRecord = () => {
    vars.set('NR', toNum(vars.get('NR')!) + 1);
    vars.set('FNR', toNum(vars.get('FNR')!) + 1);
    rtNr++;
    rtFnr++;
  };
  // files and commands getline reads from, by name (mawk files.c file_list, busybox fdhash)
  interface ReadStream { lines: string[]; k: number; status: number }
  const readFiles = new Map<string, ReadStream>();
  const readPipes = new Map<string, ReadStream>();
  /*
   * Output redirection. mawk files.c: file_find opens a name once per kind (a file, `>` and `>>` alike, or a
   * command) on file_list (move to front; set_stdio puts /dev/stdout and /dev/stderr on it); tfopen (fopen
   * "w"/"a": a `>` file is truncated when opened) with stdio buffering, written when closed, flushed or at exit;
   * get_pipe fflush(stdout) then /bin/sh -c CMD reading the pipe, whose buffer reaches it at close or exit;
   * output_failed: errmsg "cannot open \"%s\" for output" + " (strerror)", mawk_exit(2); mawk_exit →
   * close_out_pipes closes every output in file_list order (stdout among them) and waits for the commands.
   * busybox editors/awk.c OC_PRINT: newfile(name) in fdhash, xfopen(name, "w"/"a") (bb_perror_msg_and_die
   * "can't open '%s'", exit 1) or popen(name, "w"), fflush(F) after every print; awk_exit pcloses the commands
   * in fdhash order. The simulator runs a command once, when it is closed, with all it was given.
   */
  interface OutStream { name: string; kind: 'f' | 'p'; text: string; base: string; path?: string; special?: 'stdout' | 'stderr' }
  const streamKey = (kind: 'f' | 'p', name: string) => (busybox ? `f:${name}` : `${kind}:${name}`);
  const outputs = new Map<string, OutStream>([
    [streamKey('f', '/dev/stdout'), { name: '/dev/stdout', kind: 'f', text: '', base: '', special: 'stdout' }],
    [streamKey('f', '/dev/stderr'), { name: '/dev/stderr', kind: 'f', text: '', base: '', special: 'stderr' }],
  ]);
  // mawk file_list (outputs only; new and used streams move to the front); busybox fdhash
  const mawkList: string[] = ['f:/dev/stdout', 'f:/dev/stderr'];
  const bbFd = new BusyboxHash();
  for (const n of ['/dev/stdin', '/dev/stdout', '/dev/stderr']) bbFd.insert(n);
  const flushStream = (o: OutStream) => {
    if (o.special === 'stdout') flush();
    else if (o.kind === 'f' && o.path !== undefined && !('error' in loc)) loc.write(o.path, o.base + o.text);
  };
  const runCommand = (o: OutStream): number => {
    if (busybox) flush();
    return c.interp.nested(o.name, o.text, { write: c.out }, { write: c.err }, c.state.location, c.env, undefined, popenShell(c));
  };
  const closeStream = (k: string, o: OutStream): number => {
    outputs.delete(k);
    const at = mawkList.indexOf(k);
    if (at >= 0) mawkList.splice(at, 1);
    if (busybox) bbFd.remove(o.name);
    if (o.kind === 'p') {
      const code = runCommand(o);
      return busybox ? code * 256 : code;
    }
    flushStream(o);
    return 0;
  };
  const openStream = (r: Redir, name: string): OutStream => {
    const kind = r.op === '|' ? 'p' : 'f';
    const k = streamKey(kind, name);
    let o = outputs.get(k);
    if (!o) {
      if (kind === 'p') {
        // mawk get_pipe: "to keep output ordered correctly" fflush(stdout)
        flush();
        o = { name, kind, text: '', base: '' };
      } else {
        const path = resolvePath(c.state.cwd, name);
        let base = '';
        if (r.op === '>>' && !('error' in loc)) {
          const old = loc.read(path);
          if (!('error' in old)) base = old.data;
        }
        const w = 'error' in loc ? { error: 'EACCES' } : loc.write(path, base);
        if (w.error) throw new AwkDie(busybox ? `awk: can't open '${name}': ${errno(w.error)}\n` : `${prog}: cannot open "${name}" for output (${errno(w.error)})\n`, busybox ? 1 : 2);
        o = { name, kind, text: '', base, path };
      }
      outputs.set(k, o);
      if (busybox) bbFd.insert(name);
    }
    if (!busybox) {
      const at = mawkList.indexOf(k);
      if (at >= 0) mawkList.splice(at, 1);
      mawkList.unshift(k);
    }
    return o;
  };
  const writeTo = (r: Redir, text: string) => {
    const o = openStream(r, toStr(ev(r.target)));
    if (o.special === 'stdout') emit(text);
    else if (o.special === 'stderr') c.err(text);
    else o.text += text;
    // busybox OC_PRINT: fflush(F) after each print
    if (busybox) flushStream(o);
  };
  /** mawk close_out_pipes (every output, in file_list order) / busybox awk_exit (the commands, in fdhash order) */
  const closeOutputs = () => {
    if (busybox) {
      for (const n of bbFd.keys()) {
        const o = outputs.get(streamKey('p', n));
        if (o && !o.special) closeStream(streamKey('p', n), o);
      }
    } else {
      for (const k of [...mawkList]) {
        const o = outputs.get(k);
        if (!o) continue;
        if (o.special) flushStream(o);
        else closeStream(k, o);
      }
    }
    flush();
  };
  /**
   * getline: mawk bi_funct.c bi_getline / busybox awk.c OC_GETLINE, OC_PGETLINE. 1 with a record, 0 at the end,
   * -1 when the file cannot be opened. The record goes to the variable, else to $0 (fields and NF); NR and FNR
   * count only records of the main input (mawk: `NR->dval += 1.0 ... FNR->dval += 1.0` in the C_NOINIT case
   * alone; busybox: `if (i > 0 && !op1)`), so `getline < file` and `cmd | getline` leave them alone.
   */
  const getline = (e: Extract<Expr, { k: 'getline' }>): number => {
    let line: string | undefined;
    if (e.src === 'main') {
      line = nextMain();
      if (line === undefined) return 0;
      countRecord();
    } else {
      const name = toStr(ev(e.from!));
      const table = e.src === 'file' ? readFiles : readPipes;
      let st = table.get(name);
      if (!st) {
        if (e.src === 'file') {
          // mawk fin.c FINopen: "-" and "/dev/stdin" are standard input; busybox fopen_for_read opens the name
          // (its /dev/stdin is the same stream); a file that cannot be opened: -1
          if ((name === '-' && !busybox) || name === '/dev/stdin') {
            st = { lines: records(stdinUsed ? '' : c.stdin), k: 0, status: 0 };
            stdinUsed = true;
          } else {
            const path = resolvePath(c.state.cwd, name);
            const stat = 'error' in loc ? loc : loc.stat(path);
            const r = 'error' in loc || 'error' in stat || stat.dir ? undefined : loc.read(path);
            if (!r || 'error' in r) return -1;
            st = { lines: records(r.data), k: 0, status: 0 };
          }
        } else {
          // mawk files.c get_pipe: fflush(stdout) "to keep output ordered correctly", then /bin/sh -c name with
          // the pipe as its standard output (its stderr is awk's); the simulator gives it no standard input
          flush();
          let got = '';
          const code = c.interp.nested(name, '', { write: (t) => (got += t) }, { write: c.err }, c.state.location, c.env, undefined, popenShell(c));
          st = { lines: records(got), k: 0, status: code };
        }
        table.set(name, st);
        if (busybox) bbFd.insert(name);
      }
      if (st.k >= st.lines.length) return 0;
      line = st.lines[st.k++];
    }
    if (!e.target) setRecord(line);
    else {
      set(e.target, line);
      if (e.target.k === 'var') getlineStrnum.add(e.target.name);
      else if (e.target.k === 'index') arr(e.target.name).strnum.add(key(e.target.subs));
    }
    return 1;
  };
  const flush = () => {
    c.out(out);
    out = '';
  };
  // what print writes to standard output: busybox OC_PRINT fflush(F) after each print; mawk's stdout is a stdio
  // stream, line-buffered on a terminal (glibc), else written when full, flushed or at exit
  const stdoutTTY = !!c.isatty?.(1);
  const emit = (text: string) => {
    out += text;
    if (busybox) flush();
    else if (stdoutTTY) {
      const k = out.lastIndexOf('\n');
      if (k >= 0) {
        c.out(out.slice(0, k + 1));
        out = out.slice(k + 1);
      }
    }
  };
  try {
    try {
      for (const r of rules) if (r.kind === 'BEGIN') exec(r.action!);
      const mains = rules.filter((r) => r.kind === 'main');
      const hasEnd = rules.some((r) => r.kind === 'END');
      if (mains.length || hasEnd) {
        for (let line = nextMain(); line !== undefined; line = nextMain()) {
          countRecord();
          setRecord(line);
          try {
            for (const r of mains) {
              if (r.pattern && !truth(r.pattern, ev(r.pattern))) continue;
              if (r.action) exec(r.action);
              else emit(fields[0] + toStr(vars.get('ORS')!));
            }
          } catch (e) {
            if (!(e instanceof AwkNext)) throw e;
          }
        }
      }
    } catch (e) {
      if (!(e instanceof AwkExit)) throw e;
      exitCode = e.code;
    }
    if (exitCode === undefined || exitCode !== 2 || status !== 2) {
      try {
        for (const r of rules) if (r.kind === 'END') exec(r.action!);
      } catch (e) {
        if (!(e instanceof AwkExit)) throw e;
        exitCode = e.code;
      }
    }
  } catch (e) {
    if (e instanceof AwkRuntime) {
      // mawk error.c rt_error: "%s: run time error: " + the message, then rt_where's "\tFILENAME=\"%s\" FNR=%u
      // NR=%u" (the records read, rt_fnr/rt_nr); mawk_exit(2)
      flush();
      c.err(`${prog}: run time error: ${e.message}\n\tFILENAME="${toStr(vars.get('FILENAME') ?? '')}" FNR=${rtFnr} NR=${rtNr}\n`);
      closeOutputs();
      return 2;
    }
    if (e instanceof AwkLimit) {
      flush();
      c.err(`${prog}: loop limit reached (${AWK_LOOP_LIMIT} iterations)\n`);
      closeOutputs();
      return 2;
    }
    if (e instanceof AwkDie) {
      // mawk: errmsg on stderr, then mawk_exit closes the outputs (stdout among them); busybox: stdout was
      // flushed by each print; the commands it started read their end of file when it exits
      if (busybox) flush();
      c.err(e.text);
      closeOutputs();
      return e.code;
    }
    if (!(e instanceof DivZero)) throw e;
    flush();
    c.err('awk: cmd. line:1: Division by zero\n');
    closeOutputs();
    return 2;
  }
  closeOutputs();
  return exitCode ?? status;
};

/* ------------------------------------------------------------------------------------------------------------ */
/* xargs                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

/** Arguments of xargs' input: blanks and newlines separate, quotes and backslash group (GNU read_line). */
function xargsWords(text: string): string[] | { error: string } {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const j = text.indexOf(ch, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (j < 0 || (nl >= 0 && nl < j)) return { error: ch === "'" ? 'single' : 'double' };
      cur += text.slice(i + 1, j);
      has = true;
      i = j;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

const EXTERNAL_BUILTINS = new Set(['echo', 'printf', 'test', '[', 'true', 'false', 'sleep', 'pwd']);

/**
 * xargs (GNU findutils xargs/xargs.c, busybox findutils/xargs.c): builds command lines from stdin and runs
 * them (execvp: a shell builtin such as `cd` is not found; echo, printf, test, kill exist as binaries).
 * -n N arguments per command, -I R one command per input line with R replaced, -r (no run on empty input),
 * -t (print the command to stderr). Status: 123 when a command exits 1-125, 127 when it is not found.
 */
export const xargs: Util = (c) => {
  const busybox = isBusybox(c);
  const args = c.argv.slice(1);
  let maxArgs = 0;
  let replace: string | undefined;
  let noRunEmpty = false;
  let trace = false;
  let k = 0;
  for (; k < args.length; k++) {
    const a = args[k];
    if (a === '--') { k++; break; }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('-n')) maxArgs = Number(a.length > 2 ? a.slice(2) : args[++k]);
    else if (a.startsWith('-I')) replace = a.length > 2 ? a.slice(2) : args[++k];
    else if (a === '-r' || a === '--no-run-if-empty') noRunEmpty = true;
    else if (a === '-t' || a === '--verbose') trace = true;
    else if (a.startsWith('-i')) replace = a.length > 2 ? a.slice(2) : '{}';
    else {
      c.err(busybox ? `xargs: invalid option -- '${a[1]}'\n${BB}Usage: xargs [OPTIONS] [PROG ARGS]\n` : `xargs: invalid option -- '${a[1]}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\n`);
      return 1;
    }
    if (Number.isNaN(maxArgs) || maxArgs < 0) {
      c.err(`xargs: invalid number "${args[k]}" for -n option\n`);
      return 1;
    }
  }
  const cmd = args.slice(k);
  if (!cmd.length) cmd.push('echo');
  const runOne = (argv: string[]): number => {
    if (trace) c.err(argv.join(' ') + '\n');
    const name = argv[0];
    const spec = c.sim.commands.get(name);
    const found =
      (spec && (!spec.available || spec.available(c.state.location, c.sim))) ||
      ((EXTERNAL_BUILTINS.has(name) || name in UTILITIES) && c.interp.hasBinary(name));
    if (!found) {
      c.err(`xargs: ${name}: No such file or directory\n`);
      return 127;
    }
    return c.interp.exec(argv, '', { write: c.out }, { write: c.err }, c.env);
  };
  let worst = 0;
  const result = (st: number): boolean => {
    if (st === 127 || st === 126) {
      worst = st;
      return false;
    }
    if (st === 255) {
      c.err(`xargs: ${cmd[0]}: exited with status 255; aborting\n`);
      worst = 124;
      return false;
    }
    if (st !== 0) worst = 123;
    return true;
  };
  if (replace !== undefined) {
    const lns = c.stdin.split('\n').map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '');
    for (const l of lns) if (!result(runOne(cmd.map((a) => a.split(replace!).join(l))))) break;
    return worst;
  }
  const words = xargsWords(c.stdin);
  if ('error' in words) {
    c.err(busybox ? 'xargs: unmatched quote\n' : `xargs: unmatched ${words.error} quote; by default quotes are special to xargs unless you use the -0 option\n`);
    return 1;
  }
  // busybox runs nothing on empty input only with -r too; GNU likewise runs the command once without -r
  if (!words.length) {
    if (noRunEmpty) return 0;
    result(runOne(cmd));
    return worst;
  }
  const per = maxArgs > 0 ? maxArgs : words.length;
  for (let i = 0; i < words.length; i += per) if (!result(runOne([...cmd, ...words.slice(i, i + per)]))) break;
  return worst;
};


/* ------------------------------------------------------------------------------------------------------------ */
/* cp, mv, find                                                                                                   */
/* ------------------------------------------------------------------------------------------------------------ */

function fsOf(c: UtilContext): FileSystem | undefined {
  const fs = locationFS(c.sim, c.state.location);
  if ('error' in fs) {
    c.err(`${c.argv[0]}: ${fs.error}\n`);
    return undefined;
  }
  return fs;
}

const base = (p: string) => {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1) || t;
};

/** Copy a file or (recursively) a directory; returns the errno of the first failure. */
function copyTree(fs: FileSystem, from: string, to: string): string | undefined {
  const st = fs.stat(from);
  if ('error' in st) return st.error;
  if (!st.dir) {
    const r = fs.read(from);
    if ('error' in r) return r.error;
    return fs.write(to, r.data).error;
  }
  const t = fs.stat(to);
  if ('error' in t) {
    const m = fs.mkdir(to);
    if (m.error) return m.error;
  }
  const l = fs.list(from);
  if ('error' in l) return l.error;
  for (const e of l.entries) {
    const err = copyTree(fs, `${from === '/' ? '' : from}/${e.name}`, `${to}/${e.name}`);
    if (err) return err;
  }
  return undefined;
}

function cpmv(c: UtilContext, move: boolean): number {
  const busybox = isBusybox(c);
  const name = move ? 'mv' : 'cp';
  const flags = new Set<string>();
  const ops: string[] = [];
  let ended = false;
  for (const a of c.argv.slice(1)) {
    if (!ended && a === '--') ended = true;
    else if (!ended && a.startsWith('-') && a.length > 1) for (const f of a.slice(1)) flags.add(f);
    else ops.push(a);
  }
  const usage = busybox
    ? move ? `${BB}Usage: mv [-fin] SOURCE DEST\nor: mv [-fin] SOURCE... DIRECTORY\n` : `${BB}Usage: cp [-arPLHpfinlsTu] SOURCE DEST\nor: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }\n`
    : undefined;
  if (!ops.length) {
    c.err(usage ?? `${name}: missing file operand\nTry '${name} --help' for more information.\n`);
    return 1;
  }
  if (ops.length === 1) {
    c.err(usage ?? `${name}: missing destination file operand after '${ops[0]}'\nTry '${name} --help' for more information.\n`);
    return 1;
  }
  const fs = fsOf(c);
  if (!fs) return 1;
  const recursive = flags.has('r') || flags.has('R') || flags.has('a');
  const dest = ops[ops.length - 1];
  const destPath = resolvePath(c.state.cwd, dest);
  const dst = fs.stat(destPath);
  const intoDir = !('error' in dst) && dst.dir;
  const srcs = ops.slice(0, -1);
  if (srcs.length > 1 && !intoDir) {
    c.err(busybox ? `${name}: '${dest}' is not a directory\n` : `${name}: target '${dest}' is not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const s of srcs) {
    const from = resolvePath(c.state.cwd, s);
    const st = fs.stat(from);
    if ('error' in st) {
      c.err(busybox ? `${name}: can't stat '${s}': ${errno(st.error)}\n` : `${name}: cannot stat '${s}': ${errno(st.error)}\n`);
      status = 1;
      continue;
    }
    if (st.dir && !move && !recursive) {
      c.err(busybox ? `cp: omitting directory '${s}'\n` : `cp: -r not specified; omitting directory '${s}'\n`);
      status = 1;
      continue;
    }
    const to = intoDir ? `${destPath === '/' ? '' : destPath}/${base(s)}` : destPath;
    if (to === from) {
      c.err(busybox ? `${name}: '${s}' and '${intoDir ? dest.replace(/\/?$/, '/') + base(s) : dest}' are the same file\n` : `${name}: '${s}' and '${intoDir ? dest.replace(/\/?$/, '/') + base(s) : dest}' are the same file\n`);
      status = 1;
      continue;
    }
    if (st.dir && (to + '/').startsWith(from + '/')) {
      const target = intoDir ? dest.replace(/\/?$/, '/') + base(s) : dest;
      c.err(move ? `mv: cannot move '${s}' to a subdirectory of itself, '${target}'\n` : `cp: cannot copy a directory, '${s}', into itself, '${target}'\n`);
      status = 1;
      continue;
    }
    const toSt = fs.stat(to);
    if (!('error' in toSt) && toSt.dir && !st.dir) {
      c.err(busybox ? `${name}: can't create '${to}': Is a directory\n` : `${name}: cannot overwrite directory '${intoDir ? dest.replace(/\/?$/, '/') + base(s) : dest}' with non-directory\n`);
      status = 1;
      continue;
    }
    if (!('error' in toSt) && !toSt.dir && st.dir) {
      c.err(`${name}: cannot overwrite non-directory '${intoDir ? dest.replace(/\/?$/, '/') + base(s) : dest}' with directory '${s}'\n`);
      status = 1;
      continue;
    }
    if (move && !('error' in toSt) && toSt.dir) fs.remove(to, { recursive: true });
    const err = copyTree(fs, from, to);
    if (err) {
      const target = intoDir ? dest.replace(/\/?$/, '/') + base(s) : dest;
      c.err(busybox ? `${name}: can't create '${target}': ${errno(err)}\n` : `${name}: cannot create regular file '${target}': ${errno(err)}\n`);
      status = 1;
      continue;
    }
    if (move) {
      const r = fs.remove(from, { recursive: true });
      if (r.error) {
        c.err(busybox ? `mv: can't remove '${s}': ${errno(r.error)}\n` : `mv: cannot remove '${s}': ${errno(r.error)}\n`);
        status = 1;
      }
    }
  }
  return status;
}

/** cp (coreutils src/cp.c, busybox coreutils/cp.c): files, several into a directory, -r/-R/-a directories. */
export const cp: Util = (c) => cpmv(c, false);
/** mv (coreutils src/mv.c, busybox coreutils/mv.c): rename, or move several into a directory. */
export const mv: Util = (c) => cpmv(c, true);

/** fnmatch(3) pattern (`*`, `?`, `[...]`) → RegExp. */
function globRe(p: string): RegExp {
  let s = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '*') s += '.*';
    else if (ch === '?') s += '.';
    else if (ch === '[') {
      const j = p.indexOf(']', i + 2);
      if (j < 0) s += '\\[';
      else {
        s += '[' + p.slice(i + 1, j).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = j;
      }
    } else if (ch === '\\' && i + 1 < p.length) s += '\\' + p[++i];
    else s += /[.+^${}()|\\/]/.test(ch) ? '\\' + ch : ch;
  }
  return new RegExp('^' + s + '$', 's');
}

/**
 * find (GNU findutils find/, busybox findutils/find.c): paths, then -maxdepth N / -mindepth N, -name / -iname
 * PATTERN, -type f|d|l, -print. Entries appear in directory order, each path as the start point joined with
 * the names below it. Unknown predicates: GNU "find: unknown predicate `-x'", busybox "find: unrecognized: -x".
 */
export const find: Util = (c) => {
  const busybox = isBusybox(c);
  const args = c.argv.slice(1);
  const starts: string[] = [];
  let k = 0;
  while (k < args.length && !args[k].startsWith('-') && args[k] !== '!' && args[k] !== '(') starts.push(args[k++]);
  if (!starts.length) starts.push('.');
  let maxDepth = Infinity;
  let minDepth = 0;
  const tests: ((p: string, name: string, type: string) => boolean)[] = [];
  for (; k < args.length; k++) {
    const a = args[k];
    const val = () => {
      const v = args[++k];
      if (v === undefined) {
        c.err(busybox ? `find: missing argument to '${a}'\n` : `find: missing argument to \`${a}'\n`);
        throw new ExitStatus(1);
      }
      return v;
    };
    try {
      if (a === '-maxdepth' || a === '-mindepth') {
        const v = val();
        if (!/^\d+$/.test(v)) {
          c.err(busybox ? `find: invalid number '${v}'\n` : `find: Expected a positive decimal integer argument to ${a}, but got \`${v}'\n`);
          return 1;
        }
        if (a === '-maxdepth') maxDepth = Number(v);
        else minDepth = Number(v);
      } else if (a === '-name' || a === '-iname') {
        const re = globRe(val());
        const ci = a === '-iname' ? new RegExp(re.source, 'is') : re;
        tests.push((_p, name) => ci.test(name));
      } else if (a === '-type') {
        const v = val();
        if (!/^[fdl]$/.test(v)) {
          c.err(busybox ? `find: invalid argument '${v}' to '-type'\n` : `find: Unknown argument to -type: ${v}\n`);
          return 1;
        }
        tests.push((_p, _n, t) => t === v);
      } else if (a === '-print') continue;
      else {
        c.err(busybox ? `find: unrecognized: ${a}\n${BB}Usage: find [-HL] [PATH]... [OPTIONS] [ACTIONS]\n` : a.startsWith('-') ? `find: unknown predicate \`${a}'\n` : `find: paths must precede expression: \`${a}'\n`);
        return 1;
      }
    } catch (e) {
      if (e instanceof ExitStatus) return e.code;
      throw e;
    }
  }
  const fs = fsOf(c);
  if (!fs) return 1;
  let status = 0;
  const visit = (shown: string, path: string, depth: number) => {
    const st = fs.lstat ? fs.lstat(path) : fs.stat(path);
    if ('error' in st) {
      c.err(busybox ? `find: ${shown}: ${errno(st.error)}\n` : `find: '${shown}': ${errno(st.error)}\n`);
      status = 1;
      return;
    }
    const type = st.type === 'link' ? 'l' : st.dir ? 'd' : 'f';
    if (depth >= minDepth && tests.every((t) => t(path, depth === 0 ? base(shown) || shown : base(path), type))) c.out(shown + '\n');
    if (type !== 'd' || depth >= maxDepth) return;
    const l = fs.list(path);
    if ('error' in l) return;
    for (const e of l.entries) visit(`${shown.endsWith('/') ? shown : shown + '/'}${e.name}`, `${path === '/' ? '' : path}/${e.name}`, depth + 1);
  };
  for (const s of starts) visit(s, resolvePath(c.state.cwd, s), 0);
  return status;
};

class ExitStatus {
  constructor(public code: number) {}
}

/* ------------------------------------------------------------------------------------------------------------ */
/* chmod                                                                                                          */
/* ------------------------------------------------------------------------------------------------------------ */

/** The umask of the simulated shells (login shells and container processes: 022). */
const UMASK = 0o022;

/**
 * A chmod MODE applied to a file's mode: octal (`755`, `0644`, `4755`) or symbolic clauses separated by commas,
 * each `[ugoa]*([-+=]([rwxXst]*|[ugo]))+` (coreutils lib/modechange.c mode_compile/mode_adjust, busybox
 * libbb/parse_mode.c bb_parse_mode). Without u/g/o/a the bits are masked by the umask (POSIX; modechange.c
 * `value &= affected ? affected : ~umask_value`), `=` without who clears every bit. X is x when the file is a
 * directory or some x bit is already set. Returns undefined for an invalid mode.
 */
export function applyMode(spec: string, old: number, dir: boolean): number | undefined {
  if (/^[0-7]+$/.test(spec)) {
    const n = parseInt(spec, 8);
    if (n > 0o7777) return undefined;
    // modechange.c: an octal mode of fewer than 5 digits keeps a directory's set-user/group-ID bits
    return dir && spec.replace(/^0+/, '').length < 5 ? n | (old & 0o6000) : n;
  }
  let mode = old & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)(.*)$/.exec(clause)!;
    let who = 0;
    for (const w of m[1]) who |= w === 'u' ? 0o4700 : w === 'g' ? 0o2070 : w === 'o' ? 0o1007 : 0o7777;
    let rest = m[2];
    if (!rest) return undefined;
    while (rest) {
      const op = rest[0];
      if (op !== '+' && op !== '-' && op !== '=') return undefined;
      rest = rest.slice(1);
      let value = 0;
      const copy = /^[ugo]/.exec(rest);
      if (copy) {
        const src = copy[0] === 'u' ? (mode >> 6) & 7 : copy[0] === 'g' ? (mode >> 3) & 7 : mode & 7;
        value = src * 0o111;
        rest = rest.slice(1);
      } else {
        const perms = /^[rwxXst]*/.exec(rest)![0];
        rest = rest.slice(perms.length);
        for (const p of perms) {
          if (p === 'r') value |= 0o444;
          else if (p === 'w') value |= 0o222;
          else if (p === 'x') value |= 0o111;
          else if (p === 'X') value |= dir || mode & 0o111 ? 0o111 : 0;
          else if (p === 's') value |= 0o6000;
          else value |= 0o1000;
        }
      }
      value &= who ? who : ~UMASK & 0o7777;
      if (op === '+') mode |= value;
      else if (op === '-') mode &= ~value;
      else mode = (mode & (who ? ~who : 0)) | value;
    }
  }
  return mode & 0o7777;
}

/** The nine permission letters of a mode (coreutils strmode, busybox bb_mode_string), as `ls -l` shows them. */
function permString(m: number): string {
  const x = (bit: number, special: number, on: string, off: string) => (m & special ? (m & bit ? on : off) : m & bit ? 'x' : '-');
  return (
    (m & 0o400 ? 'r' : '-') + (m & 0o200 ? 'w' : '-') + x(0o100, 0o4000, 's', 'S') +
    (m & 0o40 ? 'r' : '-') + (m & 0o20 ? 'w' : '-') + x(0o10, 0o2000, 's', 'S') +
    (m & 0o4 ? 'r' : '-') + (m & 0o2 ? 'w' : '-') + x(0o1, 0o1000, 't', 'T')
  );
}

const CHMOD_USAGE_BB = `${BB}Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n`;

/**
 * chmod (coreutils src/chmod.c, busybox coreutils/chmod.c): octal and symbolic modes, -R (symlinks met while
 * recursing are left alone, a symlink operand is followed: FTS_COMFOLLOW | FTS_PHYSICAL; busybox fileAction
 * skips links at depth > 0), -f, -v, -c. Errors:
 * - GNU process_file: "cannot access %s" (stat failed), "changing permissions of %s" (chmod failed: a
 *   configMap/secret/projected volume is read-only, EROFS), quoteaf names; main: "missing operand",
 *   "missing operand after %s", "invalid mode: %s" + "Try 'chmod --help' …" (checked before any file). Exit 1.
 * - busybox fileAction: bb_simple_perror_msg(fileName) "chmod: NAME: ERRNO" for both, "invalid mode '%s'"
 *   (bb_error_msg_and_die, checked per file after its stat), usage when fewer than 2 operands. Exit 1.
 */
export const chmod: Util = (c) => {
  const busybox = isBusybox(c);
  const args = c.argv.slice(1);
  let recursive = false;
  let silent = false;
  let verbose: 'all' | 'changes' | undefined;
  let mode: string | undefined;
  const ops: string[] = [];
  let ended = false;
  for (const a of args) {
    if (!ended && a === '--') ended = true;
    else if (!ended && a === '--recursive') recursive = true;
    else if (!ended && (a === '--silent' || a === '--quiet')) silent = true;
    else if (!ended && a === '--verbose') verbose = 'all';
    else if (!ended && a === '--changes') verbose = 'changes';
    else if (!ended && /^-[Rcvf]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'R') recursive = true;
        else if (f === 'f') silent = true;
        else if (f === 'v') verbose = 'all';
        else if (verbose !== 'all') verbose = 'changes';
      }
    } else if (!ended && /^-[rwxXstugoa,+=0-7-]/.test(a) && mode === undefined) mode = a; // `chmod -w f`: a mode
    else if (!ended && a.startsWith('-') && a.length > 1) {
      c.err(busybox ? `chmod: invalid option -- '${a[1]}'\n${CHMOD_USAGE_BB}` : `chmod: invalid option -- '${a[1]}'\nTry 'chmod --help' for more information.\n`);
      return 1;
    } else if (mode === undefined) mode = a;
    else ops.push(a);
  }
  if (mode === undefined || !ops.length) {
    if (busybox) c.err(CHMOD_USAGE_BB);
    else c.err(`${mode === undefined ? 'chmod: missing operand' : `chmod: missing operand after '${mode}'`}\nTry 'chmod --help' for more information.\n`);
    return 1;
  }
  if (!busybox && applyMode(mode, 0, false) === undefined) {
    c.err(`chmod: invalid mode: '${mode}'\nTry 'chmod --help' for more information.\n`);
    return 1;
  }
  const fs = fsOf(c);
  if (!fs) return 1;
  let status = 0;
  const fail = (shown: string, e: string, changing: boolean) => {
    status = 1;
    if (silent) return;
    c.err(busybox ? `chmod: ${shown}: ${errno(e)}\n` : `chmod: ${changing ? 'changing permissions of' : 'cannot access'} '${shown}': ${errno(e)}\n`);
  };
  const visit = (shown: string, path: string, depth: number): boolean => {
    if (depth > 0) {
      const l = fs.lstat ? fs.lstat(path) : fs.stat(path);
      if (!('error' in l) && l.type === 'link') return true;
    }
    const st = fs.stat(path);
    if ('error' in st) {
      fail(shown, st.error, false);
      return true;
    }
    const old = st.mode ?? (st.dir ? 0o755 : 0o644);
    const next = applyMode(mode!, old, st.dir);
    if (next === undefined) {
      c.err(`chmod: invalid mode '${mode}'\n`);
      status = 1;
      return false;
    }
    const r = fs.chmod ? fs.chmod(path, next) : { error: 'EROFS' };
    if (r.error) fail(shown, r.error, true);
    else if (verbose === 'all' || (verbose === 'changes' && next !== (old & 0o7777))) {
      // coreutils describe_change / busybox "mode of '%s' changed to %04o (%s)"
      if (busybox) c.out(`mode of '${shown}' changed to ${next.toString(8).padStart(4, '0')} (${permString(next)})\n`);
      else if (next === (old & 0o7777)) c.out(`mode of '${shown}' retained as ${next.toString(8).padStart(4, '0')} (${permString(next)})\n`);
      else c.out(`mode of '${shown}' changed from ${(old & 0o7777).toString(8).padStart(4, '0')} (${permString(old)}) to ${next.toString(8).padStart(4, '0')} (${permString(next)})\n`);
    }
    if (recursive && st.dir) {
      const l = fs.list(path);
      if ('error' in l) return true;
      for (const e of l.entries) if (!visit(`${shown.endsWith('/') ? shown : shown + '/'}${e.name}`, `${path === '/' ? '' : path}/${e.name}`, depth + 1)) return false;
    }
    return true;
  };
  for (const o of ops) if (!visit(o, resolvePath(c.state.cwd, o), 0)) break;
  return status;
};


/** The utilities of this file, by name, for the UTILITIES table of ./utils.ts. */
export const TEXT_UTILITIES: Record<string, Util> = { sed, awk, xargs, cp, mv, find, chmod };

/** popen(3) runs /bin/sh -c: dash on the node (Ubuntu), the container's own sh elsewhere. */
function popenShell(c: { state: { location: { kind: string } } }): 'dash' | undefined {
  return c.state.location.kind === 'node' ? 'dash' : undefined;
}
