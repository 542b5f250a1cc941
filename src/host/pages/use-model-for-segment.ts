// The model named by a URL segment: a core plural (`persistentvolumeclaims`) or a reference (`group~v~Kind`).
import type { K8sModel } from '../sdk/k8s-types';
import { modelRegistry } from '../sdk/models/host-models';
import { useOptionalK8sModel } from '../sdk/use-k8s-model';

export const useModelForSegment = (segment: string): [K8sModel | undefined, boolean] => {
  const byReference = segment.includes('~');
  const lookup = useOptionalK8sModel(byReference ? segment : undefined);
  if (byReference) return lookup;
  return [modelRegistry.all().find((m) => !m.apiGroup && m.plural === segment), false];
};
