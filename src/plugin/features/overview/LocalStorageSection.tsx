// PersistentVolumes grouped by the node they live on (node affinity, local path, HostPathProvisioner), each group
// paged so that thousands of PVs render a page at a time.
import { useMemo } from 'react';
import type { FC } from 'react';
import { Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { humanizeQuantity } from '../../../lib/quantity';
import { StatusLabel } from '../../components/StatusLabel';
import { useNodes } from '../../k8s/hooks/useNodes';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import {
  NodeModel,
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
  StorageClassModel,
  gvkOf,
} from '../../k8s/models';
import {
  getPVCapacity,
  getPVClaim,
  getPVLocalPath,
  getPVPhase,
  getPVVolumeMode,
  groupPVsByNode,
} from '../../k8s/selectors/persistent-volume';
import type { NodePVGroup } from '../../k8s/selectors/persistent-volume';
import type { NodeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { NO_VALUE } from './cells';
import type { Focus } from './focus';
import { isFocused } from './focus';
import { rowProps } from './row-props';
import { SectionCard } from './SectionCard';
import { TablePagination } from './TablePagination';
import { usePagedRows } from './usePagedRows';

const NO_NODES: NodeKind[] = [];
const KIND = 'PersistentVolume';

const PVGroup: FC<{ group: NodePVGroup; focus: Focus | undefined }> = ({ group, focus }) => {
  const { t } = usePluginTranslation();
  const paged = usePagedRows(group.pvs, (pv) =>
    isFocused(focus, KIND, undefined, pv.metadata?.name),
  );
  const heading = group.node ? t('Node {{node}}', { node: group.node }) : t('Not pinned to a node');
  return (
    <div className="vm-disks-plugin__pv-group" data-test="pv-group" data-node={group.node ?? ''}>
      <Title headingLevel="h3" size="md">
        {group.node ? (
          <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={group.node} inline />
        ) : (
          heading
        )}{' '}
        <span className="vm-disks-plugin__subtitle">
          {t('{{count}} PersistentVolumes', { count: group.pvs.length })}
        </span>
      </Title>
      {group.pvs.length === 0 ? (
        <p className="vm-disks-plugin__subtitle" data-test="pv-group-empty">
          {t('No PersistentVolumes on this node.')}
        </p>
      ) : (
        <>
          <Table
            aria-label={t('PersistentVolumes of {{group}}', { group: heading })}
            variant="compact"
          >
            <Thead>
              <Tr>
                <Th>{t('Name')}</Th>
                <Th>{t('Capacity')}</Th>
                <Th>{t('Volume mode')}</Th>
                <Th>{t('Storage class')}</Th>
                <Th>{t('Status')}</Th>
                <Th>{t('Claim')}</Th>
                <Th>{t('Path')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {paged.visible.map((pv) => {
                const name = pv.metadata?.name;
                const claim = getPVClaim(pv);
                const storageClass = pv.spec?.storageClassName;
                return (
                  <Tr
                    key={pv.metadata?.uid ?? name}
                    {...rowProps(name, isFocused(focus, KIND, undefined, name))}
                  >
                    <Td dataLabel={t('Name')} modifier="nowrap">
                      <ResourceLink groupVersionKind={gvkOf(PersistentVolumeModel)} name={name} />
                    </Td>
                    <Td dataLabel={t('Capacity')}>
                      {humanizeQuantity(getPVCapacity(pv)) || NO_VALUE}
                    </Td>
                    <Td dataLabel={t('Volume mode')}>{getPVVolumeMode(pv)}</Td>
                    <Td dataLabel={t('Storage class')}>
                      {storageClass ? (
                        <ResourceLink
                          groupVersionKind={gvkOf(StorageClassModel)}
                          name={storageClass}
                        />
                      ) : (
                        NO_VALUE
                      )}
                    </Td>
                    <Td dataLabel={t('Status')}>
                      <StatusLabel phase={getPVPhase(pv)} />
                    </Td>
                    <Td dataLabel={t('Claim')}>
                      {claim ? (
                        <ResourceLink
                          groupVersionKind={gvkOf(PersistentVolumeClaimModel)}
                          name={claim.name}
                          namespace={claim.namespace}
                        />
                      ) : (
                        NO_VALUE
                      )}
                    </Td>
                    <Td dataLabel={t('Path')} modifier="breakWord">
                      {getPVLocalPath(pv) ?? NO_VALUE}
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
          <TablePagination paged={paged} label={heading} />
        </>
      )}
    </div>
  );
};

export const LocalStorageSection: FC<{ focus: Focus | undefined }> = ({ focus }) => {
  const { t } = usePluginTranslation();
  const [pvs, loaded, error] = usePersistentVolumes();
  // Nodes only map hostname labels to node names and list empty nodes; without them PVs group by hostname.
  const [nodes, nodesLoaded] = useNodes();
  const groups = useMemo(
    () => groupPVsByNode(pvs, nodesLoaded ? nodes : NO_NODES),
    [pvs, nodes, nodesLoaded],
  );
  return (
    <SectionCard
      testId="overview-pvs"
      title={t('Local storage by node')}
      subtitle={t('PersistentVolumes grouped by the node they are bound to')}
      loaded={loaded}
      error={error}
      errorContext={{ model: PersistentVolumeModel, verb: 'list' }}
      count={pvs.length}
      emptyTitle={t('No PersistentVolumes')}
      emptyBody={t(
        'Create a local PersistentVolume or a HostPathProvisioner storage class to get some.',
      )}
    >
      {groups.map((group) => (
        <PVGroup key={group.node ?? ''} group={group} focus={focus} />
      ))}
    </SectionCard>
  );
};
