import { useMemo } from 'react';
import { useLocation } from 'react-router';
import { parseFocus } from './focus';
import type { Focus } from './focus';

/** The object named by `?focus=` in the current location. */
export const useFocus = (): Focus | undefined => {
  const { search } = useLocation();
  return useMemo(() => parseFocus(search), [search]);
};
