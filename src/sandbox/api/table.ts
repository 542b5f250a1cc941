import type { KubeObject, PrinterColumn, ResourceType } from '../contract';
import { DEFAULT_CLASS_ANNOTATION } from '../builtin/storage';

/** Server-side printing (`meta.k8s.io/v1` Table) as `kubectl get` asks for it. */

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (o: KubeObject) => unknown;
}

/** kubectl's short duration format: 45s, 5m10s, 3h, 2d, 1y. */
const humanAge = (timestamp: string | undefined, now = Date.now()): string => {
  if (!timestamp) return '<unknown>';
  const secs = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (secs < 60 * 2) return `${secs}s`;
  const mins = Math.floor(secs / 60);
  if (mins < 10) return secs % 60 === 0 ? `${mins}m` : `${mins}m${secs % 60}s`;
  if (mins < 60 * 3) return `${mins}m`;
  const hours = Math.floor(mins / 60);
  if (hours < 8) return mins % 60 === 0 ? `${hours}h` : `${hours}h${mins % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
};

/** A small JSONPath subset: `.a.b`, `[0]`, `[*]` (first) and `[?(@.k=="v")]`. */
const jsonPathValue = (obj: unknown, path: string): unknown => {
  const tokens = path.replace(/^\{|\}$/g, '').match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  let cur: unknown = obj;
  for (const t of tokens) {
    if (cur === undefined || cur === null) return undefined;
    if (t.startsWith('.')) {
      cur = (cur as Record<string, unknown>)[t.slice(1)];
      continue;
    }
    const inner = t.slice(1, -1);
    if (!Array.isArray(cur)) return undefined;
    const filter = /^\?\(@\.([\w.]+)\s*==\s*["']([^"']*)["']\)$/.exec(inner);
    if (filter) {
      const [, key, value] = filter;
      cur = cur.find((e) => jsonPathValue(e, `.${key}`) === value);
    } else if (inner === '*') cur = cur[0];
    else cur = cur[Number(inner)];
  }
  return cur;
};

const col = (
  name: string,
  cell: (o: KubeObject) => unknown,
  opts: { type?: string; format?: string; priority?: number; description?: string } = {},
): Column => ({
  name,
  type: opts.type ?? 'string',
  format: opts.format ?? '',
  description: opts.description ?? '',
  priority: opts.priority ?? 0,
  cell,
});

const nameCol = col('Name', (o) => o.metadata.name ?? '', {
  format: 'name',
  description: 'Name must be unique within a namespace.',
});
const ageCol = col('Age', (o) => humanAge(o.metadata.creationTimestamp), {
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
});

const get = (o: KubeObject, path: string): unknown => jsonPathValue(o, path);
const str = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

const ACCESS_ABBREV: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
const accessModes = (v: unknown): string =>
  Array.isArray(v) ? v.map((m) => ACCESS_ABBREV[String(m)] ?? String(m)).join(',') : '';
const unset = (v: unknown): string =>
  v === undefined || v === null || v === '' ? '<unset>' : str(v);

const roleOf = (o: KubeObject): string => {
  const ref = o.roleRef as { kind?: string; name?: string } | undefined;
  return `${ref?.kind ?? ''}/${ref?.name ?? ''}`;
};

const builtinColumns: Partial<Record<string, Column[]>> = {
  '/PersistentVolumeClaim': [
    nameCol,
    col('Status', (o) => str(get(o, '.status.phase'))),
    col('Volume', (o) => str(get(o, '.spec.volumeName'))),
    col('Capacity', (o) => str(get(o, '.status.capacity.storage'))),
    col('Access Modes', (o) => accessModes(get(o, '.status.accessModes'))),
    col('StorageClass', (o) => str(get(o, '.spec.storageClassName'))),
    col('VolumeAttributesClass', (o) => unset(get(o, '.spec.volumeAttributesClassName'))),
    ageCol,
    col('VolumeMode', (o) => str(get(o, '.spec.volumeMode')), { priority: 1 }),
  ],
  '/PersistentVolume': [
    nameCol,
    col('Capacity', (o) => str(get(o, '.spec.capacity.storage'))),
    col('Access Modes', (o) => accessModes(get(o, '.spec.accessModes'))),
    col('Reclaim Policy', (o) => str(get(o, '.spec.persistentVolumeReclaimPolicy'))),
    col('Status', (o) => str(get(o, '.status.phase'))),
    col('Claim', (o) => {
      const ref = get(o, '.spec.claimRef') as { namespace?: string; name?: string } | undefined;
      return ref?.name ? `${ref.namespace ?? ''}/${ref.name}` : '';
    }),
    col('StorageClass', (o) => str(get(o, '.spec.storageClassName'))),
    col('VolumeAttributesClass', (o) => unset(get(o, '.spec.volumeAttributesClassName'))),
    col('Reason', (o) => str(get(o, '.status.reason'))),
    ageCol,
    col('VolumeMode', (o) => str(get(o, '.spec.volumeMode')), { priority: 1 }),
  ],
  'storage.k8s.io/StorageClass': [
    col(
      'Name',
      (o) =>
        o.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true'
          ? `${o.metadata.name ?? ''} (default)`
          : (o.metadata.name ?? ''),
      { format: 'name' },
    ),
    col('Provisioner', (o) => str(o.provisioner)),
    col('ReclaimPolicy', (o) => str(o.reclaimPolicy)),
    col('VolumeBindingMode', (o) => str(o.volumeBindingMode)),
    col('AllowVolumeExpansion', (o) => o.allowVolumeExpansion === true, { type: 'boolean' }),
    ageCol,
  ],
  '/Namespace': [nameCol, col('Status', (o) => str(get(o, '.status.phase'))), ageCol],
  '/Node': [
    nameCol,
    col('Status', (o) => {
      const ready = get(o, '.status.conditions[?(@.type=="Ready")].status');
      const base = ready === 'True' ? 'Ready' : 'NotReady';
      return (o.spec as { unschedulable?: boolean } | undefined)?.unschedulable
        ? `${base},SchedulingDisabled`
        : base;
    }),
    col('Roles', (o) => {
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .sort();
      return roles.length > 0 ? roles.join(',') : '<none>';
    }),
    ageCol,
    col('Version', (o) => str(get(o, '.status.nodeInfo.kubeletVersion'))),
    col(
      'Internal-IP',
      (o) => str(get(o, '.status.addresses[?(@.type=="InternalIP")].address')) || '<none>',
      {
        priority: 1,
      },
    ),
    col(
      'External-IP',
      (o) => str(get(o, '.status.addresses[?(@.type=="ExternalIP")].address')) || '<none>',
      {
        priority: 1,
      },
    ),
    col('OS-Image', (o) => str(get(o, '.status.nodeInfo.osImage')), { priority: 1 }),
    col('Kernel-Version', (o) => str(get(o, '.status.nodeInfo.kernelVersion')), { priority: 1 }),
    col('Container-Runtime', (o) => str(get(o, '.status.nodeInfo.containerRuntimeVersion')), {
      priority: 1,
    }),
  ],
  '/Pod': [
    nameCol,
    col('Ready', (o) => {
      const statuses =
        (get(o, '.status.containerStatuses') as { ready?: boolean }[] | undefined) ?? [];
      const total = ((get(o, '.spec.containers') as unknown[] | undefined) ?? []).length;
      return `${statuses.filter((s) => s.ready).length}/${total}`;
    }),
    col('Status', (o) => str(get(o, '.status.phase'))),
    col('Restarts', () => 0, { type: 'integer' }),
    ageCol,
    col('IP', (o) => str(get(o, '.status.podIP')) || '<none>', { priority: 1 }),
    col('Node', (o) => str(get(o, '.spec.nodeName')) || '<none>', { priority: 1 }),
  ],
  '/ConfigMap': [
    nameCol,
    col('Data', (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, {
      type: 'integer',
    }),
    ageCol,
  ],
  '/Secret': [
    nameCol,
    col('Type', (o) => str(o.type)),
    col('Data', (o) => Object.keys(o.data ?? {}).length, { type: 'integer' }),
    ageCol,
  ],
  '/ServiceAccount': [
    nameCol,
    col('Secrets', (o) => (Array.isArray(o.secrets) ? o.secrets.length : 0), { type: 'integer' }),
    ageCol,
  ],
  '/Service': [
    nameCol,
    col('Type', (o) => str(get(o, '.spec.type'))),
    col('Cluster-IP', (o) => str(get(o, '.spec.clusterIP')) || '<none>'),
    col('External-IP', () => '<none>'),
    col('Port(s)', (o) => {
      const ports =
        (get(o, '.spec.ports') as { port?: number; protocol?: string }[] | undefined) ?? [];
      return ports.length > 0
        ? ports.map((p) => `${String(p.port ?? '')}/${p.protocol ?? 'TCP'}`).join(',')
        : '<none>';
    }),
    ageCol,
  ],
  'rbac.authorization.k8s.io/Role': [
    nameCol,
    col('Created At', (o) => o.metadata.creationTimestamp ?? '', { type: 'date' }),
  ],
  'rbac.authorization.k8s.io/ClusterRole': [
    nameCol,
    col('Created At', (o) => o.metadata.creationTimestamp ?? '', { type: 'date' }),
  ],
  'rbac.authorization.k8s.io/RoleBinding': [nameCol, col('Role', (o) => roleOf(o)), ageCol],
  'rbac.authorization.k8s.io/ClusterRoleBinding': [nameCol, col('Role', (o) => roleOf(o)), ageCol],
  '/Event': [
    col('Last Seen', (o) => humanAge(str(o.lastTimestamp) || o.metadata.creationTimestamp)),
    col('Type', (o) => str(o.type)),
    col('Reason', (o) => str(o.reason)),
    col('Object', (o) => {
      const io = o.involvedObject as { kind?: string; name?: string } | undefined;
      return `${(io?.kind ?? '').toLowerCase()}/${io?.name ?? ''}`;
    }),
    col('Message', (o) => str(o.message)),
  ],
};

const printerColumns = (cols: PrinterColumn[]): Column[] => [
  nameCol,
  ...cols.map((c) =>
    col(
      c.name,
      (o) => {
        const v = jsonPathValue(o, c.jsonPath);
        if (c.type === 'date') return v === undefined ? '<unknown>' : humanAge(str(v));
        if (v === undefined) return c.type === 'string' ? '' : null;
        return v;
      },
      {
        type: c.type === 'date' ? 'date' : c.type,
        priority: c.priority ?? 0,
        description: c.description ?? '',
      },
    ),
  ),
];

const columnsFor = (type: ResourceType): Column[] => {
  const builtin = builtinColumns[`${type.group}/${type.kind}`];
  if (builtin) return builtin;
  if (type.additionalPrinterColumns?.length) return printerColumns(type.additionalPrinterColumns);
  return [nameCol, ageCol];
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export const toTable = (
  type: ResourceType,
  objects: KubeObject[],
  listMeta: Record<string, unknown>,
  include: IncludeObject,
): object => {
  const cols = columnsFor(type);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: cols.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format,
      description: c.description,
      priority: c.priority,
    })),
    rows: objects.map((o) => ({
      cells: cols.map((c) => c.cell(o)),
      ...(include === 'None'
        ? {}
        : {
            object:
              include === 'Object'
                ? o
                : {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: o.metadata,
                  },
          }),
    })),
  };
};

export const wantsTable = (accept: string | undefined): boolean =>
  accept !== undefined && /as=Table/.test(accept);
