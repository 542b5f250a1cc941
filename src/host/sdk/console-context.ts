// Contexts the shell provides and the SDK hooks read: active namespace and perspective.
import { createContext, useContext } from 'react';
import { ALL_NAMESPACES_KEY } from './k8s-types';

export interface NamespaceContextValue {
  namespace: string;
  setNamespace: (ns: string) => void;
}

export const NamespaceContext = createContext<NamespaceContextValue>({
  namespace: ALL_NAMESPACES_KEY,
  setNamespace: () => undefined,
});

export interface PerspectiveContextValue {
  perspective: string;
  setPerspective: (perspective: string, next?: string) => void;
}

export const PerspectiveContext = createContext<PerspectiveContextValue>({
  perspective: 'admin',
  setPerspective: () => undefined,
});

/** `[namespace, setNamespace]`; `#ALL_NS#` stands for all projects. */
export const useActiveNamespace = (): [string, (ns: string) => void] => {
  const { namespace, setNamespace } = useContext(NamespaceContext);
  return [namespace, setNamespace];
};

export const useActivePerspective = (): [string, (perspective: string, next?: string) => void] => {
  const { perspective, setPerspective } = useContext(PerspectiveContext);
  return [perspective, setPerspective];
};

/** Feature flags the host knows; any other flag is false. */
const KNOWN_FLAGS: Readonly<Record<string, boolean>> = { OPENSHIFT: false };

export const useFlag = (flag: string): boolean => KNOWN_FLAGS[flag] ?? false;
