// What the target form starts with and needs to decide: storage classes (default pre-selected), access and
// volume mode from the storage defaults, CDI's filesystem overhead and scratch class.
import { useMemo } from 'react';
import { useCdiConfig } from '../../k8s/hooks/useCdiSettings';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import { useStorageDefaults } from '../../k8s/hooks/useStorageDefaults';
import type { StorageClassKind } from '../../k8s/types';
import { isDefaultClass } from '../../../lib/scratch-space';

/** CDI ≤ 1.62's global default when CDIConfig cannot be read. */
export const FALLBACK_OVERHEAD = 0.055;

export interface TargetContext {
  classes: StorageClassKind[];
  defaultClass?: StorageClassKind;
  selectedClass?: StorageClassKind;
  accessMode: string;
  volumeMode: 'Filesystem' | 'Block';
  defaultsLoaded: boolean;
  overhead: number;
  scratchClass?: string;
}

export const useTargetContext = (storageClassName: string): TargetContext => {
  const [classes] = useStorageClasses();
  const [defaults, defaultsLoaded] = useStorageDefaults(storageClassName || undefined);
  const [cdiConfig] = useCdiConfig();
  return useMemo(() => {
    const defaultClass = classes.find(isDefaultClass);
    const selectedName = storageClassName || defaultClass?.metadata?.name;
    const selectedClass = classes.find((c) => c.metadata?.name === selectedName);
    const fo = cdiConfig?.status?.filesystemOverhead;
    const raw = (selectedName ? fo?.storageClass?.[selectedName] : undefined) ?? fo?.global;
    const overhead =
      raw !== undefined && !Number.isNaN(Number(raw)) ? Number(raw) : FALLBACK_OVERHEAD;
    const scratchClass =
      cdiConfig?.status?.scratchSpaceStorageClass || defaultClass?.metadata?.name;
    return {
      classes,
      ...(defaultClass ? { defaultClass } : {}),
      ...(selectedClass ? { selectedClass } : {}),
      accessMode: defaults.accessMode,
      volumeMode: defaults.volumeMode,
      defaultsLoaded,
      overhead,
      ...(scratchClass ? { scratchClass } : {}),
    };
  }, [classes, storageClassName, cdiConfig, defaults, defaultsLoaded]);
};
