// StorageProfile side by side: for each storage class, what the ConfigMap draft gives a DataVolume and what the
// class's StorageProfile (the ConfigMap's successor) recommends; a row can be copied into the profile's
// `spec.claimPropertySets`.
import { useState } from 'react';
import type { FC } from 'react';
import { Alert, Button, Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import {
  copyToProfilePatch,
  profilePropertySets,
  resolveStorageDefaults,
} from '../../../lib/storage-defaults';
import type { ConfigMapData, ResolvedStorageDefaults } from '../../../lib/storage-defaults';
import { StorageProfileModel } from '../../k8s/models';
import { messageOf } from '../../k8s/load-error';
import type { StorageClassKind } from '../../k8s/types';
import type { StorageProfileKind } from '../../k8s/types/cdi-settings';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export interface ProfilesComparisonProps {
  data: ConfigMapData;
  classes: StorageClassKind[];
  profiles: StorageProfileKind[];
}

export const ProfilesComparison: FC<ProfilesComparisonProps> = ({ data, classes, profiles }) => {
  const { t } = usePluginTranslation();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<{ name: string; error?: string } | undefined>(undefined);

  const copy = async (profile: StorageProfileKind, setting: ResolvedStorageDefaults) => {
    const name = profile.metadata?.name ?? '';
    setBusy(name);
    setResult(undefined);
    try {
      await k8sPatch({
        model: StorageProfileModel,
        resource: profile,
        data: copyToProfilePatch(profile, setting),
      });
      setResult({ name });
    } catch (error) {
      setResult({ name, error: messageOf(error) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      {result ? (
        <Alert
          isInline
          variant={result.error ? 'danger' : 'success'}
          title={
            result.error
              ? t('Could not update the StorageProfile {{name}}', { name: result.name })
              : t('StorageProfile {{name}} updated', { name: result.name })
          }
          data-test="profile-copy-result"
        >
          {result.error}
        </Alert>
      ) : null}
      <Table
        aria-label={t('Storage defaults and StorageProfiles')}
        variant="compact"
        data-test="profiles-table"
      >
        <Thead>
          <Tr>
            <Th modifier="nowrap">{t('Storage class')}</Th>
            <Th>{t('Provisioner')}</Th>
            <Th>{t('This ConfigMap gives')}</Th>
            <Th>{t('StorageProfile recommends')}</Th>
            <Th screenReaderText={t('Actions')} />
          </Tr>
        </Thead>
        <Tbody>
          {classes.map((sc) => {
            const name = sc.metadata?.name ?? '';
            const profile = profiles.find((p) => p.metadata?.name === name);
            const fromMap = resolveStorageDefaults({ data }, undefined, name);
            const sets = profilePropertySets(profile);
            const hasOverride = fromMap.source === 'configmap-class';
            const alreadyFirst =
              sets[0]?.accessModes.length === 1 &&
              sets[0].accessModes[0] === fromMap.accessMode &&
              sets[0].volumeMode === fromMap.volumeMode &&
              Boolean(profile?.spec?.claimPropertySets?.length);
            return (
              <Tr key={name} data-test-row={name}>
                <Td dataLabel={t('Storage class')}>{name}</Td>
                <Td dataLabel={t('Provisioner')}>{sc.provisioner}</Td>
                <Td dataLabel={t('This ConfigMap gives')} data-test="configmap-gives">
                  {`${fromMap.accessMode} / ${fromMap.volumeMode}`}{' '}
                  <Label isCompact color={hasOverride ? 'blue' : 'grey'}>
                    {hasOverride ? t('class override') : t('global default')}
                  </Label>
                </Td>
                <Td dataLabel={t('StorageProfile recommends')} data-test="profile-recommends">
                  {!profile ? (
                    t('No StorageProfile')
                  ) : sets.length === 0 ? (
                    t('Nothing (CDI does not know this provisioner)')
                  ) : (
                    <LabelGroup>
                      {sets.map((s) => (
                        <Label isCompact key={`${s.accessModes.join(',')}/${s.volumeMode}`}>
                          {`${s.accessModes.join(', ')} / ${s.volumeMode}`}
                        </Label>
                      ))}
                    </LabelGroup>
                  )}
                </Td>
                <Td isActionCell>
                  {profile && hasOverride ? (
                    <Button
                      variant="secondary"
                      size="sm"
                      isDisabled={busy !== undefined || alreadyFirst}
                      isLoading={busy === name}
                      data-test="copy-to-profile"
                      onClick={() => {
                        void copy(profile, fromMap);
                      }}
                    >
                      {alreadyFirst ? t('In StorageProfile') : t('Copy to StorageProfile')}
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    </>
  );
};
