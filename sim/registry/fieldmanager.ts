/**
 * Field ownership for server-side apply (after apimachinery pkg/util/managedfields), per object (by uid) and
 * manager identity (manager, operation, apiVersion, subresource, as ManagedFieldsEntry encodes it):
 * - an Apply manager: the configuration it last applied (the fields it owns are read from it),
 * - an Update manager: the fields its writes set or changed (kubectl's verbs record theirs: kubectl/ssa.ts).
 * Writes of the controllers are not recorded, and metadata.managedFields is not written.
 */
import type { SimModule, Sim } from '../sim';

export type FieldRecord =
  | { manager: string; operation: 'Apply'; config: unknown }
  | { manager: string; operation: 'Update'; apiVersion: string; subresource?: string; paths: Record<string, unknown[]> };

export interface ApplyRecords {
  /** identity → record, for the object with this uid */
  get(uid: string): Map<string, FieldRecord> | undefined;
  set(uid: string, id: string, record: FieldRecord | undefined): void;
}

export function applyRecords(sim: Sim): ApplyRecords {
  return sim.services.applyRecords as ApplyRecords;
}

export const fieldManagerModule: SimModule = {
  name: 'fieldmanager',
  install(sim) {
    let byUid = new Map<string, Map<string, FieldRecord>>();
    const records: ApplyRecords = {
      get: (uid) => byUid.get(uid),
      set(uid, id, record) {
        let m = byUid.get(uid);
        if (!m) byUid.set(uid, (m = new Map()));
        if (record) m.set(id, record);
        else m.delete(id);
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
        byUid = new Map((v as [string, [string, FieldRecord][]][]).map(([uid, m]) => [uid, new Map(m)]));
      },
    };
  },
};
