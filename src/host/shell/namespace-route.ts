// The active namespace lives in the URL like in the console: /k8s/ns/<ns>/... or /k8s/all-namespaces/...
import { ALL_NAMESPACES_KEY } from '../sdk/k8s-types';

export const namespaceFromPath = (pathname: string): string | undefined => {
  const ns = /^\/k8s\/ns\/([^/]+)/.exec(pathname);
  if (ns?.[1]) return decodeURIComponent(ns[1]);
  if (/^\/k8s\/all-namespaces(\/|$)/.test(pathname)) return ALL_NAMESPACES_KEY;
  return undefined;
};

/** The same page for another namespace, or undefined when the path is not namespaced. */
export const pathForNamespace = (pathname: string, namespace: string): string | undefined => {
  const match = /^\/k8s\/(?:ns\/[^/]+|all-namespaces)(\/[^/]+)?/.exec(pathname);
  if (!match) return undefined;
  const resource = match.at(1) ?? '';
  return namespace === ALL_NAMESPACES_KEY
    ? `/k8s/all-namespaces${resource}`
    : `/k8s/ns/${encodeURIComponent(namespace)}${resource}`;
};

/** Href of a `console.navigation/href` entry for the active namespace. */
export const navHref = (
  props: { href: string; namespaced?: boolean; prefixNamespaced?: boolean },
  namespace: string,
): string => {
  const href = props.href.startsWith('/') ? props.href : `/${props.href}`;
  const all = namespace === ALL_NAMESPACES_KEY;
  if (props.prefixNamespaced) {
    return all ? `/k8s/all-namespaces${href}` : `/k8s/ns/${encodeURIComponent(namespace)}${href}`;
  }
  if (props.namespaced)
    return all ? `${href}/all-namespaces` : `${href}/ns/${encodeURIComponent(namespace)}`;
  return href;
};
