// The local PV form's state, the cluster it is checked against (nodes, PVs, the right to create PVs) and the
// create write as a mutation (its error for the form's Alert), folded by the pure `localVolumeFormModel`.
import { useCallback, useMemo, useState } from 'react';
import { k8sCreate } from '@openshift-console/dynamic-plugin-sdk';
import type { LocalPVContext } from '../../../lib/local-pv';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';
import { useClusterWrite } from '../../k8s/hooks/useClusterWrite';
import { useNodes } from '../../k8s/hooks/useNodes';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { PersistentVolumeModel } from '../../k8s/models';
import { getNodeHostname } from '../../k8s/selectors/node';
import { getPVAffinityHostnames, getPVLocalPath } from '../../k8s/selectors/persistent-volume';
import type { PersistentVolumeKind } from '../../k8s/types';
import {
  initialLocalVolumeState,
  localVolumeFormModel,
  type LocalVolumeFormState,
} from './local-volume-form-model';

const CREATE_PV = [needOf('create', PersistentVolumeModel)];

export const useLocalVolumeForm = (
  initial: Parameters<typeof initialLocalVolumeState>[0],
  onCreated: (pv: PersistentVolumeKind) => void,
) => {
  const [nodes, nodesLoaded, nodesError] = useNodes();
  const [pvs, pvsLoaded, pvsError] = usePersistentVolumes();
  const [denied, accessLoaded] = useAccessNeeds(CREATE_PV);
  const [state, setState] = useState(() => initialLocalVolumeState(initial));
  const update = useCallback((patch: Partial<LocalVolumeFormState>) => {
    setState((s) => ({ ...s, ...patch }));
  }, []);
  const context: LocalPVContext = useMemo(
    () => ({
      nodes: new Map(nodes.map((n) => [n.metadata?.name ?? '', getNodeHostname(n)])),
      existing: pvs.map((pv) => ({
        name: pv.metadata?.name ?? '',
        hostnames: getPVAffinityHostnames(pv),
        path: getPVLocalPath(pv),
      })),
    }),
    [nodes, pvs],
  );
  const model = localVolumeFormModel(state, context);
  const [create, createState] = useClusterWrite(() =>
    k8sCreate({ model: PersistentVolumeModel, data: model.manifest }).then(onCreated),
  );
  const submit = () => {
    update({ touched: true });
    createState.reset();
    if (model.problems.length === 0) void create();
  };
  return {
    state,
    update,
    model,
    nodes,
    nodesLoaded,
    nodesError,
    pvsLoaded,
    pvsError,
    denied,
    accessLoaded,
    submit,
    creating: createState.pending,
    createError: createState.error,
  };
};
