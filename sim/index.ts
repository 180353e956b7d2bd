/**
 * Public entry of the simulator. Nothing outside sim/ imports any other file
 * of sim/ (components, the site and tests use only what is exported here).
 */
export { Cluster, createCluster, type Snapshot, type ChangeListener } from './cluster';
export { KUBERNETES_VERSION, type ClusterOptions } from './sim';
export type { KObject, StoredObject, ObjectMeta, Status } from './api/types';
export type { WatchEvent } from './store/store';
export type { RR as DnsRecord } from './network/dns';
export type { RunResult, TranscriptEntry, OutputChunk } from './shell/types';
