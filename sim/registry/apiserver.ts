import { clone } from '../api/clone';
import { canonicalizeQuantities, dropEmptyOmitempty, strictDecode } from '../api/schema';
import type { KObject, StoredObject, UserInfo } from '../api/types';
import { ADMIN_USER } from '../api/types';
import { apiVersionOf, groupResource, resourceForKind, type ResourceType } from '../api/resources';
import type { AdmissionAttributes, AdmissionPlugin, Authorizer, Operation } from '../admission/types';
import { forbiddenMessage } from '../admission/forbidden';
import type { FieldError } from '../validation/field';
import type { Sim } from '../sim';
import type { RequestContext, Strategy } from './strategy';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { getComponentStatus, listComponentStatuses } from './componentstatus';
import { newAlreadyExists, newBadRequest, newConflict, newForbidden, newInvalid, newMethodNotAllowed, newNotFound, StatusError } from './errors';

export interface WriteOptions {
  /** Who is asking; omitted = a control-plane component (not authorized, like system:masters). */
  user?: UserInfo;
  dryRun?: boolean;
  /** Default namespace for namespaced objects without metadata.namespace. */
  namespace?: string;
  /** Skip strict decoding (controllers write well-formed objects). */
  trusted?: boolean;
  subresource?: string;
  /**
   * The object was built for this call (nothing undefined, nothing shared with other objects) and is not
   * used by the caller afterwards, so the server takes it instead of copying it (create, update, and
   * mutate when the mutation adds only fresh values to its copy).
   */
  fresh?: boolean;
  /**
   * create: the object's metadata already has the keys uid, creationTimestamp and resourceVersion (any values;
   * the event recorder's events), which the server overwrites in place, the store setting resourceVersion: an
   * object made with all its keys keeps them in itself, where keys added later go to a separate property list.
   */
  systemFieldSlots?: boolean;
  /** Server-side field validation (?fieldValidation=): Strict rejects unknown fields, Warn drops them with a warning, Ignore drops them. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /**
   * update: the uid precondition of a PUT (apiserver pkg/registry/rest/update.go defaultUpdatedObjectInfo.Preconditions
   * makes the sent object's uid one; a patch has none).
   */
  uidPrecondition?: string;
  /**
   * update: the request's verb, `update` (PUT, the default) or `patch` (PATCH: kubectl apply, diff, server-side
   * apply, patch, label, annotate, set, rollout pause/resume/restart/undo, scale, edit, taint, cordon). Both end in the same update of the stored object (apiserver handlers/patch.go applies the patch to the
   * live object, then rest.Update); authorization and the route are the verb's.
   */
  verb?: 'update' | 'patch';
}

export interface DeleteOptions {
  user?: UserInfo;
  dryRun?: boolean;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  /** Only delete if the uid still matches (preconditions.uid). */
  uid?: string;
}

export interface ReadOptions {
  user?: UserInfo;
}

/** Strict decoding (see api/schema): a JSON type error, else errors like `unknown field "spec.x"`. */
export type SchemaCheck = (obj: KObject) => { typeError?: string; unknown: string[] };

/**
 * The API server: every read and write goes through here, in the real order —
 * authorize, decode (strict fields, defaults), prepare, mutating admission,
 * validate, validating admission, allocate, store. Controllers call it with no
 * user (trusted components); kubectl calls it as the current user.
 */
export class ApiServer {
  private strategies = new Map<string, Strategy>();
  readonly mutating: AdmissionPlugin[] = [];
  readonly validating: AdmissionPlugin[] = [];
  authorizer?: Authorizer;
  /**
   * Where API warnings go (the `Warning:` response headers kubectl prints on
   * stderr); set by clients for the duration of a request, unset for components.
   */
  warningSink?: (message: string) => void;
  /**
   * Told of each create and update a client (a request with a user) made, with the version it replaced; set by
   * kubectl for the duration of a command (field ownership: kubectl/ssa.ts), unset for components.
   */
  writeSink?: (obj: StoredObject, old: StoredObject | undefined) => void;
  schemaCheck?: SchemaCheck = (obj) => strictDecode(obj as unknown as Record<string, unknown>);

  constructor(private readonly sim: Sim) {}

  registerStrategy(s: Strategy): void {
    this.strategies.set(s.kind, s);
  }

  strategy(kind: string): Strategy | undefined {
    return this.strategies.get(kind);
  }

  /** Admission plugins in apiserver order; `order` sorts them (lower first). */
  registerAdmission(p: AdmissionPlugin & { order: number }): void {
    if (p.admit) insertOrdered(this.mutating, p);
    if (p.validate) insertOrdered(this.validating, p);
  }

  private warn(message: string): void {
    this.warningSink?.(message);
  }

  /** Deprecated APIs answer every request with a warning (apiserver deprecation filter). */
  private deprecation(t: ResourceType, opts: { user?: UserInfo }): void {
    if (!opts.user) return;
    if (t.kind === 'Endpoints') this.warn('v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
    else if (t.kind === 'ComponentStatus') this.warn('v1 ComponentStatus is deprecated in v1.19+');
  }

  typeOf(kind: string): ResourceType {
    const t = resourceForKind(kind);
    if (!t) throw new Error(`no matches for kind "${kind}"`);
    return t;
  }

  // ---------------------------------------------------------------- reads

  get(kind: string, namespace: string, name: string, opts: ReadOptions = {}): StoredObject {
    const t = this.typeOf(kind);
    const ns = t.namespaced ? namespace : '';
    this.authorize(opts.user, 'get', t, ns, name);
    this.served(t, 'get');
    this.deprecation(t, opts);
    // not stored: the control plane's health, probed on each request (./componentstatus.ts)
    if (t.kind === 'ComponentStatus') return getComponentStatus(name);
    const o = this.sim.store.get(kind, ns, name);
    if (!o) throw newNotFound(groupResource(t), name);
    return o;
  }

  /** Like get, but undefined when missing (no authorization: for components). */
  find(kind: string, namespace: string, name: string): StoredObject | undefined {
    const t = resourceForKind(kind);
    return this.sim.store.get(kind, t?.namespaced ? namespace : '', name);
  }

  list(kind: string, namespace: string | undefined, opts: ReadOptions = {}): StoredObject[] {
    const t = this.typeOf(kind);
    const ns = t.namespaced ? namespace : undefined;
    this.authorize(opts.user, 'list', t, ns ?? '', '');
    this.served(t, 'list');
    this.deprecation(t, opts);
    if (t.kind === 'ComponentStatus') return listComponentStatuses();
    return this.sim.store.list(kind, ns);
  }

  // ---------------------------------------------------------------- writes

  create(input: KObject, opts: WriteOptions = {}): StoredObject {
    const t = this.typeOf(input.kind);
    const obj = opts.fresh ? input : (clone(input) as KObject);
    obj.apiVersion = apiVersionOf(t);
    obj.metadata = obj.metadata ?? {};
    if (t.namespaced) obj.metadata.namespace = obj.metadata.namespace || opts.namespace || 'default';
    else delete obj.metadata.namespace;
    const ns = obj.metadata.namespace ?? '';
    const user = opts.user ?? ADMIN_USER;

    this.authorize(opts.user, 'create', t, ns, obj.metadata.name ?? '', opts.subresource);
    if (!opts.subresource) this.served(t, 'create');
    this.deprecation(t, opts);
    if (!opts.trusted) this.decode(obj, t, opts.fieldValidation);

    const meta = obj.metadata;
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, this.sim);
    const strategy = this.strategies.get(t.kind);
    // the request context is only for the kind's strategy (kinds without one, such as Event, make none)
    const ctx = strategy ? this.ctx(opts.user, opts.dryRun) : undefined;
    strategy?.defaults?.(obj, ctx!);

    // System fields a client sent (a delete only where the key is there: deleting an absent key changes nothing,
    // and most created objects, every event, have none of these, where a delete costs a runtime call):
    // - the create handler's rest.WipeObjectMetaSystemFields (apiserver pkg/endpoints/handlers/create.go) clears
    //   uid, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds and selfLink, and the generic
    //   store's create sets uid and creationTimestamp (rest.FillObjectMetaSystemFields, registry/store.go);
    // - metadata.managedFields is rebuilt by the field manager from the request (fieldmanager.go Update with an
    //   empty live object: the creator owns every field), and this simulator writes none (./fieldmanager.ts);
    // - metadata.resourceVersion: the etcd3 store refuses a create that sets one (storage/etcd3/store.go Create:
    //   ErrResourceVersionSetOnCreate, "resourceVersion should not be set on objects to be created", a 500 that
    //   kubectl would print as `Error from server: error when creating "x.yaml": …`), but kubectl never sends
    //   one: create -f, apply (its create path), diff and replace --force create through resource.Helper.Create
    //   with modify=true, which clears it first (cli-runtime pkg/resource/helper.go CreateWithOptions), and its
    //   other commands build new objects. The kubectl here hands its objects over as read, so the clearing is
    //   done here (a raw POST, which would get the 500, has no path into this simulator).
    // - metadata.generation is the kind's strategy's (PrepareForCreate sets 1 for the kinds that track it), else
    //   stored as sent (ValidateObjectMeta checks it is not negative).
    meta.uid = this.sim.rand.uuid();
    meta.creationTimestamp = this.sim.clock.iso();
    // (with systemFieldSlots, the store's put overwrites the slot; a dry run returns no resourceVersion)
    if ('resourceVersion' in meta && (!opts.systemFieldSlots || opts.dryRun)) delete meta.resourceVersion;
    if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
    if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
    if ('selfLink' in meta) delete meta.selfLink;
    if ('managedFields' in meta) delete meta.managedFields;
    if (tracksGeneration(t.kind, strategy)) meta.generation = 1;
    else if ('generation' in meta && !meta.generation) delete meta.generation; // 0 or null: Go's omitempty int64
    strategy?.prepareForCreate?.(obj, ctx!);

    const attrs: AdmissionAttributes = {
      operation: 'CREATE',
      resource: t,
      subresource: opts.subresource ?? '',
      namespace: ns,
      name: meta.name ?? '',
      object: obj,
      user,
      dryRun: !!opts.dryRun,
    };
    this.admit(attrs);

    const metaErrs: FieldError[] = validateObjectMeta(obj, t);
    const kindErrs = strategy?.validate?.(obj, ctx!);
    if (metaErrs.length || kindErrs?.length) throw newInvalid(qualifiedKind(t), meta.name ?? '', kindErrs?.length ? [...metaErrs, ...kindErrs] : metaErrs);
    if (opts.user) for (const w of strategy?.warnings?.(obj, ctx!) ?? []) this.warn(w);

    this.validateAdmission(attrs);

    if (this.sim.store.get(t.kind, ns, meta.name!)) throw newAlreadyExists(groupResource(t), meta.name!);
    strategy?.beforeCreate?.(obj, ctx!);
    if (opts.dryRun) return obj as StoredObject;
    const created = this.sim.store.put(obj as StoredObject);
    if (opts.user) this.writeSink?.(created, undefined);
    return created;
  }

  /**
   * Replace an object (PUT). metadata.resourceVersion, when given, must match
   * (optimistic concurrency). A write that changes nothing is not stored and
   * keeps the old resourceVersion, as etcd3 storage does.
   */
  update(input: KObject, opts: WriteOptions = {}): StoredObject {
    const t = this.typeOf(input.kind);
    const ns = t.namespaced ? input.metadata?.namespace || opts.namespace || 'default' : '';
    const name = input.metadata?.name ?? '';
    const verb = opts.verb ?? 'update';
    this.authorize(opts.user, verb, t, ns, name, opts.subresource);
    if (!opts.subresource) this.served(t, verb);
    this.deprecation(t, opts);
    const old = this.sim.store.get(t.kind, ns, name);
    if (!old) throw newNotFound(groupResource(t), name);
    const strategy = this.strategies.get(t.kind);
    // A component's status write that carries the stored spec: only metadata and status can differ from
    // the stored object, everything else is taken from it below, so it is shared instead of copied (stored
    // objects are never mutated) and defaulting, which only touches spec, would change nothing that is kept.
    const statusOnly =
      opts.subresource === 'status' && !!opts.trusted && !!strategy?.defaultsOnlySpec && input.spec !== undefined && input.spec === old.spec;
    // ... and when it carries the stored metadata too, that metadata (valid when it was stored) needs no
    // validation again and a shallow copy of it will do (update below only sets its top-level fields)
    const sameMeta = statusOnly && input.metadata === old.metadata;
    const obj = statusOnly ? copyMetaAndStatus(input, sameMeta, !!opts.fresh, old.status) : opts.fresh ? input : (clone(input) as KObject);
    obj.apiVersion = apiVersionOf(t);
    if (!opts.trusted) this.decode(obj, t, opts.fieldValidation);
    if (opts.uidPrecondition && opts.uidPrecondition !== old.metadata.uid) throw uidPreconditionFailed(t, ns, name, opts.uidPrecondition, old.metadata.uid);
    const ctx = this.ctx(opts.user, opts.dryRun);
    if (!statusOnly) strategy?.defaults?.(obj, ctx);

    const meta = obj.metadata;
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw newConflict(groupResource(t), name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    if (t.namespaced) meta.namespace = ns;
    else delete meta.namespace;
    // System fields (rest.BeforeUpdate, apiserver pkg/registry/rest/update.go): generation is the stored one
    // ("Ensure requests cannot update generation"; the kind's PrepareForUpdate bumps it below), a missing uid is
    // the stored one, creationTimestamp is always the stored one, and the stored deletionTimestamp and
    // deletionGracePeriodSeconds cannot be removed; a uid, deletionTimestamp or deletionGracePeriodSeconds that
    // differs from the stored one is then refused by ValidateObjectMetaUpdate (field is immutable). selfLink is
    // never stored (APIObjectVersioner.PrepareObjectForStorage clears it), and managedFields are the field
    // manager's, which this simulator does not write (./fieldmanager.ts). (Keys are deleted only where present:
    // this runs for every status write.)
    const om = old.metadata;
    // (a copy of the stored metadata already has them)
    if (!sameMeta) keepSystemFields(meta, om);
    if (opts.subresource === 'finalize') {
      // Namespace /finalize: only spec.finalizers may change.
      const fin = obj.spec?.finalizers;
      for (const k of Object.keys(obj)) if (k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') obj[k] = clone(old[k]);
      obj.spec = { ...(obj.spec ?? {}), finalizers: fin ?? [] };
    } else if (opts.subresource === 'status') {
      // Only status may change through /status.
      const keep = statusOnly ? identity : clone;
      for (const k in obj) if (k !== 'status' && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') obj[k] = keep(old[k]);
      for (const k in old) if (!(k in obj)) obj[k] = keep((old as Record<string, unknown>)[k]);
      strategy?.prepareForStatusUpdate?.(obj, old, ctx);
    } else {
      strategy?.prepareForUpdate?.(obj, old, ctx);
      // the PrepareForUpdate of a kind that tracks generation bumps it when the spec changed (after dropping
      // what it drops: a field it clears is no change)
      if (tracksGeneration(t.kind, strategy) && specChanged(obj, old, strategy?.specFields ?? SPEC_FIELDS)) meta.generation = (om.generation ?? 0) + 1;
    }

    // (a /status write is neither admitted nor validated by the plugins: no attributes to make for it)
    const attrs: AdmissionAttributes | undefined =
      opts.subresource === 'status'
        ? undefined
        : {
            operation: 'UPDATE',
            resource: t,
            subresource: opts.subresource ?? '',
            namespace: ns,
            name,
            object: obj,
            oldObject: old,
            user: opts.user ?? ADMIN_USER,
            dryRun: !!opts.dryRun,
          };
    if (attrs && opts.subresource !== 'finalize') this.admit(attrs);
    // metadata errors, metadata update errors, then the kind's
    let errs: FieldError[] = sameMeta ? NO_ERRORS : validateObjectMeta(obj, t);
    if (!sameMeta) errs = concat(errs, validateObjectMetaUpdate(obj, old));
    if (opts.subresource !== 'status' && opts.subresource !== 'finalize') {
      errs = concat(errs, strategy?.validateUpdate?.(obj, old, ctx) ?? strategy?.validate?.(obj, ctx) ?? NO_ERRORS);
    }
    if (errs.length) throw newInvalid(qualifiedKind(t), name, errs);
    if (opts.user && !opts.subresource) for (const w of strategy?.warnings?.(obj, ctx) ?? []) this.warn(w);
    if (attrs) this.validateAdmission(attrs);

    if (deepEqualIgnoringRV(obj, old)) return old;
    strategy?.beforeUpdate?.(obj, old, ctx);
    if (opts.dryRun) return obj as StoredObject;
    if (
      meta.deletionTimestamp &&
      !meta.finalizers?.length &&
      !old.metadata.deletionGracePeriodSeconds &&
      !strategy?.blocksDeletion?.(obj as StoredObject)
    ) {
      // Last finalizer removed: the object goes away.
      return this.removeNow(t, obj as StoredObject, ctx);
    }
    const updated = this.sim.store.put(obj as StoredObject);
    if (opts.user) this.writeSink?.(updated, old);
    return updated;
  }

  /**
   * POST pods/<name>/binding (K/K pkg/registry/core/pod/storage/storage.go, BindingREST.Create → assignPod →
   * setPodNodeAndMetadata): under the pod's current resourceVersion only spec.nodeName is set and the
   * PodScheduled condition replaced (podutil.UpdatePodCondition); the pod itself is not validated or
   * admitted again (only the Binding object is). Used by the scheduler.
   */
  bind(namespace: string, name: string, nodeName: string, opts: { user?: UserInfo } = {}): StoredObject {
    const t = this.typeOf('Pod');
    this.authorize(opts.user, 'create', t, namespace, name, 'binding');
    const old = this.sim.store.get('Pod', namespace, name);
    if (!old) throw newNotFound(groupResource(t), name);
    if (old.metadata.deletionTimestamp) throw newConflict('pods/binding', name, `pod ${name} is being deleted, cannot be assigned to a host`);
    const spec = (old.spec ?? {}) as Record<string, unknown>;
    if (spec.nodeName) throw newConflict('pods/binding', name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    const now = this.sim.clock.iso();
    const status = (old.status ?? {}) as Record<string, any>;
    const conditions = ((status.conditions ?? []) as Record<string, unknown>[]).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ lastProbeTime: null, lastTransitionTime: now, status: 'True', type: 'PodScheduled' });
    // stored objects are immutable: the new version shares every part that does not change
    const obj = { ...old, metadata: { ...old.metadata }, spec: { ...spec, nodeName }, status: { ...status, conditions } } as StoredObject;
    return this.sim.store.put(obj);
  }

  /** Write only .status (the /status subresource); used by controllers and the kubelet. */
  updateStatus(input: KObject, opts: WriteOptions = {}): StoredObject {
    // what { trusted: true, ...opts, subresource: 'status' } gives update, which reads only these fields (a
    // spread after a literal property copies opts field by field: it was most of a status write's own time)
    return this.update(input, {
      user: opts.user,
      dryRun: opts.dryRun,
      namespace: opts.namespace,
      trusted: 'trusted' in opts ? opts.trusted : true,
      subresource: 'status',
      fresh: opts.fresh,
      fieldValidation: opts.fieldValidation,
      verb: opts.verb,
    });
  }

  /**
   * Read-modify-write helper for components: applies `mutate` to a copy of the
   * current object and stores it (no-op writes are skipped).
   */
  mutate(kind: string, namespace: string, name: string, mutate: (o: KObject) => void, opts: WriteOptions = {}): StoredObject | undefined {
    const cur = this.find(kind, namespace, name);
    if (!cur) return undefined;
    const copy = clone(cur) as KObject;
    mutate(copy);
    return this.update(copy, { trusted: true, ...opts });
  }

  delete(kind: string, namespace: string, name: string, opts: DeleteOptions = {}): StoredObject {
    const t = this.typeOf(kind);
    const ns = t.namespaced ? namespace : '';
    this.authorize(opts.user, 'delete', t, ns, name);
    this.served(t, 'delete');
    this.deprecation(t, opts);
    const cur = this.sim.store.get(t.kind, ns, name);
    if (!cur) throw newNotFound(groupResource(t), name);
    if (opts.uid && cur.metadata.uid !== opts.uid) {
      throw newConflict(groupResource(t), name, `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${cur.metadata.uid}`);
    }
    const ctx = this.ctx(opts.user, opts.dryRun);
    this.validateAdmission({
      operation: 'DELETE',
      resource: t,
      subresource: '',
      namespace: ns,
      name,
      object: cur,
      oldObject: cur,
      user: opts.user ?? ADMIN_USER,
      dryRun: !!opts.dryRun,
    });
    const strategy = this.strategies.get(t.kind);
    const grace = strategy?.gracePeriod ? strategy.gracePeriod(cur, opts.gracePeriodSeconds) : 0;

    const obj = clone(cur) as KObject;
    const meta = obj.metadata;
    const finalizers = new Set(meta.finalizers ?? []);
    if (!meta.deletionTimestamp) {
      if (opts.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
      if (opts.propagationPolicy === 'Orphan') finalizers.add('orphan');
    }
    if (finalizers.size) meta.finalizers = [...finalizers];

    if (opts.dryRun) return cur;
    const blocked = finalizers.size > 0 || !!strategy?.blocksDeletion?.(cur);
    if (!blocked && grace <= 0) return this.removeNow(t, cur, ctx);

    if (meta.deletionTimestamp) {
      // Already terminating: a shorter grace period may be requested.
      const prev = meta.deletionGracePeriodSeconds ?? 0;
      if (grace >= prev && deepEqualIgnoringRV(obj, cur)) return cur;
      if (grace < prev) {
        meta.deletionGracePeriodSeconds = grace;
        if (grace === 0 && !blocked) return this.removeNow(t, cur, ctx);
      }
      return this.sim.store.put(obj as StoredObject);
    }
    meta.deletionTimestamp = this.sim.clock.iso(this.sim.clock.now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    if (meta.generation !== undefined) meta.generation++;
    strategy?.beginDelete?.(obj, ctx);
    return this.sim.store.put(obj as StoredObject);
  }

  private removeNow(t: ResourceType, obj: StoredObject, ctx: RequestContext): StoredObject {
    const gone = this.sim.store.remove(t.kind, obj.metadata.namespace ?? '', obj.metadata.name) ?? obj;
    this.strategies.get(t.kind)?.afterDelete?.(gone, ctx);
    return gone;
  }

  // ---------------------------------------------------------------- helpers

  private ctx(user: UserInfo | undefined, dryRun?: boolean): RequestContext {
    return { sim: this.sim, user: user ?? ADMIN_USER, dryRun: !!dryRun };
  }

  /** Check a request against the authorizer; throws the real Forbidden error. */
  /**
   * A verb the resource's storage does not implement has no route (installer.go registers a handler per
   * implemented interface: a get/list-only ComponentStatus has no POST or DELETE, a create-only Binding no GET):
   * the request, once authorized (the authorization filter runs before routing), gets go-restful's 405, which
   * the apiserver's service error handler turns into a MethodNotAllowed status (NewGenericServerResponse).
   */
  private served(t: ResourceType, verb: string): void {
    if (!t.verbs.includes(verb)) throw newMethodNotAllowed();
  }

  authorize(user: UserInfo | undefined, verb: string, t: ResourceType, namespace: string, name: string, subresource = ''): void {
    if (!user || !this.authorizer) return;
    const d = this.authorizer.authorize({ user, verb, apiGroup: t.group, resource: t.resource, subresource, namespace, name });
    if (!d.allowed) {
      const gr = groupResource(t);
      throw newForbidden(
        subresource ? `${gr}` : gr,
        name,
        forbiddenMessage({ user, verb, apiGroup: t.group, resource: t.resource, subresource, namespace, name }, d.reason),
      );
    }
  }

  can(user: UserInfo, verb: string, t: ResourceType, namespace: string, name = '', subresource = ''): boolean {
    if (!this.authorizer) return true;
    return this.authorizer.authorize({ user, verb, apiGroup: t.group, resource: t.resource, subresource, namespace, name }).allowed;
  }

  private decode(obj: KObject, t: ResourceType, mode: 'Strict' | 'Warn' | 'Ignore' = 'Strict'): void {
    const r = this.schemaCheck?.(obj);
    if (!r) return;
    if (r.typeError) throw newBadRequest(`${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: ${r.typeError}`);
    if (r.unknown.length && mode !== 'Strict') {
      // the decoder drops fields it does not know; Warn reports each one
      for (const u of r.unknown) {
        if (mode === 'Warn') this.warn(u);
        const m = /^unknown field "(.*)"$/.exec(u);
        if (m) dropPath(obj as unknown as Record<string, unknown>, m[1]);
      }
      decoded(obj);
      return;
    }
    if (!r.unknown.length) {
      decoded(obj);
      return;
    }
    if (r.unknown.length) {
      throw newBadRequest(
        `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: strict decoding error: ${r.unknown.join(', ')}`,
      );
    }
  }

  // (indexed loops: these run for every write, and for-of allocated an iterator result per plugin here)
  private admit(attrs: AdmissionAttributes): void {
    const list = this.mutating;
    for (let i = 0; i < list.length; i++) list[i].admit!(attrs);
  }

  private validateAdmission(attrs: AdmissionAttributes): void {
    const list = this.validating;
    for (let i = 0; i < list.length; i++) list[i].validate!(attrs);
  }
}

const SPEC_FIELDS = ['spec'];

/**
 * The decoded object as the apiserver keeps it: quantities in canonical form, and without the empty maps and
 * slices of omitempty fields, which encoding/json leaves out of what etcd stores and what every response carries
 * (api/schema.ts dropEmptyOmitempty).
 */
function decoded(obj: KObject): void {
  canonicalizeQuantities(obj as unknown as Record<string, unknown>);
  dropEmptyOmitempty(obj as unknown as Record<string, unknown>);
}

/**
 * Kinds served here without a strategy of their own whose registry strategy's PrepareForCreate sets
 * metadata.generation to 1 and whose PrepareForUpdate bumps it on a spec change (K/K pkg/registry/networking/
 * ingress, ingressclass and networkpolicy, policy/poddisruptionbudget strategy.go). The others never touch it
 * (stored as the client sent it): a Node has none (pkg/registry/core/node/strategy.go), nor does a
 * HorizontalPodAutoscaler in v1.35 (kubernetes/kubernetes#138228, merged 2026-04 behind a new HPAGeneration
 * gate, is what adds it). EndpointSlice sets it too (pkg/registry/discovery/endpointslice/strategy.go, bumped
 * on any endpoints or label change), which its controller here does not write yet.
 */
const GENERATION_KINDS = new Set(['Ingress', 'IngressClass', 'NetworkPolicy', 'PodDisruptionBudget']);

/** rest.BeforeUpdate's system fields (see update): the stored ones where the request may not set them. */
function keepSystemFields(meta: KObject['metadata'], om: StoredObject['metadata']): void {
  if (!meta.uid) meta.uid = om.uid;
  meta.creationTimestamp = om.creationTimestamp;
  meta.resourceVersion = om.resourceVersion;
  if (om.deletionTimestamp) meta.deletionTimestamp = om.deletionTimestamp;
  else if (meta.deletionTimestamp === null) delete meta.deletionTimestamp;
  if (meta.deletionGracePeriodSeconds == null) {
    if (om.deletionGracePeriodSeconds != null) meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    else if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
  }
  if (om.generation !== undefined) meta.generation = om.generation;
  else if ('generation' in meta) delete meta.generation;
  if ('selfLink' in meta) delete meta.selfLink;
  if ('managedFields' in meta) delete meta.managedFields;
}

function specChanged(obj: KObject, old: KObject, fields: string[]): boolean {
  for (let i = 0; i < fields.length; i++) if (!deepEqual(obj[fields[i]], old[fields[i]])) return true;
  return false;
}

/** Whether the kind's strategy sets metadata.generation (1 on create, +1 on a spec change) or leaves it as sent. */
function tracksGeneration(kind: string, strategy: Strategy | undefined): boolean {
  return strategy ? strategy.hasGeneration !== false : GENERATION_KINDS.has(kind);
}
const identity = (v: unknown) => v;
/** No errors (never added to: concat makes a new list when both have some). */
const NO_ERRORS: FieldError[] = [];
function concat(a: FieldError[], b: FieldError[]): FieldError[] {
  return !b.length ? a : !a.length ? b : [...a, ...b];
}

/**
 * What clone(input) gives (same keys in the same order, undefined values left out) with only metadata,
 * status, apiVersion and kind copied: the other fields are placeholders the caller replaces. `storedStatus` is the
 * stored object's status (see hasUndefined).
 */
/** kube-apiserver pkg/kubeapiserver/default_storage_factory_builder.go SpecialDefaultResourcePrefixes: etcd key prefixes that are not the resource's name. */
const ETCD_PREFIXES: Record<string, string> = {
  '/replicationcontrollers': 'controllers',
  '/endpoints': 'services/endpoints',
  '/nodes': 'minions',
  '/services': 'services/specs',
  'networking.k8s.io/ingresses': 'ingress',
};

/**
 * An update whose uid precondition is not the stored object's uid: etcd3 storage checks preconditions before
 * anything else (apiserver pkg/storage/etcd3/store.go GuaranteedUpdate: preconditions.Check(preparedKey, ...) ->
 * storage.NewInvalidObjError, whose text is StorageError.Error() in pkg/storage/errors.go), and the generic store
 * turns it into a Conflict (registry/generic/registry/store.go Update -> storeerr.InterpretUpdateError: IsInvalidObj
 * -> NewConflict).
 */
function uidPreconditionFailed(t: ResourceType, ns: string, name: string, want: string, have: string): StatusError {
  const prefix = ETCD_PREFIXES[`${t.group}/${t.resource}`] ?? t.resource;
  const key = `/registry/${prefix}/${t.namespaced ? `${ns}/` : ''}${name}`;
  return newConflict(
    groupResource(t),
    name,
    `StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${want}, UID in object meta: ${have}`,
  );
}

function copyMetaAndStatus(input: KObject, storedMeta: boolean, freshStatus: boolean, storedStatus: unknown): KObject {
  // an object built for this write (fresh: the caller does not use it afterwards) is itself the copy when no
  // top-level value is undefined (what the copy would leave out): the same keys in the same order, one object
  // fewer per status write (the kubelet's three per pod)
  let out: Record<string, unknown> | undefined = freshStatus ? (input as Record<string, unknown>) : undefined;
  if (out) for (const k in input) if ((input as Record<string, unknown>)[k] === undefined) out = undefined;
  if (out) {
    const meta = out.metadata;
    if (meta !== undefined) out.metadata = storedMeta ? { ...(meta as object) } : clone(meta);
    const st = out.status;
    if (st !== undefined && hasUndefined(st, storedStatus)) out.status = clone(st);
    const av = out.apiVersion;
    if (av !== undefined) out.apiVersion = clone(av);
    const kind = out.kind;
    if (kind !== undefined) out.kind = clone(kind);
    return out as KObject;
  }
  out = {};
  for (const k in input) {
    const v = (input as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (k === 'metadata' && storedMeta) out[k] = { ...(v as object) }; // a stored object's: nothing undefined in it
    // a status built for this write (fresh) is taken as it is when nothing in it is undefined (what clone drops)
    else if (k === 'status' && freshStatus && !hasUndefined(v, storedStatus)) out[k] = v;
    else out[k] = k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind' ? clone(v) : v;
  }
  return out as KObject;
}

/**
 * An undefined value anywhere inside (array holes count), which a stored object must not keep. `stored` is the
 * same place in the stored object: a part the new value shares with it is not walked (a stored object holds
 * nothing undefined: it was cloned or checked here). The leaves are checked in the loops (no call per leaf).
 */
function hasUndefined(v: unknown, stored?: unknown): boolean {
  if (v === undefined) return true;
  if (v === null || typeof v !== 'object' || v === stored) return false;
  const s = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : undefined;
  if (Array.isArray(v)) {
    const sa = Array.isArray(s) ? s : undefined;
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return true;
      const x = v[i];
      if (x === undefined) return true;
      if (x !== null && typeof x === 'object' && hasUndefined(x, sa && i < sa.length ? sa[i] : undefined)) return true;
    }
    return false;
  }
  const sa = Array.isArray(s) ? undefined : s;
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) return true;
    if (x !== null && typeof x === 'object' && hasUndefined(x, sa && Object.hasOwn(sa, k) ? sa[k] : undefined)) return true;
  }
  return false;
}

/** Delete the field at a path like `spec.containers[0].foo`. */
function dropPath(obj: Record<string, unknown>, path: string): void {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let cur: any = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = Array.isArray(cur) ? cur[Number(parts[i])] : cur?.[parts[i]];
    if (cur == null || typeof cur !== 'object') return;
  }
  if (cur && typeof cur === 'object') delete cur[parts[parts.length - 1]];
}

function insertOrdered(list: AdmissionPlugin[], p: AdmissionPlugin & { order: number }): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as any).order > p.order) i--;
  list.splice(i, 0, p);
}

export function qualifiedKind(t: ResourceType): string {
  return t.group ? `${t.kind}.${t.group}` : t.kind;
}

/** generateName: base truncated to 58 characters + 5 random characters (apiserver pkg/storage/names). */
export function generateName(base: string, sim: Sim): string {
  return base.slice(0, 58) + sim.rand.string(5);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (i in a && !deepEqual(a[i], bb[i])) return false; // (every skips holes)
    return true;
  }
  // the keys with defined values must be as many on both sides and equal on a's side
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  // for-in, not Object.keys: no key array per object compared (every status write compares two pods)
  let na = 0;
  for (const k in oa) {
    const v = oa[k];
    if (v === undefined) continue;
    na++;
    if (!deepEqual(v, ob[k])) return false;
  }
  let nb = 0;
  for (const k in ob) if (ob[k] !== undefined) nb++;
  return na === nb;
}

function deepEqualIgnoringRV(a: KObject, b: KObject): boolean {
  const ra = a.metadata.resourceVersion;
  a.metadata.resourceVersion = b.metadata.resourceVersion;
  const eq = deepEqual(a, b);
  a.metadata.resourceVersion = ra;
  return eq;
}

export { StatusError };
export type { Operation };
