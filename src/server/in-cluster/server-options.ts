/**
 * In-cluster start-up options → the in-cluster parts of `ServerConfig`: TLS, the CDI upload proxy locator
 * (discovery runs as the backend's own identity: the pod's service account, or the kubeconfig in tests), the
 * shutdown deadline and the console-proxy guard.
 */
import { readFileSync } from 'node:fs';
import { createKubeClient } from '../api/kube-client';
import type { InClusterOptions } from '../config';
import { DEFAULT_IDENTITY, type KubeTarget } from '../kube-target';
import type { ServerConfig } from '../server-config';
import { createCdiUploadProxyLocator } from './cdi-upload-proxy';

export function inClusterServerConfig(
  options: InClusterOptions,
  cluster: KubeTarget | null,
  log: (line: string) => void = () => undefined,
): Partial<ServerConfig> {
  return {
    tls: { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) },
    shutdownTimeoutMs: options.shutdownTimeoutSeconds * 1000,
    requireForwardedFor: options.requireForwardedFor,
    ...(cluster
      ? {
          cdiUploadProxy: createCdiUploadProxyLocator({
            kube: createKubeClient(cluster),
            identity: DEFAULT_IDENTITY,
            log,
            ...(options.cdiNamespace ? { namespace: options.cdiNamespace } : {}),
            ...(options.cdiUploadProxyUrl ? { overrideUrl: options.cdiUploadProxyUrl } : {}),
            ...(options.cdiUploadProxyCa ? { caFiles: options.cdiUploadProxyCa } : {}),
          }),
        }
      : {}),
  };
}
