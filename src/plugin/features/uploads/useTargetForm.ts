// The target form's state and what it reads from the cluster (classes and storage defaults, the claim API,
// the namespace's DataVolumes, two access reviews, the listable namespaces), folded by the pure
// `targetFormModel`. The form's components only render the model and call `update`.
import { useCallback, useState } from 'react';
import { useAccessReview, useActiveNamespace } from '@openshift-console/dynamic-plugin-sdk';
import { suggestName } from '../../../lib/k8s-names';
import { useClaimApi } from '../../k8s/hooks/useClaimApi';
import { useDataVolumes } from '../../k8s/hooks/useDataVolumes';
import { ALL_NAMESPACES_KEY } from '../../k8s/models';
import type { Inspected } from './image-worker-client';
import type { TargetValues } from './manifests';
import { useListableNamespaces, type NamespaceList } from './NamespaceSelect';
import {
  initialTargetState,
  targetFormModel,
  type TargetFormModel,
  type TargetFormState,
} from './target-form-model';
import { useTargetContext, type TargetContext } from './useTargetDefaults';

export interface TargetFormOptions {
  fileName: string;
  inspected: Inspected;
  initial?: TargetValues;
  looksLikeText?: boolean;
}

export interface TargetForm {
  state: TargetFormState;
  update: (patch: Partial<TargetFormState>) => void;
  model: TargetFormModel;
  ctx: TargetContext;
  namespaces: NamespaceList;
}

export const useTargetForm = ({
  fileName,
  inspected,
  initial,
  looksLikeText = false,
}: TargetFormOptions): TargetForm => {
  const [activeNamespace] = useActiveNamespace();
  const [state, setState] = useState(() =>
    initialTargetState(
      suggestName(fileName),
      activeNamespace && activeNamespace !== ALL_NAMESPACES_KEY ? activeNamespace : undefined,
      initial,
    ),
  );
  const update = useCallback((patch: Partial<TargetFormState>) => {
    setState((s) => ({ ...s, ...patch }));
  }, []);
  const ctx = useTargetContext(state.storageClassName);
  const [claim] = useClaimApi(state.storageClassName);
  const [dataVolumes] = useDataVolumes(state.namespace);
  const [canCreateTarget, targetLoading] = useAccessReview({
    group: state.kind === 'new-pvc' ? '' : 'cdi.kubevirt.io',
    resource: state.kind === 'new-pvc' ? 'persistentvolumeclaims' : 'datavolumes',
    verb: state.kind === 'existing-dv' ? 'get' : 'create',
    namespace: state.namespace,
  });
  const [canUpload, uploadLoading] = useAccessReview({
    group: 'upload.cdi.kubevirt.io',
    resource: 'uploadtokenrequests',
    verb: 'create',
    namespace: state.namespace,
  });
  const namespaces = useListableNamespaces();
  // Recomputed each render: the claim choice is a fresh object per render, and the fold is cheap.
  const model = targetFormModel({
    state,
    fileName,
    image: inspected.inspection,
    looksLikeText,
    ctx,
    claim,
    dataVolumes,
    ...(namespaces.names ? { namespaceNames: namespaces.names } : {}),
    access: { canCreateTarget, targetLoading, canUpload, uploadLoading },
  });
  return { state, update, model, ctx, namespaces };
};
