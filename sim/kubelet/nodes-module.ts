import type { SimModule } from '../sim';
import { registerNodes } from './node';

/** Node registration (each machine's kubelet registers its Node at install time). */
export const nodesModule: SimModule = {
  name: 'nodes',
  install() {},
  bootstrap(sim) {
    registerNodes(sim);
  },
};
