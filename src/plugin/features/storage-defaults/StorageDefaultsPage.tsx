// The storage defaults page (seed 6.12.6). Where the `kubevirt-storage-class-defaults` ConfigMap exists (the seed's
// era): the ConfigMap in a Form view and a YAML view of the same object, validated, conflict-safe, with
// HyperConverged's resets and the StorageProfiles (its successor) side by side. Where it does not (HyperConverged
// 1.7 and later removed it): the StorageProfiles' editor, since they are the defaults CDI applies.
import { useCallback } from 'react';
import type { FC } from 'react';
import {
  Alert,
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
import { ConfigMapModel, StorageProfileModel, gvkOf } from '../../k8s/models';
import { useStorageProfiles } from '../../k8s/hooks/useCdiSettings';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import { useStorageDefaultsConfigMap } from '../../k8s/hooks/useStorageDefaultsConfigMap';
import type { DefaultsYamlProblem } from '../../../lib/storage-defaults-yaml';
import type { DataProblem } from '../../../lib/storage-defaults';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { DefaultsForm } from './DefaultsForm';
import { DefaultsYamlEditor } from './DefaultsYamlEditor';
import { DocumentEditorPanel } from './DocumentEditorPanel';
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
  const describeYamlProblem = useCallback((p: DefaultsYamlProblem) => problemMessage(t, p), [t]);
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
    managed && editor.draft
      ? keysHyperConvergedReverts(editor.draft, located.localStorageClassName)
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
  const whyNoConfigMap = (
    <p data-test="configmap-missing-why">
      {t(
        'HyperConverged 1.7 and later neither create nor keep the kubevirt-storage-class-defaults ConfigMap: the StorageProfiles below are the defaults, and CDI and current virtctl apply their claimPropertySets to DataVolumes that use spec.storage.',
      )}
    </p>
  );

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
            {whyNoConfigMap}
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
                    {whyNoConfigMap}
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
                <DocumentEditorPanel
                  editor={editor}
                  idPrefix="storage-defaults"
                  remoteChangedTitle={t(
                    'This ConfigMap changed on the server since you started editing',
                  )}
                  conflictTitle={t('Someone else changed this ConfigMap while you were editing')}
                  saveLabel={editor.creating ? t('Create') : t('Save')}
                  saveDenied={!accessLoaded || denied.length > 0}
                  form={
                    <DefaultsForm
                      form={session.form}
                      onChange={editor.setForm}
                      problems={editor.problems as DataProblem[]}
                      classes={classes}
                      profiles={profiles}
                      defaultClass={defaultClass}
                      reverted={reverted}
                    />
                  }
                  yaml={
                    <DefaultsYamlEditor
                      value={session.yaml}
                      onChange={editor.setYaml}
                      problems={editor.problems as DefaultsYamlProblem[]}
                      describe={describeYamlProblem}
                      onSave={() => {
                        void editor.save();
                      }}
                    />
                  }
                />
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
                    data={editor.draft ?? editor.baseDraft ?? {}}
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
