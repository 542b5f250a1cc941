/**
 * The storage defaults ConfigMap as YAML: parse, find every problem with its position (1-based line and column
 * ranges, ready to become editor markers), and print an object back as YAML. Problems carry codes and
 * parameters; UIs word them.
 */
import { isMap, isScalar, LineCounter, parseDocument, stringify, visit } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import { validateData } from './storage-defaults';
import type { ConfigMapData, DataProblemKind, ValidationContext } from './storage-defaults';

export type YamlProblemKind =
  | 'syntax'
  | 'not-an-object'
  | 'wrong-kind'
  | 'wrong-name'
  | 'wrong-namespace'
  | 'unknown-field'
  | 'data-not-map'
  | 'value-not-string'
  | DataProblemKind;

export interface DefaultsYamlProblem {
  kind: YamlProblemKind;
  severity: 'error' | 'warning';
  /** For syntax errors: the parser's message. */
  detail?: string;
  key?: string;
  value?: string;
  storageClass?: string;
  /** Expected value (kind, name, namespace). */
  expected?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ConfigMapObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    [key: string]: unknown;
  };
  data?: ConfigMapData;
  [key: string]: unknown;
}

export interface YamlCheckContext extends ValidationContext {
  name: string;
  namespace: string;
}

export interface YamlCheck {
  /** The parsed object, when the text is a YAML mapping. */
  object?: ConfigMapObject;
  problems: DefaultsYamlProblem[];
}

const TOP_LEVEL_FIELDS = ['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable'];

/** The API server's limit for a ConfigMap's data; larger text is refused before it is parsed. */
const MAX_CONFIGMAP_BYTES = 1024 * 1024;

export const checkStorageDefaultsYaml = (text: string, context: YamlCheckContext): YamlCheck => {
  if (text.length > MAX_CONFIGMAP_BYTES) {
    const line = text.slice(0, MAX_CONFIGMAP_BYTES).split('\n').length;
    return {
      problems: [
        {
          kind: 'syntax',
          severity: 'error',
          detail: 'the document is larger than 1 MiB, the most a ConfigMap may hold',
          line,
          column: 1,
          endLine: line,
          endColumn: 2,
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  // The parser's own unique-key check compares every key with every earlier one (quadratic: ~19 s for
  // 16,000 keys); `duplicateKeys` does the same check with one hash set per mapping.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const problems: DefaultsYamlProblem[] = [];
  const position = (start: number, end: number) => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(end, start + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const at = (node: YamlNode | null | undefined) => {
    const range = node?.range;
    return range ? position(range[0], range[1]) : position(0, 1);
  };

  const errors = [
    ...doc.errors.map((e) => ({ message: e.message, pos: e.pos })),
    ...duplicateKeys(doc),
  ];
  if (errors.length > 0) {
    errors.sort((a, b) => a.pos[0] - b.pos[0]);
    for (const error of errors) {
      problems.push({
        kind: 'syntax',
        severity: 'error',
        detail: error.message.split('\n')[0],
        ...position(error.pos[0], error.pos[1]),
      });
    }
    return { problems };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    problems.push({ kind: 'not-an-object', severity: 'error', ...at(root) });
    return { problems };
  }
  let object: ConfigMapObject;
  try {
    // Refuses alias bombs ("Excessive alias count") instead of expanding them.
    object = doc.toJS({ maxAliasCount: 100 }) as ConfigMapObject;
  } catch (error) {
    problems.push({
      kind: 'syntax',
      severity: 'error',
      detail: (error instanceof Error ? error.message : String(error)).split('\n')[0],
      ...position(0, 1),
    });
    return { problems };
  }
  const pairOf = (map: unknown, key: string): Pair | undefined =>
    isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  const nodeAt = (value: unknown): YamlNode | undefined =>
    value && typeof value === 'object' && 'range' in value ? (value as YamlNode) : undefined;

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_LEVEL_FIELDS.includes(key))
      problems.push({ kind: 'unknown-field', severity: 'error', key, ...at(nodeAt(pair.key)) });
  }
  const kindPair = pairOf(root, 'kind');
  if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1')
    problems.push({
      kind: 'wrong-kind',
      severity: 'error',
      expected: 'v1 ConfigMap',
      ...at(nodeAt(kindPair?.value) ?? nodeAt(pairOf(root, 'apiVersion')?.value) ?? root),
    });
  const metadata = pairOf(root, 'metadata')?.value;
  const namePair = pairOf(metadata, 'name');
  if (object.metadata?.name !== context.name)
    problems.push({
      kind: 'wrong-name',
      severity: 'error',
      expected: context.name,
      value: object.metadata?.name ?? '',
      ...at(nodeAt(namePair?.value) ?? nodeAt(metadata) ?? root),
    });
  const nsPair = pairOf(metadata, 'namespace');
  if (object.metadata?.namespace !== undefined && object.metadata.namespace !== context.namespace)
    problems.push({
      kind: 'wrong-namespace',
      severity: 'error',
      expected: context.namespace,
      value: object.metadata.namespace,
      ...at(nodeAt(nsPair?.value)),
    });

  const dataPair = pairOf(root, 'data');
  const dataNode = dataPair?.value;
  if (dataPair && dataNode !== null && dataNode !== undefined && !isMap(dataNode)) {
    problems.push({ kind: 'data-not-map', severity: 'error', ...at(nodeAt(dataNode)) });
    return { object, problems };
  }
  const data: ConfigMapData = {};
  if (isMap(dataNode)) {
    for (const pair of dataNode.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const valueNode = pair.value;
      if (!isScalar(valueNode) || typeof valueNode.value !== 'string') {
        problems.push({
          kind: 'value-not-string',
          severity: 'error',
          key,
          ...at(nodeAt(valueNode) ?? nodeAt(pair.key)),
        });
        continue;
      }
      data[key] = valueNode.value;
    }
    // One lookup table for the data keys (a search per problem is quadratic with many keys).
    const dataPairs = new Map<string, Pair>();
    for (const pair of dataNode.items) {
      if (isScalar(pair.key)) dataPairs.set(String(pair.key.value), pair);
    }
    for (const problem of validateData(data, context)) {
      const pair = dataPairs.get(problem.key);
      // Values are marked for invalid values; keys for unknown keys and classes.
      const node = problem.kind === 'invalid-value' ? nodeAt(pair?.value) : nodeAt(pair?.key);
      problems.push({ ...problem, ...at(node ?? nodeAt(pair?.key)) });
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { object: { ...object, data }, problems };
};

/**
 * Keys repeated in one mapping, as the parser's `uniqueKeys` reports them (scalar keys equal by value;
 * the message and position are the parser's), in linear time.
 */
const duplicateKeys = (doc: Document): { message: string; pos: [number, number] }[] => {
  const out: { message: string; pos: [number, number] }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) {
          const start = pair.key.range?.[0] ?? 0;
          out.push({ message: 'Map keys must be unique', pos: [start, start + 1] });
        }
        seen.add(value);
      }
    },
  });
  return out;
};

/** An object as the YAML the editor shows (server-managed `managedFields` left out). */
export const toYaml = (object: ConfigMapObject): string => {
  const metadata = { ...(object.metadata ?? {}) };
  delete metadata.managedFields;
  return stringify({ ...object, metadata }, { lineWidth: 0 });
};
