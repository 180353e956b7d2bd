/**
 * Table rendering as kubectl does it (cli-runtime pkg/printers/tablewriter.go,
 * tabwriter minwidth 6, tabwidth 4, padding 3; headers upper-cased; last column
 * unpadded) and apimachinery's HumanDuration (reference §1.0, §1.1).
 */
import type { StoredObject } from '../../api/types';
import type { Sim } from '../../sim';

export interface PrintContext {
  sim: Sim;
  now: number;
  wide: boolean;
}

/** A column: header name as the server names it, whether only -o wide shows it, and how to compute a cell. */
export interface Column {
  name: string;
  wide?: boolean;
  cell(obj: StoredObject, ctx: PrintContext): string;
}

/** duration.HumanDuration */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** translateTimestampSince */
export function age(ts: string | undefined, now: number): string {
  if (!ts) return '<unknown>';
  return humanDuration(now - Date.parse(ts));
}

/** Display width of a cell (East Asian wide characters count 2, like tabwriter's rune count? tabwriter counts runes). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** text/tabwriter with padding 3; rows are arrays of cells. */
export function tabwrite(rows: string[][]): string {
  if (!rows.length) return '';
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) widths[c] = Math.max(6 - 3, ...rows.map((r) => (c < r.length - 1 ? width(r[c] ?? '') : 0)));
  return rows
    .map((r) => r.map((cell, c) => (c < r.length - 1 ? cell + ' '.repeat(widths[c] - width(cell) + 3) : cell)).join(''))
    .join('\n') + '\n';
}
