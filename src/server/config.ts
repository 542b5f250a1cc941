/**
 * Command line and environment → validated start-up options. Every error names the flag (or variable) and
 * the fix; `main.ts` prints it and exits with status 2.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface CommonOptions {
  host: string;
  port: number;
  distDir: string;
  /** Files of `--kubeconfig`/`KUBECONFIG` (a `KUBECONFIG` list may name several). */
  kubeconfig?: string[];
  /** Where the kubeconfig came from, for messages. */
  kubeconfigSource?: '--kubeconfig' | 'KUBECONFIG';
  stagingDir?: string;
  /** `--upload-reservation-expiry S`: an upload no byte arrives for is released after S seconds (default 300). */
  uploadReservationExpiryMs?: number;
  logLevel: string;
}

export interface StandaloneOptions extends CommonOptions {
  mode: 'standalone';
  hostDistDir: string;
  sandboxDataDir: string;
  resetSandbox: boolean;
  /** `--public-url`: the address users open besides loopback names (the only other Host answered). */
  publicUrl?: string;
  /** `--sandbox-profile`: the platform the embedded sandbox models (default current). */
  sandboxProfile?: 'current' | 'legacy';
}

export interface InClusterOptions extends CommonOptions {
  mode: 'in-cluster';
  tlsCert: string;
  tlsKey: string;
  /** `--cdi-namespace`: where CDI's upload proxy Service lives (default: discovered). */
  cdiNamespace?: string;
  /** `--cdi-upload-proxy-url`: use this address for the CDI upload proxy instead of the Service. */
  cdiUploadProxyUrl?: string;
  /** `--cdi-upload-proxy-ca`: extra PEM CA file(s) to trust for the upload proxy. */
  cdiUploadProxyCa?: string[];
  /** `--shutdown-timeout`: seconds the shutdown hooks (in-flight uploads) may take (default 25). */
  shutdownTimeoutSeconds: number;
  /** `--allow-without-forwarded-for`: accept API requests without X-Forwarded-For (default: refuse them). */
  requireForwardedFor: boolean;
}

export type StartupOptions = StandaloneOptions | InClusterOptions;

export type ParsedCommandLine = { help: true } | { help: false; options: StartupOptions };

export const HELP_TEXT = `VM Disks backend

Usage: npm start -- [options]          (or: tsx src/server/main.ts [options])

Standalone (default): the console bridge stand-in on http://localhost:9000 with the console host page,
the built plugin, /api/kubernetes/* to a cluster, and the plugin's backend API.
  --port N              port (default 9000; env PORT)
  --host ADDR           listen address (default 127.0.0.1)
  --kubeconfig FILE     use this cluster (current context) instead of the embedded sandbox (env KUBECONFIG)
  --sandbox-data DIR    embedded sandbox data directory (default $VM_DISKS_SANDBOX_DATA or ./.sandbox)
  --reset-sandbox       start the embedded sandbox from scratch
  --sandbox-profile P   the platform the embedded sandbox models: current (default; OpenShift 4.22 with
                        OpenShift Virtualization 4.22) or legacy (the seed's era: v1alpha1 APIs, the
                        storage-defaults ConfigMap); a data directory keeps the profile it was created with
  --dist DIR            built plugin (default dist; built by npm run build)
  --host-dist DIR       built console host (default dist-host; built by npm run build:host)
  --public-url URL      the address you open when it is not a loopback name (e.g. http://box.lan:9000);
                        requests for any other host are refused (DNS rebinding protection)

In-cluster (the plugin's service behind the console):
  --in-cluster          HTTPS with --tls-cert/--tls-key; serves dist/ at / and the backend API at /api/v1/*
  --tls-cert FILE       serving certificate (PEM), e.g. /var/cert/tls.crt
  --tls-key FILE        its private key (PEM), e.g. /var/cert/tls.key
                        (port default 9443, address default 0.0.0.0; cluster from the pod's service account
                        environment, or --kubeconfig FILE)
  --cdi-namespace NS    namespace of CDI's cdi-uploadproxy Service (default: discovered, see README)
  --cdi-upload-proxy-url URL   use this upload proxy address instead of the in-cluster Service
  --cdi-upload-proxy-ca FILE   extra PEM CA to trust for the upload proxy (repeatable)
  --shutdown-timeout S  seconds in-flight uploads get to finish or checkpoint on SIGTERM (default 25)
  --allow-without-forwarded-for  accept API requests that lack X-Forwarded-For (default: 403)

Both:
  --staging-dir DIR     directory for staged uploads (must exist and be writable)
  --upload-reservation-expiry S  seconds after which an upload no byte arrived for is released and its
                        staging space given back (default 300)
  --log-level LEVEL     fatal|error|warn|info|debug|trace|silent (default: warn standalone, info in-cluster)
  --help                this text
`;

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function parsePort(value: string, source: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(
      `${source} must be a port number between 0 and 65535 (got ${JSON.stringify(value)}); e.g. ${source === 'PORT' ? 'PORT=9000' : '--port 9000'}`,
    );
  }
  return Number(value);
}

function readableFile(file: string, flag: string, what: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  if (!existsSync(abs)) throw new ConfigError(`${flag} ${file}: no such file (${what})`);
  if (!statSync(abs).isFile()) throw new ConfigError(`${flag} ${file}: not a file (${what})`);
  try {
    accessSync(abs, constants.R_OK);
  } catch {
    throw new ConfigError(`${flag} ${file}: not readable by this user (${what})`);
  }
  return abs;
}

function writableDir(dir: string, flag: string, cwd: string): string {
  const abs = path.resolve(cwd, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new ConfigError(`${flag} ${dir}: no such directory; create it first (mkdir -p ${dir})`);
  }
  try {
    accessSync(abs, constants.W_OK);
  } catch {
    throw new ConfigError(`${flag} ${dir}: not writable by this user`);
  }
  return abs;
}

function looksLikePem(file: string, marker: RegExp): boolean {
  return marker.test(readFileSync(file, 'utf8'));
}

export function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): ParsedCommandLine {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
        host: { type: 'string' },
        kubeconfig: { type: 'string' },
        'sandbox-data': { type: 'string' },
        'reset-sandbox': { type: 'boolean' },
        'sandbox-profile': { type: 'string' },
        dist: { type: 'string' },
        'host-dist': { type: 'string' },
        'public-url': { type: 'string' },
        'in-cluster': { type: 'boolean' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'staging-dir': { type: 'string' },
        'upload-reservation-expiry': { type: 'string' },
        'log-level': { type: 'string' },
        'cdi-namespace': { type: 'string' },
        'cdi-upload-proxy-url': { type: 'string' },
        'cdi-upload-proxy-ca': { type: 'string', multiple: true },
        'shutdown-timeout': { type: 'string' },
        'allow-without-forwarded-for': { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}; see --help for the options`);
  }
  if (values.help) return { help: true };

  const inCluster = values['in-cluster'] === true;
  const resolve = (p: string): string => path.resolve(cwd, p);

  let port = inCluster ? 9443 : 9000;
  if (values.port !== undefined) port = parsePort(values.port, '--port');
  else if (env.PORT) port = parsePort(env.PORT, 'PORT');

  const host = values.host ?? (inCluster ? '0.0.0.0' : '127.0.0.1');
  if (!host.trim()) throw new ConfigError('--host must not be empty; e.g. --host 127.0.0.1');

  const logLevel = values['log-level'] ?? (inCluster ? 'info' : 'warn');
  if (!LOG_LEVELS.has(logLevel)) {
    throw new ConfigError(
      `--log-level must be one of ${[...LOG_LEVELS].join(', ')} (got ${JSON.stringify(logLevel)})`,
    );
  }

  let kubeconfig: string[] | undefined;
  let kubeconfigSource: CommonOptions['kubeconfigSource'];
  if (values.kubeconfig !== undefined) {
    kubeconfig = [
      readableFile(
        values.kubeconfig,
        '--kubeconfig',
        'pass a readable kubeconfig, or omit --kubeconfig to use the embedded sandbox',
        cwd,
      ),
    ];
    kubeconfigSource = '--kubeconfig';
  } else if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(path.delimiter).filter(Boolean);
    const existing = files.map(resolve).filter((file) => existsSync(file));
    if (existing.length === 0) {
      throw new ConfigError(
        `KUBECONFIG=${env.KUBECONFIG}: none of these files exists; fix the variable or unset it to use the embedded sandbox`,
      );
    }
    kubeconfig = existing.map((file) =>
      readableFile(file, 'KUBECONFIG', 'fix the variable or unset it', cwd),
    );
    kubeconfigSource = 'KUBECONFIG';
  }

  const stagingDir =
    values['staging-dir'] !== undefined
      ? writableDir(values['staging-dir'], '--staging-dir', cwd)
      : undefined;
  const distDir = resolve(values.dist ?? 'dist');
  let uploadReservationExpiryMs: number | undefined;
  const expiry = values['upload-reservation-expiry'];
  if (expiry !== undefined) {
    if (!/^\d+$/.test(expiry) || Number(expiry) < 1 || Number(expiry) > 86_400) {
      throw new ConfigError(
        `--upload-reservation-expiry must be whole seconds between 1 and 86400 (got ${JSON.stringify(expiry)}); e.g. --upload-reservation-expiry 300`,
      );
    }
    uploadReservationExpiryMs = Number(expiry) * 1000;
  }

  const common: CommonOptions = {
    host,
    port,
    distDir,
    logLevel,
    ...(kubeconfig ? { kubeconfig, kubeconfigSource } : {}),
    ...(stagingDir ? { stagingDir } : {}),
    ...(uploadReservationExpiryMs !== undefined ? { uploadReservationExpiryMs } : {}),
  };

  if (inCluster) {
    for (const flag of [
      'sandbox-data',
      'reset-sandbox',
      'sandbox-profile',
      'host-dist',
      'public-url',
    ] as const) {
      if (values[flag] !== undefined) {
        throw new ConfigError(`--${flag} is for standalone mode; remove it or drop --in-cluster`);
      }
    }
    if (!values['tls-cert'] || !values['tls-key']) {
      throw new ConfigError(
        'in-cluster mode needs --tls-cert FILE and --tls-key FILE (the service-serving certificate, e.g. ' +
          '--tls-cert /var/cert/tls.crt --tls-key /var/cert/tls.key)',
      );
    }
    const tlsCert = readableFile(
      values['tls-cert'],
      '--tls-cert',
      'the PEM serving certificate',
      cwd,
    );
    const tlsKey = readableFile(values['tls-key'], '--tls-key', 'the PEM private key', cwd);
    if (!looksLikePem(tlsCert, /-----BEGIN CERTIFICATE-----/)) {
      throw new ConfigError(
        `--tls-cert ${values['tls-cert']}: not a PEM certificate (no BEGIN CERTIFICATE block)`,
      );
    }
    if (!looksLikePem(tlsKey, /-----BEGIN [A-Z ]*PRIVATE KEY-----/)) {
      throw new ConfigError(
        `--tls-key ${values['tls-key']}: not a PEM private key (no BEGIN … PRIVATE KEY block)`,
      );
    }
    if (!existsSync(path.join(distDir, 'plugin-manifest.json'))) {
      throw new ConfigError(
        `--dist ${values.dist ?? 'dist'}: ${path.join(distDir, 'plugin-manifest.json')} is missing; build the plugin (npm run build) or point --dist at the built plugin`,
      );
    }
    const cdiNamespace = values['cdi-namespace'];
    if (cdiNamespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(cdiNamespace)) {
      throw new ConfigError(
        `--cdi-namespace ${cdiNamespace}: not a namespace name; e.g. --cdi-namespace openshift-cnv`,
      );
    }
    const cdiUploadProxyUrl = values['cdi-upload-proxy-url'];
    if (cdiUploadProxyUrl !== undefined) {
      let parsedUrl: URL | undefined;
      try {
        parsedUrl = new URL(
          /^[a-z]+:\/\//i.test(cdiUploadProxyUrl)
            ? cdiUploadProxyUrl
            : `https://${cdiUploadProxyUrl}`,
        );
      } catch {
        parsedUrl = undefined;
      }
      if (parsedUrl?.protocol !== 'https:') {
        throw new ConfigError(
          `--cdi-upload-proxy-url ${cdiUploadProxyUrl}: must be an https URL or a host[:port], e.g. ` +
            '--cdi-upload-proxy-url https://cdi-uploadproxy.openshift-cnv.svc',
        );
      }
    }
    const cdiUploadProxyCa = (values['cdi-upload-proxy-ca'] ?? []).map((file) => {
      const abs = readableFile(file, '--cdi-upload-proxy-ca', 'a PEM CA bundle', cwd);
      if (!looksLikePem(abs, /-----BEGIN CERTIFICATE-----/)) {
        throw new ConfigError(`--cdi-upload-proxy-ca ${file}: not a PEM certificate bundle`);
      }
      return abs;
    });
    let shutdownTimeoutSeconds = 25;
    if (values['shutdown-timeout'] !== undefined) {
      const raw = values['shutdown-timeout'];
      if (!/^\d+$/.test(raw) || Number(raw) > 3600) {
        throw new ConfigError(
          `--shutdown-timeout must be whole seconds between 0 and 3600 (got ${JSON.stringify(raw)})`,
        );
      }
      shutdownTimeoutSeconds = Number(raw);
    }
    return {
      help: false,
      options: {
        ...common,
        mode: 'in-cluster',
        tlsCert,
        tlsKey,
        shutdownTimeoutSeconds,
        requireForwardedFor: values['allow-without-forwarded-for'] !== true,
        ...(cdiNamespace ? { cdiNamespace } : {}),
        ...(cdiUploadProxyUrl ? { cdiUploadProxyUrl } : {}),
        ...(cdiUploadProxyCa.length > 0 ? { cdiUploadProxyCa } : {}),
      },
    };
  }

  for (const flag of [
    'tls-cert',
    'tls-key',
    'cdi-namespace',
    'cdi-upload-proxy-url',
    'cdi-upload-proxy-ca',
    'shutdown-timeout',
    'allow-without-forwarded-for',
  ] as const) {
    if (values[flag] !== undefined) {
      throw new ConfigError(
        `--${flag} is only used with --in-cluster; add --in-cluster or remove it`,
      );
    }
  }
  if (values['reset-sandbox'] && kubeconfig) {
    throw new ConfigError(
      `--reset-sandbox resets the embedded sandbox, but ${kubeconfigSource ?? '--kubeconfig'} selects a real cluster; drop one of them`,
    );
  }
  const sandboxProfile = values['sandbox-profile'] ?? 'current';
  if (sandboxProfile !== 'current' && sandboxProfile !== 'legacy') {
    throw new ConfigError(
      `--sandbox-profile ${sandboxProfile}: expected current (OpenShift 4.22) or legacy (the seed's era)`,
    );
  }
  const sandboxDataDir = resolve(values['sandbox-data'] ?? env.VM_DISKS_SANDBOX_DATA ?? '.sandbox');
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/?#]+\/?$/i.test(publicUrl)) {
    throw new ConfigError(
      `--public-url ${publicUrl}: must be an http(s) URL with a host and no path, e.g. --public-url http://box.lan:9000`,
    );
  }
  return {
    help: false,
    options: {
      ...common,
      // Standalone default: `.staging` next to the sandbox data (created on start).
      stagingDir: common.stagingDir ?? path.join(path.dirname(sandboxDataDir), '.staging'),
      mode: 'standalone',
      hostDistDir: resolve(values['host-dist'] ?? 'dist-host'),
      sandboxDataDir,
      resetSandbox: values['reset-sandbox'] === true,
      ...(publicUrl ? { publicUrl } : {}),
      sandboxProfile,
    },
  };
}
