/** @jsxImportSource preact */
/**
 * A small SVG of the cluster: nodes as columns with their pods (colour by
 * phase and readiness), services below with lines to the pods behind them.
 */
import type { Lang } from '../example/strings';

export interface DiagramData {
  nodes: string[];
  pods: { name: string; node?: string; phase: string; ip?: string; ready: boolean; labels: Record<string, string> }[];
  services: { name: string; type: string; ip?: string; endpoints: string[] }[];
}

const W = 190;
const POD_H = 34;

export function ClusterDiagram({ data, lang }: { data: DiagramData; lang: Lang }) {
  const columns = [...data.nodes, ...(data.pods.some((p) => !p.node) ? [''] : [])];
  const podPos = new Map<string, { x: number; y: number }>();
  let maxPods = 0;
  columns.forEach((n, i) => {
    const pods = data.pods.filter((p) => (p.node ?? '') === n);
    maxPods = Math.max(maxPods, pods.length);
    pods.forEach((p, k) => podPos.set(p.name, { x: i * (W + 16) + 10, y: 40 + k * (POD_H + 8) }));
  });
  const top = 48 + Math.max(1, maxPods) * (POD_H + 8);
  const svcY = top + 30;
  // services wrap into rows as wide as the node columns, so many services do not shrink the picture
  const perRow = Math.max(3, columns.length);
  const rows = Math.ceil(data.services.length / perRow);
  const width = Math.max(columns.length, Math.min(perRow, data.services.length)) * (W + 16) + 10;
  const height = svcY + rows * 50;
  const svcAt = (i: number) => ({ x: (i % perRow) * (W + 16) + 5, y: svcY + Math.floor(i / perRow) * 50 });
  const title = lang === 'ko' ? '노드, 파드, 서비스 그림' : 'Nodes, pods and services';
  return (
    <svg class="k8s-diagram" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      {columns.map((n, i) => (
        <g key={n || 'unscheduled'}>
          <rect x={i * (W + 16)} y={0} width={W + 10} height={top} rx={8} class={n ? 'k8s-node' : 'k8s-node k8s-unscheduled'} />
          <text x={i * (W + 16) + 10} y={22} class="k8s-node-label">
            {n || (lang === 'ko' ? '(배치 전)' : '(unscheduled)')}
          </text>
        </g>
      ))}
      {data.pods.map((p) => {
        const pos = podPos.get(p.name)!;
        const cls = p.phase === 'Running' ? (p.ready ? 'k8s-pod-ready' : 'k8s-pod-notready') : p.phase === 'Succeeded' ? 'k8s-pod-done' : p.phase === 'Failed' ? 'k8s-pod-failed' : 'k8s-pod-pending';
        return (
          <g key={p.name}>
            <rect x={pos.x} y={pos.y} width={W - 10} height={POD_H} rx={6} class={`k8s-pod ${cls}`} />
            <text x={pos.x + 8} y={pos.y + 14} class="k8s-pod-label">
              {p.name.length > 26 ? p.name.slice(0, 25) + '…' : p.name}
            </text>
            <text x={pos.x + 8} y={pos.y + 28} class="k8s-pod-sub">
              {p.phase}
              {p.ip ? ` · ${p.ip}` : ''}
            </text>
          </g>
        );
      })}
      {data.services.map((s, i) => {
        const { x, y: sy } = svcAt(i);
        return (
          <g key={s.name}>
            {s.endpoints.map((e) => {
              const pos = podPos.get(e);
              return pos ? <line key={e} x1={x + W / 2} y1={sy} x2={pos.x + (W - 10) / 2} y2={pos.y + POD_H} class="k8s-edge" /> : null;
            })}
            <rect x={x} y={sy} width={W} height={38} rx={19} class="k8s-svc" />
            <text x={x + 12} y={sy + 16} class="k8s-pod-label">
              svc/{s.name.length > 22 ? s.name.slice(0, 21) + '…' : s.name}
            </text>
            <text x={x + 12} y={sy + 31} class="k8s-pod-sub">
              {s.type}
              {s.ip ? ` · ${s.ip}` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
