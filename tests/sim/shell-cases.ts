/**
 * The table form of the shell tests: each case runs its script on a new default cluster after `setup` and
 * compares stdout, stderr and the exit status at once (so a wrong message and a wrong status show together).
 */
import { expect, it } from 'vitest';
import { createCluster } from '../../sim/index';

export type Case = [name: string, script: string, stdout: string, stderr: string, status: number];

export function check(setup: string, cases: Case[]): void {
  it.each(cases)('%s', (_n, script, stdout, stderr, status) => {
    const c = createCluster();
    c.run(setup);
    const r = c.run(script);
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.exitCode }).toEqual({ stdout, stderr, status });
  });
}
