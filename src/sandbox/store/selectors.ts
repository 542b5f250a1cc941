import type { KubeObject } from '../contract';
import { ApiError } from '../api/status';

export type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type LabelSelector = LabelRequirement[];

const selectorError = (message: string): ApiError =>
  new ApiError(400, 'BadRequest', `unable to parse requirement: ${message}`);

/** Splits on commas that are not inside parentheses. */
const splitTopLevel = (s: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
};

/** Parses the label selector grammar: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`. */
const parseLabelSelector = (text: string | undefined): LabelSelector => {
  if (!text?.trim()) return [];
  return splitTopLevel(text).map((part): LabelRequirement => {
    const setMatch = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (setMatch) {
      const values = setMatch[3]
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      return { op: setMatch[2] === 'in' ? 'in' : 'notin', key: setMatch[1], values };
    }
    const neq = /^([^\s!=()]+)\s*!=\s*([^\s=()]*)$/.exec(part);
    if (neq) return { op: 'neq', key: neq[1], value: neq[2] };
    const eq = /^([^\s!=()]+)\s*==?\s*([^\s=()]*)$/.exec(part);
    if (eq) return { op: 'eq', key: eq[1], value: eq[2] };
    const notExists = /^!\s*([^\s!=()]+)$/.exec(part);
    if (notExists) return { op: 'notexists', key: notExists[1] };
    if (/^[^\s!=()]+$/.test(part)) return { op: 'exists', key: part };
    throw selectorError(`found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
  });
};

const matchesLabels = (sel: LabelSelector, labels: Record<string, string> | undefined): boolean =>
  sel.every((r) => {
    const v = labels?.[r.key];
    switch (r.op) {
      case 'eq':
        return v === r.value;
      case 'neq':
        return v !== r.value;
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'exists':
        return v !== undefined;
      case 'notexists':
        return v === undefined;
    }
  });

export interface FieldRequirement {
  path: string[];
  value: string;
  negate: boolean;
}

const parseFieldSelector = (text: string | undefined): FieldRequirement[] => {
  if (!text?.trim()) return [];
  return splitTopLevel(text).map((part) => {
    const m = /^([^!=\s]+)\s*(!=|==|=)\s*(.*)$/.exec(part);
    if (!m)
      throw new ApiError(
        400,
        'BadRequest',
        `invalid selector: '${text}'; can't understand '${part}'`,
      );
    return { path: m[1].split('.'), value: m[3], negate: m[2] === '!=' };
  });
};

const fieldValue = (obj: KubeObject, path: string[]): string => {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  if (cur === undefined || cur === null) return '';
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return JSON.stringify(cur);
};

const matchesFields = (reqs: FieldRequirement[], obj: KubeObject): boolean =>
  reqs.every((r) => (fieldValue(obj, r.path) === r.value) !== r.negate);

/** A compiled `labelSelector` + `fieldSelector` pair. */
export interface ObjectFilter {
  labels: LabelSelector;
  fields: FieldRequirement[];
}

export const compileFilter = (labelSelector?: string, fieldSelector?: string): ObjectFilter => ({
  labels: parseLabelSelector(labelSelector),
  fields: parseFieldSelector(fieldSelector),
});

export const matchesFilter = (f: ObjectFilter, obj: KubeObject): boolean =>
  matchesLabels(f.labels, obj.metadata.labels) && matchesFields(f.fields, obj);

/** Structured `metav1.LabelSelector` (matchLabels + matchExpressions), as used in PVC `selector`. */
export interface StructuredSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export const matchesStructured = (
  sel: StructuredSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean => {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels?.[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const v = labels?.[e.key];
    const values = e.values ?? [];
    if (e.operator === 'In' && (v === undefined || !values.includes(v))) return false;
    if (e.operator === 'NotIn' && v !== undefined && values.includes(v)) return false;
    if (e.operator === 'Exists' && v === undefined) return false;
    if (e.operator === 'DoesNotExist' && v !== undefined) return false;
  }
  return true;
};
