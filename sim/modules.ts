import type { SimModule } from './sim';
import { namespaceModule } from './registry/namespace';
import { nodesModule } from './kubelet/nodes-module';

/**
 * The subsystems of a cluster, in install order. Order matters twice: control
 * loops drain round-robin in this order, and bootstrap() runs in this order.
 * Add a module here when you add a subsystem.
 */
export const MODULES: SimModule[] = [namespaceModule, nodesModule];
