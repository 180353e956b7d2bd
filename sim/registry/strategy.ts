import type { KObject, StoredObject, UserInfo } from '../api/types';
import type { FieldError } from '../validation/field';
import type { Sim } from '../sim';

export interface RequestContext {
  sim: Sim;
  user: UserInfo;
  dryRun: boolean;
}

/**
 * Per-kind REST strategy (K/K pkg/registry/<group>/<kind>/strategy.go):
 * defaulting happens at decode time, then PrepareForCreate/Update, Validate,
 * and storage hooks for allocations (service IPs, node ports).
 */
export interface Strategy {
  kind: string;
  /** SetDefaults_* — fill in what `kubectl get -o yaml` shows but the user didn't write. */
  defaults?(obj: KObject, ctx: RequestContext): void;
  /** Reset fields clients may not set (status), set generation etc. */
  prepareForCreate?(obj: KObject, ctx: RequestContext): void;
  prepareForUpdate?(obj: KObject, old: StoredObject, ctx: RequestContext): void;
  /** The status strategy's PrepareForUpdate, after the API server kept everything but metadata and status (e.g. labels kept too). */
  prepareForStatusUpdate?(obj: KObject, old: StoredObject, ctx: RequestContext): void;
  validate?(obj: KObject, ctx: RequestContext): FieldError[];
  /** Warnings returned with a successful write (K/K rest.RESTCreateStrategy WarningsOnCreate/WarningsOnUpdate). */
  warnings?(obj: KObject, ctx: RequestContext): string[];
  validateUpdate?(obj: KObject, old: StoredObject, ctx: RequestContext): FieldError[];
  /** Allocate resources right before the object is stored (may throw a StatusError). */
  beforeCreate?(obj: KObject, ctx: RequestContext): void;
  beforeUpdate?(obj: KObject, old: StoredObject, ctx: RequestContext): void;
  /** Release resources after the object is gone from storage. */
  afterDelete?(obj: StoredObject, ctx: RequestContext): void;
  /** Grace period for a delete request; >0 makes deletion graceful (pods). */
  gracePeriod?(obj: StoredObject, requested: number | undefined): number;
  /** Deletion waits while this is true (e.g. a Namespace's spec.finalizers). */
  blocksDeletion?(obj: StoredObject): boolean;
  /** Called when a delete request first marks the object (e.g. Namespace → Terminating). */
  beginDelete?(obj: KObject, ctx: RequestContext): void;
  /**
   * Whether PrepareForCreate sets metadata.generation to 1 and a change of `specFields` bumps it (unset = yes);
   * false: the kind's strategy leaves it alone and it is stored as the client sent it.
   */
  hasGeneration?: boolean;
  /**
   * `defaults` reads and writes nothing but obj.spec and cannot fail on a spec it already defaulted: a
   * component's /status write that carries the stored spec then skips defaulting and copying the spec.
   */
  defaultsOnlySpec?: boolean;
  /** Fields that count as "spec" for generation (default: spec). */
  specFields?: string[];
}
