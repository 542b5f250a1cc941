import type { FC, ReactNode } from 'react';
import { useCallback, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { NamespaceContext } from '../sdk/console-context';
import { ALL_NAMESPACES_KEY } from '../sdk/k8s-types';
import { namespaceFromPath, pathForNamespace } from './namespace-route';

const STORAGE_KEY = 'vm-disks-host.namespace';

/** Active namespace: from the URL on namespaced pages, else the last one chosen (persisted). */
export const NamespaceProvider: FC<{ children: ReactNode }> = ({ children }) => {
  const location = useLocation();
  const navigate = useNavigate();
  const [stored, setStored] = useState(
    () => localStorage.getItem(STORAGE_KEY) ?? ALL_NAMESPACES_KEY,
  );
  const fromPath = namespaceFromPath(location.pathname);
  const namespace = fromPath ?? stored;
  const setNamespace = useCallback(
    (ns: string) => {
      localStorage.setItem(STORAGE_KEY, ns);
      setStored(ns);
      const next = pathForNamespace(location.pathname, ns);
      if (next && next !== location.pathname) void navigate(next + location.search);
    },
    [location.pathname, location.search, navigate],
  );
  const value = useMemo(() => ({ namespace, setNamespace }), [namespace, setNamespace]);
  return <NamespaceContext.Provider value={value}>{children}</NamespaceContext.Provider>;
};
