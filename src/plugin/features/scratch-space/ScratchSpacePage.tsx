// The scratch space page (seed 6.12.7): the effective scratch storage class (CDIConfig status), where the setting
// really lives (HyperConverged, else the CDI resource, else CDIConfig), a class picker with Filesystem warnings and
// the fallback explained with this cluster's classes, save to the owner, then the status converging.
import { useState } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  PageSection,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import InProgressIcon from '@patternfly/react-icons/dist/esm/icons/in-progress-icon';
import {
  DocumentTitle,
  ListPageHeader,
  ResourceLink,
  k8sPatch,
} from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import {
  fallbackIfMissing,
  fallsBackToDefaultClass,
  filesystemSupport,
  resolveScratchClass,
  scratchConvergence,
  scratchPatch,
  scratchSettingOwner,
  withCdiConfigValue,
} from '../../../lib/scratch-space';
import { LoadError } from '../../components/LoadError';
import { StickyActionBar } from '../../components/StickyActionBar';
import {
  CDIConfigModel,
  CDIModel,
  HyperConvergedModel,
  StorageClassModel,
  gvkOf,
} from '../../k8s/models';
import { messageOf } from '../../k8s/load-error';
import {
  useCdiConfig,
  useCdis,
  useHyperConvergedModel,
  useHyperConvergeds,
  useStorageProfiles,
} from '../../k8s/hooks/useCdiSettings';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import type { K8sResourceCommon } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import {
  convergenceText,
  fallbackText,
  filesystemSupportText,
  ownerExplanation,
  resolutionStepText,
} from './scratch-words';
import { useDirectEditReverts } from './useDirectEditReverts';
import { unreadableFacts } from './unreadable-facts';
import { AccessNotice } from '../../components/access/AccessNotice';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';
import './scratch-space.css';

const MODEL_OF: Record<string, K8sModel> = {
  HyperConverged: HyperConvergedModel,
  CDI: CDIModel,
  CDIConfig: CDIConfigModel,
};

export const ScratchSpacePage: FC = () => {
  const { t } = usePluginTranslation();
  const [hcos, hcosLoaded, hcosError] = useHyperConvergeds();
  const { model: hcoModel } = useHyperConvergedModel();
  const modelOf = (kind: string): K8sModel =>
    kind === 'HyperConverged' && hcoModel ? hcoModel : (MODEL_OF[kind] ?? CDIConfigModel);
  const [cdis, cdisLoaded, cdisError] = useCdis();
  const [cdiConfig, configLoaded, configError] = useCdiConfig();
  const [classes, classesLoaded, classesError] = useStorageClasses();
  const [profiles] = useStorageProfiles();
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [wanted, setWanted] = useState<{ value: string | undefined } | undefined>(undefined);

  const loaded =
    (hcosLoaded || Boolean(hcosError)) &&
    (cdisLoaded || Boolean(cdisError)) &&
    (configLoaded || Boolean(configError)) &&
    (classesLoaded || Boolean(classesError));
  const hco = hcos.find((h) => !h.metadata?.deletionTimestamp);
  const cdi = cdis.at(0);
  const owner = withCdiConfigValue(scratchSettingOwner({ hyperConverged: hco, cdi }), cdiConfig);
  const unknown = unreadableFacts({
    hyperConvergedFound: hco !== undefined,
    hyperConvergedsError: hcosError,
    cdiFound: cdi !== undefined,
    cdisError,
    cdiConfigError: configError,
  });
  const ownerObject: K8sResourceCommon | undefined = unknown.owner
    ? undefined
    : owner.kind === 'HyperConverged'
      ? hco
      : owner.kind === 'CDI'
        ? cdi
        : cdiConfig;
  const [denied, accessLoaded] = useAccessNeeds(
    ownerObject
      ? [
          needOf('patch', modelOf(owner.kind), {
            ...(owner.namespace ? { namespace: owner.namespace } : {}),
            name: owner.name,
          }),
        ]
      : [],
  );
  const cdiVersion = cdi?.status?.observedVersion ?? cdi?.status?.operatorVersion;
  const effective = cdiConfig?.status?.scratchSpaceStorageClass || undefined;
  const edits = useDirectEditReverts({
    active: owner.kind !== 'CDIConfig',
    loaded: loaded && cdiConfig !== undefined,
    spec: cdiConfig?.spec,
    generation: cdiConfig?.metadata?.generation,
    ownerValue: cdi?.spec?.config?.scratchSpaceStorageClass || undefined,
  });

  const selected = choice ?? owner.value ?? '';
  const selectedClass = classes.find((sc) => sc.metadata?.name === selected);
  const resolution = resolveScratchClass({
    configured: owner.value,
    storageClasses: classes,
    cdiVersion,
  });
  const support = selectedClass
    ? filesystemSupport(
        selectedClass,
        profiles.find((p) => p.metadata?.name === selected),
      )
    : undefined;
  const supportWarning =
    support && selected ? filesystemSupportText(t, selected, support) : undefined;
  const fallback = selected
    ? fallbackText(
        t,
        selected,
        fallbackIfMissing({ storageClass: selected, storageClasses: classes, cdiVersion }),
      )
    : undefined;
  const convergence = wanted
    ? scratchConvergence({
        owner,
        wanted: wanted.value,
        cdi,
        cdiConfig,
        storageClasses: classes,
        cdiVersion,
      })
    : [];
  const converged = convergence.length > 0 && convergence.every((s) => s.done);

  const save = async () => {
    if (!ownerObject) return;
    const value = selected || undefined;
    setSaving(true);
    setSaveError(undefined);
    try {
      const model = modelOf(owner.kind);
      const patch = scratchPatch(owner, ownerObject, value);
      if (patch.length > 0) await k8sPatch({ model, resource: ownerObject, data: patch });
      setWanted({ value });
      setChoice(undefined);
    } catch (error) {
      setSaveError(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  const title = t('Scratch space');
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'CDI writes images to a temporary scratch PVC (Filesystem, ReadWriteOnce, about the size of the disk) for uploads, registry imports and compressed qcow2 imports. Choose the storage class it comes from.',
        )}
      />
      <PageSection data-test="scratch-space-page">
        <AccessNotice subject={t('the scratch space setting')} denied={denied} />
        {configError ? <LoadError error={configError} model={CDIConfigModel} verb="get" /> : null}
        {classesError ? (
          <LoadError error={classesError} model={StorageClassModel} verb="list" />
        ) : null}
        {!loaded ? (
          <Skeleton screenreaderText={t('Loading scratch space settings')} />
        ) : (
          <>
            <Card isCompact className="vm-disks-plugin__scratch-card" data-test="scratch-current">
              <CardHeader>
                <CardTitle>
                  <Title headingLevel="h2" size="lg">
                    {t('Current setting')}
                  </Title>
                </CardTitle>
              </CardHeader>
              <CardBody>
                <DescriptionList isHorizontal>
                  <DescriptionListGroup>
                    <DescriptionListTerm>
                      {t('Effective scratch storage class')}
                    </DescriptionListTerm>
                    <DescriptionListDescription>
                      <span data-test="effective-scratch-class">
                        {unknown.effective
                          ? t('Unknown: you may not read {{resource}}', {
                              resource: unknown.effective,
                            })
                          : (effective ?? t("None: each scratch PVC uses its DataVolume's class"))}
                      </span>
                      {/* Inside the description: a <dl> group may hold only its <dt> and <dd> (axe definition-list). */}
                      {!effective && !unknown.effective && !fallsBackToDefaultClass(cdiVersion) ? (
                        <Content
                          component="small"
                          className="vm-disks-plugin__scratch-note"
                          data-test="scratch-empty-status"
                        >
                          {t(
                            'CDI {{version}} (1.65 and later) writes a class into the CDIConfig status only when a scratch class is configured and exists. It no longer falls back to the cluster default class: each scratch PVC takes the storage class of the DataVolume it serves, and the cluster default only when that has none.',
                            { version: cdiVersion ?? '' },
                          )}
                        </Content>
                      ) : null}
                    </DescriptionListDescription>
                  </DescriptionListGroup>
                  <DescriptionListGroup>
                    <DescriptionListTerm>{t('Set on')}</DescriptionListTerm>
                    <DescriptionListDescription
                      data-test="scratch-owner"
                      data-owner-kind={unknown.owner ? 'unknown' : owner.kind}
                    >
                      {unknown.owner ? (
                        t('Unknown: you may not read {{resource}}', { resource: unknown.owner })
                      ) : (
                        <>
                          <ResourceLink
                            groupVersionKind={gvkOf(modelOf(owner.kind))}
                            name={owner.name}
                            namespace={owner.namespace}
                            inline
                          />{' '}
                          <code>{owner.path.join('.')}</code>
                        </>
                      )}
                    </DescriptionListDescription>
                  </DescriptionListGroup>
                  <DescriptionListGroup>
                    <DescriptionListTerm>{t('Configured value')}</DescriptionListTerm>
                    <DescriptionListDescription data-test="configured-scratch-class">
                      {unknown.owner ? t('Unknown') : (owner.value ?? t('(not set)'))}
                    </DescriptionListDescription>
                  </DescriptionListGroup>
                </DescriptionList>
                {unknown.owner ? null : (
                  <Content component="p" className="vm-disks-plugin__scratch-note">
                    {ownerExplanation(t, owner)}
                  </Content>
                )}
                {unknown.owner ? null : (
                  <>
                    <Title headingLevel="h3" size="md">
                      {t('How CDI picks the class')}
                    </Title>
                    <List component="ol" data-test="scratch-resolution">
                      {resolution.map((step) => (
                        <ListItem key={step.kind} data-step={step.kind}>
                          {resolutionStepText(t, step)}
                        </ListItem>
                      ))}
                    </List>
                  </>
                )}
                {edits.length > 0 ? (
                  <Alert
                    isInline
                    variant="warning"
                    title={t('Direct edits of CDIConfig are set back')}
                    data-test="scratch-reverts"
                    className="vm-disks-plugin__scratch-note"
                  >
                    <List>
                      {edits.map((edit, index) => (
                        <ListItem
                          key={index}
                          data-test="scratch-revert"
                          data-reverted={edit.reverted}
                        >
                          {!edit.seen
                            ? t(
                                'CDIConfig.spec was changed directly; CDI set it back to {{restored}}.',
                                { restored: edit.restoredTo ?? t('(not set)') },
                              )
                            : edit.reverted
                              ? t(
                                  'CDIConfig.spec.scratchSpaceStorageClass was changed to {{value}}; CDI set it back to {{restored}}.',
                                  {
                                    value: edit.value ?? t('(not set)'),
                                    restored: edit.restoredTo ?? t('(not set)'),
                                  },
                                )
                              : t(
                                  'CDIConfig.spec.scratchSpaceStorageClass was changed to {{value}}; its owner will set it back.',
                                  { value: edit.value ?? t('(not set)') },
                                )}
                        </ListItem>
                      ))}
                    </List>
                  </Alert>
                ) : null}
              </CardBody>
            </Card>

            <Card isCompact className="vm-disks-plugin__scratch-card" data-test="scratch-edit">
              <CardHeader>
                <CardTitle>
                  <Title headingLevel="h2" size="lg">
                    {t('Change the scratch storage class')}
                  </Title>
                </CardTitle>
              </CardHeader>
              <CardBody>
                {!ownerObject ? (
                  <Alert
                    isInline
                    variant="warning"
                    title={t('The object that holds this setting cannot be read')}
                    data-test="scratch-owner-unreadable"
                  >
                    {unknown.owner
                      ? t(
                          'You may not read {{resource}}, so this page cannot tell which object holds the setting.',
                          { resource: unknown.owner },
                        )
                      : null}
                  </Alert>
                ) : (
                  <Form
                    onSubmit={(event) => {
                      event.preventDefault();
                      void save();
                    }}
                  >
                    <FormGroup
                      label={t('Scratch storage class on {{kind}} {{name}}', {
                        kind: owner.kind,
                        name: owner.name,
                      })}
                      fieldId="scratch-class"
                      className="vm-disks-plugin__narrow-field"
                    >
                      <FormSelect
                        id="scratch-class"
                        value={selected}
                        data-test="scratch-class-select"
                        onChange={(_event, value) => {
                          setChoice(value);
                        }}
                      >
                        <FormSelectOption value="" label={t('Not set (use the fallback)')} />
                        {classes.map((sc) => {
                          const name = sc.metadata?.name ?? '';
                          const fs = filesystemSupport(
                            sc,
                            profiles.find((p) => p.metadata?.name === name),
                          );
                          return (
                            <FormSelectOption
                              key={name}
                              value={name}
                              label={
                                fs === 'block-only'
                                  ? t('{{name}} ({{provisioner}}) - no Filesystem volumes', {
                                      name,
                                      provisioner: sc.provisioner,
                                    })
                                  : t('{{name}} ({{provisioner}})', {
                                      name,
                                      provisioner: sc.provisioner,
                                    })
                              }
                            />
                          );
                        })}
                        {selected && !selectedClass ? (
                          <FormSelectOption
                            value={selected}
                            label={t('{{name}} (does not exist)', { name: selected })}
                          />
                        ) : null}
                      </FormSelect>
                      <FormHelperText>
                        <HelperText>
                          {supportWarning ? (
                            <HelperTextItem
                              variant={support === 'block-only' ? 'error' : 'warning'}
                              data-test="scratch-class-warning"
                            >
                              {supportWarning}
                            </HelperTextItem>
                          ) : null}
                          {selected && !selectedClass ? (
                            <HelperTextItem variant="warning" data-test="scratch-class-warning">
                              {t('{{name}} does not exist: CDI ignores it.', { name: selected })}
                            </HelperTextItem>
                          ) : null}
                          {fallback ? (
                            <HelperTextItem data-test="scratch-fallback">{fallback}</HelperTextItem>
                          ) : null}
                        </HelperText>
                      </FormHelperText>
                    </FormGroup>
                    {owner.kind !== 'CDIConfig' ? (
                      <Content component="p">
                        {t('Saving writes {{path}} on {{kind}} {{name}}, not CDIConfig.', {
                          path: owner.path.join('.'),
                          kind: owner.kind,
                          name: owner.name,
                        })}
                      </Content>
                    ) : null}
                    {saveError ? (
                      <Alert
                        isInline
                        variant="danger"
                        title={t('Could not save')}
                        data-test="scratch-save-error"
                      >
                        {saveError}
                      </Alert>
                    ) : null}
                    <StickyActionBar>
                      <Button
                        type="submit"
                        variant="primary"
                        data-test="scratch-save"
                        isLoading={saving}
                        isDisabled={
                          saving ||
                          (selected || undefined) === owner.value ||
                          !accessLoaded ||
                          denied.length > 0
                        }
                      >
                        {t('Save')}
                      </Button>
                      <Button
                        variant="secondary"
                        data-test="scratch-reload"
                        isDisabled={saving || choice === undefined}
                        onClick={() => {
                          setChoice(undefined);
                        }}
                      >
                        {t('Reload')}
                      </Button>
                    </StickyActionBar>
                  </Form>
                )}
                {wanted ? (
                  <div
                    data-test="scratch-convergence"
                    data-converged={converged}
                    className="vm-disks-plugin__scratch-note"
                  >
                    <Title headingLevel="h3" size="md">
                      {converged ? t('Applied') : t('Applying…')}
                    </Title>
                    <List isPlain>
                      {convergence.map((step) => (
                        <ListItem
                          key={step.kind}
                          data-test="convergence-step"
                          data-step={step.kind}
                          data-done={step.done}
                          icon={step.done ? <CheckCircleIcon /> : <InProgressIcon />}
                        >
                          {convergenceText(t, step, owner)}
                        </ListItem>
                      ))}
                    </List>
                  </div>
                ) : null}
              </CardBody>
            </Card>
          </>
        )}
      </PageSection>
    </>
  );
};
