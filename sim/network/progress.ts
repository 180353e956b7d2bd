/**
 * curl's progress output on stderr, as the curl versions of the modelled images print it (noble 8.5.0, trixie
 * 8.14.1, bookworm 7.88.1: all before 8.17's six-column sizes).
 *
 * - The meter (libcurl lib/progress.c, `progress_calc` + `progress_meter`): two header lines at the first update,
 *   then `\r` + one data line per update; updates show at most once per wall-clock second (`lastshow` holds
 *   tv_sec) except the forced one of `Curl_pgrsDone`, which is followed by `\n`.
 * - The bar of `-#` (src/tool_cb_prg.c `tool_progress_cb`, `fly`): `\r` + `#`s + ` 100.0%` once the size is
 *   known, the flying `-=O=-` while it is not; the tool ends it with `\n` after the transfer.
 *
 * Times are simulated milliseconds from the injected clock; curl's tv_sec is floor(ms / 1000).
 */

/** lib/progress.c time2str: `%2d:%02d:%02d`, or `--:--:--` for zero, days past 99 hours. */
export function time2str(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.floor(seconds / 3600);
  if (h <= 99) {
    const m = Math.floor((seconds - h * 3600) / 60);
    const s = seconds - h * 3600 - m * 60;
    return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  }
  const d = Math.floor(seconds / 86400);
  const hh = Math.floor((seconds - d * 86400) / 3600);
  return d <= 999 ? `${String(d).padStart(3)}d ${String(hh).padStart(2, '0')}h` : `${String(d).padStart(7)}d`;
}

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;
const TB = 1024 * GB;

/** lib/progress.c max5data: at most five columns, 1024-based k/M/G/T/P suffixes. */
export function max5data(bytes: number): string {
  const n = (v: number, w: number) => String(Math.floor(v)).padStart(w);
  if (bytes < 100000) return n(bytes, 5);
  if (bytes < 10000 * KB) return n(bytes / KB, 4) + 'k';
  if (bytes < 100 * MB) return `${n(bytes / MB, 2)}.${Math.floor((bytes % MB) / (MB / 10))}M`;
  if (bytes < 10000 * MB) return n(bytes / MB, 4) + 'M';
  if (bytes < 100 * GB) return `${n(bytes / GB, 2)}.${Math.floor((bytes % GB) / (GB / 10))}G`;
  if (bytes < 10000 * GB) return n(bytes / GB, 4) + 'G';
  if (bytes < 10000 * TB) return n(bytes / TB, 4) + 'T';
  return n(bytes / (1024 * TB), 4) + 'P';
}

/** lib/progress.c pgrs_est_percent */
function percent(total: number, cur: number): number {
  if (total > 10000) return Math.floor(cur / Math.floor(total / 100));
  if (total > 0) return Math.floor((cur * 100) / total);
  return 0;
}

/** lib/progress.c trspeed: bytes per second from microseconds */
function trspeed(size: number, us: number): number {
  return us < 1 ? size * 1000000 : Math.floor((size * 1000000) / us);
}

/** lib/progress.h CURR_TIME: seconds of history for the current speed (5 + 1 records). */
const CURR_TIME = 6;

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** The download side of libcurl's progress state (curl never uploads here). */
export class ProgressMeter {
  private lastshow = 0;
  private headersOut = false;
  private readonly speeder: number[] = [];
  private readonly speederTime: number[] = [];
  private speederC = 0;
  private currentSpeed = 0;
  /** Bytes received so far. */
  cur = 0;
  /** Content-Length once the headers are in (Curl_pgrsSetDownloadSize); undefined while unknown. */
  total: number | undefined;

  constructor(private readonly start: number, private readonly write: (text: string) => void) {}

  /** Curl_pgrsUpdate at simulated time `now` (ms). */
  update(now: number): void {
    const us = (now - this.start) * 1000;
    const speed = trspeed(this.cur, us);
    const sec = Math.floor(now / 1000);
    if (this.lastshow === sec) return;
    this.lastshow = sec;
    const nowindex = this.speederC % CURR_TIME;
    this.speeder[nowindex] = this.cur;
    this.speederTime[nowindex] = now;
    this.speederC++;
    const countindex = (this.speederC >= CURR_TIME ? CURR_TIME : this.speederC) - 1;
    if (countindex) {
      const checkindex = this.speederC >= CURR_TIME ? this.speederC % CURR_TIME : 0;
      const span = now - this.speederTime[checkindex] || 1;
      const amount = this.speeder[nowindex] - this.speeder[checkindex];
      this.currentSpeed = amount > 4294967 ? Math.floor(amount / (span / 1000)) : Math.floor((amount * 1000) / span);
    } else this.currentSpeed = speed;
    this.show(us, speed);
  }

  /** Curl_pgrsDone: a forced last update, then the newline that ends the meter. */
  done(now: number): void {
    this.lastshow = 0;
    this.update(now);
    this.write('\n');
  }

  private show(us: number, speed: number): void {
    if (!this.headersOut) {
      this.write(METER_HEADER);
      this.headersOut = true;
    }
    const known = this.total !== undefined;
    const estSecs = known && speed > 0 ? Math.floor(this.total! / speed) : 0;
    const dlPercent = known && speed > 0 ? percent(this.total!, this.cur) : 0;
    const curSecs = Math.floor(us / 1000000);
    const expected = known ? this.total! : this.cur;
    const p3 = (v: number) => String(v).padStart(3);
    this.write(
      `\r${p3(percent(expected, this.cur))} ${max5data(expected)}  ${p3(dlPercent)} ${max5data(this.cur)}  ${p3(0)} ${max5data(0)}  ` +
        `${max5data(speed)}  ${max5data(0)} ${time2str(estSecs)} ${time2str(curSecs)} ${time2str(estSecs > 0 ? estSecs - curSecs : 0)} ${max5data(this.currentSpeed)}`,
    );
  }
}

/** src/tool_cb_prg.c: the 200-point sine table (`sin($i/200 * 2 * $pi) * 5000 + 5000`, $pi = 3.1415, truncated). */
const SINUS = Array.from({ length: 200 }, (_, i) => Math.trunc(Math.sin(((i + 1) / 200) * 2 * 3.1415) * 5000 + 5000));

/** The `-#` progress bar (src/tool_cb_prg.c tool_progress_cb). */
export class ProgressBar {
  calls = 0;
  private prev = 0;
  private prevTime = 0;
  private tick = 150;
  private bar = 0;
  private barmove = 1;
  cur = 0;
  total = 0;

  /** width: $COLUMNS when above 20, else the terminal's, else 79 (progressbarinit). */
  constructor(private readonly width: number, private readonly write: (text: string) => void) {}

  /** The CURLOPT_XFERINFOFUNCTION call of each Curl_pgrsUpdate. */
  update(now: number): void {
    const total = this.total;
    const point = this.cur;
    if (this.calls) {
      if (total) {
        if (this.prev === point) return;
        if (now - this.prevTime < 100 && point < total) return;
      } else {
        if (now - this.prevTime < 100) return;
        this.fly(point !== this.prev);
      }
    }
    this.calls++;
    if (total > 0 && point !== this.prev) {
      const t = point > total ? point : total;
      const frac = point / t;
      const barwidth = this.width - 7;
      const num = Math.min(256, Math.floor(barwidth * frac));
      this.write(`\r${'#'.repeat(num).padEnd(barwidth)} ${(frac * 100).toFixed(1).padStart(5)}%`);
    }
    this.prev = point;
    this.prevTime = now;
  }

  private fly(moved: boolean): void {
    const buf = [...' '.repeat(this.width - 1), '\r'];
    buf.splice(this.bar, 5, ...'-=O=-');
    const check = this.width - 2;
    for (const d of [0, 5, 10, 15]) buf[Math.floor(SINUS[(this.tick + d) % 200] / Math.floor(10000 / check))] = '#';
    this.write(buf.join(''));
    this.tick += 2;
    if (this.tick >= 200) this.tick -= 200;
    this.bar += moved ? this.barmove : 0;
    if (this.bar >= this.width - 6) {
      this.barmove = -1;
      this.bar = this.width - 6;
    } else if (this.bar < 0) {
      this.barmove = 1;
      this.bar = 0;
    }
  }
}
