// The review's "what changes" view: a line diff between the YAML of what exists and the YAML of what the apply
// will write. Only the fields the wizard writes or compares are shown (status, uid, resourceVersion and other
// server-set metadata are left out of both sides). Pure.

export type DiffLine = { op: 'same' | 'add' | 'remove'; text: string };

/** Line diff by longest common subsequence; small inputs (a few hundred lines) only. */
export const diffLines = (before: string, after: string): DiffLine[] => {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i -= 1)
    for (let j = b.length - 1; j >= 0; j -= 1)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] });
      i += 1;
      j += 1;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ op: 'remove', text: a[i] });
      i += 1;
    } else {
      out.push({ op: 'add', text: b[j] });
      j += 1;
    }
  }
  for (; i < a.length; i += 1) out.push({ op: 'remove', text: a[i] });
  for (; j < b.length; j += 1) out.push({ op: 'add', text: b[j] });
  return out;
};

const COMPARED_TOP_LEVEL = [
  'apiVersion',
  'kind',
  'spec',
  'provisioner',
  'parameters',
  'reclaimPolicy',
  'volumeBindingMode',
  'allowVolumeExpansion',
];
const COMPARED_METADATA = ['name', 'labels', 'annotations'];
/** Annotations that tools write and the wizard never compares. */
const IGNORED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The part of an object the review compares. */
export const comparable = (object: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const key of COMPARED_TOP_LEVEL) if (object[key] !== undefined) out[key] = object[key];
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const meta: Record<string, unknown> = {};
  for (const key of COMPARED_METADATA) {
    const value = metadata[key];
    if (value === undefined) continue;
    if (key === 'annotations' && isRecord(value)) {
      const kept = Object.fromEntries(
        Object.entries(value).filter(([k]) => !IGNORED_ANNOTATIONS.includes(k)),
      );
      if (Object.keys(kept).length > 0) meta[key] = kept;
    } else meta[key] = value;
  }
  return { ...out, metadata: meta };
};

export type ObjectChange =
  | { state: 'new' }
  | { state: 'unchanged' }
  | { state: 'changed'; lines: DiffLine[]; added: number; removed: number };

/** How the object the apply writes differs from the one that exists (both rendered with `render`). */
export const describeChange = (
  existing: Record<string, unknown> | undefined,
  written: Record<string, unknown>,
  render: (o: unknown) => string,
): ObjectChange => {
  if (!existing) return { state: 'new' };
  const lines = diffLines(render(comparable(existing)), render(comparable(written)));
  const added = lines.filter((l) => l.op === 'add').length;
  const removed = lines.filter((l) => l.op === 'remove').length;
  return added + removed === 0
    ? { state: 'unchanged' }
    : { state: 'changed', lines, added, removed };
};
