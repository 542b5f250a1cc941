import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { InstallWorld, SandboxContext, SandboxProfile } from './contract';
import { SANDBOX_PROFILES } from './contract';
import { ApiServer } from './api/server';
import { AUDIT_LOG_FILE, AuditLog } from './api/audit';
import { makeErrorFactory } from './api/status';
import { RbacAuthorizer } from './auth/rbac';
import { ServiceBackends } from './api/service-proxy';
import { installReviewHooks } from './auth/reviews';
import { ensureRbacSeed } from './auth/seed';
import { Authenticator, loadUsers } from './auth/users';
import {
  bindingBehavior,
  namespaceBehavior,
  podBehavior,
  configMapBehavior,
  secretBehavior,
  serviceBehavior,
} from './builtin/core';
import {
  csiDriverBehavior,
  pvBehavior,
  pvcBehavior,
  storageClassBehavior,
} from './builtin/storage';
import * as T from './builtin/types';
import { EventRecorder } from './kube-controllers/events';
import { GarbageCollector } from './kube-controllers/garbage-collector';
import { NamespaceController } from './kube-controllers/namespace-controller';
import { ProtectionController } from './kube-controllers/protection';
import { PvBinder } from './kube-controllers/pv-binder';
import { writeKubeconfigFile } from './kubeconfig';
import { readProfileMarker, writeProfileMarker } from './store/persistence';
import { TypeRegistry } from './store/registry';
import { nowTimestamp, SandboxStore } from './store/store';
import { loadOrCreateTls } from './tls/certs';

export interface StartSandboxOptions {
  dataDir: string;
  reset?: boolean;
  /**
   * The platform the world models (default `current`). The data directory records it; starting a
   * directory seeded with another profile fails unless `reset` is set.
   */
  profile?: SandboxProfile;
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  tls?: boolean;
  quiet?: boolean;
  /**
   * The simulated world to install. Default: `installWorld` of `./world`. `false` runs the bare
   * API machinery (used by the machinery's own tests).
   */
  world?: InstallWorld | false;
  /** Interval of watch BOOKMARK events (default 60 s, like the API server's order of magnitude). */
  bookmarkIntervalMs?: number;
  /** How many recent changes watches can resume from before `410 Gone` (default 5000). */
  watchHistorySize?: number;
}

export interface SandboxUserToken {
  name: string;
  token: string;
  groups: string[];
}

export interface RunningSandbox {
  url: string;
  adminToken: string;
  users: SandboxUserToken[];
  caPem?: string;
  dataDir: string;
  profile: SandboxProfile;
  close(): Promise<void>;
  /** Writes a kubeconfig for `user` (default: admin). */
  writeKubeconfig(file: string, user?: string): Promise<void>;
}

const loadDefaultWorld = async (): Promise<InstallWorld> => {
  const mod = (await import('./world/index')) as { installWorld: InstallWorld };
  return mod.installWorld;
};

/** The data directory holds another profile's world, or the profile is unknown. */
export class SandboxProfileError extends Error {
  override name = 'SandboxProfileError';
}

/** Starts the embedded Kubernetes-API-compatible sandbox cluster. */
export const startSandbox = async (opts: StartSandboxOptions): Promise<RunningSandbox> => {
  const dataDir = resolve(opts.dataDir);
  const host = opts.host ?? '127.0.0.1';
  const log = (message: string): void => {
    if (!opts.quiet) console.warn(`[sandbox] ${message}`);
  };
  const profile = opts.profile ?? 'current';
  if (!SANDBOX_PROFILES.includes(profile)) {
    throw new SandboxProfileError(
      `unknown sandbox profile '${profile}': use ${SANDBOX_PROFILES.join(' or ')}`,
    );
  }
  if (opts.reset) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const recorded = await readProfileMarker(dataDir);
  if (recorded !== undefined && recorded !== profile) {
    throw new SandboxProfileError(
      `the sandbox data directory ${dataDir} holds a '${recorded}' world, not '${profile}': ` +
        `start it with --sandbox-profile ${recorded} (npm start) or --profile ${recorded} (npm run sandbox), ` +
        `or start '${profile}' from scratch with ` +
        `--reset-sandbox (npm start) or --reset (npm run sandbox), which deletes the directory's objects and disks`,
    );
  }
  if (recorded === undefined) await writeProfileMarker(dataDir, profile);

  const registry = new TypeRegistry();
  for (const t of T.BUILTIN_TYPES) registry.register(t, true);
  const store = new SandboxStore(registry, opts.watchHistorySize ?? 5000);
  await store.open(dataDir, false);
  store.setBehavior(T.PERSISTENT_VOLUME_CLAIM, pvcBehavior);
  store.setBehavior(T.PERSISTENT_VOLUME, pvBehavior);
  store.setBehavior(T.STORAGE_CLASS, storageClassBehavior);
  store.setBehavior(T.CSI_DRIVER, csiDriverBehavior);
  store.setBehavior(T.NAMESPACE, namespaceBehavior);
  store.setBehavior(T.CONFIG_MAP, configMapBehavior);
  store.setBehavior(T.SECRET, secretBehavior);
  store.setBehavior(T.POD, podBehavior);
  store.setBehavior(T.SERVICE, serviceBehavior);
  store.setBehavior(T.ROLE_BINDING, bindingBehavior);
  store.setBehavior(T.CLUSTER_ROLE_BINDING, bindingBehavior);

  const users = await loadUsers(dataDir);
  const authn = new Authenticator(users);
  const rbac = new RbacAuthorizer(store);
  installReviewHooks(store, rbac);
  const tls = opts.tls ? await loadOrCreateTls(dataDir, host) : undefined;

  const events = new EventRecorder(store);
  const binder = new PvBinder(store, events);
  const namespaces = new NamespaceController(store);
  const gc = new GarbageCollector(store);
  const protection = new ProtectionController(store);
  binder.start();
  namespaces.start();
  gc.start();
  protection.start();

  const serviceBackends = new ServiceBackends();
  const ctx: SandboxContext = {
    profile,
    dataDir,
    store,
    errors: makeErrorFactory((ref) => {
      const t = registry.find(ref);
      return { plural: t?.plural ?? `${ref.kind.toLowerCase()}s`, kind: ref.kind };
    }),
    registerType: (type) => {
      registry.register(type);
    },
    registerAdmission: (ref, hook) => {
      store.addAdmission(ref, hook);
    },
    registerServiceBackend: (namespace, service, backend) => {
      serviceBackends.register(namespace, service, backend);
    },
    authorize: (user, attrs) => rbac.authorize(user, attrs),
    listenHost: host,
    ...(tls ? { tls } : {}),
    log,
    bindClaim: (namespace, name, nodeName) => binder.bindClaim(namespace, name, nodeName),
    recordEvent: (involved, type, reason, message, component) =>
      events.record(involved, type, reason, message, component),
  };

  const stopBuiltins = async (): Promise<void> => {
    await binder.stop();
    namespaces.stop();
    await gc.stop();
    protection.stop();
  };

  let world: { stop(): Promise<void> } | undefined;
  let server: Server | undefined;
  let api: ApiServer | undefined;
  const audit = new AuditLog(resolve(dataDir, AUDIT_LOG_FILE));
  try {
    const install = opts.world === false ? undefined : (opts.world ?? (await loadDefaultWorld()));
    world = install ? await install(ctx) : undefined;
    await ensureRbacSeed(store);

    api = new ApiServer({
      store,
      registry,
      authn,
      rbac,
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60000,
      startedAt: nowTimestamp(),
      tls: tls !== undefined,
      audit,
      serviceBackends,
    });
    server = tls
      ? createHttpsServer({ key: tls.key, cert: tls.cert }, api.handle)
      : createHttpServer(api.handle);
    server.on('upgrade', api.handleUpgrade);
    server.keepAliveTimeout = 30000;
    const s = server;
    await new Promise<void>((ok, fail) => {
      s.once('error', fail);
      s.listen(opts.port ?? 0, host, () => {
        s.off('error', fail);
        ok();
      });
    });
  } catch (e) {
    await world?.stop();
    await stopBuiltins();
    await store.close();
    await audit.close();
    throw e;
  }

  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `${tls ? 'https' : 'http'}://${urlHost}:${port}`;
  log(`API server listening on ${url} (data: ${dataDir})`);
  const admin = users.find((u) => u.name === 'admin') ?? users[0];
  let closed = false;
  const runningServer = server;
  const runningApi = api;

  return {
    url,
    adminToken: admin.token,
    users: users.map((u) => ({ name: u.name, token: u.token, groups: u.groups })),
    ...(tls ? { caPem: tls.ca } : {}),
    dataDir,
    profile,
    async close() {
      if (closed) return;
      closed = true;
      runningApi.close();
      await new Promise<void>((ok) => {
        runningServer.close(() => {
          ok();
        });
        runningServer.closeAllConnections();
      });
      await world?.stop();
      await stopBuiltins();
      await store.close();
      await audit.close();
    },
    async writeKubeconfig(file: string, user = 'admin') {
      const u = users.find((x) => x.name === user);
      if (!u) throw new Error(`unknown sandbox user ${user}`);
      await writeKubeconfigFile(file, {
        server: url,
        user: u.name,
        token: u.token,
        ...(tls ? { caPem: tls.ca } : { impersonate: u.name }),
      });
    },
  };
};
