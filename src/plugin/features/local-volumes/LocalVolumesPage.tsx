// /vm-disks/local-volumes: local storage by node. Every node with its PersistentVolumes (capacity, mode, class,
// phase, claim) and the virtual machines whose disks are on them; create a volume on any node from here. Each
// node's table renders only the rows near its viewport (thousands of PVs per node stay fast).
import { useMemo } from 'react';
import type { FC } from 'react';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  Card,
  CardBody,
  PageSection,
  Skeleton,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { DocumentTitle, ListPageHeader, ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { Link, useLocation, useNavigate } from 'react-router';
import { EmptyStateFor } from '../../components/EmptyStateFor';
import { LoadError } from '../../components/LoadError';
import { NodePVGroup } from '../../components/node-pv-group/NodePVGroup';
import { useNodes } from '../../k8s/hooks/useNodes';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { useVirtualMachines } from '../../k8s/hooks/useVirtualMachines';
import { PersistentVolumeModel, VirtualMachineModel, gvkOf } from '../../k8s/models';
import { groupPVsByNode } from '../../k8s/selectors/persistent-volume';
import { claimUsersIndex } from '../../k8s/selectors/vm-disks';
import type { NodeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { LOCAL_VOLUMES_PATH } from './LocalVolumeCreatePage';
import { createdVolumeFrom } from './created-volume';
import { VolumeRowActions } from './VolumeRowActions';
import './local-volumes.css';

const NO_NODES: NodeKind[] = [];

export const LocalVolumesPage: FC = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const created = createdVolumeFrom(useLocation().state);
  const [pvs, loaded, error] = usePersistentVolumes();
  const [nodes, nodesLoaded] = useNodes();
  const [vms, vmsLoaded, vmsError] = useVirtualMachines();
  const groups = useMemo(
    () => groupPVsByNode(pvs, nodesLoaded ? nodes : NO_NODES),
    [pvs, nodes, nodesLoaded],
  );
  const vmsByClaim = useMemo(() => claimUsersIndex(vms), [vms]);
  // The nav item's name (distinct from "Local storage setup", the HostPathProvisioner wizard).
  const title = t('Local volumes');
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
        {created ? (
          <Alert
            isInline
            variant="success"
            title={t('Local volume {{name}} created', { name: created })}
            data-test="lv-created"
            className="vm-disks-plugin__created-alert"
            actionClose={
              <AlertActionCloseButton
                onClose={() => {
                  void navigate(LOCAL_VOLUMES_PATH, { replace: true, state: null });
                }}
              />
            }
          >
            <ResourceLink groupVersionKind={gvkOf(PersistentVolumeModel)} name={created} />
          </Alert>
        ) : null}
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
                <Card isCompact>
                  <CardBody>
                    <NodePVGroup
                      group={group}
                      dataTest="lv-node-group"
                      emptyDataTest="lv-node-empty"
                      vmsByClaim={vmsByClaim}
                      headingLevel="h2"
                      rowActions={(pv) => <VolumeRowActions pv={pv} node={group.node} />}
                      actions={
                        group.node ? (
                          <Link
                            to={`${LOCAL_VOLUMES_PATH}/create?node=${encodeURIComponent(group.node)}`}
                            data-test="lv-add-on-node"
                          >
                            {t('Add a local volume here')}
                          </Link>
                        ) : null
                      }
                    />
                  </CardBody>
                </Card>
              </StackItem>
            ))}
          </Stack>
        )}
      </PageSection>
    </>
  );
};
