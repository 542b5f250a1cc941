import { useMemo } from 'react';
import type { FC } from 'react';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
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
import { isFocused } from './focus';
import { rowProps } from './row-props';
import { SectionCard } from './SectionCard';
import { TablePagination } from './TablePagination';
import { usePagedRows } from './usePagedRows';
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
  const paged = usePagedRows(rows, (vm) =>
    isFocused(focus, KIND, vm.metadata?.namespace, vm.metadata?.name),
  );
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
      <Table aria-label={title} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Name')}</Th>
            {ns ? null : <Th>{t('Namespace')}</Th>}
            <Th>{t('Status')}</Th>
            <Th>{t('Node')}</Th>
            <Th>{t('Disks')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {paged.visible.map((vm) => {
            const name = vm.metadata?.name;
            const vmNamespace = vm.metadata?.namespace;
            const node = getVMNodeName(vm, nodes);
            const claims = getVMClaimNames(vm);
            return (
              <Tr
                key={vm.metadata?.uid ?? `${vmNamespace ?? ''}/${name ?? ''}`}
                data-test-namespace={vmNamespace}
                {...rowProps(name, isFocused(focus, KIND, vmNamespace, name))}
              >
                <Td dataLabel={t('Name')} modifier="nowrap">
                  <ResourceLink
                    groupVersionKind={gvkOf(VirtualMachineModel)}
                    name={name}
                    namespace={vmNamespace}
                  />
                </Td>
                {ns ? null : <Td dataLabel={t('Namespace')}>{vmNamespace}</Td>}
                <Td dataLabel={t('Status')}>
                  <StatusLabel phase={getVMStatus(vm)} />
                </Td>
                <Td dataLabel={t('Node')}>
                  {node ? (
                    <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={node} />
                  ) : (
                    NO_VALUE
                  )}
                </Td>
                <Td dataLabel={t('Disks')}>{claims.length > 0 ? claims.join(', ') : NO_VALUE}</Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      <TablePagination paged={paged} label={title} />
    </SectionCard>
  );
};
