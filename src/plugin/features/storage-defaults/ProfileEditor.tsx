// The editor of one StorageProfile: CDI's recommendation with a one-click "Use recommendation", a Form view and a
// YAML view of the spec, Save with the base resourceVersion and the conflict panel when someone else saved first.
import { useCallback, useMemo } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Button,
  Content,
  Label,
  LabelGroup,
  Title,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { cdiRecommendation, describeSet, sameSets } from '../../../lib/storage-profiles';
import type {
  ProfileContext,
  ProfileProblem,
  StorageProfileObject,
} from '../../../lib/storage-profiles';
import type { ProfileYamlProblem } from '../../../lib/storage-profiles-yaml';
import type { StorageProfileKind } from '../../k8s/types/cdi-settings';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { StickyActionBar } from '../../components/StickyActionBar';
import { ConflictPanel, DiffLines } from './ConflictPanel';
import { DefaultsYamlEditor } from './DefaultsYamlEditor';
import { ProfileForm } from './ProfileForm';
import { profileProblemMessage } from './profile-messages';
import { useProfileEditor } from './useProfileEditor';
import type { EditorView } from './useDefaultsEditor';

/** The Form / YAML switch; the selected side is the one `view` names. */
export const ViewToggle: FC<{
  view: EditorView;
  onSwitch: (view: EditorView) => void;
  idPrefix: string;
}> = ({ view, onSwitch, idPrefix }) => {
  const { t } = usePluginTranslation();
  return (
    <ToggleGroup aria-label={t('Editor view')} className="vm-disks-plugin__block">
      <ToggleGroupItem
        text={t('Form view')}
        buttonId={`${idPrefix}-form-view`}
        data-test="view-form"
        isSelected={view === 'form'}
        onChange={() => {
          onSwitch('form');
        }}
      />
      <ToggleGroupItem
        text={t('YAML view')}
        buttonId={`${idPrefix}-yaml-view`}
        data-test="view-yaml"
        isSelected={view === 'yaml'}
        onChange={() => {
          onSwitch('yaml');
        }}
      />
    </ToggleGroup>
  );
};

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

      {editor.remoteChangedWhileEditing && !editor.conflict ? (
        <Alert
          isInline
          variant="info"
          title={t('This StorageProfile changed on the server since you started editing')}
          data-test="remote-changed"
          className="vm-disks-plugin__block"
        >
          {t('Saving will show what changed and let you choose what to keep.')}
        </Alert>
      ) : null}
      {editor.conflict ? (
        <div className="vm-disks-plugin__block">
          <ConflictPanel
            title={t('Someone else changed this StorageProfile while you were editing')}
            remoteChanges={editor.conflict.remoteChanges.map((c) => ({
              key: c.field,
              before: c.before,
              after: c.after,
            }))}
            onReload={editor.reload}
            onReapply={editor.reapply}
          />
        </div>
      ) : null}
      {editor.overwritten.length > 0 ? (
        <Alert
          isInline
          variant="warning"
          title={t('Your edit now overwrites these remote changes')}
          data-test="reapplied-overwrites"
          className="vm-disks-plugin__block"
        >
          <DiffLines
            changes={editor.overwritten.map((c) => ({
              key: c.field,
              before: c.before,
              after: c.after,
            }))}
            testId="reapplied-diff"
          />
        </Alert>
      ) : null}

      <ViewToggle view={session.view} onSwitch={editor.switchView} idPrefix={`profile-${name}`} />
      {editor.switchRefused ? (
        <Alert
          isInline
          variant="danger"
          title={t('Fix the YAML syntax before switching to the form')}
          data-test="switch-refused"
          className="vm-disks-plugin__block"
        />
      ) : null}
      {session.view === 'form' ? (
        <ProfileForm
          name={name}
          form={session.form}
          onChange={editor.setForm}
          problems={editor.problems as ProfileProblem[]}
          effectiveCloneStrategy={profile.status?.cloneStrategy}
          effectiveSourceFormat={
            (profile.status as { dataImportCronSourceFormat?: string } | undefined)
              ?.dataImportCronSourceFormat
          }
        />
      ) : (
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
      )}

      {editor.saveError ? (
        <Alert
          isInline
          variant="danger"
          title={t('Could not save')}
          data-test="save-error"
          className="vm-disks-plugin__block"
        >
          {editor.saveError}
        </Alert>
      ) : null}
      {editor.saved && !editor.dirty ? (
        <Alert
          isInline
          variant="success"
          title={t('Saved')}
          data-test="saved"
          className="vm-disks-plugin__block"
        />
      ) : null}
      <StickyActionBar>
        <Button
          variant="primary"
          data-test="save"
          isDisabled={editor.blocked || editor.saving || !editor.dirty || Boolean(editor.conflict)}
          isLoading={editor.saving}
          onClick={() => {
            void editor.save();
          }}
        >
          {t('Save')}
        </Button>
        <Button
          variant="secondary"
          data-test="reload"
          isDisabled={editor.saving}
          onClick={editor.reload}
        >
          {t('Reload')}
        </Button>
        {editor.blocked && editor.dirty ? (
          <span className="vm-disks-plugin__blocked" data-test="save-blocked">
            {t('Fix the errors to save.')}
          </span>
        ) : null}
      </StickyActionBar>
    </section>
  );
};
