/**
 * The cluster the backend talks to, and how to reach it as a given identity. Built from a
 * `@kubernetes/client-node` `KubeConfig` (a kubeconfig file, the embedded sandbox, or the in-cluster service
 * account config), so tokens, client certificates, exec plugins, custom CAs and insecure-skip-tls-verify all
 * behave as they do for kubectl.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { OutgoingHttpHeaders } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';

/** Who a request to the cluster acts as. `default` = the credentials of the kubeconfig (or sandbox admin). */
export type Identity = { kind: 'default' } | { kind: 'bearer'; token: string };

export const DEFAULT_IDENTITY: Identity = { kind: 'default' };

export interface KubeTarget {
  /** For humans: "embedded sandbox", "kubeconfig ~/.kube/config (context admin)", "in-cluster". */
  readonly description: string;
  readonly server: URL;
  /** Options for `transport.request` to `pathAndQuery` (relative to the API root) as `identity`. */
  requestOptions(
    identity: Identity,
    method: string,
    pathAndQuery: string,
    headers: OutgoingHttpHeaders,
  ): Promise<https.RequestOptions>;
  /** `http.request` or `https.request`, matching the server URL. */
  readonly transport: (options: https.RequestOptions) => http.ClientRequest;
  /** The bearer token of the default identity, when it has one (static token or exec plugin output). */
  defaultBearerToken(): Promise<string | undefined>;
  /** Releases pooled connections. */
  close(): void;
}

export class KubeTargetError extends Error {
  override name = 'KubeTargetError';
}

interface TlsOptions {
  ca?: Buffer;
  servername?: string;
  rejectUnauthorized?: boolean;
}

interface AppliedOptions extends https.RequestOptions {
  headers: Record<string, string>;
}

function bufferFrom(file: string | undefined, base64: string | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  if (base64) return Buffer.from(base64, 'base64');
  return undefined;
}

function withHttpsServer(kc: KubeConfig, clusterName: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.clusters.map((c) =>
      c.name === clusterName ? { ...c, server: c.server.replace(/^http:/i, 'https:') } : c,
    ),
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.currentContext,
  });
  return copy;
}

/** Builds a target from a loaded KubeConfig, using its current context. */
export function kubeTargetFromKubeConfig(kc: KubeConfig, description: string): KubeTarget {
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new KubeTargetError(
      `${description}: the current context ${JSON.stringify(kc.getCurrentContext())} names no cluster`,
    );
  }
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    throw new KubeTargetError(
      `${description}: cluster ${JSON.stringify(cluster.name)} has an invalid server URL ${JSON.stringify(cluster.server)}`,
    );
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') {
    throw new KubeTargetError(`${description}: server URL must be http(s), got ${server.href}`);
  }
  let ca: Buffer | undefined;
  try {
    ca = bufferFrom(cluster.caFile, cluster.caData);
  } catch (err) {
    throw new KubeTargetError(
      `${description}: cannot read the cluster CA ${cluster.caFile ?? ''}: ${(err as Error).message}`,
    );
  }
  const tls: TlsOptions = {};
  if (ca) tls.ca = ca;
  if (cluster.tlsServerName) tls.servername = cluster.tlsServerName;
  if (cluster.skipTLSVerify) tls.rejectUnauthorized = false;

  const secure = server.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxFreeSockets: 16 })
    : new http.Agent({ keepAlive: true, maxFreeSockets: 16 });
  const transport = (options: https.RequestOptions): http.ClientRequest =>
    secure ? https.request(options) : http.request(options);
  const basePath = server.pathname.replace(/\/+$/, '');

  // client-node refuses to produce options for plain-HTTP servers (the sandbox on loopback); the user's
  // credentials do not depend on the scheme, so read them through a copy that says https.
  const credentialSource = secure ? kc : withHttpsServer(kc, cluster.name);

  async function defaultCredentials(): Promise<AppliedOptions> {
    const applied: AppliedOptions = { headers: {} };
    // Client certificate, CA, token, exec plugin / auth provider, impersonation: all as kubectl does.
    await credentialSource.applyToHTTPSOptions(applied);
    return applied;
  }

  return {
    description,
    server,
    transport,
    async requestOptions(identity, method, pathAndQuery, headers) {
      const options: https.RequestOptions = {
        protocol: server.protocol,
        hostname: server.hostname.replace(/^\[|\]$/g, ''),
        port: server.port || (secure ? 443 : 80),
        method,
        path: basePath + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`),
        agent,
        ...tls,
      };
      const outgoing: OutgoingHttpHeaders = { ...headers };
      delete outgoing.authorization;
      if (identity.kind === 'bearer') {
        outgoing.authorization = `Bearer ${identity.token}`;
      } else {
        const creds = await defaultCredentials();
        if (creds.cert) options.cert = creds.cert;
        if (creds.key) options.key = creds.key;
        if (creds.pfx) options.pfx = creds.pfx;
        if (creds.passphrase) options.passphrase = creds.passphrase;
        if (creds.auth) options.auth = creds.auth;
        for (const [name, value] of Object.entries(creds.headers))
          outgoing[name.toLowerCase()] = value;
      }
      options.headers = outgoing;
      return options;
    },
    async defaultBearerToken() {
      const creds = await defaultCredentials();
      const header = creds.headers.Authorization as string | undefined;
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      return match?.[1];
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * Loads a kubeconfig file (or a `KUBECONFIG`-style list of files, merged like kubectl: the first file's
 * current context wins).
 */
export function loadKubeconfigTarget(files: readonly string[], contextName?: string): KubeTarget {
  if (files.length === 0) throw new KubeTargetError('no kubeconfig file given');
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(files[0] ?? '');
    for (const file of files.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.mergeConfig(more, true);
    }
  } catch (err) {
    throw new KubeTargetError(
      `cannot load kubeconfig ${files.join(':')}: ${(err as Error).message}`,
    );
  }
  if (contextName) kc.setCurrentContext(contextName);
  if (!kc.getCurrentContext()) {
    throw new KubeTargetError(`kubeconfig ${files.join(':')} has no current-context`);
  }
  return kubeTargetFromKubeConfig(
    kc,
    `kubeconfig ${files.join(':')} (context ${kc.getCurrentContext()})`,
  );
}

export interface SandboxCluster {
  url: string;
  adminToken: string;
  caPem?: string;
}

/** The embedded sandbox: its URL, its CA when it serves HTTPS, and its admin as the default identity. */
export function sandboxKubeTarget(sandbox: SandboxCluster): KubeTarget {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'sandbox',
        server: sandbox.url,
        skipTLSVerify: false,
        ...(sandbox.caPem ? { caData: Buffer.from(sandbox.caPem).toString('base64') } : {}),
      },
    ],
    users: [{ name: 'admin', token: sandbox.adminToken }],
    contexts: [{ name: 'sandbox', cluster: 'sandbox', user: 'admin' }],
    currentContext: 'sandbox',
  });
  return kubeTargetFromKubeConfig(kc, 'embedded sandbox');
}

export const SERVICE_ACCOUNT_CA = '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

/**
 * In-cluster: the API server from `KUBERNETES_SERVICE_HOST`/`_PORT` and the service-account CA. The service
 * account's own token is deliberately not used for anything a user asks for.
 */
export function inClusterKubeTarget(env: NodeJS.ProcessEnv = process.env): KubeTarget {
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT) {
    throw new KubeTargetError(
      'in-cluster mode needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (set in every pod); ' +
        'outside a cluster pass --kubeconfig FILE',
    );
  }
  if (!existsSync(SERVICE_ACCOUNT_CA)) {
    throw new KubeTargetError(
      `in-cluster mode needs the service-account CA at ${SERVICE_ACCOUNT_CA} (automountServiceAccountToken)`,
    );
  }
  const kc = new KubeConfig();
  kc.loadFromCluster();
  return kubeTargetFromKubeConfig(kc, 'in-cluster');
}
