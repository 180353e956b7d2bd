/**
 * curl's progress meter on stderr.
 *
 * Sources (curl, the versions of the modelled images: noble 8.5.0, trixie 8.14.1, bookworm 7.88.1, all before
 * 8.17's six-column sizes):
 * - lib/progress.c: time2str, max5data, pgrs_est_percent, trspeed, progress_calc (an update shows when tv_sec
 *   differs from `lastshow`; CURR_TIME = 6 speed records), progress_meter (the two header lines once, then "\r" +
 *   `%3d %s  %3d %s  %3d %s  %s  %s %s %s %s %s`), Curl_pgrsDone (forced update, then "\n").
 * - lib/multi.c: the first update when a connection exists (end of multi_runsingle); multi_done calls
 *   Curl_pgrsDone, also on connect/TLS/HTTP errors; a failed name resolution drops the connection without it.
 * - src/tool_operate.c single_transfer: "we send the output to a tty, therefore we switch off the progress meter"
 *   (isatty of the output stream: stdout, or the -o file); post_per_transfer: error text, stdout flush, the -#
 *   bar's newline, then --write-out.
 * - src/tool_cb_prg.c tool_progress_cb: the -# bar, width $COLUMNS or 79, "\r%-72s %5.1f%%".
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { max5data, time2str } from '../../sim/network/progress';

type C = ReturnType<typeof createCluster>;

function run(c: C, script: string) {
  const r = c.run(script);
  return {
    out: r.output.filter((o) => o.stream === 'stdout').map((o) => o.text).join(''),
    err: r.output.filter((o) => o.stream === 'stderr').map((o) => o.text).join(''),
    code: r.exitCode,
    output: r.output,
  };
}

const HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';
/** nothing transferred yet, no time spent */
const ZERO = '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';
/** nginx's 615-byte welcome page in the simulated 2 ms: 615 * 1000 / 2 = 307500 B/s = 300k */
const NGINX = '\r100   615  100   615    0     0   300k      0 --:--:-- --:--:-- --:--:--  300k';

function cluster(): { c: C; ip: string } {
  const c = createCluster();
  run(c, 'kubectl run web --image=nginx:1.29\nkubectl run app --image=kubetm/app');
  return { c, ip: run(c, "kubectl get pod web -o jsonpath='{.status.podIP}'").out };
}

describe('lib/progress.c formatting', () => {
  it.each([
    [0, '--:--:--'],
    [-3, '--:--:--'],
    [1, ' 0:00:01'],
    [62, ' 0:01:02'],
    [3599, ' 0:59:59'],
    [99 * 3600 + 59 * 60 + 59, '99:59:59'],
    [100 * 3600, '  4d 04h'],
    [1000 * 86400, '   1000d'],
  ])('time2str(%i) = %j', (secs, text) => expect(time2str(secs)).toBe(text));

  it.each([
    [0, '    0'],
    [615, '  615'],
    [99999, '99999'],
    [100000, '  97k'],
    [307500, ' 300k'],
    [10000 * 1024 - 1, '9999k'],
    [10000 * 1024, ' 9.7M'],
    [100 * 1024 * 1024, ' 100M'],
    [100 * 1024 ** 3, ' 100G'],
  ])('max5data(%i) = %j', (bytes, text) => expect(max5data(bytes)).toBe(text));
});

describe('when curl prints the meter (tool_operate.c: off when the output goes to a terminal)', () => {
  it.each([
    ['at the prompt: stdout is the terminal', 'curl IP', false],
    ['piped', 'curl IP | head -n 1', true],
    ['captured by $(…)', 'X=$(curl IP)', true],
    ['redirected to a file', 'curl IP > page.html', true],
    ['-o FILE: the output stream is the file, even at a terminal', 'curl -o page.html IP', true],
    ['-o /dev/null', 'curl -o /dev/null IP', true],
    ['-o - is stdout', 'curl -o - IP', false],
    ['-s', 'curl -s IP | head -n 1', false],
    ['--silent', 'curl --silent -o page.html IP', false],
    ['--no-progress-meter', 'curl --no-progress-meter IP | head -n 1', false],
    ['-S alone keeps it', 'curl -S IP | head -n 1', true],
    ["sh -c at the prompt: the same terminal", "sh -c 'curl IP'", false],
    ['env at the prompt', 'env curl IP', false],
    ["sh -c with its output piped", "sh -c 'curl IP' | head -n 1", true],
    ['kubectl exec without -t: the container writes to pipes', 'kubectl exec app -- curl IP', true],
    ["kubectl exec … -- sh -c", "kubectl exec app -- sh -c 'curl IP'", true],
    ['kubectl exec -i without a terminal on stdin', 'echo | kubectl exec -i app -- curl IP', true],
    ['kubectl exec -it at the prompt: a pty', 'kubectl exec -it app -- curl IP', false],
  ])('%s', (_, cmd, shown) => {
    const { c, ip } = cluster();
    const r = run(c, cmd.replace('IP', ip));
    expect(r.code).toBe(0);
    if (shown) expect(r.err).toBe(`${HEADER}${ZERO}${NGINX}\n`);
    else expect(r.err).not.toContain('% Total');
  });

  it('inside an interactive shell (kubectl exec -it … -- sh) stdout is the terminal: no meter', () => {
    const { c, ip } = cluster();
    run(c, 'kubectl exec -it app -- sh');
    expect(run(c, `curl ${ip}`)).toMatchObject({ err: '', code: 0 });
    expect(run(c, `curl ${ip} | head -n 1`).err).toBe(`${HEADER}${ZERO}${NGINX}\n`);
  });
});

describe('what the meter shows', () => {
  it('an instant transfer: the first update at the start, the forced one at the end, then the body from the stdio buffer', () => {
    const { c, ip } = cluster();
    const r = run(c, `kubectl exec app -- curl ${ip}`);
    expect(r.output.map((o) => o.stream)).toEqual(['stderr', 'stdout']);
    expect(r.output[0].text).toBe(`${HEADER}${ZERO}${NGINX}\n`);
    expect(r.out.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('size unknown (no Content-Length): the total is what arrived, no received percentage', () => {
    const { c } = cluster();
    // Go's TLS server answering plain HTTP: 48 bytes, no headers; 48 * 1000 / 2 = 24000 B/s
    const r = run(c, 'kubectl exec app -- curl 10.96.0.1:443');
    expect(r.err).toBe(`${HEADER}${ZERO}\r100    48    0    48    0     0  24000      0 --:--:-- --:--:-- --:--:-- 24000\n`);
    expect(r.out).toBe('Client sent an HTTP request to an HTTPS server.\n');
  });

  it('-I: the size is known from Content-Length (http_size), nothing received', () => {
    const { c, ip } = cluster();
    const r = run(c, `kubectl exec app -- curl -I ${ip}`);
    expect(r.err).toBe(`${HEADER}${ZERO}\r  0   615    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n`);
  });

  it('connection refused: the forced update of multi_done, a newline, then the error', () => {
    const { c, ip } = cluster();
    const r = run(c, `kubectl exec app -- curl ${ip}:81`);
    expect(r.err).toBe(`${HEADER}${ZERO}${ZERO}\ncurl: (7) Failed to connect to ${ip} port 81 after 1 ms: Couldn't connect to server\ncommand terminated with exit code 7\n`);
  });

  it('name not resolved: no forced update, the error follows the meter line directly', () => {
    const { c } = cluster();
    const r = run(c, 'kubectl exec app -- curl nowhere');
    expect(r.err).toBe(`${HEADER}${ZERO}curl: (6) Could not resolve host: nowhere\ncommand terminated with exit code 6\n`);
  });

  it('waiting: one update per wall-clock second (lastshow = tv_sec), Spent counts whole seconds', () => {
    const { c } = cluster();
    const start = c.sim.clock.now();
    const r = run(c, 'kubectl exec app -- curl --connect-timeout 2 10.1.2.3');
    const lines = r.err.slice(HEADER.length).split('\n')[0].split('\r').slice(1);
    // the start, each second boundary before the end (2001 ms later), the forced last update
    const boundaries = Math.floor((start + 2001 - 1) / 1000) - Math.floor(start / 1000);
    expect(lines.length).toBe(2 + boundaries);
    expect(lines.at(-1)).toBe('  0     0    0     0    0     0      0      0 --:--:--  0:00:02 --:--:--     0');
    expect(r.err).toContain('\ncurl: (28) Failed to connect to 10.1.2.3 port 80 after 2001 ms: Timeout was reached\n');
  });

  it.each([
    ['-sS: no meter, the error', '-sS', 'curl: (7) Failed to connect to IP port 81 after 1 ms: Couldn\'t connect to server\n'],
    ['-s: nothing', '-s', ''],
    ['-S: meter and error', '-S', `${HEADER}${ZERO}${ZERO}\ncurl: (7) Failed to connect to IP port 81 after 1 ms: Couldn't connect to server\n`],
    ['--no-progress-meter: the error only', '--no-progress-meter', 'curl: (7) Failed to connect to IP port 81 after 1 ms: Couldn\'t connect to server\n'],
  ])('%s', (_, flags, err) => {
    const { c, ip } = cluster();
    const r = run(c, `curl ${flags} ${ip}:81 | cat`);
    expect(r.err).toBe(err.replace('IP', ip));
  });

  it('-w after an error: meter, error, then the write-out on stdout (post_per_transfer order)', () => {
    const { c, ip } = cluster();
    const r = run(c, `kubectl exec app -- curl -o /dev/null -w '%{http_code}\\n' ${ip}:81`);
    expect(r.output.map((o) => [o.stream, o.text])).toEqual([
      ['stderr', `${HEADER}${ZERO}${ZERO}\ncurl: (7) Failed to connect to ${ip} port 81 after 1 ms: Couldn't connect to server\n`],
      ['stdout', '000\n'],
      ['stderr', 'command terminated with exit code 7\n'],
    ]);
  });

  it('-# draws the bar instead: 72 columns of # at 100.0% (width 79 without $COLUMNS), then a newline', () => {
    const { c, ip } = cluster();
    expect(run(c, `kubectl exec app -- curl -# -o /tmp/page ${ip}`).err).toBe(`\r${'#'.repeat(72)} 100.0%\n`);
    expect(run(c, `kubectl exec app -- env COLUMNS=40 curl -# -o /tmp/page ${ip}`).err).toBe(`\r${'#'.repeat(33)} 100.0%\n`);
  });

  it('kubectl run -i (no tty): the container log keeps the meter before the body; with -t the pty hides it', () => {
    const { c, ip } = cluster();
    const r = run(c, `kubectl run t --image=nginx:1.29 --restart=Never --rm -i -- curl ${ip}`);
    expect(r.out.startsWith(`${HEADER}${ZERO}${NGINX}\n<!DOCTYPE html>`)).toBe(true);
    const t = run(c, `kubectl run t2 --image=nginx:1.29 --restart=Never --rm -it -- curl ${ip}`);
    expect(t.out.startsWith('<!DOCTYPE html>')).toBe(true);
  });
});
