// useOverlay: components launched into the page outside the route tree, each with `closeOverlay`.
import type { FC, ReactNode } from 'react';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';

type OverlayComponent<P> = FC<P & { closeOverlay: () => void }>;
type LaunchOverlay = <P>(component: OverlayComponent<P>, extraProps: P) => void;

interface OverlayEntry {
  id: number;
  component: OverlayComponent<Record<string, unknown>>;
  props: Record<string, unknown>;
}

const OverlayContext = createContext<LaunchOverlay | undefined>(undefined);

let nextOverlayId = 1;

export const OverlayProvider: FC<{ children?: ReactNode }> = ({ children }) => {
  const [overlays, setOverlays] = useState<OverlayEntry[]>([]);
  const launch = useCallback<LaunchOverlay>((component, extraProps) => {
    const id = nextOverlayId++;
    setOverlays((current) => [
      ...current,
      {
        id,
        component: component as unknown as OverlayComponent<Record<string, unknown>>,
        props: extraProps ?? {},
      },
    ]);
  }, []);
  const close = useCallback((id: number) => {
    setOverlays((current) => current.filter((o) => o.id !== id));
  }, []);
  const value = useMemo(() => launch, [launch]);
  return (
    <OverlayContext.Provider value={value}>
      {children}
      {overlays.map(({ id, component: Component, props }) => (
        <Component
          key={id}
          {...props}
          closeOverlay={() => {
            close(id);
          }}
        />
      ))}
    </OverlayContext.Provider>
  );
};

export const useOverlay = (): LaunchOverlay => {
  const launch = useContext(OverlayContext);
  if (!launch) throw new Error('useOverlay must be used inside the console host shell');
  return launch;
};
