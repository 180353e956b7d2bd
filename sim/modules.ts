import type { SimModule } from './sim';
import { namespaceModule } from './registry/namespace';
import { nodesModule } from './kubelet/nodes-module';
import { schedulerModule } from './scheduler/scheduler';
import { kubeletModule } from './kubelet/kubelet';
import { systemPodsModule } from './kubelet/system';
import { serviceRegistryModule } from './registry/service';
import { endpointsModule } from './controllers/endpoints';
import { endpointSliceModule } from './controllers/endpointslice';
import { loadBalancerModule } from './controllers/loadbalancer';
import { networkModule } from './network/module';
import { namespaceLifecycleModule } from './admission/namespace-lifecycle';
import { serviceAccountAdmissionModule } from './admission/serviceaccount';
import { serviceAccountsModule } from './controllers/serviceaccount';
import { rbacModule } from './admission/rbac';
import { configModule } from './registry/configmap';
import { podRegistryModule } from './registry/pod';
import { apiHttpModule } from './registry/http';
import { storageRegistryModule } from './registry/storage';
import { persistentVolumeModule } from './controllers/persistentvolume';
import { limitRangerModule } from './admission/limitranger';
import { resourceQuotaModule } from './admission/resourcequota';
import { jobModule } from './controllers/job';
import { daemonSetModule } from './controllers/daemonset';
import { taintEvictionModule } from './controllers/taint-eviction';
import { statefulSetModule } from './controllers/statefulset';
import { cronJobModule } from './controllers/cronjob';
import { replicaSetModule } from './controllers/replicaset';
import { deploymentModule } from './controllers/deployment';
import { garbageCollectorModule } from './controllers/garbagecollector';
import { shellModule } from './shell/module';
import { kubectlModule } from './kubectl/index';
import { fieldManagerModule } from './registry/fieldmanager';

/**
 * The subsystems of a cluster, in install order. Order matters twice: control
 * loops drain round-robin in this order, and bootstrap() runs in this order.
 * Add a module here when you add a subsystem.
 */
export const MODULES: SimModule[] = [
  namespaceModule,
  rbacModule,
  namespaceLifecycleModule,
  serviceAccountAdmissionModule,
  serviceAccountsModule,
  configModule,
  podRegistryModule,
  apiHttpModule,
  fieldManagerModule,
  storageRegistryModule,
  persistentVolumeModule,
  limitRangerModule,
  resourceQuotaModule,
  nodesModule,
  schedulerModule,
  kubeletModule,
  systemPodsModule,
  serviceRegistryModule,
  endpointsModule,
  endpointSliceModule,
  loadBalancerModule,
  networkModule,
  replicaSetModule,
  deploymentModule,
  jobModule,
  daemonSetModule,
  taintEvictionModule,
  statefulSetModule,
  cronJobModule,
  garbageCollectorModule,
  kubectlModule,
  shellModule,
];
