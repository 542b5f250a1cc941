import { useMemo } from 'react';
import type { FC } from 'react';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { StatusLabel } from '../../components/StatusLabel';
import { useVirtualMachineInstances } from '../../k8s/hooks/useVirtualMachineInstances';
import { useVirtualMachines } from '../../k8s/hooks/useVirtualMachines';
import { listNamespace } from '../../k8s/hooks/watch-list';
import { NodeModel, VirtualMachineModel, gvkOf } from '../../k8s/models';
import {
  getVMClaimNames,
  getVMNodeName,
  getVMStatus,
  vmiNodeIndex,
} from '../../k8s/selectors/virtual-machine';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { NO_VALUE, sortedByName } from './cells';
import type { Focus } from './focus';
import { SectionCard } from './SectionCard';
import { SectionTable } from './SectionTable';
import { useScopeText } from './useScopeText';

const KIND = 'VirtualMachine';

export const VirtualMachinesSection: FC<{ focus: Focus | undefined; namespace: string }> = ({
  focus,
  namespace,
}) => {
  const { t } = usePluginTranslation();
  const ns = listNamespace(namespace);
  const [vms, loaded, error] = useVirtualMachines(ns);
  // Instances only add the node column; if they cannot be read the node shows as unknown.
  const [vmis] = useVirtualMachineInstances(ns);
  const nodes = useMemo(() => vmiNodeIndex(vmis), [vmis]);
  const rows = useMemo(() => sortedByName(vms), [vms]);
  const title = t('VirtualMachines');
  const scope = useScopeText(ns);
  return (
    <SectionCard
      testId="overview-vms"
      title={title}
      subtitle={scope}
      loaded={loaded}
      error={error}
      errorContext={{ model: VirtualMachineModel, verb: 'list', namespace: ns }}
      count={rows.length}
      emptyTitle={t('No VirtualMachines')}
      emptyBody={t('No virtual machines use disks here yet.')}
    >
      <SectionTable
        label={title}
        kind={KIND}
        focus={focus}
        rows={rows}
        rowAttributes={(vm) => ({ 'data-test-namespace': vm.metadata?.namespace })}
        columns={[
          {
            title: t('Name'),
            modifier: 'nowrap',
            cell: (vm) => (
              <ResourceLink
                groupVersionKind={gvkOf(VirtualMachineModel)}
                name={vm.metadata?.name}
                namespace={vm.metadata?.namespace}
              />
            ),
          },
          !ns && { title: t('Namespace'), cell: (vm) => vm.metadata?.namespace },
          { title: t('Status'), cell: (vm) => <StatusLabel phase={getVMStatus(vm)} /> },
          {
            title: t('Node'),
            cell: (vm) => {
              const node = getVMNodeName(vm, nodes);
              return node ? (
                <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={node} />
              ) : (
                NO_VALUE
              );
            },
          },
          {
            title: t('Disks'),
            cell: (vm) => {
              const claims = getVMClaimNames(vm);
              return claims.length > 0 ? claims.join(', ') : NO_VALUE;
            },
          },
        ]}
      />
    </SectionCard>
  );
};
