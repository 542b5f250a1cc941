/** What `buildApp` needs: resolved, validated runtime configuration (see `config.ts` for the CLI side). */
import type { SandboxUser } from './auth-routes';
import type { CdiUploadProxyLocator } from './in-cluster/cdi-upload-proxy';
import type { KubeTarget } from './kube-target';
import type { SessionLimits } from './session';

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
  /** How long `close()` waits for the shutdown hooks (`app.onShutdown`) (default 25 s). */
  shutdownTimeoutMs?: number;
  /**
   * In-cluster: where CDI's upload proxy is (Service in the CDI namespace, its CA). Exposed to routes as
   * `app.cdiUploadProxy` (undefined standalone: there the upload code uses `CDIConfig.status.uploadProxyURL`).
   */
  cdiUploadProxy?: CdiUploadProxyLocator;
  /**
   * In-cluster: also refuse API requests without X-Forwarded-For (see console-proxy-guard.ts). The command line
   * turns it on (`--allow-without-forwarded-for` turns it off); `buildApp` alone defaults to false.
   */
  requireForwardedFor?: boolean;
  /**
   * Standalone: `host[:port]` of `--public-url`, the one name besides loopback names this server answers for
   * (DNS rebinding protection, allowed-hosts.ts).
   */
  publicHost?: string;
  /** Standalone: session idle/absolute lifetimes and cap (defaults in session.ts). */
  sessionLimits?: Partial<SessionLimits>;
  /** A tus PATCH that sends no byte for this long is ended (default 2 minutes, tus-patch.ts). */
  uploadPatchIdleTimeoutMs?: number;
  /**
   * `--upload-reservation-expiry`: an upload no byte arrives for is released (its staging space freed) this
   * long after its creation (default 5 minutes, upload-routes.ts).
   */
  uploadReservationExpiryMs?: number;
}
