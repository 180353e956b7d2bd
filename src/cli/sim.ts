/**
 * `npm run sim -- [--workers N] [--seed S] [FILE|-]`: the simulator's terminal
 * front end. With a file (or `-` for stdin) it runs the session script and
 * prints a transcript: each command as `$ <command>` (heredoc bodies not
 * echoed), then what it printed. Without a file it is an interactive prompt
 * on the control-plane node. Exit status: that of the last command.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createCluster } from '../../sim/index';

interface Args {
  workers?: number;
  seed?: number | string;
  file?: string;
}

const USAGE = 'usage: npm run sim -- [--workers N] [--seed S] [FILE|-]\n';

function parseArgs(argv: string[]): Args {
  const a: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const val = (name: string) => {
      const eq = x.indexOf('=');
      if (eq > 0) return x.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) {
        process.stderr.write(`sim: ${name} needs a value\n${USAGE}`);
        process.exit(2);
      }
      return v;
    };
    if (x === '-h' || x === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (x.startsWith('--workers')) {
      const n = Number(val('--workers'));
      if (!Number.isInteger(n) || n < 0 || n > 5000) {
        process.stderr.write('sim: --workers must be an integer between 0 and 5000\n');
        process.exit(2);
      }
      a.workers = n;
    } else if (x.startsWith('--seed')) {
      const s = val('--seed');
      a.seed = /^\d+$/.test(s) ? Number(s) : s;
    } else if (x === '-' || !x.startsWith('-')) {
      if (a.file !== undefined) {
        process.stderr.write(`sim: only one script file may be given\n${USAGE}`);
        process.exit(2);
      }
      a.file = x;
    } else {
      process.stderr.write(`sim: unknown option ${x}\n${USAGE}`);
      process.exit(2);
    }
  }
  return a;
}

function main(): void {
  // a reader that stops early (`npm run sim -- x.sh | head`) closes the pipe: stop quietly, as Unix tools do
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  const args = parseArgs(process.argv.slice(2));
  const cluster = createCluster({ workers: args.workers, seed: args.seed });
  if (args.file !== undefined) {
    let script: string;
    try {
      script = readFileSync(args.file === '-' ? 0 : args.file, 'utf8');
    } catch (e) {
      process.stderr.write(`sim: cannot read ${args.file}: ${(e as Error).message}\n`);
      process.exit(2);
    }
    let code = 0;
    for (const entry of cluster.transcript(script)) {
      process.stdout.write(`${entry.prompt ?? '$'} ${entry.command.replace(/\n/g, '\n> ')}\n`);
      for (const chunk of entry.result.output) (chunk.stream === 'stdout' ? process.stdout : process.stderr).write(chunk.text);
      code = entry.result.exitCode;
    }
    process.exitCode = code;
    return;
  }
  // Interactive: one line (or heredoc) at a time, like a login shell on k8s-master.
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  // the node's login prompt, or the container shell's after `kubectl exec -it … -- bash`
  const prompt = () => rl.setPrompt(cluster.prompt() === '$' ? 'root@k8s-master:~# ' : `${cluster.prompt()} `);
  prompt();
  rl.prompt();
  let pending: string[] = [];
  let heredoc: string | undefined;
  rl.on('line', (line) => {
    pending.push(line);
    if (heredoc === undefined) {
      const m = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(line);
      if (m) heredoc = m[1];
    } else if (line.trim() === heredoc) heredoc = undefined;
    if (heredoc !== undefined || line.endsWith('\\')) {
      rl.setPrompt('> ');
      rl.prompt();
      return;
    }
    const script = pending.join('\n');
    pending = [];
    const onNode = cluster.prompt() === '$';
    const r = cluster.run(script);
    for (const chunk of r.output) (chunk.stream === 'stdout' ? process.stdout : process.stderr).write(chunk.text);
    if (onNode && /^\s*exit\b/.test(script)) {
      rl.close();
      return;
    }
    prompt();
    rl.prompt();
  });
  rl.on('close', () => process.stdout.write('\n'));
}

main();
