import type { KubeObject, ResourceType } from '../contract';
import type { FieldCause } from '../store/behavior';
import {
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  labelValueErrors,
  qualifiedNameErrors,
  quote,
} from './names';

/** RBAC objects only need a valid path segment (`system:basic-user` is fine). */
const pathSegmentErrors = (v: string): string[] => {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const errs: string[] = [];
  if (v.includes('/')) errs.push("may not contain '/'");
  if (v.includes('%')) errs.push("may not contain '%'");
  return errs;
};

const nameRule = (type: ResourceType): ((v: string) => string[]) => {
  if (type.group === '' && type.kind === 'Namespace') return dns1123LabelErrors;
  if (type.group === '' && type.kind === 'Service') return dns1035LabelErrors;
  if (type.group === 'rbac.authorization.k8s.io') return pathSegmentErrors;
  return dns1123SubdomainErrors;
};

/** ObjectMeta validation shared by every type: name, generateName, labels, annotations. */
export const validateObjectMeta = (
  type: ResourceType,
  obj: KubeObject,
  old: KubeObject | undefined,
): FieldCause[] => {
  const causes: FieldCause[] = [];
  const name = obj.metadata.name ?? '';
  if (!old && !type.virtual) {
    for (const e of nameRule(type)(name)) {
      causes.push({ field: 'metadata.name', message: `Invalid value: ${quote(name)}: ${e}` });
    }
  }
  if (type.namespaced && obj.metadata.namespace) {
    for (const e of dns1123LabelErrors(obj.metadata.namespace)) {
      causes.push({
        field: 'metadata.namespace',
        message: `Invalid value: ${quote(obj.metadata.namespace)}: ${e}`,
      });
    }
  }
  const labels: unknown = obj.metadata.labels;
  if (labels !== undefined && labels !== null) {
    if (typeof labels !== 'object') {
      causes.push({ field: 'metadata.labels', message: 'Invalid value: must be a map of strings' });
    } else {
      for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
        for (const e of qualifiedNameErrors(k)) {
          causes.push({ field: 'metadata.labels', message: `Invalid value: ${quote(k)}: ${e}` });
        }
        if (typeof v !== 'string') {
          causes.push({
            field: `metadata.labels`,
            message: `Invalid value: ${quote(v)}: must be a string`,
          });
          continue;
        }
        for (const e of labelValueErrors(v)) {
          causes.push({ field: 'metadata.labels', message: `Invalid value: ${quote(v)}: ${e}` });
        }
      }
    }
  }
  const annotations: unknown = obj.metadata.annotations;
  if (annotations !== undefined && annotations !== null && typeof annotations === 'object') {
    let total = 0;
    for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
      for (const e of qualifiedNameErrors(k.toLowerCase())) {
        causes.push({ field: 'metadata.annotations', message: `Invalid value: ${quote(k)}: ${e}` });
      }
      total += k.length + (typeof v === 'string' ? v.length : 0);
    }
    if (total > 256 * 1024) {
      causes.push({
        field: 'metadata.annotations',
        message: `Too long: may not be more than 262144 bytes`,
      });
    }
  }
  return causes;
};
