import { clone } from '../api/clone';
import type { KObject } from '../api/types';
import { Path, invalid, notSupported, required, type FieldError } from '../validation/field';
import type { Strategy } from './strategy';
import type { Sim } from '../sim';
import { dropDisabledTemplateFields, nonNegative } from './workloads-common';
import { validateJobSpecCommon } from './job';

/**
 * CronJob (batch/v1): strategy, and the cron schedule parser of
 * robfig/cron/v3 (`ParseStandard`: 5 fields or a descriptor) that both the
 * validation and the controller use.
 */

// ------------------------------------------------------------------ cron

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOWS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DOWS },
];

export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** @every <duration>: fixed interval in ms */
  every?: number;
  /** TZ= / CRON_TZ= prefix */
  tz?: string;
}

export class CronError extends Error {}

/** strconv.Atoi error text */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function intOrName(s: string, names?: Record<string, number>): number {
  if (names && s.toLowerCase() in names) return names[s.toLowerCase()];
  return atoi(s);
}

/** getRange: one comma-separated part of a field. */
function getRange(expr: string, b: Bounds, out: Set<number>): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = intOrName(lowAndHigh[0], b.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], b.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]);
    if (single) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) out.add(i);
  return star;
}

function field(expr: string, b: Bounds): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of expr.split(',')) if (getRange(part, b, set)) star = true;
  return { set, star };
}

const all = (b: Bounds) => field('*', b).set;

/** Go time.ParseDuration, enough for @every (e.g. 1h30m, 90s, 5m). */
function parseDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  if (!s) throw new CronError(`time: invalid duration ${JSON.stringify(s)}`);
  let m: RegExpExecArray | null;
  while (pos < s.length && (re.lastIndex = pos, (m = re.exec(s)))) {
    total += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== s.length) throw new CronError(`time: invalid duration ${JSON.stringify(s)}`);
  return total;
}

/** cron.ParseStandard; throws CronError with robfig/cron's messages. */
export function parseCron(spec: string): CronSchedule {
  let s = spec.trim();
  if (!s.length) throw new CronError('empty spec string');
  let tz: string | undefined;
  const m = s.match(/^(?:TZ|CRON_TZ)=(\S*)/);
  if (m) {
    tz = m[1];
    if (!isValidTimeZone(tz)) throw new CronError(`provided bad location ${tz}: unknown time zone ${tz}`);
    s = s.slice(m[0].length).trim();
  }
  if (s.startsWith('@')) {
    const d: Record<string, string> = {
      '@yearly': '0 0 1 1 *',
      '@annually': '0 0 1 1 *',
      '@monthly': '0 0 1 * *',
      '@weekly': '0 0 * * 0',
      '@daily': '0 0 * * *',
      '@midnight': '0 0 * * *',
      '@hourly': '0 * * * *',
    };
    if (d[s]) return { ...parseCron(d[s]), tz };
    if (s.startsWith('@every ')) {
      let ms: number;
      try {
        ms = parseDuration(s.slice(7));
      } catch (e) {
        throw new CronError(`failed to parse duration ${s}: ${(e as Error).message}`);
      }
      const every = Math.max(1000, Math.floor(ms / 1000) * 1000);
      return { minute: new Set(), hour: new Set(), dom: new Set(), month: new Set(), dow: new Set(), domStar: false, dowStar: false, every, tz };
    }
    throw new CronError(`unrecognized descriptor: ${s}`);
  }
  const parts = s.split(/\s+/);
  if (parts.length !== 5) throw new CronError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const [mi, h, dom, mo, dow] = parts.map((p, i) => field(p, FIELDS[i]));
  return { minute: mi.set, hour: h.set, dom: dom.set, month: mo.set, dow: dow.set, domStar: dom.star, dowStar: dow.star, tz };
}

// ------------------------------------------------------------------ time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** time.LoadLocation succeeds (IANA names, UTC). "Local" is rejected by validation separately. */
export function isValidTimeZone(tz: string): boolean {
  if (tz === '' || tz === 'UTC' || tz === 'Local') return true;
  if (!/^[A-Za-z0-9_+\-/]+$/.test(tz)) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of a zone at an instant (ms to add to UTC to get wall-clock time). */
export function tzOffset(tz: string | undefined, at: number): number {
  if (!tz || tz === 'UTC' || tz === 'Local') return 0;
  const parts = formatter(tz).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** RFC 3339 in a zone: 2026-01-15T18:00:00+09:00 (Go time.Format(time.RFC3339)). */
export function formatRFC3339In(tz: string | undefined, at: number): string {
  const off = tzOffset(tz, at);
  const d = new Date(at + off).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return d + 'Z';
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off) / 60000;
  return `${d}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** SpecSchedule.Next: the first activation strictly after `t` (robfig/cron spec.go), in zone `tz`. */
export function nextTime(s: CronSchedule, t: number, tz?: string): number | undefined {
  const zone = s.tz ?? tz;
  if (s.every) return Math.floor(t / 1000) * 1000 + s.every;
  const off0 = tzOffset(zone, t);
  let w = Math.floor((t + off0) / 60000) * 60000 + 60000; // wall clock, next whole minute
  const limit = w + 5 * 366 * 24 * 3600 * 1000;
  const dayMatches = (d: Date) => {
    const dm = s.dom.has(d.getUTCDate());
    const wm = s.dow.has(d.getUTCDay());
    return s.domStar || s.dowStar ? dm && wm : dm || wm;
  };
  while (w < limit) {
    const d = new Date(w);
    if (!s.month.has(d.getUTCMonth() + 1)) {
      w = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(d)) {
      w = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      w = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      w += 60000;
      continue;
    }
    // wall clock → instant
    let inst = w - tzOffset(zone, w - off0);
    inst = w - tzOffset(zone, inst);
    if (inst > t) return inst;
    w += 60000;
  }
  return undefined;
}

// ------------------------------------------------------------------ strategy

const SPEC = Path.root('spec');

function validateCronJob(sim: Sim, obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj.metadata.name ?? '';
  // ValidateCronJobCreate: the Job name adds 11 characters (`-<minutes>`)
  if (name.length > 52) errs.push(invalid(Path.root('metadata', 'name'), name, 'must be no more than 52 characters'));
  const spec = obj.spec ?? {};
  if (!spec.schedule) errs.push(required(SPEC.child('schedule'), ''));
  else {
    try {
      parseCron(spec.schedule);
    } catch (e) {
      if (!(e instanceof CronError)) throw e;
      errs.push(invalid(SPEC.child('schedule'), spec.schedule, e.message));
    }
    if (spec.schedule.includes('TZ')) {
      errs.push(
        invalid(
          SPEC.child('schedule'),
          spec.schedule,
          spec.timeZone != null ? 'cannot use both timeZone field and TZ or CRON_TZ in schedule' : 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
        ),
      );
    }
  }
  if (spec.timeZone != null) {
    const tz: string = spec.timeZone;
    const p = SPEC.child('timeZone');
    if (tz === '') errs.push(invalid(p, tz, 'timeZone must be nil or non-empty string'));
    else if (tz.split('/').some((x) => x === '.' || x === '..' || x.startsWith('-') || !/^[A-Za-z\.\-_0-9+]{1,14}$/.test(x))) {
      errs.push(invalid(p, tz, `unknown time zone ${tz}`));
    } else if (tz.toLowerCase() === 'local') {
      errs.push(invalid(p, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
    } else if (!isValidTimeZone(tz)) errs.push(invalid(p, tz, `unknown time zone ${tz}`));
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, SPEC.child('startingDeadlineSeconds')));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, SPEC.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, SPEC.child('failedJobsHistoryLimit')));
  const cp = spec.concurrencyPolicy;
  if (cp === '' || cp == null) errs.push(required(SPEC.child('concurrencyPolicy'), ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported(SPEC.child('concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  // ValidateJobTemplateSpec
  const jt = spec.jobTemplate ?? {};
  const jp = SPEC.child('jobTemplate', 'spec');
  errs.push(...validateJobSpecCommon(sim, jt.spec ?? {}, jp));
  if (jt.spec?.selector) errs.push(invalid(jp.child('selector'), jt.spec.selector, '`selector` will be auto-generated'));
  if (jt.spec?.manualSelector) errs.push(notSupported(jp.child('manualSelector'), jt.spec.manualSelector, ['nil', 'false']));
  return errs;
}

/** SetDefaults_CronJob (K/K pkg/apis/batch/v1/defaults.go). */
export const cronJobStrategy: Strategy = {
  kind: 'CronJob',
  defaults(obj) {
    obj.spec = obj.spec ?? {};
    if (typeof obj.spec !== 'object') return;
    const s = obj.spec;
    if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
    if (s.suspend == null) s.suspend = false;
    if (s.successfulJobsHistoryLimit == null) s.successfulJobsHistoryLimit = 3;
    if (s.failedJobsHistoryLimit == null) s.failedJobsHistoryLimit = 1;
  },
  prepareForCreate(obj) {
    obj.status = {};
    dropDisabledTemplateFields(obj.spec?.jobTemplate?.spec?.template, undefined);
  },
  prepareForUpdate(obj, old) {
    obj.status = clone(old.status);
    dropDisabledTemplateFields(obj.spec?.jobTemplate?.spec?.template, old.spec?.jobTemplate?.spec?.template);
  },
  validate(obj, ctx) {
    return validateCronJob(ctx.sim, obj);
  },
};
