// The editor of one StorageProfile: CDI's recommendation with a one-click "Use recommendation", a Form view and a
// YAML view of the spec, Save with the base resourceVersion and the conflict panel when someone else saved first.
import { useCallback, useMemo } from 'react';
import type { FC } from 'react';
import { Alert, Button, Content, Label, LabelGroup, Title } from '@patternfly/react-core';
import { cdiRecommendation, describeSet, sameSets } from '../../../lib/storage-profiles';
import type {
  ProfileContext,
  ProfileProblem,
  StorageProfileObject,
} from '../../../lib/storage-profiles';
import type { ProfileYamlProblem } from '../../../lib/storage-profiles-yaml';
import type { StorageProfileKind } from '../../k8s/types/cdi-settings';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { DocumentEditorPanel } from './DocumentEditorPanel';
import { DefaultsYamlEditor } from './DefaultsYamlEditor';
import { ProfileForm } from './ProfileForm';
import { profileProblemMessage } from './profile-messages';
import { useProfileEditor } from './useProfileEditor';

export interface ProfileEditorProps {
  profile: StorageProfileKind;
  context: ProfileContext;
}

export const ProfileEditor: FC<ProfileEditorProps> = ({ profile, context }) => {
  const { t } = usePluginTranslation();
  const editor = useProfileEditor(profile, context);
  const { session } = editor;
  const name = profile.metadata?.name ?? '';
  const recommendation = useMemo(
    () =>
      cdiRecommendation(profile as StorageProfileObject, {
        provisioner: context.provisioner,
        parameters: context.parameters,
        persistentVolumes: context.persistentVolumes,
      }),
    [profile, context],
  );
  const describe = useCallback((p: ProfileYamlProblem) => profileProblemMessage(t, p), [t]);
  if (!session) return null;
  const usingRecommendation =
    recommendation !== undefined &&
    session.view === 'form' &&
    sameSets(session.form.sets, recommendation.sets);

  return (
    <section
      data-test="profile-editor"
      data-profile={name}
      aria-labelledby={`profile-editor-${name}`}
    >
      <Title headingLevel="h2" size="lg" id={`profile-editor-${name}`}>
        {t('StorageProfile {{name}}', { name })}
      </Title>
      <Content component="p">
        {t('Provisioner: {{provisioner}}', {
          provisioner: context.provisioner ?? profile.status?.provisioner ?? t('unknown'),
        })}
      </Content>
      <Alert
        isInline
        variant={recommendation ? 'info' : 'custom'}
        title={
          recommendation
            ? t('CDI recommends')
            : t('CDI has no recommendation for this storage class')
        }
        data-test="profile-recommendation"
        className="vm-disks-plugin__block"
        actionLinks={
          recommendation && session.view === 'form' ? (
            <Button
              variant="link"
              isInline
              data-test="use-recommendation"
              isDisabled={usingRecommendation}
              onClick={() => {
                editor.setForm({ ...session.form, sets: recommendation.sets });
              }}
            >
              {usingRecommendation ? t('Recommendation in use') : t('Use recommendation')}
            </Button>
          ) : undefined
        }
      >
        {recommendation ? (
          <>
            <LabelGroup data-test="recommended-sets">
              {recommendation.sets.map((set) => (
                <Label isCompact key={describeSet(set)} data-test="recommended-set">
                  {describeSet(set)}
                </Label>
              ))}
            </LabelGroup>
            <p>
              {recommendation.source === 'status'
                ? t(
                    'Computed by CDI (status.claimPropertySets); it applies while the spec sets none.',
                  )
                : t(
                    'From CDI’s capabilities for this provisioner. The spec below overrides it; remove every set to go back to it.',
                  )}
            </p>
          </>
        ) : (
          t(
            'CDI does not know this provisioner. Set the claim property sets your storage supports.',
          )
        )}
      </Alert>

      <DocumentEditorPanel
        editor={editor}
        idPrefix={`profile-${name}`}
        remoteChangedTitle={t(
          'This StorageProfile changed on the server since you started editing',
        )}
        conflictTitle={t('Someone else changed this StorageProfile while you were editing')}
        saveLabel={t('Save')}
        form={
          <ProfileForm
            name={name}
            form={session.form}
            onChange={editor.setForm}
            problems={editor.problems as ProfileProblem[]}
            effectiveCloneStrategy={profile.status?.cloneStrategy}
            effectiveSourceFormat={profile.status?.dataImportCronSourceFormat}
          />
        }
        yaml={
          <DefaultsYamlEditor
            value={session.yaml}
            onChange={editor.setYaml}
            problems={editor.problems as ProfileYamlProblem[]}
            describe={describe}
            testId="profile-yaml"
            onSave={() => {
              void editor.save();
            }}
          />
        }
      />
    </section>
  );
};
