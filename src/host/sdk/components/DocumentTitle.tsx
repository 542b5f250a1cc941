import type { FC } from 'react';
import { useEffect } from 'react';

export const HOST_TITLE = 'VM Disks — console host';

export const DocumentTitle: FC<{ children: string }> = ({ children }) => {
  useEffect(() => {
    document.title = `${children} · ${HOST_TITLE}`;
  }, [children]);
  return null;
};
