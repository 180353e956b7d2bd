/**
 * The object store's secondary indexes (after client-go's thread_safe_store indexers): byIndex lists the
 * objects a value maps to, in the order they came to have it; an index that names the part it reads
 * is not asked again when a write keeps that part.
 */
import { describe, expect, it } from 'vitest';
import { Store } from '../../sim/store/store';
import type { StoredObject } from '../../sim/api/types';

function pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}): StoredObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec, status } as unknown as StoredObject;
}

describe('store indexes', () => {
  it('an index that reads spec is evaluated only when the spec object changes', () => {
    const s = new Store();
    let calls = 0;
    s.addIndex('Pod', 'node', (p) => (calls++, p.spec?.nodeName ? [p.spec.nodeName] : []), 'spec');
    const spec = { nodeName: 'n1' };
    s.put(pod('a', spec));
    expect(calls).toBe(1);
    const v2 = s.put(pod('a', spec, { phase: 'Running' })); // a status write keeps the spec object
    expect(calls).toBe(1);
    expect(s.byIndex('Pod', 'node', 'n1')).toEqual([v2]); // the entry holds the newest version
    s.put(pod('a', { nodeName: 'n2' }));
    expect(calls).toBe(2);
    expect(s.byIndex('Pod', 'node', 'n1')).toEqual([]);
    expect(s.byIndex('Pod', 'node', 'n2').map((p) => p.metadata.name)).toEqual(['a']);
  });

  it('byIndex lists in the order objects came to have the value; forEachByIndex visits the same objects', () => {
    const s = new Store();
    s.addIndex('Pod', 'phase', (p) => [p.status?.phase ?? ''], 'status');
    for (const n of ['a', 'b', 'c']) s.put(pod(n, {}, { phase: 'Pending' }));
    const a2 = s.put(pod('a', {}, { phase: 'Pending', x: 1 })); // a write that keeps the value keeps the place
    expect(s.byIndex('Pod', 'phase', 'Pending').map((p) => p.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(s.byIndex('Pod', 'phase', 'Pending')[0]).toBe(a2);
    const seen: string[] = [];
    s.forEachByIndex('Pod', 'phase', 'Pending', (p) => seen.push(p.metadata.name));
    expect(seen).toEqual(['a', 'b', 'c']);
    s.remove('Pod', 'default', 'b');
    expect(s.byIndex('Pod', 'phase', 'Pending').map((p) => p.metadata.name)).toEqual(['a', 'c']);
    // losing the value and getting it back puts the object last
    s.put(pod('a', {}, { phase: 'Running' }));
    expect(s.byIndex('Pod', 'phase', 'Running').map((p) => p.metadata.name)).toEqual(['a']);
    s.put(pod('a', {}, { phase: 'Pending' }));
    expect(s.byIndex('Pod', 'phase', 'Pending').map((p) => p.metadata.name)).toEqual(['c', 'a']);
    expect(s.byIndex('Pod', 'phase', 'Running')).toEqual([]);
  });

  it('an index of several values; a removed object leaves every bucket', () => {
    const s = new Store();
    s.addIndex('Pod', 'claims', (p) => (p.spec?.claims as string[]) ?? [], 'spec');
    s.put(pod('a', { claims: ['x', 'y'] }));
    s.put(pod('b', { claims: ['y', 'z'] }));
    s.put(pod('a', { claims: ['y', 'z'] }));
    expect(s.byIndex('Pod', 'claims', 'x')).toEqual([]);
    expect(s.byIndex('Pod', 'claims', 'y').map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(s.byIndex('Pod', 'claims', 'z').map((p) => p.metadata.name)).toEqual(['b', 'a']);
    s.remove('Pod', 'default', 'a');
    expect(s.byIndex('Pod', 'claims', 'y').map((p) => p.metadata.name)).toEqual(['b']);
    expect(s.byIndex('Pod', 'claims', 'z').map((p) => p.metadata.name)).toEqual(['b']);
  });
});
