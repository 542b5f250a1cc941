// The storage defaults page (seed 6.12.6). Where the `kubevirt-storage-class-defaults` ConfigMap exists (the seed's
// era): the ConfigMap in a Form view and a YAML view of the same object, validated, conflict-safe, with
// HyperConverged's resets and the StorageProfiles (its successor) side by side. Where it does not (HyperConverged
// 1.7 and later removed it): the StorageProfiles' editor, since they are the defaults CDI applies.
import { useCallback } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  PageSection,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import { DocumentTitle, ListPageHeader, ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import {
  STORAGE_DEFAULTS_CONFIG_MAP,
  isManagedByHyperConverged,
  keysHyperConvergedReverts,
} from '../../../lib/storage-defaults';
import { isDefaultClass } from '../../../lib/scratch-space';
import { LoadError } from '../../components/LoadError';
import { StickyActionBar } from '../../components/StickyActionBar';
import { ConfigMapModel, StorageProfileModel, gvkOf } from '../../k8s/models';
import { useStorageProfiles } from '../../k8s/hooks/useCdiSettings';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import { useStorageDefaultsConfigMap } from '../../k8s/hooks/useStorageDefaultsConfigMap';
import type { YamlProblem } from '../../../lib/storage-defaults-yaml';
import type { DataProblem } from '../../../lib/storage-defaults';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ConflictPanel, DiffLines } from './ConflictPanel';
import { DefaultsForm } from './DefaultsForm';
import { DefaultsYamlEditor } from './DefaultsYamlEditor';
import { ViewToggle } from './ProfileEditor';
import { ProfilesComparison } from './ProfilesComparison';
import { StorageProfilesEditor } from './StorageProfilesEditor';
import { problemMessage } from './problem-messages';
import { useDefaultsEditor } from './useDefaultsEditor';
import { AccessNotice } from '../../components/access/AccessNotice';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';
import './storage-defaults.css';

export const StorageDefaultsPage: FC = () => {
  const { t } = usePluginTranslation();
  const located = useStorageDefaultsConfigMap();
  const [classes, classesLoaded, classesError] = useStorageClasses();
  const [profiles, profilesLoaded, profilesError] = useStorageProfiles();
  const [pvs, pvsLoaded, pvsError] = usePersistentVolumes();
  const describeYamlProblem = useCallback((p: YamlProblem) => problemMessage(t, p), [t]);
  const classNames =
    classesLoaded && !classesError ? classes.map((sc) => sc.metadata?.name ?? '') : undefined;
  const editor = useDefaultsEditor({
    configMap: located.configMap,
    namespace: located.namespace,
    loaded: located.loaded && classesLoaded,
    storageClasses: classNames,
  });
  const { session } = editor;
  const defaultClass = classes.find(isDefaultClass);
  // HyperConverged reconciles the ConfigMap by name in its own namespace, labelled or not.
  const managed =
    isManagedByHyperConverged(located.configMap) ||
    located.hyperConvergedNamespace === located.namespace;
  const reverted =
    managed && editor.draftData
      ? keysHyperConvergedReverts(editor.draftData, located.localStorageClassName)
      : [];
  const title = t('Storage defaults');
  // No ConfigMap (HyperConverged ≥ 1.7 deletes it): the StorageProfiles are the defaults, edited here.
  const profilesMode = located.missing && !located.error;
  const [denied, accessLoaded] = useAccessNeeds(
    !located.loaded || !located.namespace
      ? []
      : profilesMode
        ? [needOf('update', StorageProfileModel)]
        : [
            located.configMap
              ? needOf('update', ConfigMapModel, {
                  namespace: located.namespace,
                  name: STORAGE_DEFAULTS_CONFIG_MAP,
                })
              : needOf('create', ConfigMapModel, { namespace: located.namespace }),
          ],
  );
  const accessNotice = <AccessNotice subject={t('the storage defaults')} denied={denied} />;

  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'The access mode and volume mode DataVolumes get when they are created in the console, globally and per storage class.',
        )}
      />
      {profilesMode ? (
        <PageSection data-test="storage-defaults-page">
          {accessNotice}
          <Alert
            isInline
            variant="info"
            title={t('Storage defaults are StorageProfiles on this cluster')}
            data-test="configmap-missing"
            className="vm-disks-plugin__block"
          >
            <p data-test="configmap-missing-why">
              {t(
                'HyperConverged 1.7 and later neither create nor keep the kubevirt-storage-class-defaults ConfigMap: the StorageProfiles below are the defaults, and CDI and current virtctl apply their claimPropertySets to DataVolumes that use spec.storage.',
              )}
            </p>
          </Alert>
          {profilesError ? (
            <LoadError error={profilesError} model={StorageProfileModel} verb="list" />
          ) : !profilesLoaded || !classesLoaded || (!pvsLoaded && !pvsError) ? (
            <div aria-busy="true" data-test="storage-defaults-loading">
              <Skeleton screenreaderText={t('Loading StorageProfiles')} />
            </div>
          ) : (
            <StorageProfilesEditor
              profiles={profiles}
              classes={classes}
              persistentVolumes={pvsError ? undefined : pvs}
              defaultClassName={defaultClass?.metadata?.name}
              readOnly={!accessLoaded || denied.length > 0}
            />
          )}
        </PageSection>
      ) : (
        <>
          <PageSection data-test="storage-defaults-page">
            {accessNotice}
            <Content component="p" data-test="configmap-location">
              {t('ConfigMap')}{' '}
              {located.configMap ? (
                <ResourceLink
                  groupVersionKind={gvkOf(ConfigMapModel)}
                  name={STORAGE_DEFAULTS_CONFIG_MAP}
                  namespace={located.namespace}
                  inline
                />
              ) : (
                <strong>{STORAGE_DEFAULTS_CONFIG_MAP}</strong>
              )}{' '}
              {t('in the namespace {{namespace}}', { namespace: located.namespace })}
            </Content>
            <Alert
              isInline
              isExpandable
              variant="info"
              component="h2"
              title={t('Only user interfaces read this ConfigMap')}
              className="vm-disks-plugin__block"
            >
              <p>
                {t(
                  'CDI itself never reads it: it only pre-fills DataVolume forms (this plugin included). HyperConverged creates it and, from HCO 1.3, sets its default keys back on every reconcile; HCO 1.7 removed it in favour of StorageProfiles, which CDI does use. Configure settings your storage really supports.',
                )}
              </p>
            </Alert>

            {located.error ? (
              <LoadError
                error={located.error}
                model={ConfigMapModel}
                verb="get"
                namespace={located.namespace}
              />
            ) : null}
            {!session ? (
              <div aria-busy="true" data-test="storage-defaults-loading">
                <Skeleton screenreaderText={t('Loading storage defaults')} />
              </div>
            ) : (
              <>
                {editor.creating ? (
                  <Alert
                    isInline
                    variant="info"
                    title={t('The ConfigMap does not exist yet')}
                    data-test="configmap-missing"
                    className="vm-disks-plugin__block"
                  >
                    <p data-test="configmap-missing-why">
                      {t(
                        'HyperConverged 1.7 and later neither create nor keep the kubevirt-storage-class-defaults ConfigMap: the StorageProfiles below are the defaults, and CDI and current virtctl apply their claimPropertySets to DataVolumes that use spec.storage.',
                      )}
                    </p>
                    {t('Saving creates it in the namespace {{namespace}}.', {
                      namespace: located.namespace,
                    })}
                  </Alert>
                ) : null}
                {reverted.length > 0 ? (
                  <Alert
                    isInline
                    variant="warning"
                    title={t('HyperConverged will revert some of these settings')}
                    data-test="hco-revert-warning"
                    className="vm-disks-plugin__block"
                  >
                    <p>
                      {t(
                        'HyperConverged manages the default keys of this ConfigMap and sets them back on its next reconcile. Set a per-class override or the StorageProfile instead.',
                      )}
                    </p>
                    <ul>
                      {reverted.map((r) => (
                        <li key={r.key} data-test="hco-reverted-key">
                          {r.wanted === undefined
                            ? t('{{key}} will come back as {{restored}}', {
                                key: r.key,
                                restored: r.restored,
                              })
                            : t('{{key}}: {{wanted}} will become {{restored}}', {
                                key: r.key,
                                wanted: r.wanted,
                                restored: r.restored,
                              })}
                        </li>
                      ))}
                    </ul>
                  </Alert>
                ) : null}
                {editor.remoteChangedWhileEditing && !editor.conflict ? (
                  <Alert
                    isInline
                    variant="info"
                    title={t('This ConfigMap changed on the server since you started editing')}
                    data-test="remote-changed"
                    className="vm-disks-plugin__block"
                  >
                    {t('Saving will show what changed and let you choose what to keep.')}
                  </Alert>
                ) : null}
                {editor.conflict ? (
                  <div className="vm-disks-plugin__block">
                    <ConflictPanel
                      remoteChanges={editor.conflict.remoteChanges}
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
                    <DiffLines changes={editor.overwritten} testId="reapplied-diff" />
                  </Alert>
                ) : null}

                <ViewToggle
                  view={session.view}
                  onSwitch={editor.switchView}
                  idPrefix="storage-defaults"
                />
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
                  <DefaultsForm
                    form={session.form}
                    onChange={editor.setForm}
                    problems={editor.problems as DataProblem[]}
                    classes={classes}
                    profiles={profiles}
                    defaultClass={defaultClass}
                    reverted={reverted}
                  />
                ) : (
                  <DefaultsYamlEditor
                    value={session.yaml}
                    onChange={editor.setYaml}
                    problems={editor.problems as YamlProblem[]}
                    describe={describeYamlProblem}
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
                    isDisabled={
                      editor.blocked ||
                      editor.saving ||
                      !editor.dirty ||
                      Boolean(editor.conflict) ||
                      !accessLoaded ||
                      denied.length > 0
                    }
                    isLoading={editor.saving}
                    onClick={() => {
                      void editor.save();
                    }}
                  >
                    {editor.creating ? t('Create') : t('Save')}
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
              </>
            )}
          </PageSection>

          <PageSection>
            <Card
              isCompact
              className="vm-disks-plugin__profiles-card"
              data-test="storage-profiles-card"
            >
              <CardHeader>
                <CardTitle>
                  <Title headingLevel="h2" size="lg">
                    {t('StorageProfiles, the successor')}
                  </Title>
                </CardTitle>
              </CardHeader>
              <CardBody>
                <Content component="p">
                  {t(
                    'CDI fills the access and volume mode of DataVolumes that use spec.storage from the StorageProfile of their class. Copy an override into a profile to make CDI use it too.',
                  )}
                </Content>
                {profilesError ? (
                  <LoadError error={profilesError} model={StorageProfileModel} verb="list" />
                ) : !profilesLoaded || !classesLoaded ? (
                  <Skeleton screenreaderText={t('Loading StorageProfiles')} />
                ) : (
                  <ProfilesComparison
                    data={editor.draftData ?? editor.baseData}
                    classes={classes}
                    profiles={profiles}
                  />
                )}
              </CardBody>
            </Card>
          </PageSection>
        </>
      )}
    </>
  );
};
