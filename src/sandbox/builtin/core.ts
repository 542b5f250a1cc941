import type { KubeObject } from '../contract';
import type { FieldCause, TypeBehavior } from '../store/behavior';
import { quote } from '../validation/names';

/** Built-in behaviour of the core types other than storage, and of RBAC bindings. */

export const namespaceBehavior: TypeBehavior = {
  defaults(obj, old) {
    const name = obj.metadata.name ?? '';
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': name };
    if (!old) {
      const spec = (obj.spec ?? {}) as { finalizers?: string[] };
      spec.finalizers ??= ['kubernetes'];
      obj.spec = spec;
      obj.status = { phase: 'Active' };
    } else {
      obj.spec ??= old.spec;
    }
  },
};

/** The API server's limit on a ConfigMap's data (keys and values together). */
const MAX_CONFIGMAP_BYTES = 1024 * 1024;

export const configMapBehavior: TypeBehavior = {
  validate(obj) {
    let size = 0;
    for (const field of ['data', 'binaryData']) {
      for (const [key, value] of Object.entries((obj[field] ?? {}) as Record<string, unknown>)) {
        size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
      }
    }
    return size > MAX_CONFIGMAP_BYTES
      ? [{ field: '[]', message: `Too long: must have at most ${MAX_CONFIGMAP_BYTES} bytes` }]
      : [];
  },
};

const isBase64 = (s: string): boolean => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0;

export const secretBehavior: TypeBehavior = {
  decode(obj) {
    for (const v of Object.values((obj.data ?? {}) as Record<string, unknown>)) {
      if (typeof v !== 'string' || !isBase64(v)) return 'illegal base64 data at input byte 0';
    }
    return undefined;
  },
  defaults(obj) {
    const stringData = obj.stringData as Record<string, string> | undefined;
    if (stringData) {
      const data = { ...(obj.data as Record<string, string> | undefined) };
      for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(v).toString('base64');
      obj.data = data;
      delete obj.stringData;
    }
    obj.type ??= 'Opaque';
  },
  validate(obj, old) {
    if (old && old.type !== obj.type) {
      return [{ field: 'type', message: `Invalid value: ${quote(obj.type)}: field is immutable` }];
    }
    return [];
  },
};

interface PodSpec {
  containers?: { name?: string; image?: string }[];
  restartPolicy?: string;
  nodeName?: string;
}

export const podBehavior: TypeBehavior = {
  defaults(obj, old) {
    obj.spec ??= {};
    const spec = obj.spec as PodSpec;
    spec.restartPolicy ??= 'Always';
    if (!old) obj.status ??= { phase: 'Pending', qosClass: 'BestEffort' };
  },
  validate(obj, old) {
    const spec = obj.spec as PodSpec;
    const causes: FieldCause[] = [];
    if (!spec.containers || spec.containers.length === 0) {
      causes.push({ field: 'spec.containers', message: 'Required value' });
    }
    (spec.containers ?? []).forEach((c, i) => {
      if (!c.name) causes.push({ field: `spec.containers[${i}].name`, message: 'Required value' });
      if (!c.image)
        causes.push({ field: `spec.containers[${i}].image`, message: 'Required value' });
    });
    if (old && (old.spec as PodSpec).nodeName && (old.spec as PodSpec).nodeName !== spec.nodeName) {
      causes.push({
        field: 'spec',
        message:
          'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      });
    }
    return causes;
  },
};

export const serviceBehavior: TypeBehavior = {
  defaults(obj) {
    obj.spec ??= {};
    const spec = obj.spec as { type?: string; sessionAffinity?: string };
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
  },
};

export const bindingBehavior: TypeBehavior = {
  validate(obj: KubeObject, old: KubeObject | undefined) {
    const roleRef = obj.roleRef as { apiGroup?: string; kind?: string; name?: string } | undefined;
    const causes: FieldCause[] = [];
    if (!roleRef?.name) causes.push({ field: 'roleRef.name', message: 'Required value' });
    if (roleRef?.kind !== 'Role' && roleRef?.kind !== 'ClusterRole') {
      causes.push({
        field: 'roleRef.kind',
        message: `Unsupported value: ${quote(roleRef?.kind ?? '')}: supported values: "ClusterRole", "Role"`,
      });
    }
    if (old && JSON.stringify(old.roleRef) !== JSON.stringify(obj.roleRef)) {
      causes.push({
        field: 'roleRef',
        message: `Invalid value: ${JSON.stringify(obj.roleRef)}: cannot change roleRef`,
      });
    }
    return causes;
  },
};
