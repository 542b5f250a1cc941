// The SELinux MachineConfig of the HostPathProvisioner setup (seed 6.12.1.2): a systemd unit that runs
// `chcon -Rt container_file_t <path>` before the kubelet starts, one MachineConfig per targeted pool, in the
// Ignition spec version the pool's own MachineConfigs use. Plus the manual command for nodes no pool manages.

const MACHINE_CONFIG_API_VERSION = 'machineconfiguration.openshift.io/v1';
const ROLE_LABEL = 'machineconfiguration.openshift.io/role';
const SELINUX_UNIT_NAME = 'hostpath-provisioner.service';
/** The seed's Ignition version; used only when the pool's MachineConfigs say nothing. */
const FALLBACK_IGNITION_VERSION = '3.2.0';

export interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface MachineConfigLike {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: {
    config?: {
      ignition?: { version?: string };
      systemd?: { units?: { name?: string; enabled?: boolean; contents?: string }[] };
    };
  };
}

export interface MachineConfigPoolLike {
  metadata?: { name?: string };
  spec?: { machineConfigSelector?: LabelSelectorLike; nodeSelector?: LabelSelectorLike };
}

/** Whether `labels` match a label selector (matchLabels and the In/NotIn/Exists/DoesNotExist expressions). */
export const matchesSelector = (
  labels: Record<string, string> | undefined,
  selector: LabelSelectorLike | undefined,
): boolean => {
  if (!selector) return false;
  const own = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (own[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(own, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(own[expression.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(own[expression.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
};

const compareVersions = (a: string, b: string): number => {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/**
 * The Ignition spec version to write for `pool`: the highest version among the MachineConfigs the pool
 * selects (rendered ones excluded), so the new config merges with what the cluster already runs.
 */
export const ignitionVersionForPool = (
  pool: MachineConfigPoolLike,
  machineConfigs: readonly MachineConfigLike[],
): string | undefined => {
  const versions = machineConfigs
    .filter((mc) => !(mc.metadata?.name ?? '').startsWith('rendered-'))
    .filter((mc) => matchesSelector(mc.metadata?.labels, pool.spec?.machineConfigSelector))
    .map((mc) => mc.spec?.config?.ignition?.version)
    .filter((v): v is string => Boolean(v));
  return versions.sort(compareVersions).pop();
};

/** `50-set-selinux-for-hostpath-provisioner-<pool>`: one per pool, as the upstream example names it. */
export const selinuxMachineConfigName = (pool: string): string =>
  `50-set-selinux-for-hostpath-provisioner-${pool}`;

/** The labels a MachineConfig needs to be selected by `pool` (its selector's matchLabels, else the role). */
const machineConfigLabelsForPool = (pool: MachineConfigPoolLike): Record<string, string> => {
  const match = pool.spec?.machineConfigSelector?.matchLabels;
  if (match && Object.keys(match).length > 0) return { ...match };
  return { [ROLE_LABEL]: pool.metadata?.name ?? '' };
};

/** The systemd unit: relabel the backing directory (creating it first) before the kubelet starts. */
const selinuxUnitContents = (path: string): string =>
  [
    '[Unit]',
    'Description=Set SELinux chcon for hostpath provisioner',
    'Before=kubelet.service',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStartPre=-/usr/bin/mkdir -p ${path}`,
    `ExecStart=/usr/bin/chcon -Rt container_file_t ${path}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');

export interface SelinuxMachineConfigInput {
  pool: MachineConfigPoolLike;
  path: string;
  ignitionVersion?: string;
}

export interface MachineConfigManifest {
  apiVersion: string;
  kind: 'MachineConfig';
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    config: {
      ignition: { version: string };
      systemd: { units: { name: string; enabled: boolean; contents: string }[] };
    };
  };
}

export const buildSelinuxMachineConfig = ({
  pool,
  path,
  ignitionVersion,
}: SelinuxMachineConfigInput): MachineConfigManifest => ({
  apiVersion: MACHINE_CONFIG_API_VERSION,
  kind: 'MachineConfig',
  metadata: {
    name: selinuxMachineConfigName(pool.metadata?.name ?? ''),
    labels: machineConfigLabelsForPool(pool),
  },
  spec: {
    config: {
      ignition: { version: ignitionVersion ?? FALLBACK_IGNITION_VERSION },
      systemd: {
        units: [{ name: SELINUX_UNIT_NAME, enabled: true, contents: selinuxUnitContents(path) }],
      },
    },
  },
});

/** The command an administrator runs on a node the Machine Config Operator does not manage. */
export const manualChconCommand = (path: string): string =>
  `sudo mkdir -p ${path} && sudo chcon -t container_file_t -R ${path}`;

/** The paths a MachineConfig's enabled units relabel with `chcon … container_file_t <path>`. */
export const relabelledPaths = (mc: MachineConfigLike): string[] => {
  const out: string[] = [];
  for (const unit of mc.spec?.config?.systemd?.units ?? []) {
    if (unit.enabled === false) continue;
    for (const line of (unit.contents ?? '').split('\n')) {
      const m = /^\s*ExecStart=\S*chcon\s+(.*)$/.exec(line);
      if (!m || !m[1].includes('container_file_t')) continue;
      const target = m[1]
        .trim()
        .split(/\s+/)
        .filter((a) => a.startsWith('/'))
        .pop();
      if (target) out.push(target);
    }
  }
  return out;
};

export type PoolRolloutState = 'not-applied' | 'updating' | 'updated';

/**
 * Where a pool's rollout of one MachineConfig stands. The pool's machine counts (`updatedMachineCount` of
 * `machineCount`) describe the rendered config the pool currently targets (openshift/api
 * machineconfiguration/v1 types.go `MachineConfigPoolStatus`), so while the MachineConfig is not yet in the
 * pool's `spec.configuration.source` they say nothing about it and are not shown (`counts: false`).
 */
export const poolRolloutState = (input: {
  wanted: boolean;
  rolled: boolean;
  updating: boolean;
  updated: number;
  total: number;
}): { state: PoolRolloutState; counts: boolean } => {
  if (!input.wanted) return { state: 'not-applied', counts: false };
  const done = !input.updating && input.rolled && input.updated === input.total;
  return { state: done ? 'updated' : 'updating', counts: true };
};
