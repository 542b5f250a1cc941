// PersistentVolumes grouped by the node they live on (node affinity, local path, HostPathProvisioner); each group's
// table renders only the rows near its viewport, so that thousands of PVs cost what a screenful costs.
import { useCallback, useMemo } from 'react';
import type { FC } from 'react';
import { NodePVGroup } from '../../components/node-pv-group/NodePVGroup';
import { useNodes } from '../../k8s/hooks/useNodes';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { PersistentVolumeModel } from '../../k8s/models';
import { groupPVsByNode } from '../../k8s/selectors/persistent-volume';
import type { NodeKind, PersistentVolumeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { Focus } from './focus';
import { isFocused } from './focus';
import { rowProps } from './row-props';
import { SectionCard } from './SectionCard';

const NO_NODES: NodeKind[] = [];
const KIND = 'PersistentVolume';

export const LocalStorageSection: FC<{ focus: Focus | undefined }> = ({ focus }) => {
  const { t } = usePluginTranslation();
  const [pvs, loaded, error] = usePersistentVolumes();
  // Nodes only map hostname labels to node names and list empty nodes; without them PVs group by hostname.
  const [nodes, nodesLoaded] = useNodes();
  const groups = useMemo(
    () => groupPVsByNode(pvs, nodesLoaded ? nodes : NO_NODES),
    [pvs, nodes, nodesLoaded],
  );
  const focused = useCallback(
    (pv: PersistentVolumeKind) => isFocused(focus, KIND, undefined, pv.metadata?.name),
    [focus],
  );
  const attributes = useCallback(
    (pv: PersistentVolumeKind) => rowProps(pv.metadata?.name, focused(pv)),
    [focused],
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
        <NodePVGroup
          key={group.node ?? ''}
          group={group}
          dataTest="pv-group"
          emptyDataTest="pv-group-empty"
          isFocused={focused}
          rowProps={attributes}
        />
      ))}
    </SectionCard>
  );
};
