/**
 * A StorageProfile as YAML: parse, find every problem with its position (1-based line and column ranges, ready to
 * become editor markers), and print a profile back (metadata and spec: status is CDI's, shown beside the editor).
 * The spec checks are those of src/lib/storage-profiles.ts.
 */
import { isMap, LineCounter, parseDocument, stringify } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { validateProfileSpec } from './storage-profiles';
import type { ProfileContext, ProfileProblem, StorageProfileObject } from './storage-profiles';

export type ProfileYamlProblemKind =
  ProfileProblem['kind'] | 'syntax' | 'not-an-object' | 'wrong-kind' | 'wrong-name';

export interface ProfileYamlProblem extends Omit<ProfileProblem, 'kind' | 'field'> {
  kind: ProfileYamlProblemKind;
  field?: string;
  detail?: string;
  expected?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ProfileYamlCheck {
  object?: StorageProfileObject;
  problems: ProfileYamlProblem[];
}

/** `spec.claimPropertySets[0].accessModes[1]` → `['spec', 'claimPropertySets', 0, 'accessModes', 1]`. */
export const fieldPath = (field: string): (string | number)[] =>
  field.split('.').flatMap((part) =>
    part
      .split('[')
      .filter((piece) => piece !== '')
      .map((piece) => (piece.endsWith(']') ? Number(piece.slice(0, -1)) : piece)),
  );

export const checkStorageProfileYaml = (
  text: string,
  context: ProfileContext,
): ProfileYamlCheck => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (start: number, end: number) => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(end, start + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const at = (node: unknown) => {
    const range =
      node && typeof node === 'object' && 'range' in node ? (node as YamlNode).range : undefined;
    return range ? position(range[0], range[1]) : position(0, 1);
  };
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        kind: 'syntax',
        severity: 'error',
        detail: e.message.split('\n')[0],
        ...position(e.pos[0], e.pos[1]),
      })),
    };
  }
  if (!isMap(doc.contents))
    return { problems: [{ kind: 'not-an-object', severity: 'error', ...at(doc.contents) }] };
  let object: StorageProfileObject;
  try {
    object = doc.toJS({ maxAliasCount: 100 }) as StorageProfileObject;
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { problems: [{ kind: 'syntax', severity: 'error', detail, ...position(0, 1) }] };
  }
  const problems: ProfileYamlProblem[] = [];
  /** The node of a field, or of its nearest parent that exists. */
  const nodeOf = (field: string): unknown => {
    const path = fieldPath(field);
    for (let n = path.length; n > 0; n--) {
      const node: unknown = doc.getIn(path.slice(0, n), true);
      if (node !== undefined && node !== null) return node;
    }
    return doc.contents;
  };
  if (object.apiVersion !== 'cdi.kubevirt.io/v1beta1' || object.kind !== 'StorageProfile')
    problems.push({
      kind: 'wrong-kind',
      severity: 'error',
      field: 'kind',
      expected: 'cdi.kubevirt.io/v1beta1 StorageProfile',
      ...at(nodeOf('kind')),
    });
  if (object.metadata?.name !== context.storageClass)
    problems.push({
      kind: 'wrong-name',
      severity: 'error',
      field: 'metadata.name',
      expected: context.storageClass,
      value: typeof object.metadata?.name === 'string' ? object.metadata.name : '',
      ...at(nodeOf('metadata.name')),
    });
  for (const problem of validateProfileSpec(object.spec, context)) {
    problems.push({ ...problem, ...at(nodeOf(problem.field)) });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { object, problems };
};

/** The metadata a user may edit here: the name (fixed) and labels and annotations; the rest is the server's. */
export const editableMetadata = (
  metadata: StorageProfileObject['metadata'],
): { name?: string; labels?: unknown; annotations?: unknown } => ({
  name: metadata?.name,
  ...(metadata?.labels !== undefined ? { labels: metadata.labels } : {}),
  ...(metadata?.annotations !== undefined ? { annotations: metadata.annotations } : {}),
});

/** The profile as the editor shows it: the editable metadata and the spec (status is CDI's, shown beside). */
export const profileToYaml = (profile: StorageProfileObject): string =>
  stringify(
    {
      apiVersion: profile.apiVersion ?? 'cdi.kubevirt.io/v1beta1',
      kind: profile.kind ?? 'StorageProfile',
      metadata: editableMetadata(profile.metadata),
      spec: profile.spec ?? {},
    },
    { lineWidth: 0 },
  );
