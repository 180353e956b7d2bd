/**
 * GNU sed R, W, F, z, Q, q EXIT-CODE and e; busybox sed's texts for them; awk getline (all its forms) and close()
 * in mawk and busybox (sim/shell/text-utils.ts).
 * Sources:
 * - GNU sed execute.c execute_program ('R': `ck_getdelim` one line of the file, its newline kept, into the append
 *   queue, nothing at EOF; 'W': output_line up to the first newline; 'F': output_missing_newline, then
 *   input->in_file_name and a newline; 'z': `line.length = 0`; 'q': autoprint, dump_append_queue, then like 'Q':
 *   `return MAX (0, MIN (cur_cmd->x.int_arg, INT_MAX))`; 'e': popen, `e command` output written raw after
 *   output_missing_newline, bare `e` replaces the pattern space, one trailing newline removed), process_files
 *   (`if (input.bad_count) status = EXIT_BAD_INPUT`), open_next_file (in_file_name "-" for stdin).
 * - GNU sed compile.c compile_program ('q'/'Q': "command only uses one address", in_nonblank + in_integer, then
 *   read_end_of_cmd "extra characters after command"; 'F', 'z': read_end_of_cmd; 'R': get_openfile(&file_read,
 *   read_mode, false); 'W': get_openfile(&file_write, write_mode, true), shared with 'w'; 'e': empty → the pattern
 *   space, else read_text_to_slash), get_openfile ("missing filename in r/R/w/W commands", /dev/stdin special).
 * - busybox editors/sed.c parse_cmd_args (cmd_letters "saicrw:btTydDgGhHlnNpPqx={}": "unsupported command %c"),
 *   add_cmd (no separator needed between commands: "We also allow 'pd'"; `q5` leaves address 5 without a command:
 *   "missing command").
 * - mawk bi_funct.c bi_getline (NR/FNR only for the main input; 1, 0 at EOF, -1 when the file cannot be opened;
 *   the record a C_MBSTRN), bi_close/files.c file_close (-1 when not open, 0 for a file, the command's exit status
 *   through wait_for/wait_status), files.c get_pipe (/bin/sh -c), fin.c FINopen ("-" and /dev/stdin are stdin),
 *   parse.y (`p_expr PIPE GETLINE [fvalue]`, `getline [fvalue] IO_IN p_expr`: PIPE and IO_IN bind tighter than
 *   concatenation).
 * - busybox editors/awk.c evaluate OC_GETLINE/OC_PGETLINE (`if (i > 0 && !op1)` NR and FNR; -1 when
 *   fopen_for_read fails), F_cl (pclose's raw status, -1 when not open), tokeninfo OC_PGETLINE P(37) after
 *   concatenation, parse_expr (the `<` after getline a concatenation node P(37)).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { check, type Case } from './shell-cases';

const FILES = "printf 'X\\nY' > rf; printf 'X\\nY\\n' > ins; seq 2 > f1; seq 1 > one; printf 'a b\\nc d\\n' > f; printf 'x y z\\n' > g";

describe('GNU sed R and W (execute.c execute_program, compile.c get_openfile)', () => {
  check(FILES, [
    ['R: one line per execution, the last one without its missing newline', "seq 4 | sed 'R rf'", '1\nX\n2\nY3\n4\n', '', 0],
    ['R of a missing file reads nothing', "seq 2 | sed 'R nofile'", '1\n2\n', '', 0],
    ['two R of one file share its position', "seq 2 | sed -e 'R ins' -e 'R ins'", '1\nX\nY\n2\n', '', 0],
    ['R /dev/stdin', "printf 'A\\nB\\n' | sed 'R /dev/stdin' f1", '1\nA\n2\nB\n', '', 0],
    ['R without a file name', "seq 1 | sed R", '', 'sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n', 1],
    ['W writes up to the first newline', "seq 3 | sed -n '$!N;W out'; cat out", '1\n3\n', '', 0],
    ['W and w of one name are one stream', "seq 2 | sed -n -e 'w o' -e 'W o'; cat o", '1\n1\n2\n2\n', '', 0],
    ['W without a file name', 'seq 1 | sed W', '', 'sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n', 1],
  ]);
});

describe('GNU sed F and z (execute.c execute_program)', () => {
  check(FILES, [
    ['F: the file name, - for standard input', 'sed F one - < one', 'one\n1\n-\n1\n', '', 0],
    ['F names the file the line came from', "sed -n '1F;$F' f1 one", 'f1\none\n', '', 0],
    ['F with -s', "sed -s -n '$F' f1 one", 'f1\none\n', '', 0],
    ['F after a missing newline', "printf 'a' | sed 'p;F'", 'a\n-\na', '', 0],
    ['F takes no argument', 'seq 1 | sed Fx', '', 'sed: -e expression #1, char 2: extra characters after command\n', 1],
    ['z empties the pattern space', 'seq 3 | sed 2z', '1\n\n3\n', '', 0],
    ['z then s', "echo abc | sed 'z;s/^$/empty/'", 'empty\n', '', 0],
  ]);
});

describe('GNU sed q EXIT-CODE and Q (execute.c execute_program, compile.c compile_program)', () => {
  check(FILES, [
    ['Q quits without printing', 'seq 5 | sed 3Q', '1\n2\n', '', 0],
    ['Q with an exit code', "seq 5 | sed '2Q7'", '1\n', '', 7],
    ['q with an exit code', "seq 5 | sed 'q5'", '1\n', '', 5],
    ['q EXIT-CODE after blanks', "seq 5 | sed '1q 3'", '1\n', '', 3],
    ['the exit status is the code modulo 256', 'seq 2 | sed q256', '1\n', '', 0],
    ['q writes the append queue', "seq 2 | sed -e '1a A' -e 1q", '1\nA\n', '', 0],
    ['Q drops the append queue', "seq 2 | sed -e '1a A' -e 1Q", '', '', 0],
    ['Q takes one address', "seq 3 | sed '1,2Q'", '', 'sed: -e expression #1, char 4: command only uses one address\n', 1],
    ['extra characters after the code', "seq 3 | sed 'q5x'", '', 'sed: -e expression #1, char 3: extra characters after command\n', 1],
    ['an unreadable input makes the status 2 whatever q says', 'sed q5 nofile f1', '1\n', "sed: can't read nofile: No such file or directory\n", 2],
    ['q with -i ends the run: the next file is left alone', "seq 3 > i1; seq 3 > i2; sed -i 2q i1 i2; cat i1 i2", '1\n2\n1\n2\n3\n', '', 0],
  ]);
});

describe('GNU sed e (execute.c execute_program, popen)', () => {
  check(FILES, [
    ['e command: its output before the line', "seq 2 | sed '1e echo hi'", 'hi\n1\n2\n', '', 0],
    ['bare e runs the pattern space and keeps the output', "echo 'echo one; echo two' | sed e", 'one\ntwo\n', '', 0],
    ['e command output is written raw', "seq 2 | sed '1e printf X'", 'X1\n2\n', '', 0],
    ['e command after a missing newline', "printf 'a' | sed 'p;e echo X'", 'a\nX\na', '', 0],
    ['e with -i writes into the file', "seq 2 > ef; sed -i '1e echo top' ef; cat ef", 'top\n1\n2\n', '', 0],
  ]);
});

const BB = 'kubectl run b --image=busybox -- sleep 3600';
const bbFail = (cmd: string, text: string): Case => [`busybox: ${text}`, `kubectl exec b -- sh -c "seq 3 | sed '${cmd}'"`, '', `sed: ${text}\ncommand terminated with exit code 1\n`, 1];

describe('busybox sed (editors/sed.c parse_cmd_args, add_cmd)', () => {
  check(BB, [
    bbFail('R /tmp/x', 'unsupported command R'),
    bbFail('W /tmp/x', 'unsupported command W'),
    bbFail('F', 'unsupported command F'),
    bbFail('2z', 'unsupported command z'),
    bbFail('2Q', 'unsupported command Q'),
    bbFail('e echo hi', 'unsupported command e'),
    bbFail('q5', 'missing command'),
    ['busybox: no separator needed between commands', `kubectl exec b -- sh -c "seq 2 | sed -n '1pp'"`, '1\n1\n2\n', '', 0],
    ['busybox: no separator needed after y either', `kubectl exec b -- sh -c "echo abc | sed -n y/a/x/p"`, 'xbc\n', '', 0],
  ]);
});

describe('mawk getline (bi_funct.c bi_getline, files.c, fin.c FINopen, parse.y)', () => {
  check(FILES, [
    ['getline: next record into $0, NR and FNR counted', "seq 5 | awk 'NR==1 { getline; print \"got\", $0, NR, FNR, NF } { print NR\": \"$0 }'", 'got 2 2 2 1\n2: 2\n3: 3\n4: 4\n5: 5\n', '', 0],
    ['getline var: $0 kept, 0 at the end of input', "seq 3 | awk '{ r = getline v; print $0, v, r, NR }'", '1 2 1 2\n3 2 0 3\n', '', 0],
    ['getline var < file leaves NR alone', "awk 'BEGIN { while ((getline line < \"f\") > 0) print \"L:\" line, NR }'", 'L:a b 0\nL:c d 0\n', '', 0],
    ['getline < a missing file is -1', "awk 'BEGIN { print (getline x < \"nope\") }'", '-1\n', '', 0],
    ['getline < file sets $0 and NF', "awk 'BEGIN { getline < \"g\"; print $2, NF, NR }'", 'y 3 0\n', '', 0],
    ['cmd | getline sets $0 and NF, not NR', "awk 'BEGIN { \"echo hi there\" | getline; print $2, NF, NR }'", 'there 2 0\n', '', 0],
    ['close: the exit status of a command, -1 when not open', "awk 'BEGIN { c = \"echo a; exit 3\"; c | getline v; print v, close(c), close(\"zz\") }'", 'a 3 -1\n', '', 0],
    ['close of a file is 0 and reading starts over', "awk 'BEGIN { getline a < \"f\"; r = close(\"f\"); getline b < \"f\"; print r, (a == b) }'", '0 1\n', '', 0],
    ['the pipe takes the primary before it, not the concatenation', "awk 'BEGIN { x = \"echo \"; x \"echo\" | getline y; print \"[\" y \"]\" }'", '[]\n', '', 0],
    ['getline in BEGIN takes the first record', "seq 3 | awk 'BEGIN { getline; print \"begin\", $0 } { print }'", 'begin 1\n2\n3\n', '', 0],
    ['FILENAME is set when getline opens the main input', "awk 'BEGIN { getline; print FILENAME, $0 }' f", 'f a b\n', '', 0],
    ['getline in END: 0', "seq 2 | awk 'END { print getline, NR }'", '0 2\n', '', 0],
    ['getline reads on through the operands', "awk 'BEGIN { while (getline l) n++; print n, NR, FILENAME }' f g", '3 3 g\n', '', 0],
    ['a record read by getline is a strnum', "awk 'BEGIN { \"echo 10\" | getline n; if (n > 9) print \"num\" }'", 'num\n', '', 0],
    ['getline < \"-\" is standard input', "printf 'p\\nq\\n' | awk 'BEGIN { getline a < \"-\"; print a }'", 'p\n', '', 0],
  ]);
});

describe('busybox awk getline (editors/awk.c evaluate OC_GETLINE, OC_PGETLINE, F_cl)', () => {
  const ex = (prog: string) => `kubectl exec b -- awk '${prog}'`;
  check(`${BB}\nkubectl exec b -- sh -c "printf 'a b\\nc d\\n' > /tmp/f"`, [
    ['busybox: the pipe takes the concatenation', ex('BEGIN { x = "echo "; x "echo" | getline y; print "[" y "]" }'), '[echo]\n', '', 0],
    ['busybox: close gives pclose\'s wait status, -1 when not open', ex('BEGIN { "exit 3" | getline; print close("exit 3"), close("nope") }'), '768 -1\n', '', 0],
    ['busybox: the file after < takes a concatenation', ex('BEGIN { d = "/tmp"; while ((getline l < d "/f") > 0) print l }'), 'a b\nc d\n', '', 0],
    ['busybox: getline counts NR', `kubectl exec b -- sh -c "seq 3 | awk '{ getline; print NR, \\$0 }'"`, '2 2\n3 3\n', '', 0],
    ['busybox: "-" is a file name', `kubectl exec b -- sh -c "seq 3 | awk 'BEGIN { print (getline x < \\"-\\") }'"`, '-1\n', '', 0],
  ]);
});

// popen(3) runs `/bin/sh -c`, which on the node (Ubuntu) is dash
describe('commands of sed e and awk getline pipes run in /bin/sh', () => {
  it.each([
    ['sed e', "echo x | sed 'e nosuchcmd'", 'x\n', 'sh: 1: nosuchcmd: not found\n'],
    ['awk cmd | getline', `awk 'BEGIN { "nosuchcmd" | getline x; print "[" x "]" }'`, '[]\n', 'sh: 1: nosuchcmd: not found\n'],
  ])('%s', (_n, script, stdout, stderr) => {
    const r = createCluster().run(script);
    expect({ stdout: r.stdout, stderr: r.stderr }).toEqual({ stdout, stderr });
  });
});

// mawk array.c (array.w): find_by_ival/find_by_sval (move to front), add_string_associations,
// convert_split_array_to_table, double_the_hash_table, array_loop_vector (no qsort unless WHINY_USERS); hash.c
// hash2 (FNV-1). Expected orders checked against mawk 1.3.4 20200120 (Debian/Ubuntu's build).
describe('mawk for (k in a) order (array.c array_loop_vector)', () => {
  check('', [
    ['string keys', "printf 'web 1\\napi 2\\ndb 3\\ncache 4\\n' | awk '{a[$1]=$2} END {for (k in a) print k, a[k]}'", 'db 3\napi 2\nweb 1\ncache 4\n', '', 0],
    ['integer keys (ilists, then string associations)', "awk 'BEGIN { for (i = 1; i <= 5; i++) a[i]; for (k in a) printf \"%s \", k; print \"\" }'", '3 5 2 1 4 \n', '', 0],
    ['split() vector', "awk 'BEGIN { split(\"a b c d e\", p); for (k in p) printf \"%s \", k; print \"\" }'", '3 5 2 1 4 \n', '', 0],
    ['a lookup moves a key to the front of its list', "awk 'BEGIN { a[\"x\"]; a[\"y\"]; a[\"z\"]; a[1]; a[2]; (\"x\" in a); for (k in a) printf \"%s \", k; print \"\" }'", 'x 2 1 z y \n', '', 0],
    ['delete', "awk 'BEGIN { a[\"b\"]; a[\"a\"]; a[\"b\"]; a[\"c\"]; delete a[\"a\"]; a[3]; for (k in a) printf \"%s \", k; print \"\" }'", '3 c b \n', '', 0],
    ['1000 integer keys: the table doubled', "awk 'BEGIN { for (i = 1; i <= 1000; i++) a[i]; for (k in a) if (n++ < 8) printf \"%s \", k; print \"\" }'", '243 94 979 588 702 171 513 374 \n', '', 0],
    ['1000 string keys', "awk 'BEGIN { for (i = 1; i <= 1000; i++) a[\"k\" i]; for (k in a) if (n++ < 8) printf \"%s \", k; print \"\" }'", 'k990 k653 k477 k301 k827 k742 k553 k526 \n', '', 0],
  ]);
});

// busybox editors/awk.c (1.37) hashidx, hash_find (`++hash->nel > hash->csize * 8` grows to 251 buckets),
// hash_clear (split and delete keep the bucket count), hashwalk_init (bucket 0 up, each from its head)
describe('busybox awk for (k in a) order (hash_find, hashwalk_init)', () => {
  const ex = (prog: string) => `kubectl exec b -- awk '${prog}'`;
  check(BB, [
    ['busybox: integer keys', ex('BEGIN { for (i = 1; i <= 5; i++) a[i]; for (k in a) printf "%s ", k; print "" }'), '1 2 3 4 5 \n', '', 0],
    ['busybox: by bucket ("b~" 6300 % 61 = 17, "ab" 6209 % 61 = 48)', ex('BEGIN { a["ab"]; a["b~"]; for (k in a) printf "%s ", k; print "" }'), 'b~ ab \n', '', 0],
    ['busybox: one bucket ("a" 97 and "$" 36 mod 61), newest first', ex('BEGIN { a["a"]; a["$"]; for (k in a) printf "%s ", k; print "" }'), '$ a \n', '', 0],
  ]);
});

// mawk files.c (file_find, file_close, file_flush, get_pipe's fflush(stdout), close_out_pipes in file_list order,
// output_failed), bi_funct.c bi_fflush, parse.y `pr_direction : IO_OUT expr`. Checked against mawk 1.3.4 20200120.
describe('mawk output redirection (files.c, parse.y pr_direction)', () => {
  check('', [
    ['into a pipe: a command runs at exit, before the buffered stdout', `awk 'BEGIN { print "a"; print "b" | "cat"; print "c" }' | cat`, 'a\nb\nc\n', '', 0],
    ['> truncates when opened, >> appends', `awk 'BEGIN { print "x" > "o1"; print "y" >> "o1"; close("o1"); print "z" >> "o1" }'; cat o1`, 'x\ny\nz\n', '', 0],
    ['close of a command: its status; not open: -1', `awk 'BEGIN { print "3\\n1\\n2" | "sort"; r = close("sort"); print "r=" r; print close("sort"), close("o9") }'`, '1\n2\n3\nr=0\n-1 -1\n', '', 0],
    ['close gives the exit status', `awk 'BEGIN { print "hi" | "cat; exit 5"; print close("cat; exit 5") }'`, 'hi\n5\n', '', 0],
    ['print a > b c writes to the concatenation', `awk 'BEGIN { a = "o"; b = "2"; print "v" > a b; close("o2"); getline l < "o2"; print l }'`, 'v\n', '', 0],
    ['print (a > b) compares', `awk 'BEGIN { print (2 > 1) }'`, '1\n', '', 0],
    ['printf > file', `awk 'BEGIN { printf "%s-%s\\n", "p", "q" > "o3" }'; cat o3`, 'p-q\n', '', 0],
    ['/dev/stderr, /dev/stdout, fflush results', `awk 'BEGIN { print "e" > "/dev/stderr"; print "s" > "/dev/stdout"; print fflush(), fflush("nope"), fflush("") }'`, 's\n0 -1 0\n', 'e\n', 0],
    ['a file that cannot be opened', `awk 'BEGIN { print "x" > "/nodir/f" }'`, '', 'awk: cannot open "/nodir/f" for output (No such file or directory)\n', 2],
    ['print > file without arguments prints $0', `echo k | awk '{ print > "o4" } END { print "end" }'; cat o4`, 'end\nk\n', '', 0],
    ['at exit the command runs before the file it reads is written', `awk 'BEGIN { print "a" > "o5"; print "b" | "cat o5" }'`, '', '', 0],
  ]);
});

// busybox editors/awk.c OC_PRINT (xfopen "w"/"a", popen "w", fflush after each print), F_cl, awk_exit
describe('busybox awk output redirection (OC_PRINT, F_cl, awk_exit)', () => {
  const ex = (prog: string) => `kubectl exec b -- awk '${prog}'`;
  check(BB, [
    ['busybox: > and >>', `kubectl exec b -- sh -c "awk 'BEGIN { print 1 > \\"/tmp/o\\"; print 2 >> \\"/tmp/o\\" }'; cat /tmp/o"`, '1\n2\n', '', 0],
    // OC_PRINT fflush(stdout) after each print: "c" is out before the command reads its end of file at exit
    ['busybox: a command runs at exit, after what awk printed', ex('BEGIN { print "a"; print "b" | "cat"; print "c" }'), 'a\nc\nb\n', '', 0],
    ['busybox: close of a command gives the raw wait status', ex('BEGIN { print "x" | "cat; exit 2"; print close("cat; exit 2") }'), 'x\n512\n', '', 0],
    ['busybox: a file that cannot be opened', ex('BEGIN { print "x" > "/nodir/f" }'), '', "awk: can't open '/nodir/f': No such file or directory\ncommand terminated with exit code 1\n", 1],
  ]);
});

// mawk's stdout is a stdio stream: line-buffered on a terminal (the reader's), fully buffered into a pipe, so the
// command of `print | "cat"` (run when closed at exit) prints after "c" on a terminal and before it in a pipe.
// Checked against mawk 1.3.4 20200120 under script(1) and into a pipe.
describe('mawk stdout buffering against an output command', () => {
  it('terminal: a c b; pipe: a b c', () => {
    const prog = `awk 'BEGIN { print "a"; print "b" | "cat"; print "c" }'`;
    const [tty, pipe] = createCluster().transcript(`${prog}\n${prog} | cat`);
    expect([tty.result.stdout, pipe.result.stdout]).toEqual(['a\nc\nb\n', 'a\nb\nc\n']);
  });
});
