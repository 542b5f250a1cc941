/**
 * The Kubernetes side of the CDI leg, always as the user: the upload target's readiness, a fresh
 * UploadTokenRequest per attempt, the DataVolume phase while CDI imports, and where the upload proxy is.
 */
import http from 'node:http';
import https from 'node:https';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import { DEFAULT_IDENTITY, type Identity } from '../kube-target';
import type { UploadTargetKind } from './session-types';

interface Meta {
  name?: string;
  annotations?: Record<string, string>;
}
interface DataVolumeLike {
  metadata?: Meta;
  spec?: { source?: { upload?: object } };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}
interface PvcLike {
  metadata?: Meta;
}

const POD_PHASE = 'cdi.kubevirt.io/storage.pod.phase';
const POD_READY = 'cdi.kubevirt.io/storage.pod.ready';

export interface TargetRef {
  namespace: string;
  kind: UploadTargetKind;
  name: string;
}

export type TargetReadiness =
  { ready: true } | { ready: false; phase: string; message?: string; permanent?: boolean };

/** UploadReady (DataVolume) or pod ready (plain upload PVC), with the reason when not. */
export async function targetReadiness(
  kube: KubeClient,
  user: Identity,
  target: TargetRef,
): Promise<TargetReadiness> {
  const ns = encodeURIComponent(target.namespace);
  const name = encodeURIComponent(target.name);
  if (target.kind === 'new-pvc') {
    const { body } = await kube.request<PvcLike>(user, {
      method: 'GET',
      path: `/api/v1/namespaces/${ns}/persistentvolumeclaims/${name}`,
    });
    const ann = body.metadata?.annotations ?? {};
    if (ann[POD_PHASE] === 'Succeeded') {
      return {
        ready: false,
        phase: 'Succeeded',
        message: 'the claim already holds an upload',
        permanent: true,
      };
    }
    return ann[POD_READY] === 'true'
      ? { ready: true }
      : { ready: false, phase: ann[POD_PHASE] ?? 'Pending' };
  }
  const { body } = await kube.request<DataVolumeLike>(user, {
    method: 'GET',
    path: `/apis/cdi.kubevirt.io/v1beta1/namespaces/${ns}/datavolumes/${name}`,
  });
  const phase = body.status?.phase ?? 'Pending';
  if (phase === 'UploadReady') return { ready: true };
  const running = body.status?.conditions?.find((c) => c.type === 'Running');
  if (phase === 'Succeeded' || phase === 'Failed') {
    return { ready: false, phase, message: running?.message, permanent: true };
  }
  return { ready: false, phase, ...(running?.message ? { message: running.message } : {}) };
}

/** The phase CDI reports while and after it imports: DataVolume phase, or the PVC's pod phase. */
export async function importPhase(
  kube: KubeClient,
  user: Identity,
  target: TargetRef,
): Promise<string> {
  const ns = encodeURIComponent(target.namespace);
  const name = encodeURIComponent(target.name);
  if (target.kind === 'new-pvc') {
    const { body } = await kube.request<PvcLike>(user, {
      method: 'GET',
      path: `/api/v1/namespaces/${ns}/persistentvolumeclaims/${name}`,
    });
    return body.metadata?.annotations?.[POD_PHASE] ?? 'Unknown';
  }
  const { body } = await kube.request<DataVolumeLike>(user, {
    method: 'GET',
    path: `/apis/cdi.kubevirt.io/v1beta1/namespaces/${ns}/datavolumes/${name}`,
  });
  return body.status?.phase ?? 'Unknown';
}

/** A fresh upload token for the claim (create `uploadtokenrequests`, as the user). */
export async function uploadToken(
  kube: KubeClient,
  user: Identity,
  namespace: string,
  claim: string,
): Promise<string> {
  const { body } = await kube.request<{ status?: { token?: string } }>(user, {
    method: 'POST',
    path: `/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${encodeURIComponent(namespace)}/uploadtokenrequests`,
    body: {
      apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
      kind: 'UploadTokenRequest',
      metadata: { name: claim, namespace },
      spec: { pvcName: claim },
    },
  });
  const token = body.status?.token;
  if (!token) throw new KubeApiError(502, 'UploadTokenRequest returned no token', body);
  return token;
}

/** SelfSubjectAccessReview as the user. */
export async function canI(
  kube: KubeClient,
  user: Identity,
  attrs: { group: string; resource: string; verb: string; namespace: string; name?: string },
): Promise<boolean> {
  const { body } = await kube.request<{ status?: { allowed?: boolean } }>(user, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attrs },
    },
  });
  return body.status?.allowed === true;
}

export interface UploadProxyEndpoint {
  url: URL;
  ca?: string | Buffer | (string | Buffer)[];
}

/** `CDIConfig.status.uploadProxyURL` (a bare host means https), normalised. */
export function normaliseProxyUrl(value: string): URL {
  return new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
}

/**
 * Where the CDI upload proxy is: the configured URL, else `CDIConfig config` status (read as the user, and
 * with the backend's own identity when the user may not read it: the URL is not a secret).
 */
export async function resolveUploadProxy(
  kube: KubeClient,
  user: Identity,
  configured?: string,
): Promise<UploadProxyEndpoint> {
  const defaults = await kube.target.requestOptions(DEFAULT_IDENTITY, 'GET', '/', {});
  const ca = defaults.ca;
  if (configured) return { url: normaliseProxyUrl(configured), ...(ca ? { ca } : {}) };
  const path = '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config';
  let config: { status?: { uploadProxyURL?: string } } | undefined;
  try {
    config = (await kube.request<typeof config>(user, { method: 'GET', path })).body;
  } catch (err) {
    if (!(err instanceof KubeApiError) || (err.status !== 403 && err.status !== 401)) throw err;
    config = (await kube.request<typeof config>(DEFAULT_IDENTITY, { method: 'GET', path })).body;
  }
  const url = config?.status?.uploadProxyURL;
  if (!url) throw new Error('CDIConfig config has no status.uploadProxyURL: is CDI running?');
  return { url: normaliseProxyUrl(url), ...(ca ? { ca } : {}) };
}

/** `http.request`/`https.request` for the endpoint. */
export function proxyRequest(
  endpoint: UploadProxyEndpoint,
  path: string,
  options: https.RequestOptions,
): http.ClientRequest {
  const url = new URL(path, endpoint.url);
  if (url.protocol === 'http:') return http.request(url, options);
  return https.request(url, { ...options, ...(endpoint.ca ? { ca: endpoint.ca } : {}) });
}
