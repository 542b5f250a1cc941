// The objects the UI benchmarks seed: PVs spread over the three workers and blank DataVolumes.

/** The namespace the benchmarks' DataVolumes live in. */
export const NAMESPACE = 'bench-ui';

export const pv = (i: number) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: {
    name: `bench-pv-${String(i).padStart(5, '0')}`,
    labels: { 'bench.vm-disks/ui': 'true' },
  },
  spec: {
    capacity: { storage: `${1 + (i % 20)}Gi` },
    accessModes: ['ReadWriteOnce'],
    persistentVolumeReclaimPolicy: 'Retain',
    storageClassName: 'bench-none',
    volumeMode: 'Filesystem',
    local: { path: `/mnt/local-storage/bench/disk${i}` },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'kubernetes.io/hostname', operator: 'In', values: [`worker-${i % 3}`] },
            ],
          },
        ],
      },
    },
  },
});

export const dv = (i: number) => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: `bench-dv-${String(i).padStart(5, '0')}`, namespace: NAMESPACE },
  spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } },
});
