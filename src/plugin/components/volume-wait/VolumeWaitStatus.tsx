// Why a DataVolume's volume is not ready (lib/volume-wait), shown within seconds from the watched DataVolume,
// claims and events: the cause, the words of the component that reported it ("0/6 nodes are available: …"), and
// what to do, with links to the pages that do it. Used by the upload cards and the blank-disk page.
import { useState } from 'react';
import type { FC } from 'react';
import { Alert, Button, Checkbox, List, ListItem } from '@patternfly/react-core';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { volumeWait, type WaitAdvice, type WaitCause } from '../../../lib/volume-wait';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { useDataVolumes } from '../../k8s/hooks/useDataVolumes';
import { usePersistentVolumeClaims } from '../../k8s/hooks/usePersistentVolumeClaims';
import { useWatchList } from '../../k8s/hooks/watch-list';
import { messageOf } from '../../k8s/load-error';
import { EventModel } from '../../k8s/hpp-models';
import type { EventKind } from '../../k8s/types/hpp-setup';
import { forceBindDataVolume } from './force-bind';
import { volumeWaitInput } from './volume-wait-input';

export const LOCAL_VOLUME_CREATE_PATH = '/vm-disks/local-volumes/create';
export const SCRATCH_SPACE_PATH = '/vm-disks/scratch-space';

const causeText = (t: TFunction, cause: WaitCause, name: string): string => {
  switch (cause) {
    case 'wait-for-first-consumer':
      return t('{{name}} waits for its first consumer (WaitForFirstConsumer)', { name });
    case 'pending-population':
      return t('{{name}} waits for its first consumer (PendingPopulation)', { name });
    case 'quota-exceeded':
      return t('The claim of {{name}} exceeds the namespace quota', { name });
    case 'claim-lost':
      return t('The claim of {{name}} lost its volume', { name });
    case 'claim-not-valid':
      return t('CDI cannot create a valid claim for {{name}}', { name });
    case 'provisioning-failed':
      return t('No volume can be provisioned for {{name}}', { name });
    case 'no-node':
      return t('No node can take the volume of {{name}}', { name });
    case 'scratch-pending':
      return t('{{name}} waits for its scratch space', { name });
    case 'claim-pending':
      return t('The claim of {{name}} is not bound yet', { name });
  }
};

const AdviceItem: FC<{ advice: WaitAdvice }> = ({ advice }) => {
  const { t } = usePluginTranslation();
  switch (advice) {
    case 'force-bind':
      return (
        <>
          {t(
            'Force-bind it: CDI then starts at once (annotation cdi.kubevirt.io/storage.bind.immediate.requested, as virtctl --force-bind sets it).',
          )}
        </>
      );
    case 'start-consumer':
      return (
        <>{t('Or start the virtual machine that uses this disk: its pod is the first consumer.')}</>
      );
    case 'create-local-volume':
      return (
        <>
          {t('No node has a free local volume that fits: ')}
          <Link to={LOCAL_VOLUME_CREATE_PATH} data-test="volume-wait-create-local-volume">
            {t('create a local volume')}
          </Link>
        </>
      );
    case 'other-class':
      return (
        <>
          {t(
            'Or use another storage class: delete this DataVolume and create it again with a class that has room.',
          )}
        </>
      );
    case 'fix-scratch-space':
      return (
        <>
          {t('CDI needs a Filesystem scratch volume for this: ')}
          <Link to={SCRATCH_SPACE_PATH} data-test="volume-wait-fix-scratch">
            {t('fix the scratch space storage class')}
          </Link>
        </>
      );
    case 'raise-quota':
      return (
        <>
          {t(
            'Ask an administrator to raise the ResourceQuota of this namespace, or use a smaller disk.',
          )}
        </>
      );
    case 'fix-claim':
      return (
        <>
          {t('Correct the size, access mode or volume mode of the DataVolume and create it again.')}
        </>
      );
  }
};

export interface VolumeWaitStatusProps {
  namespace: string;
  name: string;
  /** Offer force-binding (with the user's confirmation) when the DataVolume waits for a consumer. */
  canForceBind?: boolean;
}

export const VolumeWaitStatus: FC<VolumeWaitStatusProps> = ({ namespace, name, canForceBind }) => {
  const { t } = usePluginTranslation();
  const [dvs] = useDataVolumes(namespace);
  const [pvcs] = usePersistentVolumeClaims(namespace);
  const [events] = useWatchList<EventKind>(EventModel, namespace);
  const [confirmed, setConfirmed] = useState(false);
  const [binding, setBinding] = useState(false);
  const [bindError, setBindError] = useState<string | undefined>(undefined);
  const dv = dvs.find((d) => d.metadata?.namespace === namespace && d.metadata.name === name);
  const wait = dv ? volumeWait(volumeWaitInput({ dv, pvcs, events })) : undefined;
  if (!wait) return null;
  const advice = wait.advice.filter((a) => a !== 'force-bind' || canForceBind !== false);
  return (
    <Alert
      isInline
      variant={wait.blocking ? 'warning' : 'info'}
      title={causeText(t, wait.cause, name)}
      data-test="volume-wait"
      data-cause={wait.cause}
    >
      {wait.detail ? (
        <p data-test="volume-wait-detail">
          {wait.object
            ? t('{{object}}: {{detail}}', { object: wait.object, detail: wait.detail })
            : wait.detail}
        </p>
      ) : null}
      <List data-test="volume-wait-advice">
        {advice.map((a) => (
          <ListItem key={a} data-advice={a}>
            <AdviceItem advice={a} />
          </ListItem>
        ))}
      </List>
      {canForceBind && advice.includes('force-bind') ? (
        <>
          <Checkbox
            id={`volume-wait-force-bind-${namespace}-${name}`}
            data-test="volume-wait-force-bind-consent"
            label={t(
              'Bind {{name}} now: the volume is placed on a node without waiting for a virtual machine',
              { name },
            )}
            isChecked={confirmed}
            onChange={(_e, v) => {
              setConfirmed(v);
            }}
          />
          <Button
            variant="secondary"
            size="sm"
            isDisabled={!confirmed || binding}
            isLoading={binding}
            data-test="volume-wait-force-bind"
            onClick={() => {
              setBinding(true);
              setBindError(undefined);
              forceBindDataVolume(namespace, name).then(
                () => {
                  setBinding(false);
                },
                (err: unknown) => {
                  setBinding(false);
                  // The API server's Status message (a 403 or 409 is not an Error with a message of its own).
                  setBindError(messageOf(err));
                },
              );
            }}
          >
            {t('Force-bind')}
          </Button>
          {bindError ? <p data-test="volume-wait-force-bind-error">{bindError}</p> : null}
        </>
      ) : null}
    </Alert>
  );
};
