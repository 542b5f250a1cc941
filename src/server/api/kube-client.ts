/**
 * Kubernetes API calls to the configured cluster *as a user*: the caller's identity (a bearer token, in the
 * backend API always the user's) goes in the Authorization header; the cluster CA comes from the target.
 * Endpoints of the backend API use this for everything they do on a user's behalf.
 */
import type { IncomingMessage } from 'node:http';
import type { Identity, KubeTarget } from '../kube-target';

export interface KubeRequest {
  method: string;
  /** Path and query under the API root, e.g. `/api/v1/namespaces/x/persistentvolumeclaims`. */
  path: string;
  /** Serialised as JSON unless a string or Buffer. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export interface KubeResponse<T> {
  status: number;
  body: T;
}

/** A non-2xx answer; `status` and the Kubernetes `Status` message are kept for the caller. */
export class KubeApiError extends Error {
  override name = 'KubeApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export interface UserInfo {
  username: string;
  groups: string[];
}

export interface KubeClient {
  readonly target: KubeTarget;
  /** Sends one request; resolves with the parsed JSON body on 2xx, throws `KubeApiError` otherwise. */
  request<T = unknown>(identity: Identity, req: KubeRequest): Promise<KubeResponse<T>>;
  /** `SelfSubjectReview`: who the cluster says the identity is. */
  whoami(identity: Identity): Promise<UserInfo>;
}

async function readBody(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    return buf.toString('utf8');
  }
}

function messageOf(status: number, body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
    return body.message;
  }
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 500);
  return `the Kubernetes API answered ${status}`;
}

export function createKubeClient(target: KubeTarget): KubeClient {
  async function request<T>(identity: Identity, req: KubeRequest): Promise<KubeResponse<T>> {
    let payload: Buffer | undefined;
    if (req.body !== undefined) {
      payload = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    }
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = payload.length;
    }
    const options = await target.requestOptions(identity, req.method, req.path, headers);
    if (req.signal) options.signal = req.signal;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const upstream = target.transport(options);
      upstream.on('response', resolve);
      upstream.on('error', reject);
      upstream.end(payload);
    });
    const body = parseJson(await readBody(res));
    const status = res.statusCode ?? 502;
    if (status < 200 || status >= 300)
      throw new KubeApiError(status, messageOf(status, body), body);
    return { status, body: body as T };
  }

  return {
    target,
    request,
    async whoami(identity) {
      const { body } = await request<{ status?: { userInfo?: Partial<UserInfo> } }>(identity, {
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      });
      const info = body.status?.userInfo;
      if (!info?.username) {
        throw new KubeApiError(502, 'SelfSubjectReview returned no userInfo.username', body);
      }
      return { username: info.username, groups: info.groups ?? [] };
    },
  };
}
