// Today's storage defaults: every StorageProfile (one per storage class) with what its spec sets and what CDI
// recommends, and the editor of the one chosen (the default class's at first).
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import { Button, Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { cdiRecommendation, describeSet } from '../../../lib/storage-profiles';
import type { ProfileContext, StorageProfileObject } from '../../../lib/storage-profiles';
import type { PersistentVolumeKind, StorageClassKind } from '../../k8s/types';
import type { StorageProfileKind } from '../../k8s/types/cdi-settings';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ProfileEditor } from './ProfileEditor';

export interface StorageProfilesEditorProps {
  profiles: StorageProfileKind[];
  classes: StorageClassKind[];
  /** `undefined` when the PVs could not be read (no-provisioner recommendations are then unknown). */
  persistentVolumes: PersistentVolumeKind[] | undefined;
  defaultClassName: string | undefined;
  /** The user may not update StorageProfiles (the page says why): nothing can be opened for editing. */
  readOnly?: boolean;
}

const contextFor = (
  name: string,
  classes: StorageClassKind[],
  persistentVolumes: PersistentVolumeKind[] | undefined,
): ProfileContext => {
  const sc = classes.find((c) => c.metadata?.name === name);
  return {
    storageClass: name,
    provisioner: sc?.provisioner,
    parameters: sc?.parameters,
    persistentVolumes: persistentVolumes
      ?.filter((pv) => pv.spec?.storageClassName === name)
      .map((pv) => ({ accessModes: pv.spec?.accessModes, volumeMode: pv.spec?.volumeMode })),
  };
};

const SetLabels: FC<{
  sets: { accessModes?: string[]; volumeMode?: string }[];
  testId: string;
}> = ({ sets, testId }) => (
  <LabelGroup data-test={testId}>
    {sets.map((set) => (
      <Label isCompact key={describeSet(set)}>
        {describeSet(set)}
      </Label>
    ))}
  </LabelGroup>
);

export const StorageProfilesEditor: FC<StorageProfilesEditorProps> = ({
  profiles,
  classes,
  persistentVolumes,
  defaultClassName,
  readOnly = false,
}) => {
  const { t } = usePluginTranslation();
  const names = profiles.map((p) => p.metadata?.name ?? '');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const selected = readOnly
    ? undefined
    : chosen && names.includes(chosen)
      ? chosen
      : defaultClassName && names.includes(defaultClassName)
        ? defaultClassName
        : names[0];
  const profile = profiles.find((p) => p.metadata?.name === selected);
  const context = useMemo(
    () => contextFor(selected ?? '', classes, persistentVolumes),
    [selected, classes, persistentVolumes],
  );

  return (
    <>
      <Table aria-label={t('StorageProfiles')} variant="compact" data-test="profiles-table">
        <Thead>
          <Tr>
            <Th modifier="nowrap">{t('StorageProfile')}</Th>
            <Th>{t('Provisioner')}</Th>
            <Th>{t('Set in spec')}</Th>
            <Th>{t('CDI recommends')}</Th>
            <Th screenReaderText={t('Actions')} />
          </Tr>
        </Thead>
        <Tbody>
          {profiles.map((p) => {
            const name = p.metadata?.name ?? '';
            const ctx = contextFor(name, classes, persistentVolumes);
            const recommendation = cdiRecommendation(p as StorageProfileObject, ctx);
            const specSets = p.spec?.claimPropertySets ?? [];
            return (
              <Tr key={name} data-test-row={name} isRowSelected={name === selected}>
                <Td dataLabel={t('StorageProfile')}>
                  {name}
                  {name === defaultClassName ? (
                    <>
                      {' '}
                      <Label isCompact color="blue">
                        {t('default class')}
                      </Label>
                    </>
                  ) : null}
                </Td>
                <Td dataLabel={t('Provisioner')}>
                  {ctx.provisioner ?? p.status?.provisioner ?? ''}
                </Td>
                <Td dataLabel={t('Set in spec')} data-test="profile-spec-sets">
                  {specSets.length > 0 ? (
                    <SetLabels sets={specSets} testId="spec-sets" />
                  ) : (
                    t('Nothing (CDI decides)')
                  )}
                </Td>
                <Td dataLabel={t('CDI recommends')} data-test="profile-recommends">
                  {recommendation ? (
                    <SetLabels sets={recommendation.sets} testId="recommended-sets" />
                  ) : (
                    t('Nothing (CDI does not know this provisioner)')
                  )}
                </Td>
                <Td isActionCell>
                  <Button
                    variant={name === selected ? 'primary' : 'secondary'}
                    size="sm"
                    data-test="edit-profile"
                    isDisabled={readOnly}
                    aria-pressed={name === selected}
                    onClick={() => {
                      setChosen(name);
                    }}
                  >
                    {name === selected ? t('Editing') : t('Edit')}
                  </Button>
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {profile ? (
        <div className="vm-disks-plugin__profile-editor">
          <ProfileEditor key={selected} profile={profile} context={context} />
        </div>
      ) : null}
    </>
  );
};
