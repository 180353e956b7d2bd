/**
 * Server-side apply's record of appliers (after apimachinery pkg/util/managedfields): for each object (by uid)
 * and field manager that applied it, the configuration it last applied. Which fields a manager owns is read
 * from that configuration (see kubectl/ssa.ts). Only Apply operations are recorded: the fields that plain
 * writes (create, update, patch, status) take over are not, so metadata.managedFields is not written and
 * conflicts are found between appliers only.
 */
import type { SimModule, Sim } from '../sim';

export interface ApplyRecords {
  /** manager → the configuration it last applied to the object with this uid */
  get(uid: string): Map<string, unknown> | undefined;
  set(uid: string, manager: string, config: unknown): void;
}

export function applyRecords(sim: Sim): ApplyRecords {
  return sim.services.applyRecords as ApplyRecords;
}

export const fieldManagerModule: SimModule = {
  name: 'fieldmanager',
  install(sim) {
    let byUid = new Map<string, Map<string, unknown>>();
    const records: ApplyRecords = {
      get: (uid) => byUid.get(uid),
      set(uid, manager, config) {
        let m = byUid.get(uid);
        if (!m) byUid.set(uid, (m = new Map()));
        m.set(manager, config);
      },
    };
    sim.services.applyRecords = records;
    // a deleted object takes its records with it (a new object of the same name has a new uid)
    sim.store.watch('*', (ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata.uid) byUid.delete(ev.object.metadata.uid);
    });
    const snap = ((sim.services.snapshot as Record<string, { save(): unknown; load(v: unknown): void }>) ??= {});
    snap.fieldmanager = {
      save: () => [...byUid].map(([uid, m]) => [uid, [...m]]),
      load: (v) => {
        byUid = new Map((v as [string, [string, unknown][]][]).map(([uid, m]) => [uid, new Map(m)]));
      },
    };
  },
};
