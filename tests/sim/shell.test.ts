/**
 * The shell: parsing, expansion, heredocs, pipelines, control flow, builtins,
 * error texts (bash for the reader's node shell; busybox/dash in containers),
 * and the transcript echo (`$ <command>`, heredoc bodies not echoed).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { parseScript } from '../../sim/shell/parse';

function session(script: string): string {
  const c = createCluster();
  return c
    .transcript(script)
    .map((e) => `$ ${e.command}\n${e.result.output.map((o) => o.text).join('')}[${e.result.exitCode}]`)
    .join('\n');
}

describe('parser', () => {
  it('splits complete commands and keeps heredoc bodies out of the echoed text', () => {
    const cs = parseScript('kubectl apply -f - <<EOF\nkind: Pod\nEOF\necho done # trailing comment\n\n# only a comment\nfor i in 1 2; do\n  echo $i\ndone\n');
    expect(cs.map((c) => [c.line, c.text])).toEqual([
      [1, 'kubectl apply -f - <<EOF'],
      [4, 'echo done # trailing comment'],
      [7, 'for i in 1 2; do\n  echo $i\ndone'],
    ]);
  });

  it('reports bash syntax errors', () => {
    expect(session('echo "unterminated')).toContain("unexpected EOF while looking for matching `\"'");
    expect(session('echo a |')).toMatch(/syntax error/);
  });
});

describe('expansion and control flow', () => {
  const cases: [string, string, string][] = [
    ['variables', 'X=hello\necho "$X world" ${X}!', 'hello world hello!\n'],
    ['command substitution strips trailing newlines', 'Y=$(echo a; echo b)\necho "[$Y]"', '[a\nb]\n'],
    ['unquoted expansion is split into fields', 'Y="a   b"\nfor w in $Y; do echo "<$w>"; done', '<a>\n<b>\n'],
    ['$? of the last command', 'false\necho $?\ntrue\necho $?', '1\n0\n'],
    ['&& and ||', 'false || echo fallback\ntrue && echo yes', 'fallback\nyes\n'],
    ['arithmetic', 'N=4\necho $((N*2+1))', '9\n'],
    ['if/elif/else with test', 'X=b\nif [ "$X" = a ]; then echo A; elif [ "$X" = b ]; then echo B; else echo C; fi', 'B\n'],
    ['integer comparison', '[ 3 -gt 2 ] && echo bigger', 'bigger\n'],
    ['while loop', 'i=0\nwhile [ $i -lt 3 ]; do i=$((i+1)); echo $i; done', '1\n2\n3\n'],
    ['single quotes are literal', "echo '$HOME' \"$HOME\"", '$HOME /root\n'],
    ['heredoc expands variables', 'N=web\ncat <<EOF\nname: $N\nEOF', 'name: web\n'],
    ['quoted heredoc delimiter does not expand', "cat <<'EOF'\nname: $N\nEOF", 'name: $N\n'],
    ['files on the node', 'cat > p.yaml <<EOF\na: 1\nEOF\ncat p.yaml\nls', 'a: 1\np.yaml\n'],
    ['pipelines', 'printf "b\\na\\nb\\n" | sort | uniq -c', '      1 a\n      2 b\n'],
    ['grep and wc', 'printf "x1\\ny\\nx2\\n" | grep x | wc -l', '2\n'],
    ['base64 round trip', 'echo -n admin | base64\necho YWRtaW4= | base64 -d; echo', 'YWRtaW4=\nadmin\n'],
    ['redirect to /dev/null and 2>&1', 'cat nofile 2>/dev/null || echo gone\ncat nofile 2>&1 | wc -l', 'gone\n1\n'],
    ['hostname of the reader\'s node', 'hostname', 'k8s-master\n'],
  ];
  it.each(cases)('%s', (_name, script, want) => {
    const c = createCluster();
    expect(c.run(script).stdout).toBe(want);
  });

  it('variables persist between run() calls like a terminal session', () => {
    const c = createCluster();
    c.run('NAME=web');
    expect(c.run('echo $NAME').stdout).toBe('web\n');
  });
});

describe('errors', () => {
  it('unknown commands: bash in an interactive terminal prints "<cmd>: command not found", exit 127', () => {
    const c = createCluster();
    const r = c.run('kubecttl get pods');
    expect(r.stderr).toBe('kubecttl: command not found\n');
    expect(r.exitCode).toBe(127);
  });

  it('cat of a missing file (GNU coreutils text)', () => {
    const c = createCluster();
    const r = c.run('cat pod.yaml');
    expect(r.stderr).toBe('cat: pod.yaml: No such file or directory\n');
    expect(r.exitCode).toBe(1);
  });

  it('exit stops the script', () => {
    const c = createCluster();
    const r = c.run('echo a\nexit 3\necho b');
    expect(r.stdout).toBe('a\n');
    expect(r.exitCode).toBe(3);
  });
});

describe('time', () => {
  it('sleep advances simulated time', () => {
    const c = createCluster();
    const t0 = c.now();
    c.run('sleep 30');
    expect(c.now() - t0).toBeGreaterThanOrEqual(30_000);
    expect(c.run('date').stdout).toMatch(/^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC 2026\n$/);
  });
});

describe('transcript', () => {
  it('echoes each command and what it printed', () => {
    expect(session('echo hi\ncat > f <<EOF\nbody\nEOF\ncat f')).toBe('$ echo hi\nhi\n[0]\n$ cat > f <<EOF\n[0]\n$ cat f\nbody\n[0]');
  });
});

// An exec'd process starts in the container's working directory (CRI exec uses the container's process cwd:
// the image's WORKDIR, redis: /data), and an interactive shell's prompt follows `cd`: bash PS1 '\u@\h:\w\$ ',
// busybox ash '\w \$ ' (\w: the directory, $HOME shown as ~).
describe('container working directory and prompts', () => {
  it('exec starts in WORKDIR; the prompt shows the current directory', () => {
    const c = createCluster();
    c.run('kubectl run r --image=redis');
    expect(c.run('kubectl exec r -- pwd').stdout).toBe('/data\n');
    const t = c.transcript('kubectl exec -it r -- bash\npwd\ncd /tmp\ncd\nexit');
    expect(t.map((e) => `${e.prompt ?? '$'} ${e.command}`)).toEqual(['$ kubectl exec -it r -- bash', 'root@r:/data# pwd', 'root@r:/data# cd /tmp', 'root@r:/tmp# cd', 'root@r:~# exit']);
    c.run('kubectl run b --image=busybox -- sleep 3600');
    const u = c.transcript('kubectl exec -it b -- sh\ncd /etc\nexit');
    expect(u.map((e) => e.prompt ?? '$')).toEqual(['$', '/ #', '/etc #']);
  });
});
