// `?focus=<Kind>/<namespace>/<name>`: the row the Overview scrolls to and highlights. Cluster-scoped kinds leave the
// namespace empty (`PersistentVolume//pv-1`). Pure; shared with the action providers that build the link.

export const OVERVIEW_PATH = '/vm-disks/overview';
export const FOCUS_PARAM = 'focus';

export interface Focus {
  kind: string;
  /** `''` for cluster-scoped objects. */
  namespace: string;
  name: string;
}

/** The Overview link that focuses one object. */
export const focusHref = (kind: string, namespace: string | undefined, name: string): string =>
  `${OVERVIEW_PATH}?${FOCUS_PARAM}=${encodeURIComponent(kind)}/${encodeURIComponent(namespace ?? '')}/${encodeURIComponent(name)}`;

const SEGMENT = /^[A-Za-z0-9.-]*$/;

/** Reads the focus from a location search string; `undefined` when absent or malformed. */
export const parseFocus = (search: string): Focus | undefined => {
  const value = new URLSearchParams(search).get(FOCUS_PARAM);
  if (!value) return undefined;
  const parts = value.split('/');
  // `Kind/name` is accepted for cluster-scoped objects as well as `Kind//name`.
  const [kind = '', namespace = '', name = ''] =
    parts.length === 2 ? [parts[0], '', parts[1]] : parts;
  if (parts.length < 2 || parts.length > 3 || !kind || !name) return undefined;
  if (![kind, namespace, name].every((segment) => SEGMENT.test(segment))) return undefined;
  return { kind, namespace, name };
};

/** Whether `focus` designates this object. */
export const isFocused = (
  focus: Focus | undefined,
  kind: string,
  namespace: string | undefined,
  name: string | undefined,
): boolean =>
  focus !== undefined &&
  focus.kind === kind &&
  focus.name === name &&
  focus.namespace === (namespace ?? '');

/**
 * The project to switch to so the focused object can be listed: its namespace when the active project is another
 * one; `undefined` when no switch is needed (cluster-scoped object, same project, or all projects shown).
 */
export const namespaceToShowFocus = (
  focus: Focus | undefined,
  activeNamespace: string,
  allNamespacesKey: string,
): string | undefined => {
  if (!focus?.namespace) return undefined;
  if (activeNamespace === allNamespacesKey || activeNamespace === focus.namespace) return undefined;
  return focus.namespace;
};
