/**
 * Simulator benchmarks (printed, not asserted): a typical chapter example,
 * a 10,000-replica Deployment on 100 workers, a 5,000-node / 150,000-pod
 * cluster, and memory. Aims (issue #3): typical example < 5 ms, 10k replicas
 * < 1 s, cost growing linearly with pods.
 */
import { createCluster } from '../../sim/index';

const TYPICAL = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

function deployment(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: kubetm/app
`;
}

function ms(t0: number): string {
  return `${(performance.now() - t0).toFixed(1)} ms`;
}

/** Heap in use after a full collection (undefined when gc is not exposed: run through `npm run bench`). */
function heapBytes(): number | undefined {
  const g = globalThis as any;
  if (!g.gc) return undefined;
  g.gc();
  return process.memoryUsage().heapUsed;
}

function heapMB(): string {
  const g = globalThis as any;
  g.gc?.();
  return `${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB heap`;
}

export default async function (): Promise<void> {
  console.log('\n## Simulator');
  // cluster start-up
  let t0 = performance.now();
  const c = createCluster();
  console.log(`create a 3-node cluster (bootstrap + settle):        ${ms(t0)}`);

  // typical example: median of several runs on fresh clusters
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const k = createCluster({ seed: i + 1 });
    const s = performance.now();
    k.apply(TYPICAL);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(`typical example (Deployment x3 + Service), apply+settle: median ${times[7].toFixed(2)} ms, max ${times[14].toFixed(2)} ms (aim < 5 ms)`);
  t0 = performance.now();
  c.run('kubectl get pods -o wide');
  console.log(`kubectl get pods -o wide:                              ${ms(t0)}`);

  // scaling: 10k replicas on 100 workers, and linearity
  let perPod = '';
  for (const n of [1000, 2500, 5000, 10000]) {
    const big = createCluster({ workers: 100 });
    const before = heapBytes();
    const s = performance.now();
    big.apply(deployment('big', n));
    const t = performance.now() - s;
    const running = big.list('Pod', 'default').filter((p) => p.status?.phase === 'Running').length;
    console.log(`Deployment ${String(n).padStart(6)} replicas on 100 workers: ${`${t.toFixed(1)} ms`.padStart(10)}  (${running} Running, ${((t / n) * 1000).toFixed(0)} µs/pod)`);
    if (n === 10000 && before !== undefined) perPod = ` (${((heapBytes()! - before) / n / 1024).toFixed(1)} KB per pod)`;
    if (n === 10000) {
      // what a reader may type next on that cluster (a describe that listed everything per node took 30 s once)
      for (const cmd of ['kubectl get pods', 'kubectl get pods -o wide', 'kubectl get events', 'kubectl describe deploy big', 'kubectl describe nodes']) {
        const s2 = performance.now();
        big.run(cmd);
        console.log(`  ${cmd.padEnd(52)} ${ms(s2).padStart(10)}`);
      }
    }
  }
  console.log(`memory after the 10k run: ${heapMB()}${perPod}`);

  if (process.env.BENCH_HUGE !== '0') {
    const s = performance.now();
    const huge = createCluster({ workers: 5000 });
    console.log(`5,000-node cluster created:                            ${ms(s)}`);
    const s2 = performance.now();
    for (let i = 0; i < 15; i++) huge.apply(deployment(`d${i}`, 10000));
    const pods = huge.list('Pod').length;
    console.log(`150,000 pods (15 Deployments x 10,000) on 5,000 nodes: ${ms(s2)}  (${pods} pods)`);
    console.log(`memory with 150,000 pods: ${heapMB()}`);
  }
}
