/**
 * pflag-style flag parsing for kubectl: `--name=v`, `--name v`, `-n v`, `-nv`,
 * combined boolean shorthands (`-it`), `--flag=false`, interspersed positional
 * arguments, and `--` ending flag parsing. Error texts are pflag's
 * (spf13/pflag flag.go: "unknown flag: --%s", "unknown shorthand flag: %q in -%s",
 * "flag needs an argument: %s", "invalid argument %q for %q flag: %v").
 */
import type { FlagSpec, Flags } from './types';

export class FlagError extends Error {}

export interface ParsedArgs {
  flags: Flags;
  args: string[];
  dashArgs: string[];
  /** Whether `--` was present (exec/run distinguish `cmd` from `-- cmd`). */
  dash: boolean;
}

export function parseFlags(argv: string[], specs: FlagSpec[], stopAtFirstArg = false): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.short) byShort.set(s.short, s);
  }
  const values = new Map<string, string[]>();
  const set = (s: FlagSpec, v: string, display: string) => {
    if (s.type === 'bool') {
      if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(v)) {
        throw new FlagError(`invalid argument "${v}" for "${display}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
      }
    }
    if (s.type === 'int' && !/^-?\d+$/.test(v)) {
      throw new FlagError(`invalid argument "${v}" for "${display}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
    }
    const list = values.get(s.name) ?? [];
    if (s.type === 'stringArray') list.push(v);
    else if (s.type === 'string' && (s as FlagSpec & { slice?: boolean }).slice) list.push(...v.split(','));
    else list.splice(0, list.length, v);
    values.set(s.name, list);
  };
  const args: string[] = [];
  let dashArgs: string[] = [];
  let dash = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      dash = true;
      dashArgs = argv.slice(i + 1);
      break;
    }
    if (stopAtFirstArg && args.length && !a.startsWith('-')) {
      args.push(a);
      continue;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const s = byName.get(name);
      if (!s) throw new FlagError(`unknown flag: --${name}`);
      if (eq > 0) set(s, a.slice(eq + 1), `--${name}`);
      else if (s.type === 'bool') set(s, 'true', `--${name}`);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(s, argv[++i], `--${name}`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      const shorts = a.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const ch = shorts[j];
        const s = byShort.get(ch);
        if (!s) throw new FlagError(`unknown shorthand flag: '${ch}' in -${shorts}`);
        const display = `-${ch}, --${s.name}`;
        if (s.type === 'bool') {
          if (shorts[j + 1] === '=') {
            set(s, shorts.slice(j + 2), display);
            break;
          }
          set(s, 'true', display);
          continue;
        }
        let v = shorts.slice(j + 1);
        if (v.startsWith('=')) v = v.slice(1);
        if (!v) {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${shorts}`);
          v = argv[++i];
        }
        set(s, v, display);
        break;
      }
      continue;
    }
    args.push(a);
  }
  const flags: Flags = {
    str(name) {
      const v = values.get(name);
      if (v?.length) return v[v.length - 1];
      const d = byName.get(name)?.default;
      return d === undefined ? undefined : String(d);
    },
    bool(name) {
      const v = values.get(name);
      if (v?.length) return /^(true|1|t|TRUE|True)$/.test(v[v.length - 1]);
      return byName.get(name)?.default === true;
    },
    int(name) {
      const v = values.get(name);
      if (v?.length) return Number(v[v.length - 1]);
      const d = byName.get(name)?.default;
      return d === undefined ? undefined : Number(d);
    },
    all(name) {
      return values.get(name) ?? [];
    },
    has(name) {
      return values.has(name);
    },
  };
  return { flags, args, dashArgs, dash };
}
