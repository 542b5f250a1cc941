// One scenario both profiles must pass: an upload DataVolume deleted before any byte arrived leaves nothing
// behind (CDI `upload-controller.go` deletes the worker pod once its claim has a deletion timestamp).
import { expect } from 'vitest';
import type { WorldHarness } from './harness';
import { field, waitFor } from './harness';

const NAME = 'up-abandoned';
const NS = 'vm-images';

/** Creates a force-bound upload DataVolume, deletes it at UploadReady, and waits until all is gone. */
export async function expectAbandonedUploadCleanedUp(w: WorldHarness): Promise<void> {
  await w.apply(`apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: ${NAME}
  namespace: ${NS}
  annotations:
    cdi.kubevirt.io/storage.bind.immediate.requested: "true"
spec:
  source:
    upload: {}
  pvc:
    storageClassName: local
    accessModes: [ReadWriteOnce]
    resources:
      requests:
        storage: 1Gi
`);
  await waitFor(
    'UploadReady',
    async () => field(await w.get('dv', NAME, NS), 'status.phase') === 'UploadReady',
    60_000,
  );
  const pvName = String(field(await w.get('pvc', NAME, NS), 'spec.volumeName'));
  expect(await w.get('pod', `cdi-upload-${NAME}`, NS)).toBeDefined();
  expect((await w.kubectl(['delete', 'dv', NAME, '-n', NS, '--wait=false'])).code).toBe(0);
  await waitFor('PVC, scratch and pod gone', async () => {
    const gone = await Promise.all([
      w.kubectl(['get', 'pvc', NAME, '-n', NS]),
      w.kubectl(['get', 'pvc', `${NAME}-scratch`, '-n', NS]),
      w.kubectl(['get', 'pod', `cdi-upload-${NAME}`, '-n', NS]),
    ]);
    return gone.every((r) => r.code !== 0);
  });
  await waitFor(
    'local PV offered again',
    async () => field(await w.get('pv', pvName), 'status.phase') === 'Available',
  );
}
