import type { KObject, StoredObject, UserInfo } from '../api/types';
import type { ResourceType } from '../api/resources';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** admission.Attributes */
export interface AdmissionAttributes {
  operation: Operation;
  resource: ResourceType;
  subresource: string;
  namespace: string;
  name: string;
  /** The incoming object (mutable in mutating plugins); for DELETE the stored object. */
  object: KObject;
  oldObject?: StoredObject;
  user: UserInfo;
  dryRun: boolean;
}

/**
 * An admission plugin. Mutating plugins may change attrs.object; validating
 * plugins only accept or throw a StatusError. Order is the apiserver's
 * (K/K pkg/kubeapiserver/options/plugins.go AllOrderedPlugins).
 */
export interface AdmissionPlugin {
  name: string;
  admit?(attrs: AdmissionAttributes): void;
  validate?(attrs: AdmissionAttributes): void;
}

/** Authorization request attributes (apiserver authorizer.Attributes). */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** non-resource requests, e.g. /healthz */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export interface Authorizer {
  authorize(a: AuthorizationAttributes): Decision;
}
