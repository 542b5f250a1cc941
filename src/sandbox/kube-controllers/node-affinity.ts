import type { KubeObject } from '../contract';

interface Requirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface Term {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

const requirementMatches = (r: Requirement, value: string | undefined): boolean => {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
};

/** Whether a PV's `spec.nodeAffinity.required` admits the node (no affinity admits every node). */
export const pvFitsNode = (
  pv: KubeObject,
  nodeName: string,
  node: KubeObject | undefined,
): boolean => {
  const spec = pv.spec as
    { nodeAffinity?: { required?: { nodeSelectorTerms?: Term[] } } } | undefined;
  const terms = spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  const labels = node?.metadata.labels ?? { 'kubernetes.io/hostname': nodeName };
  return terms.some(
    (t) =>
      (t.matchExpressions ?? []).every((r) => requirementMatches(r, labels[r.key ?? ''])) &&
      (t.matchFields ?? []).every((r) =>
        requirementMatches(r, r.key === 'metadata.name' ? nodeName : undefined),
      ),
  );
};
