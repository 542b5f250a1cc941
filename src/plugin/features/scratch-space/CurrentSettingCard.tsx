// The scratch space page's first card: the effective class, where the setting lives, how CDI picks the class, and
// direct edits of CDIConfig that CDI set back.
import type { FC } from 'react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  List,
  ListItem,
  Title,
} from '@patternfly/react-core';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { fallsBackToDefaultClass } from '../../../lib/scratch-space';
import { gvkOf } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ownerExplanation, resolutionStepText } from './scratch-words';
import type { ScratchSpace } from './useScratchSpace';

export const CurrentSettingCard: FC<{ scratch: ScratchSpace }> = ({ scratch }) => {
  const { t } = usePluginTranslation();
  const { unknown, effective, cdiVersion, owner, ownerModel, resolution, edits } = scratch;
  return (
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
            <DescriptionListTerm>{t('Effective scratch storage class')}</DescriptionListTerm>
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
                    groupVersionKind={gvkOf(ownerModel)}
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
                <ListItem key={index} data-test="scratch-revert" data-reverted={edit.reverted}>
                  {!edit.seen
                    ? t('CDIConfig.spec was changed directly; CDI set it back to {{restored}}.', {
                        restored: edit.restoredTo ?? t('(not set)'),
                      })
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
  );
};
