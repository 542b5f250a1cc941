// Local PersistentVolumes (documentation 6.12.3.4 "local block PV" and 6.12.4.1 "local PV on a node"): the form's
// values → the PV manifest, the checks the form runs before creating it, and the node commands that prepare a
// loop-backed block device of the right size.
import { isLabelKey, isLabelValue, objectNameError } from './k8s-names';
import { bytesOf, quantityError } from './quantity';

const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const DEFAULT_LOCAL_STORAGE_CLASS = 'local';

export type LocalVolumeMode = 'Filesystem' | 'Block';
export type LocalAccessMode =
  'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';
export type LocalReclaimPolicy = 'Delete' | 'Retain';

export interface LocalPVValues {
  name: string;
  /** The node's `kubernetes.io/hostname` label value (what nodeAffinity names). */
  hostname: string;
  volumeMode: LocalVolumeMode;
  /** Device (Block) or mount directory (Filesystem) on the node. */
  path: string;
  capacity: string;
  storageClassName: string;
  accessMode: LocalAccessMode;
  reclaimPolicy: LocalReclaimPolicy;
  labels: Record<string, string>;
}

export interface LocalPVManifest {
  apiVersion: 'v1';
  kind: 'PersistentVolume';
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    accessModes: LocalAccessMode[];
    capacity: { storage: string };
    local: { path: string };
    nodeAffinity: {
      required: {
        nodeSelectorTerms: {
          matchExpressions: { key: string; operator: 'In'; values: string[] }[];
        }[];
      };
    };
    persistentVolumeReclaimPolicy: LocalReclaimPolicy;
    storageClassName?: string;
    volumeMode: LocalVolumeMode;
  };
}

/** The PV the seed writes by hand, from the form's values. */
export const buildLocalPV = (values: LocalPVValues): LocalPVManifest => {
  const labels = Object.keys(values.labels).length > 0 ? { ...values.labels } : undefined;
  const storageClassName = values.storageClassName.trim();
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: values.name.trim(), ...(labels ? { labels } : {}) },
    spec: {
      accessModes: [values.accessMode],
      capacity: { storage: values.capacity.trim() },
      local: { path: normalizePath(values.path) },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: HOSTNAME_KEY, operator: 'In', values: [values.hostname] }],
            },
          ],
        },
      },
      persistentVolumeReclaimPolicy: values.reclaimPolicy,
      ...(storageClassName ? { storageClassName } : {}),
      volumeMode: values.volumeMode,
    },
  };
};

/** `/a//b/` → `/a/b` (what the kubelet resolves too). */
export const normalizePath = (path: string): string => {
  const trimmed = path.trim();
  const collapsed = trimmed.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
};

export type PathProblem =
  'empty' | 'not-absolute' | 'dot-segment' | 'whitespace' | 'control-character' | 'root';

/** Why a node path cannot be used for a local PV, or `undefined`. */
export const pathProblem = (path: string): PathProblem | undefined => {
  if (path.trim() === '') return 'empty';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(path)) return 'control-character';
  if (path !== path.trim() || /\s/.test(path)) return 'whitespace';
  if (!path.startsWith('/')) return 'not-absolute';
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return 'dot-segment';
  if (normalizePath(path) === '/') return 'root';
  return undefined;
};

/** Labels from `key=value` pairs separated by commas or new lines; problems name the bad entries. */
export const parseLabels = (
  text: string,
): { labels: Record<string, string>; invalid: string[] } => {
  const labels: Record<string, string> = {};
  const invalid: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq).trim();
    const value = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (eq < 0 || !isLabelKey(key) || !isLabelValue(value)) invalid.push(entry);
    else labels[key] = value;
  }
  return { labels, invalid };
};

/** What the form knows about the cluster when it validates. */
export interface LocalPVContext {
  /** Node name → its hostname label. */
  nodes: ReadonlyMap<string, string>;
  /** Existing PVs: name, the hostnames they are pinned to, and their local/hostPath path. */
  existing: readonly { name: string; hostnames: readonly string[]; path: string | undefined }[];
}

export type LocalPVFieldProblem =
  | { field: 'name'; kind: 'invalid'; message: string }
  | { field: 'name'; kind: 'taken' }
  | { field: 'node'; kind: 'missing' }
  | { field: 'node'; kind: 'unknown'; node: string }
  | { field: 'path'; kind: PathProblem }
  | { field: 'path'; kind: 'claimed'; by: string }
  | { field: 'backingFile'; kind: PathProblem }
  | { field: 'capacity'; kind: 'invalid'; message: string }
  | { field: 'capacity'; kind: 'zero' }
  | { field: 'storageClassName'; kind: 'invalid'; message: string }
  | { field: 'labels'; kind: 'invalid'; entries: string[] };

export interface LocalPVFormInput {
  name: string;
  /** The node's name (its hostname is looked up in the context). */
  node: string;
  path: string;
  capacity: string;
  storageClassName: string;
  labelsText: string;
  /** The loop device's backing file, when the form will print the commands that create it. */
  backingFile?: string;
}

/** Every problem of the form's values; empty when the PV can be created. */
export const validateLocalPV = (
  input: LocalPVFormInput,
  context: LocalPVContext,
): LocalPVFieldProblem[] => {
  const problems: LocalPVFieldProblem[] = [];
  const name = input.name.trim();
  const nameError = objectNameError(name);
  if (nameError) problems.push({ field: 'name', kind: 'invalid', message: nameError });
  else if (context.existing.some((pv) => pv.name === name))
    problems.push({ field: 'name', kind: 'taken' });

  const hostname = input.node ? context.nodes.get(input.node) : undefined;
  if (!input.node) problems.push({ field: 'node', kind: 'missing' });
  else if (hostname === undefined)
    problems.push({ field: 'node', kind: 'unknown', node: input.node });

  const pathKind = pathProblem(input.path);
  if (pathKind) problems.push({ field: 'path', kind: pathKind });
  else if (hostname !== undefined) {
    const path = normalizePath(input.path);
    const holder = context.existing.find(
      (pv) =>
        pv.path !== undefined &&
        normalizePath(pv.path) === path &&
        (pv.hostnames.includes(hostname) || pv.hostnames.includes(input.node)),
    );
    if (holder) problems.push({ field: 'path', kind: 'claimed', by: holder.name });
  }

  if (input.backingFile !== undefined) {
    const backingKind = pathProblem(input.backingFile);
    if (backingKind) problems.push({ field: 'backingFile', kind: backingKind });
  }

  const capacity = input.capacity.trim();
  const capacityError = quantityError(capacity);
  if (capacityError) problems.push({ field: 'capacity', kind: 'invalid', message: capacityError });
  else if ((bytesOf(capacity) ?? 0n) <= 0n) problems.push({ field: 'capacity', kind: 'zero' });

  const storageClassName = input.storageClassName.trim();
  if (storageClassName) {
    const classError = objectNameError(storageClassName);
    if (classError)
      problems.push({ field: 'storageClassName', kind: 'invalid', message: classError });
  }

  const { invalid } = parseLabels(input.labelsText);
  if (invalid.length > 0) problems.push({ field: 'labels', kind: 'invalid', entries: invalid });
  return problems;
};

const MiB = 1024n * 1024n;
const DD_BLOCKS: readonly [string, bigint][] = [
  ['1G', 1024n * MiB],
  ['100M', 100n * MiB],
  ['1M', MiB],
];

/**
 * `dd` arguments that write exactly `bytes` (rounded up to a whole MiB): the largest of 1G, 100M, 1M that divides
 * it, so the file is as large as the PV says.
 */
export const ddBlocks = (bytes: bigint): { bs: string; count: bigint } => {
  const whole = ((bytes + MiB - 1n) / MiB) * MiB;
  for (const [bs, size] of DD_BLOCKS) {
    if (whole % size === 0n) return { bs, count: whole / size };
  }
  return { bs: '1M', count: whole / MiB };
};

export interface LoopDeviceInput {
  /** The file on the node that backs the loop device. */
  backingFile: string;
  /** The loop device, the PV's path (`/dev/loop10`). */
  device: string;
  capacity: string;
}

/** The root commands on the node (seed 6.12.3.4 steps 2–3) with the user's values; `undefined` if invalid. */
export const loopDeviceCommands = (input: LoopDeviceInput): string[] | undefined => {
  const bytes = bytesOf(input.capacity.trim());
  if (bytes === undefined || bytes <= 0n) return undefined;
  if (pathProblem(input.backingFile) || pathProblem(input.device)) return undefined;
  const { bs, count } = ddBlocks(bytes);
  const file = shellQuote(normalizePath(input.backingFile));
  const device = shellQuote(normalizePath(input.device));
  return [
    `dd if=/dev/zero of=${file} bs=${bs} count=${count.toString()}`,
    `losetup ${device} ${file}`,
  ];
};

/** Quotes a word for a POSIX shell when it needs it. */
const shellQuote = (word: string): string =>
  /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
