/**
 * Reading kubeconfig files the way kubectl merges them (the first file that names a cluster, user or context
 * wins, and the first `current-context` set), with paths relative to the file that holds them. Only what
 * the backend needs to reach the API server; users with an `exec` plugin or an `auth-provider` are marked so
 * that their credentials come from `@kubernetes/client-node` (loaded only then: it costs ~75 MiB of memory).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface KubeconfigCluster {
  server: string;
  caFile?: string;
  caData?: string;
  skipTLSVerify: boolean;
  tlsServerName?: string;
}

export interface KubeconfigUser {
  token?: string;
  tokenFile?: string;
  certFile?: string;
  certData?: string;
  keyFile?: string;
  keyData?: string;
  username?: string;
  password?: string;
  impersonate?: string;
  impersonateGroups: string[];
  /** `exec` or `auth-provider`: credentials only client-node can produce. */
  plugin: boolean;
}

export interface Kubeconfig {
  files: readonly string[];
  currentContext?: string;
  contexts: Map<string, { cluster: string; user: string }>;
  clusters: Map<string, KubeconfigCluster>;
  users: Map<string, KubeconfigUser>;
}

type Entry = Record<string, unknown>;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const named = (doc: Entry, key: string, inner: string): [string, Entry][] => {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error(`${key} must be a list`);
  return list.map((item: unknown, index) => {
    const entry = (item ?? {}) as Entry;
    const name = str(entry.name);
    if (!name) throw new Error(`${key}[${index}] has no name`);
    return [name, (entry[inner] ?? {}) as Entry];
  });
};

function readFile(file: string, into: Kubeconfig): void {
  const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as unknown;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a kubeconfig mapping');
  const d = doc as Entry;
  const dir = path.dirname(path.resolve(file));
  const abs = (p: unknown): string | undefined => {
    const s = str(p);
    return s === undefined ? undefined : path.resolve(dir, s);
  };
  into.currentContext ??= str(d['current-context']);
  for (const [name, c] of named(d, 'contexts', 'context')) {
    if (!into.contexts.has(name))
      into.contexts.set(name, { cluster: str(c.cluster) ?? '', user: str(c.user) ?? '' });
  }
  for (const [name, c] of named(d, 'clusters', 'cluster')) {
    if (into.clusters.has(name)) continue;
    into.clusters.set(name, {
      server: str(c.server) ?? '',
      caFile: abs(c['certificate-authority']),
      caData: str(c['certificate-authority-data']),
      skipTLSVerify: c['insecure-skip-tls-verify'] === true,
      tlsServerName: str(c['tls-server-name']),
    });
  }
  for (const [name, u] of named(d, 'users', 'user')) {
    if (into.users.has(name)) continue;
    const groups = u['as-groups'];
    into.users.set(name, {
      token: str(u.token),
      tokenFile: abs(u.tokenFile),
      certFile: abs(u['client-certificate']),
      certData: str(u['client-certificate-data']),
      keyFile: abs(u['client-key']),
      keyData: str(u['client-key-data']),
      username: str(u.username),
      password: str(u.password),
      impersonate: str(u.as),
      impersonateGroups: Array.isArray(groups) ? groups.filter((g) => typeof g === 'string') : [],
      plugin: Boolean(u.exec) || Boolean(u['auth-provider']),
    });
  }
}

/** Reads and merges the files; throws with the offending file named. */
export function readKubeconfig(files: readonly string[]): Kubeconfig {
  const config: Kubeconfig = {
    files,
    contexts: new Map(),
    clusters: new Map(),
    users: new Map(),
  };
  for (const file of files) {
    try {
      readFile(file, config);
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message}`);
    }
  }
  return config;
}
