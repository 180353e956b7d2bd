/**
 * sed, awk, xargs, cp, mv, find (sim/shell/text-utils.ts) on the reader's node (GNU) and in a busybox container.
 * Sources of the texts:
 * - GNU sed 4.9 sed/compile.c: bad_prog() "-e expression #N, char M: …" with UNTERMINATED_S_CMD "unterminated `s'
 *   command", UNKNOWN_S_OPT "unknown option to `s'", UNKNOWN_CMD "unknown command: `%c'", EXCESS_G_OPT; exit 1
 *   (EXIT_BAD_USAGE). sed/execute.c open_next_file: "can't read %s: %s", exit 2 (EXIT_BAD_INPUT). -i writes the
 *   file (and FILE+SUFFIX, the original) in place.
 * - busybox editors/sed.c: index_of_next_unescaped_regexp_delim "unmatched '%c'", parse_subst_cmd "bad option in
 *   substitution expression", parse_cmd_args "unsupported command %c"; fopen_or_warn "can't open '%s'", exit 1.
 * - mawk error.c yyerror/compile_error: "awk: line N: syntax error at or near X", "missing } near end of file",
 *   exit 2 (progname is the basename of argv[0]). busybox editors/awk.c syntax_error: "%s:%i: %s" with g_progname "cmd. line",
 *   EMSG_UNEXP_EOS "Unexpected end of string"; exit 1.
 * - GNU findutils xargs/xargs.c: execvp failure "xargs: %s: No such file or directory", exit 127; -n, -I.
 * - coreutils src/cp.c "cannot stat '%s'", "-r not specified; omitting directory '%s'"; busybox
 *   libbb/copy_file.c "can't stat '%s'", "omitting directory '%s'".
 * - findutils find/ "find: '%s': No such file or directory"; busybox findutils/find.c (recursive_action →
 *   bb_simple_perror_msg) "find: %s: No such file or directory". Entries in directory order.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { check } from './shell-cases';

const WEB = 'cat > web.yaml <<EOF\nspec:\n  replicas: 1\n  image: nginx:1.25\nEOF\n';
const PODS = "printf 'NAME READY STATUS RESTARTS\\nweb-1 1/1 Running 2\\nweb-2 0/1 Pending 5\\n' > pods.txt\n";

describe('sed on the node (GNU sed)', () => {
  check(WEB + PODS, [
    ['-i edits in place', "sed -i 's/replicas: 1/replicas: 3/' web.yaml\ncat web.yaml", 'spec:\n  replicas: 3\n  image: nginx:1.25\n', '', 0],
    ['-i.bak keeps the original; several -e', "sed -i.bak -e 's/1$/5/' -e 's/1.25/1.27/' web.yaml\ncat web.yaml web.yaml.bak", 'spec:\n  replicas: 5\n  image: nginx:1.27\nspec:\n  replicas: 1\n  image: nginx:1.25\n', '', 0],
    ['stdin, g flag and any delimiter', "echo a/b/c | sed 's|/|-|g'", 'a-b-c\n', '', 0],
    ['& and \\1 in BRE groups', "sed 's/\\(nginx\\):\\(.*\\)/\\2-\\1 [&]/' web.yaml", 'spec:\n  replicas: 1\n  image: 1.25-nginx [nginx:1.25]\n', '', 0],
    ['-E groups', "sed -E 's/(r[a-z]+)/<\\1>/' web.yaml", 'spec:\n  <replicas>: 1\n  image: nginx:1.25\n', '', 0],
    ['+ is literal in a BRE, N-th match', "echo 'a+b a+b' | sed 's/a+b/X/2'", 'a+b X\n', '', 0],
    ['\\{m\\} interval in a BRE; ( literal', "echo 'aaa (x)' | sed 's/a\\{2\\}/X/; s/(x)/Y/'", 'Xa Y\n', '', 0],
    ['I flag and p with -n', "echo Hello | sed -n 's/hello/bye/Ip'", 'bye\n', '', 0],
    ['-n with line and regex addresses', "sed -n '2p; /image/p' web.yaml", '  replicas: 1\n  image: nginx:1.25\n', '', 0],
    ['d over a range, $ and !', "sed '1,2d' web.yaml; sed '$d' web.yaml; sed -n '$!p' pods.txt", '  image: nginx:1.25\nspec:\n  replicas: 1\nNAME READY STATUS RESTARTS\nweb-1 1/1 Running 2\n', '', 0],
    ['regex range', "sed -n '/web-1/,/web-2/p' pods.txt", 'web-1 1/1 Running 2\nweb-2 0/1 Pending 5\n', '', 0],
    ['no final newline is kept', "printf 'a\\nb' | sed 's/b/c/'", 'a\nc', '', 0],
    ['unterminated s', "sed 's/a/b' web.yaml", '', "sed: -e expression #1, char 5: unterminated `s' command\n", 1],
    ['unknown option to s', "sed 's/a/b/x' web.yaml", '', "sed: -e expression #1, char 7: unknown option to `s'\n", 1],
    ['second expression is counted', "sed -e p -e 's/a/b/gg' web.yaml", '', "sed: -e expression #2, char 8: multiple `g' options to `s' command\n", 1],
    ['unknown command', 'sed k web.yaml', '', "sed: -e expression #1, char 1: unknown command: `k'\n", 1],
    ['missing file', "sed p nofile", '', "sed: can't read nofile: No such file or directory\n", 2],
    ['-i without a file (execute.c process_files: panic, EXIT_PANIC)', "sed -i 's/a/b/'", '', 'sed: no input files\n', 4],
  ]);
});

describe('awk on the node (mawk: Ubuntu and Debian ship it as awk)', () => {
  check(PODS, [
    ['NR>1 {print $1}', "awk 'NR>1 {print $1}' pods.txt", 'web-1\nweb-2\n', '', 0],
    ['string comparison and $NF', `awk '$3 == "Running" {print $1, $NF}' pods.txt`, 'web-1 2\n', '', 0],
    ['summing a column in END', "awk 'NR>1 {s += $4} END {print \"restarts=\" s}' pods.txt", 'restarts=7\n', '', 0],
    ['-F and a regex pattern', "awk -F/ '/Pend/ {print $2}' pods.txt", '1 Pending 5\n', '', 0],
    ['printf, NF, pipe from stdin', "cat pods.txt | awk '{printf \"%-6s|%3d|%.1f\\n\", $1, NF, NR / 2}'", 'NAME  |  4|0.5\nweb-1 |  4|1.0\nweb-2 |  4|1.5\n', '', 0],
    ['BEGIN, variables, numeric output', "awk 'BEGIN { x = 3; x += 4; x++; print x, x / 3, length(\"abc\") }'", '8 2.66667 3\n', '', 0],
    ['numeric comparison of fields (the header compares as a string: "RESTARTS" > "3")', "awk '$4 > 3' pods.txt", 'NAME READY STATUS RESTARTS\nweb-2 0/1 Pending 5\n', '', 0],
    // mawk error.c yyerror: a `{` still open at the end → missing('}', "end of file"); compile_error "%s: line %u: "
    ['unterminated program', "awk '{print $1' pods.txt", '', 'awk: line 1: missing } near end of file\n', 2],
    ['user functions are outside the subset: a syntax error, not a wrong answer', "awk 'function f(x) { return x }' pods.txt", '', 'awk: line 1: syntax error at or near function\n', 2],
  ]);
});

describe('xargs, cp, mv, find on the node', () => {
  check('mkdir -p d/sub; echo hi > d/sub/f.txt; echo yo > d/g.yaml', [
    ['xargs runs kubectl', 'kubectl run web --image=nginx >/dev/null\nkubectl get pods -o name | xargs kubectl delete', 'pod "web" deleted from default namespace\n', '', 0],
    ['xargs -n', 'echo a b c d e | xargs -n 2 echo', 'a b\nc d\ne\n', '', 0],
    ['xargs -I {}', "printf 'x\\ny\\n' | xargs -I {} echo item-{}-end", 'item-x-end\nitem-y-end\n', '', 0],
    ['xargs: command not found', 'echo a | xargs nosuch', '', 'xargs: nosuch: No such file or directory\n', 127],
    ['xargs: a failing command gives 123', 'echo nofile | xargs cat', '', 'cat: nofile: No such file or directory\n', 123],
    ['cp -r and find', 'cp -r d e && find e', 'e\ne/g.yaml\ne/sub\ne/sub/f.txt\n', '', 0],
    ['find -name -type', "find d -name '*.txt' -type f; find d -maxdepth 1 -type d", 'd/sub/f.txt\nd\nd/sub\n', '', 0],
    ['cp a file into a directory, mv renames', 'cp d/g.yaml d/sub && mv d/sub/g.yaml d/sub/h.yaml && ls -1 d/sub && cat d/sub/h.yaml', 'f.txt\nh.yaml\nyo\n', '', 0],
    ['cp a directory without -r', 'cp d x', '', "cp: -r not specified; omitting directory 'd'\n", 1],
    ['cp a missing file', 'cp nofile z', '', "cp: cannot stat 'nofile': No such file or directory\n", 1],
    ['mv a missing file', 'mv nofile z', '', "mv: cannot stat 'nofile': No such file or directory\n", 1],
    ['find a missing path', 'find nope', '', "find: 'nope': No such file or directory\n", 1],
  ]);
});

describe('busybox applets in a busybox container', () => {
  const setup = 'kubectl run b --image=busybox -- sleep 3600';
  check(setup, [
    ['sed works the same', "kubectl exec b -- sh -c \"echo replicas: 1 | sed 's/1/3/'\"", 'replicas: 3\n', '', 0],
    ['sed -i in the container', "kubectl exec b -- sh -c \"echo a > /tmp/f && sed -i 's/a/b/' /tmp/f && cat /tmp/f\"", 'b\n', '', 0],
    ['unterminated s', "kubectl exec b -- sed 's/a/b'", '', "sed: unmatched '/'\ncommand terminated with exit code 1\n", 1],
    ['bad s flag', "kubectl exec b -- sed 's/a/b/x'", '', 'sed: bad option in substitution expression\ncommand terminated with exit code 1\n', 1],
    ['unknown command', 'kubectl exec b -- sed k', '', 'sed: unsupported command k\ncommand terminated with exit code 1\n', 1],
    ['-i without a file (sed_main: bb_msg_requires_arg)', "kubectl exec b -- sed -i 's/a/b/'", '', 'sed: -i requires an argument\ncommand terminated with exit code 1\n', 1],
    ['-i on a missing file (sed_main: bb_simple_perror_msg)', 'kubectl exec b -- sed -i p /nofile', '', 'sed: /nofile: No such file or directory\ncommand terminated with exit code 1\n', 1],
    ['xargs: command not found (xargs_exec: bb_simple_perror_msg, 127)', "kubectl exec b -- sh -c 'echo a | xargs nosuch'", '', 'xargs: nosuch: No such file or directory\ncommand terminated with exit code 127\n', 127],
    ['missing file', 'kubectl exec b -- sed p /nofile', '', "sed: can't open '/nofile': No such file or directory\ncommand terminated with exit code 1\n", 1],
    ['awk syntax error', "kubectl exec b -- awk '{print $1'", '', 'awk: cmd. line:1: Unexpected end of string\ncommand terminated with exit code 1\n', 1],
    ['awk sum', "kubectl exec b -- sh -c \"printf 'a 1\\nb 2\\n' | awk '{s+=\\$2} END {print s}'\"", '3\n', '', 0],
    ['cp errors', 'kubectl exec b -- cp /nofile /tmp', '', "cp: can't stat '/nofile': No such file or directory\ncommand terminated with exit code 1\n", 1],
    ['cp a directory without -r', 'kubectl exec b -- cp /etc /tmp', '', "cp: omitting directory '/etc'\ncommand terminated with exit code 1\n", 1],
    ['find a missing path', 'kubectl exec b -- find /nope', '', 'find: /nope: No such file or directory\ncommand terminated with exit code 1\n', 1],
    ['xargs -n1', "kubectl exec b -- sh -c 'echo a b | xargs -n1 echo'", 'a\nb\n', '', 0],
  ]);
});
