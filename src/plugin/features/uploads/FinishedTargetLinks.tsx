// A finished upload leads on: the DataVolume (or PVC) it filled and the virtual machines that use it.
import type { FC } from 'react';
import { Flex, FlexItem } from '@patternfly/react-core';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { useVirtualMachines } from '../../k8s/hooks/useVirtualMachines';
import {
  DataVolumeModel,
  gvkOf,
  PersistentVolumeClaimModel,
  VirtualMachineModel,
} from '../../k8s/models';
import type { VirtualMachineKind } from '../../k8s/types';
import type { TargetValues } from './manifests';

/** Whether `vm` uses the claim or DataVolume `name` (volumes or dataVolumeTemplates). */
export const vmUses = (vm: VirtualMachineKind, name: string): boolean =>
  (vm.spec?.template.spec?.volumes ?? []).some(
    (v) => v.dataVolume?.name === name || v.persistentVolumeClaim?.claimName === name,
  ) || (vm.spec?.dataVolumeTemplates ?? []).some((d) => d.metadata?.name === name);

export const FinishedTargetLinks: FC<{ target: TargetValues }> = ({ target }) => {
  const { t } = usePluginTranslation();
  const [vms] = useVirtualMachines(target.namespace);
  const users = vms.filter(
    (vm) => vm.metadata?.namespace === target.namespace && vmUses(vm, target.name),
  );
  const model = target.kind === 'new-pvc' ? PersistentVolumeClaimModel : DataVolumeModel;
  return (
    <Flex spaceItems={{ default: 'spaceItemsMd' }} data-test="upload-target-links">
      <FlexItem data-test="upload-target-link">
        <ResourceLink
          groupVersionKind={gvkOf(model)}
          name={target.name}
          namespace={target.namespace}
          inline
        />
      </FlexItem>
      {users.length > 0 ? (
        <FlexItem data-test="upload-vm-links">
          {t('Used by')}{' '}
          {users.map((vm) => (
            <ResourceLink
              key={vm.metadata?.name}
              groupVersionKind={gvkOf(VirtualMachineModel)}
              name={vm.metadata?.name ?? ''}
              namespace={target.namespace}
              inline
            />
          ))}
        </FlexItem>
      ) : null}
    </Flex>
  );
};
