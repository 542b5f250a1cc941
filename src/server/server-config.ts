/** What `buildApp` needs: resolved, validated runtime configuration (see `config.ts` for the CLI side). */
import type { SandboxUser } from './auth-routes';
import type { KubeTarget } from './kube-target';

export type ServerMode = 'standalone' | 'in-cluster';

export interface ServerConfig {
  mode: ServerMode;
  /** The built plugin (`plugin-manifest.json`, entry, chunks, `locales/`). */
  distDir: string;
  /** Standalone only: the built console host (`index.html`, `assets/`). */
  hostDistDir?: string;
  /** The cluster; null = none configured (the kube proxy and API answer 503 saying so). */
  cluster: KubeTarget | null;
  /** Standalone with the embedded sandbox: its users, for `/auth/sandbox-users` and `/auth/login-as`. */
  sandboxUsers?: readonly SandboxUser[];
  /** In-cluster: the serving certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Where resumable uploads are staged (used by the upload endpoints of a later issue). */
  stagingDir?: string;
  /** Fastify log level; 'silent' (the default) turns request logging off. */
  logLevel?: string;
  /** Where logs go (default stdout); tests capture them here. */
  logStream?: NodeJS.WritableStream;
}
