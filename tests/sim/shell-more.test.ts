/**
 * chmod, the added sed commands, awk arrays and mawk's syntax errors, fg/bg (sim/shell/text-utils.ts, jobs.ts).
 * Sources:
 * - coreutils src/chmod.c process_file ("cannot access %s", "changing permissions of %s"), main ("invalid mode: %s",
 *   "missing operand after %s"); lib/modechange.c (umask applies to modes without u/g/o/a).
 * - busybox coreutils/chmod.c fileAction (bb_simple_perror_msg(fileName), "invalid mode '%s'").
 * - GNU sed execute.c execute_program (a queues, i writes, c after a range ends, n/N, t resets `replaced`),
 *   compile.c (errors "unknown command: `%c'", "unexpected `}'", "unmatched `{'" at char 0, "expected \ after `a',
 *   `c' or `i'", "strings for `y' command are different lengths"; check_final_program panic "can't find label for
 *   jump to `%s'", exit 4). busybox editors/sed.c parse_cmd_args ("command '%c' uses only one address"), branch_to
 *   ("can't find label for jump to '%s'" when the branch is taken), y pairs up to the shorter string.
 * - busybox editors/awk.c hashidx/hash_find/hashwalk_init (FIRST_PRIME 61, new items at a bucket's head).
 * - mawk error.c yyerror/compile_error ("%s: line %u: ", "syntax error at or near %s", "missing } near end of
 *   file"), scan.c ("runaway string constant \"%.10s ...").
 * - bash builtins/fg_bg.def fg_bg (sh_badjob "current"), jobs.c start_job ("job has terminated", "job %d already
 *   in background"; fg prints the command).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { check } from './shell-cases';

const BB = 'kubectl run b --image=busybox -- sleep 3600';

describe('chmod', () => {
  check('echo hi > f', [
    ['octal', 'chmod 755 f; ls -l f | cut -c1-10', '-rwxr-xr-x\n', '', 0],
    ['symbolic clauses', 'chmod 755 f; chmod go-w,u+s f; ls -l f | cut -c1-10', '-rwsr-xr-x\n', '', 0],
    ['a=r then +x (umask 022)', 'chmod a=r f; chmod +x f; ls -l f | cut -c1-10', '-r-xr-xr-x\n', '', 0],
    ['-R', 'mkdir -p d/e; touch d/e/x; chmod -R 700 d; ls -l d/e | tail -1 | cut -c1-10', '-rwx------\n', '', 0],
    ['missing file (GNU)', 'chmod 644 nofile', '', "chmod: cannot access 'nofile': No such file or directory\n", 1],
    ['invalid mode (GNU)', 'chmod nope f', '', "chmod: invalid mode: 'nope'\nTry 'chmod --help' for more information.\n", 1],
    ['missing operand', 'chmod 644', '', "chmod: missing operand after '644'\nTry 'chmod --help' for more information.\n", 1],
  ]);
  check(BB, [
    ['busybox texts', "kubectl exec b -- sh -c 'chmod 644 /nofile; chmod abc /etc/hostname'", '', "chmod: /nofile: No such file or directory\nchmod: invalid mode 'abc'\ncommand terminated with exit code 1\n", 1],
    ['projected token is read-only', 'kubectl exec b -- chmod 600 /var/run/secrets/kubernetes.io/serviceaccount/token', '', 'chmod: /var/run/secrets/kubernetes.io/serviceaccount/token: Read-only file system\ncommand terminated with exit code 1\n', 1],
  ]);
});

describe('sed commands (GNU on the node)', () => {
  check('', [
    ['a one-liner', "seq 3 | sed '2a hello'", '1\n2\nhello\n3\n', '', 0],
    ['i\\ with the text on the next line', "seq 3 | sed '2i\\\nbefore'", '1\nbefore\n2\n3\n', '', 0],
    ['c over a range: the text once', "seq 5 | sed '2,4c\\\ngone'", '1\ngone\n5\n', '', 0],
    ['y', "seq 3 | sed 'y/123/abc/'", 'a\nb\nc\n', '', 0],
    ['h n G p', "seq 4 | sed -n 'h;n;G;p'", '2\n1\n4\n3\n', '', 0],
    ['join lines with a label loop', "seq 5 | sed ':a;N;$!ba;s/\\n/,/g'", '1,2,3,4,5\n', '', 0],
    ['t loop', "echo aaa | sed ':x;s/a/b/;tx'", 'bbb\n', '', 0],
    ['block with -n', "seq 6 | sed -n '/2/,/4/{p;p}'", '2\n2\n3\n3\n4\n4\n', '', 0],
    ['x keeps the previous line', "seq 3 | sed 'x;$!d;x'", '3\n', '', 0],
    ['appended text after a last line without newline', "printf 'a\\nb' | sed 'a X'", 'a\nX\nb\nX\n', '', 0],
    ['n at the end with -n', "seq 3 | sed -n 'n;p'", '2\n', '', 0],
    ['missing label (panic, exit 4)', "seq 2 | sed 'bfoo'", '', "sed: can't find label for jump to `foo'\n", 4],
    ['unmatched {', "seq 2 | sed '/1/{p'", '', "sed: -e expression #1, char 0: unmatched `{'\n", 1],
    ['unexpected }', "seq 2 | sed 'p}'", '', "sed: -e expression #1, char 2: unexpected `}'\n", 1],
    ['y lengths', "seq 2 | sed 'y/ab/c/'", '', "sed: -e expression #1, char 7: strings for `y' command are different lengths\n", 1],
    ['a without text', "seq 2 | sed 'a'", '', "sed: -e expression #1, char 1: expected \\ after `a', `c' or `i'\n", 1],
  ]);
  check(BB, [
    ['busybox: a takes one address', `kubectl exec b -- sh -c "seq 3 | sed '1,2a hello'"`, '', "sed: command 'a' uses only one address\ncommand terminated with exit code 1\n", 1],
    ['busybox: a missing label fails when the branch runs', `kubectl exec b -- sh -c "seq 3 | sed 'p;bfoo'"`, '1\n', "sed: can't find label for jump to 'foo'\ncommand terminated with exit code 1\n", 1],
    ['busybox: y pairs up to the shorter string', `kubectl exec b -- sh -c "seq 3 | sed 'y/12/a/'"`, 'a\n2\n3\n', '', 0],
  ]);
});

describe('awk arrays', () => {
  check('', [
    // sorted: the test is about the sums (mawk's walk order: sed-awk-more.test.ts)
    ['sum per key, sorted', "printf 'a 1\\nb 2\\na 3\\n' | awk '{s[$1]+=$2} END {for (k in s) print k, s[k]}' | sort", 'a 4\nb 2\n', '', 0],
    ['count, length, in, delete', "printf 'a\\nb\\na\\n' | awk '{c[$1]++} END {print length(c), c[\"a\"], (\"b\" in c), (\"z\" in c); delete c[\"a\"]; print length(c)}'", '2 2 1 0\n1\n', '', 0],
    ['split', "echo 'x,y,z' | awk '{n = split($0, p, \",\"); print n, p[1], p[3]}'", '3 x z\n', '', 0],
    ['SUBSEP keys', "awk 'BEGIN {a[1,2]=3; for (k in a) { split(k, q, SUBSEP); print q[1], q[2] }; if ((1,2) in a) print \"yes\"}'", '1 2\nyes\n', '', 0],
    ['break and continue', "awk 'BEGIN { for (i=0;i<10;i++) { if (i==3) continue; if (i==5) break; printf \"%d \", i }; print \"\" }'", '0 1 2 4 \n', '', 0],
    ['mawk: syntax error', "awk 'BEGIN { x = }'", '', 'awk: line 1: syntax error at or near }\n', 2],
    ['mawk: runaway string', "awk 'BEGIN { print \"abc }'", '', 'awk: line 1: runaway string constant "abc } ...\n', 2],
  ]);
  check(BB, [
    // hashidx % 61: cache 15, web 44, api 46, db 54
    ['busybox hash order', `kubectl exec b -- sh -c "printf 'web 1\\napi 2\\ndb 3\\ncache 4\\n' | awk '{a[\\$1]=\\$2} END {for (k in a) print k, a[k]}'"`, 'cache 4\nweb 1\napi 2\ndb 3\n', '', 0],
  ]);
});

function session(script: string): string {
  return createCluster()
    .transcript(script)
    .map((e) => `$ ${e.command}\n${e.result.output.map((o) => o.text).join('')}[${e.result.exitCode}]`)
    .join('\n');
}

describe('fg and bg', () => {
  it.each([
    ['no jobs', 'fg\nbg', '$ fg\nbash: fg: current: no such job\n[1]\n$ bg\nbash: bg: current: no such job\n[1]'],
    ['bg on a running job (status 0); fg waits for it', 'sleep 100 &\nbg %1\nfg', '$ sleep 100 &\n[1] 4213\n[0]\n$ bg %1\nbash: bg: job 1 already in background\n[0]\n$ fg\nsleep 100\n[0]'],
    [
      'fg on a port-forward: interrupted as in the foreground, the job is gone',
      'kubectl run web --image=nginx --port=80 >/dev/null\nkubectl port-forward pod/web 8080:80 >/dev/null &\nfg %1\njobs',
      '$ kubectl run web --image=nginx --port=80 >/dev/null\n[0]\n$ kubectl port-forward pod/web 8080:80 >/dev/null &\n[1] 4213\n[0]\n$ fg %1\nkubectl port-forward pod/web 8080:80 >/dev/null\n^C[0]\n$ jobs\n[0]',
    ],
  ])('%s', (_n, script, want) => expect(session(script)).toBe(want));
});

// the node is Ubuntu: /bin/sh is dash (its "sh: 1: X: not found", echo interpreting backslashes), bash is bash
// (execute_cmd.c internal_error with "line 1:" when not interactive)
describe('sh and bash on the node', () => {
  check('true', [
    ['sh -c is dash', "sh -c 'nosuchcmd'", '', 'sh: 1: nosuchcmd: not found\n', 127],
    ['dash echo interprets backslashes', `sh -c 'echo "a\\tb"'`, 'a\tb\n', '', 0],
    ['bash -c is bash', "bash -c 'nosuchcmd'", '', 'bash: line 1: nosuchcmd: command not found\n', 127],
    ['bash echo does not', `bash -c 'echo "a\\tb"'`, 'a\\tb\n', '', 0],
  ]);
});
