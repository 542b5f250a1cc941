// /vm-disks/local-volumes: local storage by node. Every node with its PersistentVolumes (capacity, mode, class,
// phase, claim) and the virtual machines whose disks are on them; create a volume on any node from here.
import { useMemo } from 'react';
import type { FC } from 'react';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  PageSection,
  Skeleton,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { DocumentTitle, ListPageHeader, ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { Link, useNavigate } from 'react-router';
import { humanizeQuantity } from '../../../lib/quantity';
import { EmptyStateFor } from '../../components/EmptyStateFor';
import { LoadError } from '../../components/LoadError';
import { StatusLabel } from '../../components/StatusLabel';
import { useNodes } from '../../k8s/hooks/useNodes';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { useVirtualMachines } from '../../k8s/hooks/useVirtualMachines';
import {
  NodeModel,
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
  VirtualMachineModel,
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
import { claimUsersIndex } from '../../k8s/selectors/vm-disks';
import type { NodeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { LOCAL_VOLUMES_PATH } from './LocalVolumeCreatePage';

const NO_NODES: NodeKind[] = [];
const DASH = '—';

const NodeGroup: FC<{ group: NodePVGroup; vmsByClaim: ReadonlyMap<string, string[]> }> = ({
  group,
  vmsByClaim,
}) => {
  const { t } = usePluginTranslation();
  const heading = group.node ?? t('Not pinned to a node');
  return (
    <Card isCompact data-test="lv-node-group" data-node={group.node ?? ''}>
      <CardHeader
        actions={
          group.node
            ? {
                actions: (
                  <Link
                    to={`${LOCAL_VOLUMES_PATH}/create?node=${encodeURIComponent(group.node)}`}
                    data-test="lv-add-on-node"
                  >
                    {t('Add a local volume here')}
                  </Link>
                ),
              }
            : undefined
        }
      >
        <CardTitle>
          {group.node ? (
            <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={group.node} inline />
          ) : (
            heading
          )}{' '}
          <Content component="small" className="vm-disks-plugin__subtitle">
            {t('{{count}} PersistentVolumes', { count: group.pvs.length })}
          </Content>
        </CardTitle>
      </CardHeader>
      <CardBody>
        {group.pvs.length === 0 ? (
          <Content component="p" data-test="lv-node-empty">
            {t('No PersistentVolumes on this node.')}
          </Content>
        ) : (
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
                <Th>{t('Virtual machines')}</Th>
                <Th>{t('Path')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {group.pvs.map((pv) => {
                const name = pv.metadata?.name ?? '';
                const claim = getPVClaim(pv);
                const vms = claim ? (vmsByClaim.get(`${claim.namespace}/${claim.name}`) ?? []) : [];
                return (
                  <Tr key={pv.metadata?.uid ?? name} data-test-row={name}>
                    <Td dataLabel={t('Name')} modifier="nowrap">
                      <ResourceLink groupVersionKind={gvkOf(PersistentVolumeModel)} name={name} />
                    </Td>
                    <Td dataLabel={t('Capacity')}>{humanizeQuantity(getPVCapacity(pv)) || DASH}</Td>
                    <Td dataLabel={t('Volume mode')}>{getPVVolumeMode(pv)}</Td>
                    <Td dataLabel={t('Storage class')}>{pv.spec?.storageClassName || DASH}</Td>
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
                        DASH
                      )}
                    </Td>
                    <Td dataLabel={t('Virtual machines')} data-test="lv-vms">
                      {vms.length > 0 && claim
                        ? vms.map((vm) => (
                            <ResourceLink
                              key={vm}
                              groupVersionKind={gvkOf(VirtualMachineModel)}
                              name={vm}
                              namespace={claim.namespace}
                            />
                          ))
                        : DASH}
                    </Td>
                    <Td dataLabel={t('Path')} modifier="breakWord">
                      {getPVLocalPath(pv) ?? DASH}
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
};

export const LocalVolumesPage: FC = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const [pvs, loaded, error] = usePersistentVolumes();
  const [nodes, nodesLoaded] = useNodes();
  const [vms, vmsLoaded, vmsError] = useVirtualMachines();
  const groups = useMemo(
    () => groupPVsByNode(pvs, nodesLoaded ? nodes : NO_NODES),
    [pvs, nodes, nodesLoaded],
  );
  const vmsByClaim = useMemo(() => claimUsersIndex(vms), [vms]);
  const title = t('Local storage by node');
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'PersistentVolumes grouped by the node they live on, and the virtual machines using them.',
        )}
      >
        <Button
          variant="primary"
          data-test="lv-create-link"
          onClick={() => {
            void navigate(`${LOCAL_VOLUMES_PATH}/create`);
          }}
        >
          {t('Create local volume')}
        </Button>
      </ListPageHeader>
      <PageSection data-test="local-volumes">
        {error ? <LoadError error={error} model={PersistentVolumeModel} verb="list" /> : null}
        {vmsError ? <LoadError error={vmsError} model={VirtualMachineModel} verb="list" /> : null}
        {error ? null : !loaded || (!vmsLoaded && !vmsError) ? (
          <Skeleton screenreaderText={t('Loading PersistentVolumes')} />
        ) : groups.length === 0 ? (
          <EmptyStateFor title={t('No PersistentVolumes')}>
            {t('Create a local volume on a node to get some.')}
          </EmptyStateFor>
        ) : (
          <Stack hasGutter>
            {groups.map((group) => (
              <StackItem key={group.node ?? ''}>
                <NodeGroup group={group} vmsByClaim={vmsByClaim} />
              </StackItem>
            ))}
          </Stack>
        )}
      </PageSection>
    </>
  );
};
