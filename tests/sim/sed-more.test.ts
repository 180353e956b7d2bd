/**
 * sed D, l, r, w and s///w (GNU sed 4.9 and busybox), and mawk's run-time texts (sim/shell/text-utils.ts).
 * Sources:
 * - GNU sed execute.c execute_program ('D': without a newline like 'd', else the text up to the first newline goes
 *   and `cur_cmd = vec->v` starts the script again without reading, printing or dumping the append queue; 'l':
 *   do_list; 'r': an append_queue entry whose file print_file copies raw at the end of the cycle, a missing file
 *   "treated as if it were an empty file"; 'w' and do_subst's sub->outf: output_line to the file's own struct
 *   output; 'q': dump_append_queue even when empty, so output_missing_newline), read_pattern_space (append queue first; with -s/-i `reset_at_next_file`, stdout's missing newline
 *   kept), do_list (isascii && ISPRINT as is, `\\` doubled, \a\b\f\n\r\t\v, other bytes "%03o"; `\` + newline when
 *   `width + olen >= line_len && line_len > 0`; `$` + newline).
 * - GNU sed compile.c compile_program ('l' in_integer; 'r' read_filename, MISSING_FILENAME "missing filename in
 *   r/R/w/W commands", `0rFILE` → `1rFILE` prepend mode; INVALID_LINE_0 "invalid usage of line address 0"),
 *   read_filename (blanks skipped, the name runs to the newline), get_openfile (special_files /dev/stdout,
 *   /dev/stderr; ck_fopen(name, "w", true) while compiling: utils.c panic "couldn't open file %s: %s", exit 4),
 *   mark_subst_opts ('w'); testsuite/missing-filename.sh (`sed r` char 1, `sed 's/1/2/w'` char 7); sed.c (`-l N`,
 *   lcmd_out_line_len = 70; -i implies -s).
 * - busybox editors/sed.c parse_cmd_args ("command '%c' uses only one address" for r; `l` accepted without
 *   arguments), parse_file_cmd ("empty filename"), sed_xfopen_w (xfopen_for_write: "can't open '%s'"),
 *   process_files ('D' goto restart, else 'd'; 'r' appends each line of the file, flush_append writes each with a
 *   newline; no case for 'l'), get_address (line 0 is no address).
 * - GNU sed compile.c mark_subst_opts ('e': `cmd->eval = true`; 'p': `cmd->print |= (1 << cmd->eval)`, "1=before
 *   eval, 2=after"), execute.c do_subst (after a replacement, post_subst: `print & 1` output_line, then with
 *   sub->eval `popen(line.active, "r")` read to EOF into s_accum, exchanged with the line, one trailing
 *   buffer_delimiter removed; then `print & 2` output_line and sub->outf; nothing when `count < sub->numb`);
 *   the manual's "e" flag of "The s Command". popen(3) runs `/bin/sh -c`: dash on the node.
 * - busybox editors/sed.c parse_subst_cmd (flags: digits, spaces, g, p, w, i/I, #, ;, }; anything else
 *   bb_error_msg_and_die("bad option in substitution expression")).
 * - mawk execute.c (_DIV/_MOD: CHECK_DIVZERO only #ifdef NOINFO_SIGFPE; fpe_check.c: no traps on IEEE 754
 *   systems, so 1/0 is inf), d_to_index ("negative field index $%.6g"), error.c rt_error ("%s: run time error: ")
 *   and rt_where ("\tFILENAME=\"%s\" FNR=%u NR=%u"), fcall.c first_pass ("function %s never defined", the
 *   resolve list newest first), fin.c next_main (errmsg(errno, "cannot open %s") → "%s: cannot open %s (%s)",
 *   exit 2) and set_main_to_stdin (FILENAME "-").
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { check } from './shell-cases';

const FILES = "printf 'X\\nY\\n' > ins; printf 'Z' > nonl; seq 2 > f1; seq 3 > f2";
// seq 40 joined with commas: 111 characters
const L = Array.from({ length: 40 }, (_, i) => i + 1).join(',') + ',';
const wrap = (s: string, n: number) => {
  let o = '';
  let w = 0;
  for (const ch of s) {
    if (w + 1 >= n && n > 0) {
      o += '\\\n';
      w = 0;
    }
    o += ch;
    w++;
  }
  return o + '$\n';
};

describe('GNU sed D (execute.c execute_program)', () => {
  check(FILES, [
    ['$!N;P;D prints each line once', "seq 3 | sed '$!N;P;D'", '1\n2\n3\n', '', 0],
    ['D without a newline is d', "seq 3 | sed '2D'", '1\n3\n', '', 0],
    ['D starts again without reading a line', "printf 'a\\nb\\n' | sed 'N;D'", 'b\n', '', 0],
    ['the restarted script sees the same line number', "seq 3 | sed -n '1{N;N};=;P;D'", '3\n1\n3\n2\n3\n3\n', '', 0],
    ['q writes the append queue and a missing newline', "printf 'a' | sed q", 'a\n', '', 0],
    ['D keeps the append queue until the next read', "seq 2 | sed -e '1{N;a A' -e '};P;D'", '1\n2\nA\n', '', 0],
  ]);
});

describe('GNU sed l (execute.c do_list, compile.c, sed.c -l)', () => {
  check(FILES, [
    ['escapes and $', "printf 'a\\tb\\\\c\\n' | sed -n l", 'a\\tb\\\\c$\n', '', 0],
    ['other bytes as three octal digits', "echo 'hé' | sed -n l", 'h\\303\\251$\n', '', 0],
    ['wraps at 70 by default', `echo '${L}' | sed -n l`, wrap(L, 70), '', 0],
    ['l N', `echo '${L}' | sed -n 'l 20'`, wrap(L, 20), '', 0],
    ['-l N', `echo '${L}' | sed -l 30 -n l`, wrap(L, 30), '', 0],
    ['--line-length=N', `echo '${L}' | sed --line-length=50 -n l`, wrap(L, 50), '', 0],
    ['l 0 never wraps', `echo '${L}' | sed -n 'l 0'`, L + '$\n', '', 0],
    ['l 1: a break before every character', "echo ab | sed -n 'l 1'", '\\\na\\\nb$\n', '', 0],
    ['a last line without newline', "printf 'a\\nb' | sed 'N;l'", 'a\\nb$\na\nb', '', 0],
  ]);
  it('-l without its argument prints the usage text', () => {
    const c = createCluster();
    const r = c.run('echo a | sed -n l -l');
    expect(r.stderr.startsWith("sed: option requires an argument -- 'l'\nUsage: sed [OPTION]...")).toBe(true);
    expect(r.exitCode).toBe(1);
  });
});

describe('GNU sed r (append queue, print_file)', () => {
  check(FILES, [
    ['after the line', "seq 3 | sed '2r ins'", '1\n2\nX\nY\n3\n', '', 0],
    ['a missing file is an empty one', "seq 2 | sed 'r nope'", '1\n2\n', '', 0],
    ['copied raw: no newline added', "seq 2 | sed 'r nonl'", '1\nZ2\nZ', '', 0],
    ['queued with a, in order', "seq 1 | sed -e 'r ins' -e 'a A'", '1\nX\nY\nA\n', '', 0],
    ['the name runs to the end of the line', "seq 2 | sed 'r ins; p'", '1\n2\n', '', 0],
    ['0r: before the first line', "seq 2 | sed '0r ins'", 'X\nY\n1\n2\n', '', 0],
    ['$r over several files is after the last', "sed '$r ins' f1 f2", '1\n2\n1\n2\n3\nX\nY\n', '', 0],
    ['-s: $ is each file\'s last line', "sed -s '$r ins' f1 f2", '1\n2\nX\nY\n1\n2\n3\nX\nY\n', '', 0],
    ['-i: into the edited file', "sed -i '1r ins' f1; cat f1", '1\nX\nY\n2\n', '', 0],
    ['missing filename (char 1)', 'seq 2 | sed r', '', 'sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n', 1],
    ['0 with another command', "seq 2 | sed '0p'", '', 'sed: -e expression #1, char 2: invalid usage of line address 0\n', 1],
  ]);
});

describe('GNU sed w and s///w (get_openfile, output_line)', () => {
  check(FILES, [
    ['w', "seq 4 | sed -n '/[24]/w evens'; cat evens", '2\n4\n', '', 0],
    ['s///w writes substituted lines', "seq 3 | sed 's/2/two/w changed'; cat changed", '1\ntwo\n3\ntwo\n', '', 0],
    ['one stream per file name', "seq 2 | sed -e 'w out' -e 's/1/X/w out'; cat out", 'X\n2\n1\nX\n2\n', '', 0],
    ['opened (truncated) when compiled', "echo old > w1; seq 2 | sed -n '5w w1'; cat w1", '', '', 0],
    ['opened before a later expression fails', "echo old > w2; seq 2 | sed -e 'w w2' -e 'k'; cat w2", '', "sed: -e expression #2, char 1: unknown command: `k'\n", 0],
    ['/dev/stdout', "seq 2 | sed 'w /dev/stdout'", '1\n1\n2\n2\n', '', 0],
    ['/dev/stderr', "seq 2 | sed -n '2w /dev/stderr'", '', '2\n', 0],
    ['a last line without newline stays so', "printf 'a\\nb' | sed -n 'w o'; cat o; echo '|'", 'a\nb|\n', '', 0],
    ['-s: one file for all inputs', "sed -s -n '$w last' f1 f2; cat last", '2\n3\n', '', 0],
    ['-i: /dev/stdout is the real stdout', "sed -i -e '2w /dev/stdout' f2; cat f2", '2\n1\n2\n3\n', '', 0],
    ['missing filename after s///w (char 7)', "seq 2 | sed 's/1/2/w'", '', 'sed: -e expression #1, char 7: missing filename in r/R/w/W commands\n', 1],
    ['missing filename after blanks', "seq 2 | sed 'w   '", '', 'sed: -e expression #1, char 4: missing filename in r/R/w/W commands\n', 1],
    ['a file that cannot be opened: panic, exit 4', "seq 2 | sed 'w nodir/x'", '', "sed: couldn't open file nodir/x: No such file or directory\n", 4],
    ['-s: a missing newline is written before the next file', "printf 'q' > f3; sed -s p f3 f1", 'q\nq\n1\n1\n2\n2\n', '', 0],
  ]);
});

const BB = "kubectl run b --image=busybox -- sleep 3600\nkubectl exec b -- sh -c \"printf 'X\\nY' > /tmp/i\"";

describe('busybox sed D, l, r, w (editors/sed.c)', () => {
  check(BB, [
    ['D', `kubectl exec b -- sh -c "seq 3 | sed '\\$!N;P;D'"`, '1\n2\n3\n', '', 0],
    ['l prints nothing', `kubectl exec b -- sh -c "seq 2 | sed -n 'l;p'"`, '1\n2\n', '', 0],
    ['l takes no length: what follows is the next command', `kubectl exec b -- sh -c "seq 2 | sed -n 'l 5'"`, '', 'sed: missing command\ncommand terminated with exit code 1\n', 1],
    ['r appends the lines, each with its newline', `kubectl exec b -- sh -c "seq 2 | sed '1r /tmp/i'"`, '1\nX\nY\n2\n', '', 0],
    ['0r: line 0 is no address', `kubectl exec b -- sh -c "seq 2 | sed '0r /tmp/i'"`, '1\nX\nY\n2\nX\nY\n', '', 0],
    ['r takes one address', `kubectl exec b -- sh -c "seq 3 | sed '1,2r /tmp/i'"`, '', "sed: command 'r' uses only one address\ncommand terminated with exit code 1\n", 1],
    ['empty filename', `kubectl exec b -- sh -c "seq 3 | sed w"`, '', 'sed: empty filename\ncommand terminated with exit code 1\n', 1],
    ['w', `kubectl exec b -- sh -c "seq 4 | sed -n '2,3w /tmp/o'; cat /tmp/o"`, '2\n3\n', '', 0],
    ['w cannot open', `kubectl exec b -- sh -c "seq 2 | sed 'w /nodir/x'"`, '', "sed: can't open '/nodir/x': No such file or directory\ncommand terminated with exit code 1\n", 1],
  ]);
});

describe('GNU sed s///e (compile.c mark_subst_opts, execute.c do_subst)', () => {
  check(FILES, [
    ['the replaced pattern space runs, its output replaces it', "echo 'echo hello' | sed 's/hello/world/e'", 'world\n', '', 0],
    ['each line that was substituted', "printf 'x\\ny\\n' | sed 's/.*/echo [&]/e'", '[x]\n[y]\n', '', 0],
    ['p before e prints the command', "echo a | sed -n 's/a/echo b/pe'", 'echo b\n', '', 0],
    ['p after e prints the output', "echo a | sed -n 's/a/echo b/ep'", 'b\n', '', 0],
    ['one trailing newline of the output is removed', `echo x | sed 's/x/printf "1\\\\n\\\\n"/e'`, '1\n\n', '', 0],
    ['nothing runs without a substitution', "echo 'echo a' | sed 's/z/y/e'", 'echo a\n', '', 0],
    ['nothing runs when the Nth match is missing', "echo 'echo a' | sed 's/a/b/3e'", 'echo a\n', '', 0],
    ['a last line without newline stays so', "printf x | sed 's/x/echo y/e'; echo '|'", 'y|\n', '', 0],
    ['a multi-line pattern space is one script', "printf 'echo 1\\necho 2\\n' | sed 'N;s/^/:;/e'", '1\n2\n', '', 0],
    ['t sees the substitution', "printf 'echo a\\nb\\n' | sed 's/^echo/echo/e;t;s/^/-/'", 'a\n-b\n', '', 0],
    ['w FILE gets the output', "echo a | sed 's/a/echo b/ew out'; cat out", 'b\nb\n', '', 0],
    ['/bin/sh is dash; its stderr is sed\'s', "echo x | sed 's/x/nosuchcmd/e'", '\n', 'sh: 1: nosuchcmd: not found\n', 0],
  ]);
});

describe('busybox sed has no s///e (editors/sed.c parse_subst_cmd)', () => {
  check('kubectl run b --image=busybox -- sleep 3600', [
    ['e is a bad option', `kubectl exec b -- sh -c "echo a | sed 's/a/echo b/e'"`, '', 'sed: bad option in substitution expression\ncommand terminated with exit code 1\n', 1],
    ['after p too', `kubectl exec b -- sh -c "echo a | sed -n 's/a/echo b/pe'"`, '', 'sed: bad option in substitution expression\ncommand terminated with exit code 1\n', 1],
  ]);
});

describe('mawk run-time texts', () => {
  check("printf 'a\\nb c\\n' > f", [
    ['division by zero is IEEE inf', "awk 'BEGIN { x = 5; x /= 0; print 1/0, -1/0, x }'", 'inf -inf inf\n', '', 0],
    ['negative field index (stdin: FILENAME "-")', "echo a b | awk '{ print $(NF-3) }'", '', 'awk: run time error: negative field index $-1\n\tFILENAME="-" FNR=1 NR=1\n', 2],
    ['negative field index in a file', "awk '{ i = NF - 2; print $i }' f", '', 'awk: run time error: negative field index $-1\n\tFILENAME="f" FNR=1 NR=1\n', 2],
    ['in BEGIN, after what was printed', "awk 'BEGIN { print \"x\"; $(-0.5) = 1 }'", 'x\n', 'awk: run time error: negative field index $-0.5\n\tFILENAME="" FNR=0 NR=0\n', 2],
    ['functions never defined, last call first', "awk 'BEGIN { print 1; foo(1); bar() }'", '', 'awk: line 1: function bar never defined\nawk: line 1: function foo never defined\n', 2],
    ['cannot open', "awk 'BEGIN { print \"b\" } { print } END { print \"e\" }' nofile", 'b\n', 'awk: cannot open nofile (No such file or directory)\n', 2],
    ['FILENAME is "-" for standard input', "echo hi | awk '{ print FILENAME }'", '-\n', '', 0],
  ]);
  check('kubectl run b --image=busybox -- sleep 3600', [
    ['busybox: a user function call stays outside the subset', "kubectl exec b -- awk 'BEGIN { foo() }'", '', 'awk: cmd. line:1: Unexpected token\ncommand terminated with exit code 1\n', 1],
    ['busybox: division by zero', "kubectl exec b -- awk 'BEGIN { print 1/0 }'", '', 'awk: cmd. line:1: Division by zero\ncommand terminated with exit code 2\n', 2],
  ]);
});

// not a real text: the simulator's guard (like the shell's loop limit), so that a script that never ends
// cannot hang the reader's page; real sed runs until it is interrupted
describe('sed scripts and awk loops that never end stop at the simulator limit', () => {
  check('true', [
    ['an endless branch', "echo a | sed ':a;ba'", '', 'sed: loop limit reached (1000000 commands)\n', 1],
    ['D restarting the cycle forever', "echo a | sed 'G;D'", '', 'sed: loop limit reached (1000000 commands)\n', 1],
    ['buffers that keep doubling', "echo ab | sed ':a;H;x;ba'", '', 'sed: loop limit reached (1000000 commands)\n', 1],
    ['an awk for (;;), after what it printed', "awk 'BEGIN { print 1; for (;;); }'", '1\n', 'awk: loop limit reached (1000000 iterations)\n', 2],
    ['an awk while (1)', "awk 'BEGIN { while (1) x++ }'", '', 'awk: loop limit reached (1000000 iterations)\n', 2],
  ]);
});
