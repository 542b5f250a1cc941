import type { KubeObject } from '../contract';

/** Typed views of the objects the world reads and writes (only the fields it uses). */

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
  lastProbeTime?: string | null;
}

export interface PvcSpec {
  accessModes?: string[];
  volumeMode?: string;
  storageClassName?: string | null;
  volumeName?: string;
  selector?: LabelSelector;
  resources?: { requests?: Record<string, string> };
  dataSource?: unknown;
  dataSourceRef?: unknown;
}

export interface Pvc extends KubeObject {
  spec: PvcSpec;
  status?: { phase?: string; capacity?: Record<string, string>; accessModes?: string[] };
}

export interface Pv extends KubeObject {
  spec: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    volumeMode?: string;
    storageClassName?: string;
    persistentVolumeReclaimPolicy?: string;
    claimRef?: {
      kind?: string;
      apiVersion?: string;
      namespace?: string;
      name?: string;
      uid?: string;
    };
    local?: { path: string };
    hostPath?: { path: string; type?: string };
    csi?: { driver: string; volumeHandle: string; volumeAttributes?: Record<string, string> };
    nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
  };
  status?: { phase?: string };
}

export interface StorageClass extends KubeObject {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
}

export interface NodeObj extends KubeObject {
  spec: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean };
  status?: { conditions?: Condition[]; nodeInfo?: Record<string, string> };
}

export interface PodVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
}

export interface Pod extends KubeObject {
  spec: { nodeName?: string; volumes?: PodVolume[]; containers: unknown[] };
  status?: { phase?: string; conditions?: Condition[] };
}

export interface DataVolumeSpec {
  source?: {
    upload?: object;
    blank?: object;
    pvc?: { namespace?: string; name?: string };
    http?: object;
    registry?: object;
    s3?: object;
    gcs?: object;
    imageio?: object;
    vddk?: object;
    snapshot?: object;
  };
  sourceRef?: { kind?: string; name?: string; namespace?: string };
  pvc?: PvcSpec;
  storage?: PvcSpec;
  contentType?: string;
}

export interface DataVolume extends KubeObject {
  spec: DataVolumeSpec;
  status?: {
    phase?: string;
    progress?: string;
    claimName?: string;
    restartCount?: number;
    conditions?: Condition[];
  };
}

export interface VmVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  dataVolume?: { name: string };
  containerDisk?: unknown;
  cloudInitNoCloud?: unknown;
}

export interface VmiSpec {
  domain?: unknown;
  volumes?: VmVolume[];
  nodeSelector?: Record<string, string>;
}

export interface VirtualMachine extends KubeObject {
  spec: {
    running?: boolean;
    runStrategy?: string;
    template?: { metadata?: { labels?: Record<string, string> }; spec?: VmiSpec };
    dataVolumeTemplates?: { metadata?: { name?: string }; spec?: DataVolumeSpec }[];
  };
  status?: Record<string, unknown>;
}

export interface Vmi extends KubeObject {
  spec: VmiSpec;
  status?: {
    phase?: string;
    nodeName?: string;
    conditions?: Condition[];
    [key: string]: unknown;
  };
}

/** Views a stored object through one of the typed shapes above (a cast; the store holds plain JSON). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed view chosen by the caller
export const asType = <T extends KubeObject>(obj: KubeObject): T => obj as T;

export function annotation(obj: KubeObject, key: string): string | undefined {
  return obj.metadata.annotations?.[key];
}

export function hasAnnotation(obj: KubeObject, key: string): boolean {
  return obj.metadata.annotations !== undefined && key in obj.metadata.annotations;
}

export const nowIso = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sets or replaces a condition; lastTransitionTime changes only when the status changes. */
export function setCondition(
  conditions: Condition[],
  next: Condition,
  heartbeat = false,
): Condition[] {
  const now = nowIso();
  const existing = conditions.find((c) => c.type === next.type);
  const merged: Condition = {
    ...next,
    lastTransitionTime:
      existing && existing.status === next.status && existing.lastTransitionTime
        ? existing.lastTransitionTime
        : now,
  };
  if (heartbeat) merged.lastHeartbeatTime = now;
  return [...conditions.filter((c) => c.type !== next.type), merged];
}

export function sameConditions(a: Condition[] | undefined, b: Condition[] | undefined): boolean {
  const strip = (list: Condition[] | undefined) =>
    JSON.stringify(
      (list ?? [])
        .map((c) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message }))
        .sort((x, y) => x.type.localeCompare(y.type)),
    );
  return strip(a) === strip(b);
}

export function randomSuffix(length = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

export function controllerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function matchesLabelSelector(
  labels: Record<string, string> | undefined,
  selector: LabelSelector | undefined,
): boolean {
  if (!selector) return true;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const val: string | undefined = has ? l[e.key] : undefined;
    const values = e.values ?? [];
    if (e.operator === 'In' && !(val !== undefined && values.includes(val))) return false;
    if (e.operator === 'NotIn' && val !== undefined && values.includes(val)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Whether a node (by its labels) satisfies a PV's required node affinity. */
export function nodeMatchesAffinity(
  nodeLabels: Record<string, string> | undefined,
  terms: NodeSelectorTerm[] | undefined,
): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) =>
    matchesLabelSelector(nodeLabels, { matchExpressions: t.matchExpressions }),
  );
}
