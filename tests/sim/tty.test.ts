/**
 * `kubectl exec -t` / `kubectl run -t` and the terminal.
 *
 * Sources:
 * - kubectl pkg/cmd/exec/exec.go StreamOptions.SetupTTY: without -i, stdin and the TTY are dropped silently; with
 *   -i -t, `isTerminalIn` (pkg/util/term TTY.IsTerminalIn = term.IsTerminal(os.Stdin)) decides: not a terminal →
 *   o.TTY = false and, unless --quiet, "Unable to use a TTY - input is not a terminal or the right kind of file";
 *   ExecOptions.Run: with a raw TTY, p.ErrOut = nil (the remote stderr comes back over stdout).
 * - kubectl pkg/cmd/run/run.go RunOptions.Validate: "-i/--stdin is required for containers with -t/--tty=true";
 *   handleAttachPod: a pod that already completed only gets its logs; attach.go AttachOptions.Run: SetupTTY, then
 *   (unless --quiet) the recording notice (v1.34, PR #127183) and "If you don't see a command prompt, try pressing
 *   enter."
 * What is a terminal here: the reader's prompt (stdin and stdout); pipes, heredocs, here-strings and `<` files on
 * stdin are not; `$(…)` keeps the terminal as stdin.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type C = ReturnType<typeof createCluster>;

function run(c: C, script: string) {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

const WARNING = 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
const NOTICE =
  'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";

function withPod(): C {
  const c = createCluster();
  run(c, 'kubectl run w --image=nginx:1.29');
  return c;
}

describe('kubectl exec: SetupTTY', () => {
  it.each([
    ['-t without -i: no stdin, no TTY, no warning', 'kubectl exec -t w -- hostname', { out: 'w\n', err: '', code: 0 }],
    ['-i without -t', 'echo hostname | kubectl exec -i w -- sh', { out: 'w\n', err: '', code: 0 }],
    ['-it, stdin a pipe', 'echo hostname | kubectl exec -it w -- sh', { out: 'w\n', err: WARNING, code: 0 }],
    ['-it, stdin a heredoc', 'kubectl exec -it w -- sh <<EOF\nhostname\nEOF', { out: 'w\n', err: WARNING, code: 0 }],
    ['-it, stdin a here-string', 'kubectl exec -it w -- sh <<< hostname', { out: 'w\n', err: WARNING, code: 0 }],
    ['-it, stdin /dev/null', 'kubectl exec -it w -- hostname < /dev/null', { out: 'w\n', err: WARNING, code: 0 }],
    ['-it --quiet: no warning', 'echo hostname | kubectl exec -it -q w -- sh', { out: 'w\n', err: '', code: 0 }],
    ['-it at the prompt: no warning', 'kubectl exec -it w -- hostname', { out: 'w\n', err: '', code: 0 }],
    ['-it inside $(…): stdin is still the terminal', 'X=$(kubectl exec -it w -- hostname); echo $X', { out: 'w\n', err: '', code: 0 }],
    ['-it in a pipeline, first command: stdin is the terminal', 'kubectl exec -it w -- hostname | cat', { out: 'w\n', err: '', code: 0 }],
  ])('%s', (_, cmd, want) => {
    const c = withPod();
    expect(run(c, cmd)).toEqual(want);
    expect(c.prompt()).toBe('$');
  });

  it('with a raw TTY the remote stderr comes back over stdout; kubectl\'s own error stays on stderr', () => {
    const c = withPod();
    expect(run(c, 'kubectl exec -it w -- ls /nope')).toEqual({ out: "ls: cannot access '/nope': No such file or directory\n", err: 'command terminated with exit code 2\n', code: 2 });
    expect(run(c, 'kubectl exec w -- ls /nope')).toEqual({ out: '', err: "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n", code: 2 });
  });

  it('a shell with a pipe for stdin runs it and exits instead of opening a session', () => {
    const c = withPod();
    expect(run(c, 'printf "hostname\\nexit 3\\n" | kubectl exec -it w -- bash')).toEqual({ out: 'w\n', err: `${WARNING}command terminated with exit code 3\n`, code: 3 });
    expect(c.prompt()).toBe('$');
  });

  it('a session script (npm run sim, the page cells) is typed at the terminal: -it opens the shell', () => {
    const c = withPod();
    const t = c.transcript('kubectl exec -it w -- bash\nhostname\nexit');
    expect(t.map((e) => [e.prompt ?? '$', e.result.stderr])).toEqual([
      ['$', ''],
      ['root@w:/#', ''],
      ['root@w:/#', ''],
    ]);
  });

  it('a cell given stdin (the page\'s hidden `cat > file`) does not read the terminal', () => {
    const c = withPod();
    expect(c.run('kubectl exec -it w -- sh', { stdin: 'hostname\n' })).toMatchObject({ stdout: 'w\n', stderr: WARNING, exitCode: 0 });
  });
});

describe('kubectl run -t', () => {
  it('-t without -i is refused (RunOptions.Validate)', () => {
    const c = createCluster();
    expect(run(c, 'kubectl run -t x --image=busybox -- sh')).toEqual({ out: '', err: 'error: -i/--stdin is required for containers with -t/--tty=true\n', code: 1 });
    expect(run(c, 'kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('-it with stdin not a terminal: the warning, then attach\'s notice, and no session', () => {
    const c = createCluster();
    const r = run(c, 'echo hostname | kubectl run -it x --image=busybox -- sh');
    expect(r.err.startsWith(WARNING + NOTICE)).toBe(true);
    expect(c.prompt()).toBe('$');
  });

  it('-it at the prompt: the notice, then the shell', () => {
    const c = createCluster();
    expect(run(c, 'kubectl run -it x --image=busybox -- sh')).toEqual({ out: '', err: NOTICE, code: 0 });
    expect(c.prompt()).toBe('/ #');
  });

  it('-q drops the notices; a pod that already completed is not attached (handleAttachPod → logs only)', () => {
    const c = createCluster();
    expect(run(c, 'echo x | kubectl run -it -q x --image=busybox -- sh').err).toBe('');
    expect(run(c, "echo x | kubectl run -it --rm y --image=busybox --restart=Never -- sh -c 'echo hi'")).toEqual({ out: 'hi\npod "y" deleted from default namespace\n', err: '', code: 0 });
  });

  it('-i alone on a running pod: attach prints its notice, no TTY warning', () => {
    const c = createCluster();
    expect(run(c, 'echo x | kubectl run -i x --image=busybox -- sh').err.startsWith(NOTICE)).toBe(true);
  });
});
