/**
 * In-cluster: where the CDI upload proxy is and which CA its certificate chains to.
 *
 * Inside the cluster the backend talks to the `cdi-uploadproxy` Service directly
 * (`https://cdi-uploadproxy.<cdi namespace>.svc:443`), never to the Route in `CDIConfig.status.uploadProxyURL`
 * (an external host name that may not even resolve from a pod, and whose certificate is the router's).
 *
 * Namespace: `--cdi-namespace` when given; otherwise discovered with the backend's own service account:
 * the namespace of the HyperConverged CR (OpenShift Virtualization installs CDI next to it; list permission on
 * `hyperconvergeds.hco.kubevirt.io` is all the chart grants for this), else the first well-known namespace
 * that holds a `cdi-uploadproxy` Service the account may read (none by default), else `openshift-cnv`.
 *
 * Trust: the upload proxy's serving certificate is signed by CDI's own signer, published in the ConfigMap
 * `cdi-uploadproxy-signer-bundle` (key `ca-bundle.crt`) of the CDI namespace (the chart grants `get` on that
 * one ConfigMap); the OpenShift service CA (`service-ca.crt` next to the pod's service-account token) is
 * trusted too, for clusters where the Service carries a service-serving certificate, and so is an explicit
 * `--cdi-upload-proxy-ca FILE`. No `rejectUnauthorized: false` anywhere.
 *
 * `--cdi-upload-proxy-url URL` overrides the address (like virtctl's `--uploadproxy-url`), e.g. for a proxy
 * exposed elsewhere; the CA rules stay the same.
 */
import { existsSync, readFileSync } from 'node:fs';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import type { Identity } from '../kube-target';

const UPLOAD_PROXY_SERVICE = 'cdi-uploadproxy';
export const UPLOAD_PROXY_SIGNER_BUNDLE = 'cdi-uploadproxy-signer-bundle';
const SERVICE_CA_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt';
/** Where OpenShift Virtualization (openshift-cnv), community HCO (kubevirt-hyperconverged) and plain CDI (cdi) live. */
const WELL_KNOWN_CDI_NAMESPACES = ['openshift-cnv', 'kubevirt-hyperconverged', 'cdi'];

export interface CdiUploadProxyEndpoint {
  /** Base URL; the upload paths (`/v1beta1/upload`, …) go under it. */
  url: URL;
  /** PEM bundle to verify the proxy's certificate with (undefined: the Node default roots). */
  ca?: string;
  /** The namespace the proxy Service lives in (undefined when an override URL was given). */
  namespace?: string;
  /** How it was found, for logs and error messages. */
  source: string;
}

export interface CdiUploadProxyLocator {
  /** Resolves (and caches) where the upload proxy is. Never throws for discovery misses; falls back. */
  locate(): Promise<CdiUploadProxyEndpoint>;
}

export interface CdiUploadProxyOptions {
  /** Kubernetes client; discovery reads as `identity` (the backend's service account in the cluster). */
  kube: KubeClient;
  identity: Identity;
  namespace?: string;
  overrideUrl?: string;
  /** Extra PEM CA files (`--cdi-upload-proxy-ca`). */
  caFiles?: string[];
  /** The service CA file (default SERVICE_CA_FILE); read when it exists. */
  serviceCaFile?: string;
  log?: (line: string) => void;
}

interface HyperConvergedList {
  items?: { metadata?: { namespace?: string } }[];
}

interface ConfigMap {
  data?: Record<string, string>;
}

function isMissing(err: unknown): boolean {
  return err instanceof KubeApiError && [401, 403, 404].includes(err.status);
}

async function discoverNamespace(
  kube: KubeClient,
  identity: Identity,
): Promise<{ namespace: string; source: string }> {
  try {
    const { body } = await kube.request<HyperConvergedList>(identity, {
      method: 'GET',
      path: '/apis/hco.kubevirt.io/v1beta1/hyperconvergeds',
    });
    const namespace = body.items?.find((item) => item.metadata?.namespace)?.metadata?.namespace;
    if (namespace)
      return { namespace, source: `namespace of the HyperConverged CR (${namespace})` };
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  for (const namespace of WELL_KNOWN_CDI_NAMESPACES) {
    try {
      await kube.request(identity, {
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/services/${UPLOAD_PROXY_SERVICE}`,
      });
      return { namespace, source: `Service ${UPLOAD_PROXY_SERVICE} found in ${namespace}` };
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
  }
  return {
    namespace: 'openshift-cnv',
    source: 'no HyperConverged CR or cdi-uploadproxy Service visible; assuming openshift-cnv',
  };
}

async function signerBundle(
  kube: KubeClient,
  identity: Identity,
  namespace: string,
): Promise<string | undefined> {
  try {
    const { body } = await kube.request<ConfigMap>(identity, {
      method: 'GET',
      path: `/api/v1/namespaces/${namespace}/configmaps/${UPLOAD_PROXY_SIGNER_BUNDLE}`,
    });
    const pem = body.data?.['ca-bundle.crt'];
    return pem?.includes('BEGIN CERTIFICATE') ? pem : undefined;
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

function readPem(file: string): string {
  const pem = readFileSync(file, 'utf8');
  if (!pem.includes('BEGIN CERTIFICATE')) throw new Error(`${file} holds no PEM certificate`);
  return pem;
}

/** The in-cluster Service URL of the upload proxy in `namespace`. */
function uploadProxyServiceUrl(namespace: string): URL {
  return new URL(`https://${UPLOAD_PROXY_SERVICE}.${namespace}.svc:443`);
}

export function createCdiUploadProxyLocator(options: CdiUploadProxyOptions): CdiUploadProxyLocator {
  let cached: Promise<CdiUploadProxyEndpoint> | undefined;
  const log = options.log ?? (() => undefined);

  async function resolve(): Promise<CdiUploadProxyEndpoint> {
    let namespace = options.namespace;
    let source = namespace ? `--cdi-namespace ${namespace}` : '';
    if (!namespace && !options.overrideUrl) {
      ({ namespace, source } = await discoverNamespace(options.kube, options.identity));
    }
    const bundles: string[] = [];
    const serviceCa = options.serviceCaFile ?? SERVICE_CA_FILE;
    if (existsSync(serviceCa)) bundles.push(readPem(serviceCa));
    for (const file of options.caFiles ?? []) bundles.push(readPem(file));
    const ns = namespace ?? options.namespace;
    if (ns) {
      const signer = await signerBundle(options.kube, options.identity, ns);
      if (signer) bundles.push(signer);
    }
    let url: URL;
    if (options.overrideUrl) {
      const raw = options.overrideUrl;
      url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
      source = `--cdi-upload-proxy-url ${url.origin}`;
    } else {
      url = uploadProxyServiceUrl(namespace ?? 'openshift-cnv');
    }
    const endpoint: CdiUploadProxyEndpoint = {
      url,
      source,
      ...(bundles.length > 0 ? { ca: bundles.join('\n') } : {}),
      ...(ns ? { namespace: ns } : {}),
    };
    log(`CDI upload proxy: ${url.origin} (${source}; ${String(bundles.length)} CA bundle(s))`);
    return endpoint;
  }

  return {
    locate() {
      cached ??= resolve().catch((err: unknown) => {
        cached = undefined; // try again next time (e.g. the API server was briefly unreachable)
        throw err;
      });
      return cached;
    },
  };
}
