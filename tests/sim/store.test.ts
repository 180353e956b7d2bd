/**
 * The object store's secondary indexes (after client-go's thread_safe_store indexers): byIndex lists the
 * objects a value maps to, in the order they were last written; an index that names the part it reads
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

  it('byIndex lists in write order; forEachByIndex visits the same objects', () => {
    const s = new Store();
    s.addIndex('Pod', 'phase', (p) => [p.status?.phase ?? ''], 'status');
    for (const n of ['a', 'b', 'c']) s.put(pod(n, {}, { phase: 'Pending' }));
    s.put(pod('a', {}, { phase: 'Pending', x: 1 }));
    expect(s.byIndex('Pod', 'phase', 'Pending').map((p) => p.metadata.name)).toEqual(['b', 'c', 'a']);
    const seen: string[] = [];
    s.forEachByIndex('Pod', 'phase', 'Pending', (p) => seen.push(p.metadata.name));
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
    s.remove('Pod', 'default', 'b');
    expect(s.byIndex('Pod', 'phase', 'Pending').map((p) => p.metadata.name)).toEqual(['c', 'a']);
  });
});
