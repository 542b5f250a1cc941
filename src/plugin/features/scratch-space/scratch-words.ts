// Words for scratch-space facts computed in src/lib/scratch-space.ts.
import type {
  ConvergenceStep,
  FilesystemSupport,
  ScratchOwner,
  ScratchResolutionStep,
} from '../../../lib/scratch-space';
import type { usePluginTranslation } from '../../i18n/usePluginTranslation';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

export const ownerExplanation = (t: Translate, owner: ScratchOwner): string => {
  switch (owner.kind) {
    case 'HyperConverged':
      return t(
        'OpenShift Virtualization is installed: HyperConverged {{namespace}}/{{name}} owns the CDI resource, CDI copies its spec.config into CDIConfig. Edits made directly to the CDI resource or to CDIConfig are set back.',
        { namespace: owner.namespace ?? '', name: owner.name },
      );
    case 'CDI':
      return t(
        'The CDI resource {{name}} has authority over CDIConfig (annotation cdi.kubevirt.io/configAuthority): CDI copies its spec.config into CDIConfig.spec. Edits made directly to CDIConfig are set back.',
        { name: owner.name },
      );
    case 'CDIConfig':
      return t(
        'Nothing owns CDIConfig in this cluster: the setting is edited on CDIConfig config itself.',
      );
  }
};

export const resolutionStepText = (t: Translate, step: ScratchResolutionStep): string => {
  switch (step.kind) {
    case 'configured':
      return t('The configured class {{storageClass}} exists: CDI uses it for scratch space.', {
        storageClass: step.storageClass,
      });
    case 'configured-missing':
      return t('The configured class {{storageClass}} does not exist: CDI ignores it.', {
        storageClass: step.storageClass,
      });
    case 'cluster-default':
      return t('CDI uses the cluster default storage class, {{storageClass}}.', {
        storageClass: step.storageClass,
      });
    case 'target-class':
      return t(
        'CDI sets no scratch class: each scratch PVC gets the storage class of the DataVolume it serves (and the cluster default when that has none).',
      );
  }
};

export const fallbackText = (
  t: Translate,
  storageClass: string,
  step: ScratchResolutionStep,
): string => {
  switch (step.kind) {
    case 'cluster-default':
      return t(
        'If {{storageClass}} is missing, CDI will use the cluster default class {{fallback}}.',
        {
          storageClass,
          fallback: step.storageClass,
        },
      );
    default:
      return t(
        'If {{storageClass}} is missing, CDI will use the storage class of each DataVolume for its scratch PVC.',
        { storageClass },
      );
  }
};

export const filesystemSupportText = (
  t: Translate,
  storageClass: string,
  support: FilesystemSupport,
): string | undefined => {
  switch (support) {
    case 'yes':
      return undefined;
    case 'block-only':
      return t(
        '{{storageClass}} cannot provide Filesystem volumes (its StorageProfile lists only Block). Scratch PVCs are always Filesystem: imports and uploads will not start.',
        { storageClass },
      );
    case 'static':
      return t(
        '{{storageClass}} has no dynamic provisioner: every scratch PVC waits for a free pre-created Filesystem PersistentVolume of the right size on the right node.',
        { storageClass },
      );
    case 'unknown':
      return t(
        'CDI does not know the provisioner of {{storageClass}}: check that it can provide Filesystem, ReadWriteOnce volumes.',
        { storageClass },
      );
  }
};

export const convergenceText = (
  t: Translate,
  step: ConvergenceStep,
  owner: ScratchOwner,
): string => {
  const value = step.expected ?? t('(not set)');
  switch (step.kind) {
    case 'owner':
      return t('{{kind}} {{name}} set to {{value}}', { kind: owner.kind, name: owner.name, value });
    case 'cdi':
      return t('HyperConverged copied it to the CDI resource (spec.config): {{value}}', { value });
    case 'cdiconfig-spec':
      return t('CDI copied it to CDIConfig spec: {{value}}', { value });
    case 'cdiconfig-status':
      return t('CDIConfig status reports the scratch class: {{value}}', {
        value: step.expected ?? t('(none: the DataVolume class)'),
      });
  }
};
