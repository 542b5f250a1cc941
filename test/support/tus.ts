/** Minimal tus 1.0 requests for the quality suites (raw HTTP, so offsets, lengths and headers can be wrong). */
import type { Answer } from './http';
import type { BrowserSession } from './stack';
import { BACKEND } from './stack';

export const TUS_PATH = `${BACKEND}/api/v1/uploads/tus`;

export function tusMetadata(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
}

export interface CreateUploadOptions {
  namespace?: string;
  targetName: string;
  targetKind?: string;
  size: number;
  filename?: string;
  extraHeaders?: Record<string, string>;
}

export function createUpload(session: BrowserSession, o: CreateUploadOptions): Promise<Answer> {
  return session.request('POST', TUS_PATH, undefined, {
    'tus-resumable': '1.0.0',
    'upload-length': String(o.size),
    'upload-metadata': tusMetadata({
      namespace: o.namespace ?? 'vm-images',
      targetKind: o.targetKind ?? 'new-dv',
      targetName: o.targetName,
      filename: o.filename ?? `${o.targetName}.img`,
      fingerprint: `quality-${o.targetName}`,
    }),
    ...o.extraHeaders,
  });
}

/** The upload id from a creation answer's Location. */
export function uploadIdOf(res: Answer): string {
  const location = res.headers.location ?? '';
  const id = location.split('/').pop() ?? '';
  if (!/^[a-f0-9]{32}$/.test(id))
    throw new Error(`no upload id in ${res.status} ${location} ${res.body}`);
  return id;
}

/** The DataVolume an upload goes to, created first as the Uploads page does (through the kube proxy). */
export function createUploadDataVolume(
  session: BrowserSession,
  name: string,
  namespace = 'vm-images',
): Promise<Answer> {
  return session.request(
    'POST',
    `/api/kubernetes/apis/cdi.kubevirt.io/v1beta1/namespaces/${namespace}/datavolumes`,
    {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: {
        name,
        namespace,
        annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      },
      spec: {
        source: { upload: {} },
        pvc: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    },
  );
}
