import { describe, expect, it } from 'vitest';
import { goJSON, goListJSON, unknownFields } from '../../sim/api/go-json';
import { isPrettyPrint, rawGet, serveApi } from '../../sim/registry/http';
import { newNotFound, StatusError } from '../../sim/registry/errors';
import { createCluster } from '../../sim/index';

/*
 * Raw API responses as kube-apiserver writes them: encoding/json over the
 * versioned structs, so fields come in Go declaration order (kubernetes/
 * kubernetes staging/src/k8s.io/api/core/v1/types.go: Pod = TypeMeta{kind,
 * apiVersion} + ObjectMeta + spec + status; PodSpec volumes, initContainers,
 * containers, ephemeralContainers, restartPolicy, terminationGracePeriodSeconds,
 * activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, …;
 * PodStatus observedGeneration, phase, conditions, message, reason, nominatedNodeName, hostIP,
 * hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses,
 * qosClass; ContainerStatus name, state, lastState, ready, restartCount, image,
 * imageID, containerID, started; PodCondition type, observedGeneration, status, lastProbeTime,
 * lastTransitionTime, reason, message; ServiceSpec ports, selector, clusterIP,
 * clusterIPs, type, externalIPs, sessionAffinity, …, ipFamilies, ipFamilyPolicy,
 * allocateLoadBalancerNodePorts, loadBalancerClass, internalTrafficPolicy;
 * ServicePort name, protocol, appProtocol, port, targetPort, nodePort;
 * api/apps/v1/types.go DeploymentSpec replicas, selector, template, strategy,
 * minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds;
 * DeploymentStatus observedGeneration, replicas, updatedReplicas,
 * readyReplicas, availableReplicas, unavailableReplicas, conditions;
 * DeploymentCondition type, status, lastUpdateTime, lastTransitionTime, reason,
 * message; apimachinery/pkg/apis/meta/v1/types.go ObjectMeta name,
 * generateName, namespace, selfLink, uid, resourceVersion, generation,
 * creationTimestamp, …, labels, annotations, ownerReferences; Status TypeMeta,
 * ListMeta, status, message, reason, details, code; StatusDetails name, group,
 * kind, uid, causes). Maps (labels, selector, resource lists) have sorted keys.
 *
 * Framing: apimachinery runtime/serializer/json/json.go doEncode: pretty =
 * json.MarshalIndent(obj, "", "  ") with no newline after it, compact =
 * json.NewEncoder(w).Encode(obj) ending in "\n"; lists through
 * collections.go streamingEncodeList: {"kind":…,"apiVersion":…,"metadata":…,
 * "items":[…]}\n, items without kind/apiVersion.
 */

const T0 = '2026-01-15T09:00:00Z';
const T3 = '2026-01-15T09:00:03Z';

// objects as the simulator stores them: fields in whatever order the writers used
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { labels: { run: 'x', app: 'a' }, name: 'x', namespace: 'default', uid: 'u1', creationTimestamp: T0, resourceVersion: '278' },
  spec: {
    containers: [
      { image: 'nginx', name: 'x', resources: {}, imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    nodeName: 'k8s-node1',
  },
  status: {
    qosClass: 'BestEffort',
    phase: 'Running',
    podIP: '10.244.1.5',
    conditions: [{ lastProbeTime: null, lastTransitionTime: T3, status: 'True', type: 'Ready' }],
    containerStatuses: [
      {
        containerID: 'containerd://abc',
        image: 'docker.io/library/nginx:latest',
        imageID: 'docker.io/library/nginx@sha256:1',
        lastState: {},
        name: 'x',
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: T3 } },
      },
    ],
  },
};

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { labels: { app: 'web' }, name: 'web', namespace: 'default', uid: 'u2', creationTimestamp: T3, resourceVersion: '289' },
  spec: {
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80, name: 'http' }],
    selector: { app: 'web' },
    type: 'ClusterIP',
    sessionAffinity: 'None',
    internalTrafficPolicy: 'Cluster',
    ipFamilyPolicy: 'SingleStack',
    ipFamilies: ['IPv4'],
    clusterIP: '10.96.0.10',
    clusterIPs: ['10.96.0.10'],
  },
  status: { loadBalancer: {} },
};

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    labels: { app: 'web' },
    name: 'web',
    namespace: 'default',
    uid: 'u3',
    creationTimestamp: T0,
    generation: 1,
    resourceVersion: '288',
    annotations: { 'deployment.kubernetes.io/revision': '1' },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { image: 'nginx', name: 'nginx', resources: {}, imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
        ],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
        securityContext: {},
      },
    },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {
    availableReplicas: 1,
    conditions: [
      {
        lastTransitionTime: T3,
        lastUpdateTime: T3,
        message: 'Deployment has minimum availability.',
        reason: 'MinimumReplicasAvailable',
        status: 'True',
        type: 'Available',
      },
    ],
    observedGeneration: 1,
    readyReplicas: 1,
    replicas: 1,
    updatedReplicas: 1,
  },
};

describe('raw API JSON in Go struct order (api/go-json.ts)', () => {
  const cases: { name: string; value: unknown; type: string; pretty: boolean; want: string }[] = [
    {
      name: 'Pod, compact (json.Encoder: final newline)',
      value: pod,
      type: 'Pod',
      pretty: false,
      want:
        '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"x","namespace":"default","uid":"u1","resourceVersion":"278","creationTimestamp":"2026-01-15T09:00:00Z","labels":{"app":"a","run":"x"}},' +
        '"spec":{"containers":[{"name":"x","image":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],' +
        '"restartPolicy":"Always","dnsPolicy":"ClusterFirst","nodeName":"k8s-node1","securityContext":{}},' +
        '"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-01-15T09:00:03Z"}],"podIP":"10.244.1.5",' +
        '"containerStatuses":[{"name":"x","state":{"running":{"startedAt":"2026-01-15T09:00:03Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"docker.io/library/nginx:latest","imageID":"docker.io/library/nginx@sha256:1","containerID":"containerd://abc","started":true}],' +
        '"qosClass":"BestEffort"}}\n',
    },
    {
      name: 'Service, pretty (json.MarshalIndent: two spaces, no final newline, empty struct as {})',
      value: service,
      type: 'Service',
      pretty: true,
      want: `{
  "kind": "Service",
  "apiVersion": "v1",
  "metadata": {
    "name": "web",
    "namespace": "default",
    "uid": "u2",
    "resourceVersion": "289",
    "creationTimestamp": "2026-01-15T09:00:03Z",
    "labels": {
      "app": "web"
    }
  },
  "spec": {
    "ports": [
      {
        "name": "http",
        "protocol": "TCP",
        "port": 80,
        "targetPort": 80
      }
    ],
    "selector": {
      "app": "web"
    },
    "clusterIP": "10.96.0.10",
    "clusterIPs": [
      "10.96.0.10"
    ],
    "type": "ClusterIP",
    "sessionAffinity": "None",
    "ipFamilies": [
      "IPv4"
    ],
    "ipFamilyPolicy": "SingleStack",
    "internalTrafficPolicy": "Cluster"
  },
  "status": {
    "loadBalancer": {}
  }
}`,
    },
    {
      name: 'Deployment, compact',
      value: deployment,
      type: 'Deployment',
      pretty: false,
      want:
        '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default","uid":"u3","resourceVersion":"288","generation":1,"creationTimestamp":"2026-01-15T09:00:00Z","labels":{"app":"web"},"annotations":{"deployment.kubernetes.io/revision":"1"}},' +
        '"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],' +
        '"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},' +
        '"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},"revisionHistoryLimit":10,"progressDeadlineSeconds":600},' +
        '"status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"readyReplicas":1,"availableReplicas":1,' +
        '"conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-01-15T09:00:03Z","lastTransitionTime":"2026-01-15T09:00:03Z","reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."}]}}\n',
    },
    {
      name: 'Status error (pods "x" not found), pretty',
      value: { ...newNotFound('pods', 'x').status, details: { kind: 'pods', name: 'x' } },
      type: 'Status',
      pretty: true,
      want: `{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "pods \\"x\\" not found",
  "reason": "NotFound",
  "details": {
    "name": "x",
    "kind": "pods"
  },
  "code": 404
}`,
    },
    {
      name: 'Status error with a group (StatusDetails name, group, kind), compact',
      value: { code: 404, details: { kind: 'deployments', group: 'apps', name: 'web' }, reason: 'NotFound', message: 'deployments.apps "web" not found', status: 'Failure', metadata: {}, apiVersion: 'v1', kind: 'Status' },
      type: 'Status',
      pretty: false,
      want: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \\"web\\" not found","reason":"NotFound","details":{"name":"web","group":"apps","kind":"deployments"},"code":404}\n',
    },
    {
      // core/v1 PersistentVolumeSpec: capacity, then the inlined PersistentVolumeSource (…, local, …), accessModes, claimRef, …;
      // ObjectReference kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath
      name: 'PersistentVolume: inlined volume source after capacity, ObjectReference order',
      value: {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv1' },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          local: { path: '/mnt/d' },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['k8s-node1'] }] }] } },
          persistentVolumeReclaimPolicy: 'Retain',
          volumeMode: 'Filesystem',
          storageClassName: 'local',
          claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'c', namespace: 'default', uid: 'u', resourceVersion: '5' },
        },
        status: { phase: 'Bound', lastPhaseTransitionTime: T0 },
      },
      type: 'PersistentVolume',
      pretty: false,
      want:
        '{"kind":"PersistentVolume","apiVersion":"v1","metadata":{"name":"pv1"},"spec":{"capacity":{"storage":"1Gi"},"local":{"path":"/mnt/d"},"accessModes":["ReadWriteOnce"],' +
        '"claimRef":{"kind":"PersistentVolumeClaim","namespace":"default","name":"c","uid":"u","apiVersion":"v1","resourceVersion":"5"},"persistentVolumeReclaimPolicy":"Retain","storageClassName":"local","volumeMode":"Filesystem",' +
        '"nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/hostname","operator":"In","values":["k8s-node1"]}]}]}}},' +
        '"status":{"phase":"Bound","lastPhaseTransitionTime":"2026-01-15T09:00:00Z"}}\n',
    },
    {
      // encoding/json encode.go appendString: HTML-safe escapes; map keys sorted as strings ("10" < "2"), not as JS integer keys
      name: 'map keys sorted bytewise, <>& escaped',
      value: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c' }, data: { b: '<b>x & y</b>', '2': 'two', '10': 'ten', a: '\u2028' } },
      type: 'ConfigMap',
      pretty: false,
      want: '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c"},"data":{"10":"ten","2":"two","a":"\\u2028","b":"\\u003cb\\u003ex \\u0026 y\\u003c/b\\u003e"}}\n',
    },
    {
      name: 'fields the table does not know follow the known ones, in their own order',
      value: { status: { yFuture: 2, phase: 'Running', zFuture: { b: 1, a: 2 } }, metadata: { name: 'p' }, kind: 'Pod', apiVersion: 'v1' },
      type: 'Pod',
      pretty: false,
      want: '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"status":{"phase":"Running","yFuture":2,"zFuture":{"b":1,"a":2}}}\n',
    },
    {
      // k8s.io/api core/v1 types.go (v1.35): PodStatus begins with ObservedGeneration, and PodCondition has it
      // after Type (both written since PodObservedGenerationTracking went on by default in v1.34)
      name: "a pod status' observedGeneration comes first, a condition's after its type",
      value: {
        status: { conditions: [{ lastProbeTime: null, lastTransitionTime: 't', observedGeneration: 1, status: 'True', type: 'Ready' }], observedGeneration: 1, phase: 'Running' },
        metadata: { name: 'p' },
        kind: 'Pod',
        apiVersion: 'v1',
      },
      type: 'Pod',
      pretty: false,
      want: '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"status":{"observedGeneration":1,"phase":"Running","conditions":[{"type":"Ready","observedGeneration":1,"status":"True","lastProbeTime":null,"lastTransitionTime":"t"}]}}\n',
    },
  ];
  it.each(cases)('$name', ({ value, type, pretty, want }) => {
    expect(goJSON(value, type, pretty)).toBe(want);
  });

  it('writes lists as TypeMeta, ListMeta, items (items: [] when empty)', () => {
    const items = [
      { metadata: { namespace: 'default', name: 'a' }, spec: { nodeName: 'n1', containers: [{ image: 'nginx', name: 'c' }] } },
      { status: { phase: 'Pending' }, metadata: { name: 'b' } },
    ];
    expect(goListJSON({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '300' }, items }, 'Pod', false)).toBe(
      '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"300"},"items":[{"metadata":{"name":"a","namespace":"default"},"spec":{"containers":[{"name":"c","image":"nginx"}],"nodeName":"n1"}},{"metadata":{"name":"b"},"status":{"phase":"Pending"}}]}\n',
    );
    expect(goListJSON({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '300' }, items: [] }, 'Pod', true)).toBe(
      '{\n  "kind": "PodList",\n  "apiVersion": "v1",\n  "metadata": {\n    "resourceVersion": "300"\n  },\n  "items": []\n}',
    );
  });

  it('orders every stored object of a settled cluster so that it still parses to the same value', () => {
    const c = createCluster();
    c.run('kubectl create deployment web --image=nginx --replicas=2');
    c.run('kubectl expose deployment web --port=80');
    for (const o of (c as any).sim.store.dump().objects) {
      const out = goJSON(o, o.kind, true);
      expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(o)));
      expect(Object.keys(JSON.parse(out)).slice(0, 3)).toEqual(['kind', 'apiVersion', 'metadata']);
    }
  });

  it('knows every field the simulator writes (else the field would be served after the known ones)', () => {
    const c = createCluster();
    for (const cmd of [
      'kubectl create deployment web --image=nginx --replicas=2',
      'kubectl expose deployment web --port=80 --type=NodePort',
      'kubectl create service loadbalancer lb --tcp=80:80',
      'kubectl create job j --image=busybox -- sh -c "echo hi"',
      'kubectl create cronjob cj --image=busybox --schedule="*/1 * * * *" -- echo hi',
      'kubectl create configmap cm --from-literal=a=b',
      'kubectl create secret generic s --from-literal=a=b',
      'kubectl create sa robot',
      'kubectl create role r --verb=get --resource=pods',
      'kubectl create rolebinding rb --role=r --serviceaccount=default:robot',
      'kubectl create quota q --hard=pods=10',
      'kubectl create priorityclass pc --value=1000',
      'kubectl run crash --image=busybox -- false',
      'sleep 90',
      'kubectl cordon k8s-node1',
      'kubectl taint node k8s-node2 a=b:NoSchedule',
    ])
      expect(c.run(cmd).exitCode, cmd).toBe(0);
    c.apply(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: nginx, volumeMounts: [{name: data, mountPath: /data}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    c.run('sleep 30');
    const unknown = (c as any).sim.store
      .dump()
      .objects.flatMap((o: any) => unknownFields(o, o.kind).map((p) => `${o.kind}/${o.metadata.name}: ${p}`));
    expect(unknown).toEqual([]);
    expect(unknownFields({ kind: 'Pod', spec: { containers: [{ name: 'c', future: 1 }] } }, 'Pod')).toEqual(['spec.containers[].future']);
  });
});

describe('the apiserver HTTP answers (registry/http.ts)', () => {
  const req = (path: string, ua: string) => ({ method: 'GET', path, host: 'kubernetes.default.svc', headers: { 'User-Agent': ua }, clientIP: '10.244.1.5' });

  // apiserver endpoints/handlers/negotiation/negotiate.go isPrettyPrint: a non-empty ?pretty= decides (strconv.ParseBool,
  // an invalid value is false), else curl*, Wget*, Mozilla/5.0* user agents
  it.each([
    ['/api/v1/pods', 'curl/8.5.0', true],
    ['/api/v1/pods', 'Wget', true],
    ['/api/v1/pods', 'Mozilla/5.0 (X11; Linux x86_64)', true],
    ['/api/v1/pods', 'kubectl/v1.35.0 (linux/amd64) kubernetes/6645204', false],
    ['/api/v1/pods', 'kube-probe/1.35', false],
    ['/api/v1/pods?pretty=true', 'kubectl/v1.35.0', true],
    ['/api/v1/pods?pretty=1', 'Go-http-client/1.1', true],
    ['/api/v1/pods?pretty=T', 'Go-http-client/1.1', true],
    ['/api/v1/pods?pretty=false', 'curl/8.5.0', false],
    ['/api/v1/pods?pretty=yes', 'curl/8.5.0', false],
    ['/api/v1/pods?pretty=', 'curl/8.5.0', true],
    ['/api/v1/pods?limit=1&pretty=0', 'curl/8.5.0', false],
  ])('%s with %s: pretty %s', (path, ua, want) => {
    expect(isPrettyPrint(req(path, ua))).toBe(want);
  });

  it.each([
    {
      name: 'curl: NotFound Status, indented, no final newline',
      path: '/api/v1/namespaces/default/pods/nope',
      ua: 'curl/8.5.0',
      status: 404,
      body: '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "pods \\"nope\\" not found",\n  "reason": "NotFound",\n  "details": {\n    "name": "nope",\n    "kind": "pods"\n  },\n  "code": 404\n}',
    },
    {
      name: 'unknown path: details {} (NewNotFound of an empty GroupResource), compact with ?pretty=false',
      path: '/api/v1/bogus?pretty=false',
      ua: 'curl/8.5.0',
      status: 404,
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}\n',
    },
  ])('$name', ({ path, ua, status, body }) => {
    const c = createCluster();
    const res = serveApi(c.sim, req(path, ua), { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
    expect(res.status).toBe(status);
    expect(res.body).toBe(body);
  });

  it('answers kubectl get --raw compactly and turns an error answer into the Status error', () => {
    const c = createCluster();
    const admin = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
    const ns = rawGet(c.sim, '/api/v1/namespaces/default', admin);
    expect(ns.status).toBe(200);
    expect(ns.body.startsWith('{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default","uid":')).toBe(true);
    expect(ns.body.endsWith('"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}\n')).toBe(true);
    let err: unknown;
    try {
      rawGet(c.sim, '/api/v1/namespaces/default/pods/nope', admin);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).status).toEqual(newNotFound('pods', 'nope').status);
    const r = c.run('kubectl get --raw /api/v1/namespaces/default/pods/nope');
    expect(r.exitCode).toBe(1);
    expect(r.output).toEqual([{ stream: 'stderr', text: 'Error from server (NotFound): pods "nope" not found\n' }]);
  });
});
