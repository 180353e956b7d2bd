/**
 * kubectl attach and busybox ps in containers.
 *
 * Sources:
 * - kubectl staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go (v1.35): Validate ("at least 1 argument is required
 *   for attach", "expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw %d: %v"), Run ("cannot attach a
 *   container in a completed pod; current phase is %s", "error: Unable to use a TTY - container %s did not allocate
 *   one", the recording notice and "If you don't see a command prompt, try pressing enter.", reattachMessage
 *   without -n: PR #135790 adding it merged after v1.35).
 * - kubectl pkg/cmd/util/podcmd/podcmd.go FindOrDefaultContainerByName (v1.35: "container %s not found in pod %s";
 *   "Defaulted container %q out of: %s", AllContainerNames: containers, "(ephem)", "(init)").
 * - kubectl pkg/util/interrupt/interrupt.go Handler.Signal: os.Exit(1) without a final handler (an interrupted -i).
 * - busybox procps/ps.c (1.37, DESKTOP): DEFAULT_O_STR "pid,user,time,args", out_spec widths (pid 5, user 8, time 5),
 *   format_header/format_process, format_time "%2u:%02u", parse_o (=HEADER sets the width), find_out_spec's
 *   "bad -o argument", getopt32 "Zo:*aAdefl" "T" (operands like `aux` ignored), the usage text.
 * - bash execute_cmd.c: internal_error("%s: command not found") → "bash: ps: command not found" when interactive.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

type Cl = ReturnType<typeof createCluster>;

function run(c: Cl, script: string) {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
  };
}

const NOTICE =
  'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";

const TWO = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
  - name: init
    image: busybox
    command: ["sh", "-c", "echo init"]
  containers:
  - name: shell
    image: busybox
    stdin: true
    tty: true
  - name: loop
    image: busybox
    command: ["sh", "-c", "echo start; sleep 3600"]
`;

describe('kubectl attach', () => {
  const cases: [string, string, string, string, number][] = [
    ['no argument', 'kubectl attach', '', 'error: at least 1 argument is required for attach\n', 1],
    ['three arguments', 'kubectl attach a b c', '', 'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n', 1],
    ['a missing pod', 'kubectl attach nope', '', 'Error from server (NotFound): pods "nope" not found\n', 1],
    ['a completed pod', 'kubectl attach done', '', 'error: cannot attach a container in a completed pod; current phase is Succeeded\n', 1],
    ['-c names no container', 'kubectl attach web -c nope', '', 'error: cannot attach to the container: container nope not found in pod web\n', 1],
    ['a running container without -i: interrupted (no SIGINT handler: 130)', 'kubectl attach web', '^C', NOTICE, 130],
    ['-q: no notice', 'kubectl attach -q web', '^C', '', 130],
    ['-t on a container without a TTY; -i on a terminal exits 1 when interrupted', 'kubectl attach -it web', '^C', 'error: Unable to use a TTY - container web did not allocate one\n' + NOTICE, 1],
    ['TYPE NAME', 'kubectl attach pod web', '^C', NOTICE, 130],
    ['several containers: the Defaulted note', 'kubectl attach two -c loop', '^C', NOTICE, 130],
  ];
  it.each(cases)('%s', (_name, cmd, out, err, code) => {
    const c = createCluster();
    run(c, 'kubectl run web --image=nginx\nkubectl run done --image=busybox --restart=Never -- echo hi');
    c.apply(TWO);
    expect(run(c, cmd)).toEqual({ out, err, code });
  });

  it('defaults to the first container with the note (containers, ephemeral, init)', () => {
    const c = createCluster();
    c.apply(TWO);
    expect(run(c, 'kubectl attach two').err).toBe('Defaulted container "shell" out of: shell, loop, init (init)\n' + NOTICE);
  });

  it('a deployment/NAME resolves to one of its pods', () => {
    const c = createCluster();
    run(c, 'kubectl create deployment d --image=nginx');
    expect(run(c, 'kubectl attach deployment/d')).toEqual({ out: '^C', err: NOTICE, code: 130 });
    expect(run(c, 'kubectl attach deployment/none').err).toBe('Error from server (NotFound): deployments.apps "none" not found\n');
  });

  it('-it to a shell started with stdin and tty opens it; exit ends it with the reattach hint', () => {
    const c = createCluster();
    run(c, 'kubectl run b --image=busybox -it -- sh\nexit');
    const t = c.transcript('kubectl attach b -it\nhostname\nexit');
    expect(t.map((e) => [e.prompt ?? '$', e.command, e.result.stdout])).toEqual([
      ['$', 'kubectl attach b -it', ''],
      ['/ #', 'hostname', 'b\n'],
      ['/ #', 'exit', "Session ended, resume using 'kubectl attach b -c b -i -t' command when the pod is running\n"],
    ]);
    expect(t[0].result.stderr).toBe(NOTICE);
  });

  it('-i alone on a container with a TTY forces one', () => {
    const c = createCluster();
    c.apply(TWO);
    const t = c.transcript('kubectl attach two -i -c shell\nps');
    expect(t[1].prompt).toBe('/ #');
  });
});

describe('ps in containers', () => {
  const HEAD = 'PID   USER     TIME  COMMAND\n';
  it('kubectl run -it: the shell is PID 1, its children follow runc init\'s threads', () => {
    const c = createCluster();
    const t = c.transcript('kubectl run b --image=busybox -it -- sh\nps\nps aux\nps -o pid,ppid,comm');
    expect(t.slice(1).map((e) => e.result.stdout)).toEqual([
      HEAD + '    1 root      0:00 sh\n    7 root      0:00 ps\n',
      HEAD + '    1 root      0:00 sh\n    8 root      0:00 ps aux\n',
      'PID   PPID  COMMAND\n    1     0 sh\n    9     1 ps\n',
    ]);
  });

  it('kubectl exec: PID 1 is the command (sh -c execs its last simple command), exec sessions get new PIDs', () => {
    const c = createCluster();
    run(c, "kubectl run s --image=busybox -- sh -c 'echo start; sleep 3600'");
    expect(run(c, 'kubectl exec s -- ps').out).toBe(HEAD + '    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n');
    const t = c.transcript('kubectl exec -it s -- sh\nps\nexit');
    expect(t[1].result.stdout).toBe(HEAD + '    1 root      0:00 sleep 3600\n   13 root      0:00 sh\n   19 root      0:00 ps\n');
  });

  it('a long command line is cut at the terminal width - 1', () => {
    const c = createCluster();
    run(c, `kubectl run l --image=busybox -- sh -c 'while true; do echo ${'x'.repeat(80)}; sleep 10; done'`);
    const t = c.transcript('kubectl exec -it l -- sh\nps');
    const first = t[1].result.stdout.split('\n')[1];
    expect(first.length).toBe(79);
  });

  const errors: [string, string, string, number][] = [
    ['an invalid option', 'ps -x', "ps: invalid option -- 'x'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n", 1],
    ['a bad -o column', 'ps -o foo', "ps: bad -o argument 'foo', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss\n", 1],
  ];
  it.each(errors)('busybox: %s', (_n, cmd, err, code) => {
    const c = createCluster();
    run(c, 'kubectl run s --image=busybox -- sleep 3600');
    const r = run(c, `kubectl exec s -- ${cmd}`);
    expect(r.err).toBe(err + `command terminated with exit code ${code}\n`);
  });

  it('nginx has no ps: the runtime, dash and an interactive bash say so', () => {
    const c = createCluster();
    run(c, 'kubectl run web --image=nginx');
    expect(run(c, 'kubectl exec web -- ps').err).toMatch(/exec: "ps": executable file not found in \$PATH: unknown\n$/);
    expect(c.transcript('kubectl exec -it web -- bash\nps\nexit')[1].result.stderr).toBe('bash: ps: command not found\n');
    expect(c.transcript('kubectl exec -it web -- sh\nps\nexit')[1].result.stderr).toBe('sh: 1: ps: not found\n');
  });
});
