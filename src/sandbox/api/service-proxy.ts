import type { KubeObject, ServiceBackend } from '../contract';
import { ApiError } from './status';

/**
 * The API server's service proxy, `/api/v1/namespaces/<ns>/services/[<scheme>:]<name>[:<port>]/proxy/<path>`
 * (kubernetes/kubernetes pkg/registry/core/service/proxy.go `ProxyREST`, the location from
 * pkg/registry/core/service/storage/storage.go `ResourceLocation`). RBAC sees the subresource `proxy` of
 * `services`, named as in the URL, with the verb of the HTTP method.
 */
export interface ServiceProxyTarget {
  namespace: string;
  /** The name segment as written (`https:cdi-api:443`): what RBAC and the audit see. */
  segment: string;
  service: string;
  port: string;
  /** The rest of the path after `/proxy` (at least `/`). */
  path: string;
}

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/;

export const parseServiceProxyPath = (pathname: string): ServiceProxyTarget | undefined => {
  const m = PROXY_PATH.exec(pathname);
  if (!m) return undefined;
  const segment = decodeURIComponent(m[2]);
  // `name`, `name:port`, `scheme:name:port` (storage.go: no port means the unnamed one).
  const parts = segment.split(':');
  const [service, port] =
    parts.length >= 3 ? [parts[1] ?? '', parts[2] ?? ''] : [parts[0] ?? '', parts[1] ?? ''];
  return {
    namespace: decodeURIComponent(m[1]),
    segment,
    service,
    port,
    path: m.at(3) ?? '/',
  };
};

export const proxyVerb = (method: string): string => {
  switch (method) {
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return 'get';
  }
};

interface ServicePort {
  name?: string;
  port?: number;
}

/**
 * The port in the URL must be one of the Service's (storage.go `ResourceLocation`): a number not among its ports
 * is 503 "no service port <n> found"; a name (or none) must match a port's name, else there are no endpoints.
 */
export const checkServicePort = (svc: KubeObject, target: ServiceProxyTarget): void => {
  const spec = (svc.spec ?? {}) as { ports?: ServicePort[] };
  const ports = spec.ports ?? [];
  if (/^\d+$/.test(target.port)) {
    if (!ports.some((p) => String(p.port) === target.port)) {
      throw new ApiError(
        503,
        'ServiceUnavailable',
        `no service port ${target.port} found for service "${target.service}"`,
      );
    }
    return;
  }
  if (!ports.some((p) => (p.name ?? '') === target.port)) {
    throw new ApiError(
      503,
      'ServiceUnavailable',
      `no endpoints available for service "${target.segment}"`,
    );
  }
};

/** The Services whose pods the world answers for, by `<namespace>/<name>`. */
export class ServiceBackends {
  private readonly backends = new Map<string, ServiceBackend>();

  register(namespace: string, service: string, backend: ServiceBackend): void {
    this.backends.set(`${namespace}/${service}`, backend);
  }

  /** No pods behind the Service: the API server's 503 (storage.go: no endpoints). */
  get(namespace: string, service: string): ServiceBackend {
    const b = this.backends.get(`${namespace}/${service}`);
    if (!b) {
      throw new ApiError(
        503,
        'ServiceUnavailable',
        `no endpoints available for service "${service}"`,
      );
    }
    return b;
  }
}
