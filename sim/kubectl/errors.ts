/**
 * How kubectl prints errors (kubectl pkg/cmd/util/helpers.go: checkErr,
 * StandardErrorMessage, MultipleErrors, AddSourceToErr).
 */
import { StatusError } from '../registry/errors';
import { KubectlError } from './types';
import { FlagError } from './flags';

/** StandardErrorMessage: `Error from server (Reason): message` for API errors. */
export function standardMessage(e: unknown): string {
  if (e instanceof StatusError) {
    const s = e.status;
    if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
    return `Error from server: ${s.message}`;
  }
  if (e instanceof KubectlError) return e.raw ? e.message : e.message.startsWith('error: ') ? e.message : `error: ${e.message}`;
  const msg = e instanceof Error ? e.message : String(e);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

const isInvalid = (e: unknown) => e instanceof StatusError && e.status.reason === 'Invalid' && !!e.status.details;

/** checkErr for one error: Invalid errors list their causes without the "Error from server" prefix. */
export function checkErrMessage(e: unknown): string {
  if (e instanceof StatusError && e.status.reason === 'Invalid') {
    const d = e.status.details;
    if (!d) return `The request is invalid: ${e.status.message}`;
    let s = 'The request is invalid';
    if (d.kind || d.name) s = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
    const causes = [...new Set((d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message ?? '')))];
    if (!causes.length) return s;
    if (causes.length === 1) return `${s}: ${causes[0]}`;
    return `${s}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  return standardMessage(e);
}

/** What kubectl prints for the errors of one command (one error, or one line per error of an aggregate). */
export function renderErrors(errs: unknown[]): string {
  if (errs.length === 1) {
    // Invalid: MultilineError always ends the text with "\n"; otherwise fatal() adds one only when missing
    const m = checkErrMessage(errs[0]);
    return isInvalid(errs[0]) || !m.endsWith('\n') ? m + '\n' : m;
  }
  return errs.map((e) => standardMessage(e)).join('\n') + '\n';
}

export function exitCodeOf(errs: unknown[]): number {
  if (errs.length === 1 && errs[0] instanceof KubectlError) return errs[0].exitCode;
  return 1;
}

/** AddSourceToErr: `error when creating "pod.yaml": <message>`, keeping the status (reason, details). */
export function withSource(e: unknown, verb: string, source: string): unknown {
  if (!source || source === '-') source = 'STDIN';
  if (e instanceof StatusError) {
    return new StatusError({ ...e.status, message: `error when ${verb} "${source}": ${e.status.message}` });
  }
  return e;
}

export function flagErrorText(e: FlagError, verb: string): string {
  return `error: ${e.message}\nSee 'kubectl ${verb ? verb + ' ' : ''}--help' for usage.\n`;
}
