// Where a DataVolume filled by a CDI volume populator stands: waiting for a first consumer (PendingPopulation), the
// prime claim's phase, its worker pod's phase, and the newest event about them (selectors/population.ts), so an
// upload or a blank disk never waits without saying why.
import type { FC } from 'react';
import { Alert, List, ListItem } from '@patternfly/react-core';
import { usePluginTranslation } from '../i18n/usePluginTranslation';
import { useDataVolumes } from '../k8s/hooks/useDataVolumes';
import { usePersistentVolumeClaims } from '../k8s/hooks/usePersistentVolumeClaims';
import { useWatchList } from '../k8s/hooks/watch-list';
import { EventModel, PodModel } from '../k8s/hpp-models';
import { populationView } from '../k8s/selectors/population';
import type { EventKind, PodKind } from '../k8s/types/hpp-setup';

export const PopulationStatus: FC<{ namespace: string; name: string }> = ({ namespace, name }) => {
  const { t } = usePluginTranslation();
  const [dvs] = useDataVolumes(namespace);
  const [pvcs] = usePersistentVolumeClaims(namespace);
  const [pods] = useWatchList<PodKind>(PodModel, namespace);
  const [events] = useWatchList<EventKind>(EventModel, namespace);
  const dv = dvs.find((d) => d.metadata?.namespace === namespace && d.metadata.name === name);
  const view = populationView({ dv, pvcs, pods, events });
  if (!view) return null;
  const warning = view.event?.type === 'Warning';
  return (
    <Alert
      isInline
      isPlain
      variant={warning ? 'warning' : 'info'}
      title={
        view.pendingPopulation
          ? t('{{name}} waits for its first consumer (PendingPopulation)', { name })
          : t('CDI fills {{name}} through the prime claim {{prime}}', {
              name,
              prime: view.primeName ?? '',
            })
      }
      data-test="population-status"
      data-pending={view.pendingPopulation ? 'yes' : 'no'}
    >
      {view.pendingPopulation ? (
        <p>
          {t(
            'Its storage class binds on first use, so CDI starts when a virtual machine or pod uses the disk, or at once when binding is forced (annotation cdi.kubevirt.io/storage.bind.immediate.requested).',
          )}
        </p>
      ) : null}
      <List isPlain>
        {view.primeName ? (
          <ListItem data-test="population-prime" data-phase={view.primePhase ?? ''}>
            {t('Prime claim {{prime}}: {{phase}}', {
              prime: view.primeName,
              phase: view.primePhase ?? '',
            })}
          </ListItem>
        ) : null}
        {view.podName ? (
          <ListItem data-test="population-pod" data-phase={view.podPhase ?? ''}>
            {t('Worker pod {{pod}}: {{phase}}', {
              pod: view.podName,
              phase: view.podPhase ?? '',
            })}
          </ListItem>
        ) : null}
        {view.event ? (
          <ListItem data-test="population-event" data-reason={view.event.reason}>
            {t('{{object}}: {{reason}}: {{message}}', view.event)}
          </ListItem>
        ) : null}
      </List>
    </Alert>
  );
};
