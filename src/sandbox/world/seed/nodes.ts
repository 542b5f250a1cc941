import type { KubeObject } from '../../contract';

/**
 * Six nodes of an OpenShift 4.18 cluster (the last release that supports RHEL 8 compute nodes):
 * three control-plane nodes and two RHCOS workers, all managed by the Machine Config Operator, and
 * one RHEL 8.10 worker that was added with the RHEL-node playbooks and is not managed by MCO.
 */

const RHCOS_IMAGE = 'Red Hat Enterprise Linux CoreOS 418.94.202501221327-0';
const RHEL_IMAGE = 'Red Hat Enterprise Linux 8.10 (Ootpa)';

interface NodeSeed {
  name: string;
  role: 'master' | 'worker';
  os: 'rhcos' | 'rhel';
  ip: string;
  renderedConfig: string;
}

function nodeObject(n: NodeSeed): KubeObject {
  const worker = n.role === 'worker';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'node.openshift.io/os_id': n.os,
  };
  if (worker) {
    labels['node-role.kubernetes.io/worker'] = '';
    labels['kubevirt.io/schedulable'] = 'true';
    labels['cpumanager'] = 'false';
  } else {
    labels['node-role.kubernetes.io/master'] = '';
    labels['node-role.kubernetes.io/control-plane'] = '';
  }
  const annotations: Record<string, string> = {
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  };
  if (n.os === 'rhcos') {
    annotations['machineconfiguration.openshift.io/currentConfig'] = n.renderedConfig;
    annotations['machineconfiguration.openshift.io/desiredConfig'] = n.renderedConfig;
    annotations['machineconfiguration.openshift.io/state'] = 'Done';
    annotations['machineconfiguration.openshift.io/reason'] = '';
  }
  const cpu = worker ? '16' : '8';
  const memoryKi = worker ? 65843016 : 32883180;
  const since = '2026-11-02T08:14:05Z';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels, annotations },
    spec: worker
      ? {}
      : { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] },
    status: {
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
      capacity: {
        cpu,
        'ephemeral-storage': '488832516Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memoryKi}Ki`,
        pods: '250',
        ...(worker ? { 'devices.kubevirt.io/kvm': '1k', 'devices.kubevirt.io/tun': '1k' } : {}),
      },
      allocatable: {
        cpu: worker ? '15500m' : '7500m',
        'ephemeral-storage': '449445722085',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${memoryKi - 1153024}Ki`,
        pods: '250',
        ...(worker ? { 'devices.kubevirt.io/kvm': '1k', 'devices.kubevirt.io/tun': '1k' } : {}),
      },
      conditions: [
        [
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
      ].map(([type, status, reason, message]) => ({
        type,
        status,
        reason,
        message,
        lastHeartbeatTime: since,
        lastTransitionTime: since,
      })),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '6b1d2a9e-5c0f-4f4e-9d8a-' + n.ip.replace(/\D/g, '').padStart(12, '0'),
        containerRuntimeVersion: 'cri-o://1.31.4-3.rhaos4.18.gitb5a1b7e.el9',
        kernelVersion:
          n.os === 'rhcos' ? '5.14.0-427.50.1.el9_4.x86_64' : '4.18.0-553.22.1.el8_10.x86_64',
        kubeProxyVersion: 'v1.31.4',
        kubeletVersion: 'v1.31.4',
        machineID: `${n.name.replace(/\W/g, '')}f0c1d2e3a4b5c6d7e8f9`.slice(0, 32),
        operatingSystem: 'linux',
        osImage: n.os === 'rhcos' ? RHCOS_IMAGE : RHEL_IMAGE,
        systemUUID: `ec2${n.ip.replace(/\D/g, '')}`.padEnd(32, '0'),
      },
    },
  };
}

const NODE_SEEDS = (renderedMaster: string, renderedWorker: string): NodeSeed[] => [
  {
    name: 'master-0',
    role: 'master',
    os: 'rhcos',
    ip: '10.0.0.10',
    renderedConfig: renderedMaster,
  },
  {
    name: 'master-1',
    role: 'master',
    os: 'rhcos',
    ip: '10.0.0.11',
    renderedConfig: renderedMaster,
  },
  {
    name: 'master-2',
    role: 'master',
    os: 'rhcos',
    ip: '10.0.0.12',
    renderedConfig: renderedMaster,
  },
  {
    name: 'worker-0',
    role: 'worker',
    os: 'rhcos',
    ip: '10.0.0.20',
    renderedConfig: renderedWorker,
  },
  {
    name: 'worker-1',
    role: 'worker',
    os: 'rhcos',
    ip: '10.0.0.21',
    renderedConfig: renderedWorker,
  },
  { name: 'worker-2', role: 'worker', os: 'rhel', ip: '10.0.0.22', renderedConfig: '' },
];

export function seedNodes(renderedMaster: string, renderedWorker: string): KubeObject[] {
  return NODE_SEEDS(renderedMaster, renderedWorker).map(nodeObject);
}

export function seedNamespaces(): KubeObject[] {
  const ns = (
    name: string,
    annotations: Record<string, string> = {},
    labels: Record<string, string> = {},
  ) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
      annotations,
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
  return [
    ns('default'),
    ns('kube-system'),
    ns(
      'openshift-machine-config-operator',
      { 'openshift.io/node-selector': '' },
      { 'openshift.io/run-level': '' },
    ),
    ns('openshift-local-storage', { 'openshift.io/display-name': 'Local Storage' }),
    ns(
      'openshift-cnv',
      { 'openshift.io/display-name': 'OpenShift Virtualization' },
      { 'openshift.io/cluster-monitoring': 'true' },
    ),
    ns('vm-images', {
      'openshift.io/display-name': 'VM Images',
      'openshift.io/description': 'Disk images and virtual machines of the lab',
      'openshift.io/requester': 'developer',
    }),
  ];
}
