/**
 * The cluster the backend talks to, and how to reach it as a given identity: from kubeconfig files (read as
 * kubectl merges them: tokens, token files, client certificates, basic auth, impersonation, custom CAs,
 * insecure-skip-tls-verify; exec plugins and auth providers through `@kubernetes/client-node`, loaded only for
 * such users), the embedded sandbox, or the in-cluster service account.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { OutgoingHttpHeaders } from 'node:http';
import { readKubeconfig, type Kubeconfig, type KubeconfigUser } from './kubeconfig';

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
  headers: Record<string, string | string[]>;
}

function bufferFrom(file: string | undefined, base64: string | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  if (base64) return Buffer.from(base64, 'base64');
  return undefined;
}

interface TargetParts {
  description: string;
  server: string;
  caFile?: string;
  caData?: string;
  tlsServerName?: string;
  skipTLSVerify?: boolean;
  /** The default identity's credentials (headers, client certificate, basic auth). */
  credentials: () => Promise<AppliedOptions>;
}

function makeKubeTarget(parts: TargetParts): KubeTarget {
  const { description } = parts;
  let server: URL;
  try {
    server = new URL(parts.server);
  } catch {
    throw new KubeTargetError(
      `${description}: the cluster has an invalid server URL ${JSON.stringify(parts.server)}`,
    );
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') {
    throw new KubeTargetError(`${description}: server URL must be http(s), got ${server.href}`);
  }
  let ca: Buffer | undefined;
  try {
    ca = bufferFrom(parts.caFile, parts.caData);
  } catch (err) {
    throw new KubeTargetError(
      `${description}: cannot read the cluster CA ${parts.caFile ?? ''}: ${(err as Error).message}`,
    );
  }
  const tls: TlsOptions = {};
  if (ca) tls.ca = ca;
  if (parts.tlsServerName) tls.servername = parts.tlsServerName;
  if (parts.skipTLSVerify) tls.rejectUnauthorized = false;

  const secure = server.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxFreeSockets: 16 })
    : new http.Agent({ keepAlive: true, maxFreeSockets: 16 });
  const transport = (options: https.RequestOptions): http.ClientRequest =>
    secure ? https.request(options) : http.request(options);
  const basePath = server.pathname.replace(/\/+$/, '');

  const defaultCredentials = parts.credentials;

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

/** How long a token read from a file is used before the file is read again (token files rotate). */
const TOKEN_FILE_TTL_MS = 60_000;

/** Credentials of a kubeconfig user without plugins. */
function staticCredentials(user: KubeconfigUser): () => Promise<AppliedOptions> {
  let fromFile: { token: string; readAt: number } | undefined;
  const tokenFromFile = (file: string): string => {
    if (!fromFile || Date.now() - fromFile.readAt > TOKEN_FILE_TTL_MS) {
      fromFile = { token: readFileSync(file, 'utf8').trim(), readAt: Date.now() };
    }
    return fromFile.token;
  };
  return () => {
    const applied: AppliedOptions = { headers: {} };
    const token = user.token ?? (user.tokenFile ? tokenFromFile(user.tokenFile) : undefined);
    if (token) applied.headers.Authorization = `Bearer ${token}`;
    const cert = bufferFrom(user.certFile, user.certData);
    const key = bufferFrom(user.keyFile, user.keyData);
    if (cert) applied.cert = cert;
    if (key) applied.key = key;
    if (user.username !== undefined && user.password !== undefined)
      applied.auth = `${user.username}:${user.password}`;
    if (user.impersonate) applied.headers['Impersonate-User'] = user.impersonate;
    if (user.impersonateGroups.length > 0)
      applied.headers['Impersonate-Group'] = user.impersonateGroups;
    return Promise.resolve(applied);
  };
}

/**
 * Credentials of an `exec` / `auth-provider` user, produced by `@kubernetes/client-node` (imported on first use)
 * from the same files and context, as kubectl would run the plugin.
 */
function pluginCredentials(config: Kubeconfig, contextName: string): () => Promise<AppliedOptions> {
  let loaded: Promise<{ applyToHTTPSOptions(o: AppliedOptions): Promise<void> }> | undefined;
  const load = async () => {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromFile(config.files[0] ?? '');
    for (const file of config.files.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.mergeConfig(more, true);
    }
    kc.setCurrentContext(contextName);
    // client-node refuses to produce options for plain-HTTP servers; credentials do not depend on the scheme.
    const copy = new KubeConfig();
    copy.loadFromOptions({
      clusters: kc.clusters.map((c) => ({ ...c, server: c.server.replace(/^http:/i, 'https:') })),
      users: kc.users,
      contexts: kc.contexts,
      currentContext: contextName,
    });
    return copy;
  };
  return async () => {
    loaded ??= load();
    const applied: AppliedOptions = { headers: {} };
    await (await loaded).applyToHTTPSOptions(applied);
    return applied;
  };
}

/**
 * Loads a kubeconfig file (or a `KUBECONFIG`-style list of files, merged like kubectl: the first file's
 * current context wins).
 */
export function loadKubeconfigTarget(files: readonly string[], contextName?: string): KubeTarget {
  if (files.length === 0) throw new KubeTargetError('no kubeconfig file given');
  let config: Kubeconfig;
  try {
    config = readKubeconfig(files);
  } catch (err) {
    throw new KubeTargetError(
      `cannot load kubeconfig ${files.join(':')}: ${(err as Error).message}`,
    );
  }
  const name = contextName ?? config.currentContext;
  if (!name) throw new KubeTargetError(`kubeconfig ${files.join(':')} has no current-context`);
  const description = `kubeconfig ${files.join(':')} (context ${name})`;
  const context = config.contexts.get(name);
  const cluster = context ? config.clusters.get(context.cluster) : undefined;
  if (!context || !cluster) {
    throw new KubeTargetError(
      `${description}: the current context ${JSON.stringify(name)} names no cluster`,
    );
  }
  // A context without a known user is anonymous, as with kubectl.
  const user = config.users.get(context.user);
  return makeKubeTarget({
    description,
    ...cluster,
    credentials: user?.plugin
      ? pluginCredentials(config, name)
      : staticCredentials(user ?? { impersonateGroups: [], plugin: false }),
  });
}

export interface SandboxCluster {
  url: string;
  adminToken: string;
  caPem?: string;
}

/** The embedded sandbox: its URL, its CA when it serves HTTPS, and its admin as the default identity. */
export function sandboxKubeTarget(sandbox: SandboxCluster): KubeTarget {
  return makeKubeTarget({
    description: 'embedded sandbox',
    server: sandbox.url,
    ...(sandbox.caPem ? { caData: Buffer.from(sandbox.caPem).toString('base64') } : {}),
    credentials: staticCredentials({
      token: sandbox.adminToken,
      impersonateGroups: [],
      plugin: false,
    }),
  });
}

const SERVICE_ACCOUNT_CA = '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * In-cluster: the API server from `KUBERNETES_SERVICE_HOST`/`_PORT` and the service-account CA. The service
 * account's own token is deliberately not used for anything a user asks for.
 */
export function inClusterKubeTarget(env: NodeJS.ProcessEnv = process.env): KubeTarget {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
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
  return makeKubeTarget({
    description: 'in-cluster',
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    caFile: SERVICE_ACCOUNT_CA,
    credentials: staticCredentials({
      tokenFile: SERVICE_ACCOUNT_TOKEN,
      impersonateGroups: [],
      plugin: false,
    }),
  });
}
