import type { KubeObject } from '../../contract';

export const SEED_VM = {
  namespace: 'vm-images',
  name: 'rhel8-vm',
  disk: 'rhel8-vm-rootdisk',
  pv: 'local-pv-3f9a1c2e',
  node: 'worker-0',
  size: '10Gi',
};

export function seedRootDataVolume(): KubeObject {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      name: SEED_VM.disk,
      namespace: SEED_VM.namespace,
      annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
    },
    spec: {
      source: { upload: {} },
      pvc: {
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Filesystem',
        storageClassName: 'local',
        resources: { requests: { storage: SEED_VM.size } },
      },
      contentType: 'kubevirt',
    },
  };
}

export function seedRootDataVolumeStatus(t: string): Record<string, unknown> {
  return {
    phase: 'Succeeded',
    progress: 'N/A',
    claimName: SEED_VM.disk,
    restartCount: 0,
    conditions: [
      {
        type: 'Bound',
        status: 'True',
        reason: 'Bound',
        message: `PVC ${SEED_VM.disk} Bound`,
        lastTransitionTime: t,
        lastHeartbeatTime: t,
      },
      {
        type: 'Ready',
        status: 'True',
        reason: '',
        message: '',
        lastTransitionTime: t,
        lastHeartbeatTime: t,
      },
      {
        type: 'Running',
        status: 'False',
        reason: 'Completed',
        message: 'Upload Complete',
        lastTransitionTime: t,
        lastHeartbeatTime: t,
      },
    ],
  };
}

export function seedRootClaim(dv: KubeObject): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: SEED_VM.disk,
      namespace: SEED_VM.namespace,
      labels: {
        app: 'containerized-data-importer',
        'app.kubernetes.io/component': 'storage',
        'app.kubernetes.io/managed-by': 'cdi-controller',
      },
      annotations: {
        'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
        'cdi.kubevirt.io/storage.condition.running': 'false',
        'cdi.kubevirt.io/storage.condition.running.message': 'Upload Complete',
        'cdi.kubevirt.io/storage.condition.running.reason': 'Completed',
        'cdi.kubevirt.io/storage.contentType': 'kubevirt',
        'cdi.kubevirt.io/storage.pod.phase': 'Succeeded',
        'cdi.kubevirt.io/storage.pod.ready': 'false',
        'cdi.kubevirt.io/storage.pod.restarts': '0',
        'cdi.kubevirt.io/storage.upload.target': '',
        'cdi.kubevirt.io/storage.uploadPodName': `cdi-upload-${SEED_VM.disk}`,
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
        'volume.kubernetes.io/selected-node': SEED_VM.node,
      },
      finalizers: ['kubernetes.io/pvc-protection'],
      ownerReferences: [
        {
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'DataVolume',
          name: SEED_VM.disk,
          uid: dv.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: SEED_VM.size } },
      storageClassName: 'local',
      volumeMode: 'Filesystem',
      volumeName: SEED_VM.pv,
    },
  };
}

export function seedVirtualMachine(): KubeObject {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: {
      name: SEED_VM.name,
      namespace: SEED_VM.namespace,
      labels: { app: SEED_VM.name, 'vm.kubevirt.io/template': 'rhel8-server-small' },
      annotations: {
        'kubevirt.io/latest-observed-api-version': 'v1',
        'kubevirt.io/storage-observed-api-version': 'v1',
      },
      finalizers: ['kubevirt.io/virtualMachineControllerFinalize'],
    },
    spec: {
      running: true,
      template: {
        metadata: {
          labels: { 'kubevirt.io/domain': SEED_VM.name, 'kubevirt.io/size': 'small' },
        },
        spec: {
          domain: {
            cpu: { cores: 1, sockets: 1, threads: 1 },
            devices: {
              disks: [
                { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 },
                { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
              ],
              interfaces: [{ name: 'default', masquerade: {} }],
            },
            machine: { type: 'pc-q35-rhel8.6.0' },
            resources: { requests: { memory: '2Gi' } },
          },
          networks: [{ name: 'default', pod: {} }],
          terminationGracePeriodSeconds: 180,
          volumes: [
            { name: 'rootdisk', dataVolume: { name: SEED_VM.disk } },
            {
              name: 'cloudinitdisk',
              cloudInitNoCloud: {
                userData:
                  '#cloud-config\nuser: cloud-user\npassword: redhat\nchpasswd: { expire: False }',
              },
            },
          ],
        },
      },
    },
  };
}
