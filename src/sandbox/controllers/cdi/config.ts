import type { KubeObject, SandboxContext } from '../../contract';
import { CDI, CDI_CONFIG, STORAGE_CLASS } from '../../world/refs';
import { annotation } from '../../world/shapes';
import { CDI_VERSIONS } from '../../world/seed/platform';
import type { Controller } from '../runtime';
import { defaultStorageClass, storageClass, storageClasses } from '../scheduling/claims';
import { DEFAULT_OVERHEAD } from './settings';

const CONFIG_AUTHORITY = 'cdi.kubevirt.io/configAuthority';

interface ConfigSpec {
  uploadProxyURLOverride?: string;
  scratchSpaceStorageClass?: string;
  podResourceRequirements?: { limits?: Record<string, string>; requests?: Record<string, string> };
  filesystemOverhead?: { global?: string; storageClass?: Record<string, string> };
  [key: string]: unknown;
}

const DEFAULT_RESOURCES = {
  limits: { cpu: '750m', memory: '600M' },
  requests: { cpu: '100m', memory: '60M' },
};

/** CDIConfig status as the config controller computes it. */
function computeConfigStatus(
  ctx: SandboxContext,
  spec: ConfigSpec,
  proxyUrl: string | undefined,
): Record<string, unknown> {
  const status: Record<string, unknown> = {};
  const url = spec.uploadProxyURLOverride ?? proxyUrl;
  if (url) status.uploadProxyURL = url;
  const wanted = spec.scratchSpaceStorageClass;
  // CDI ≥ v1.65 (kubevirt/containerized-data-importer `pkg/controller/config-controller.go`
  // `reconcileStorageClass`, commit 48c01a9e "change behavior for default scratch space sc (#4054)"):
  // without a valid override the status stays empty and scratch PVCs take the target's class.
  // Before that (legacy), the cluster's default class filled in.
  const fallback = ctx.profile === 'legacy' ? (defaultStorageClass(ctx)?.metadata.name ?? '') : '';
  const scratch = wanted && storageClass(ctx, wanted) ? wanted : fallback;
  if (scratch) status.scratchSpaceStorageClass = scratch;
  status.defaultPodResourceRequirements = {
    limits: { ...DEFAULT_RESOURCES.limits, ...(spec.podResourceRequirements?.limits ?? {}) },
    requests: { ...DEFAULT_RESOURCES.requests, ...(spec.podResourceRequirements?.requests ?? {}) },
  };
  const global = spec.filesystemOverhead?.global ?? DEFAULT_OVERHEAD;
  const perClass: Record<string, string> = {};
  for (const sc of storageClasses(ctx)) {
    const name = sc.metadata.name ?? '';
    perClass[name] = spec.filesystemOverhead?.storageClass?.[name] ?? global;
  }
  status.filesystemOverhead = { global, storageClass: perClass };
  return status;
}

/**
 * CDI's config controller (CDI ≥ v1.26): with the `configAuthority` annotation on the CDI CR,
 * `CDIConfig.spec` is overwritten from `CDI.spec.config` (direct edits revert), and the status is
 * recomputed (upload proxy URL, scratch class, pod resources, filesystem overhead per class).
 */
export function cdiConfigController(
  ctx: SandboxContext,
  proxyUrl: () => string | undefined,
): Controller {
  return {
    name: 'cdi-config',
    watches: [CDI, CDI_CONFIG, STORAGE_CLASS],
    async reconcile() {
      const cdi = ctx.store.list(CDI).at(0);
      let config = ctx.store.get(CDI_CONFIG, undefined, 'config');
      if (!config) {
        config = await ctx.store.create({
          apiVersion: 'cdi.kubevirt.io/v1beta1',
          kind: 'CDIConfig',
          metadata: {
            name: 'config',
            labels: {
              'app.kubernetes.io/component': 'storage',
              'app.kubernetes.io/managed-by': 'cdi-controller',
            },
          },
          spec: {},
        });
      }
      if (cdi && annotation(cdi, CONFIG_AUTHORITY) !== undefined) {
        const wanted = (cdi.spec as { config?: ConfigSpec } | undefined)?.config ?? {};
        if (JSON.stringify(config.spec ?? {}) !== JSON.stringify(wanted)) {
          config =
            (await ctx.store.mutate(CDI_CONFIG, undefined, 'config', (o) => {
              o.spec = structuredClone(wanted);
            })) ?? config;
        }
      }
      const status = computeConfigStatus(ctx, (config.spec ?? {}) as ConfigSpec, proxyUrl());
      const prev = (config.status ?? {}) as Record<string, unknown>;
      const merged = { ...prev, ...status };
      if (!('scratchSpaceStorageClass' in status)) delete merged.scratchSpaceStorageClass;
      if (JSON.stringify(merged) !== JSON.stringify(prev)) {
        await ctx.store.mutate(
          CDI_CONFIG,
          undefined,
          'config',
          (o) => {
            o.status = merged;
          },
          { status: true },
        );
      }
      if (cdi) await updateCdiStatus(ctx, cdi);
    },
  };
}

async function updateCdiStatus(ctx: SandboxContext, cdi: KubeObject): Promise<void> {
  const status = (cdi.status ?? {}) as { phase?: string };
  if (status.phase === 'Deployed') return;
  const t = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  // The release the profile models (v1.66.0 on current), as the operator reports it.
  const version = CDI_VERSIONS[ctx.profile];
  await ctx.store.mutate(
    CDI,
    undefined,
    cdi.metadata.name ?? '',
    (o) => {
      o.status = {
        phase: 'Deployed',
        operatorVersion: version,
        targetVersion: version,
        observedVersion: version,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'Completed',
            message: '',
            lastTransitionTime: t,
            lastHeartbeatTime: t,
          },
          {
            type: 'Progressing',
            status: 'False',
            reason: '',
            message: '',
            lastTransitionTime: t,
            lastHeartbeatTime: t,
          },
          {
            type: 'Degraded',
            status: 'False',
            reason: '',
            message: '',
            lastTransitionTime: t,
            lastHeartbeatTime: t,
          },
        ],
      };
    },
    { status: true },
  );
}
