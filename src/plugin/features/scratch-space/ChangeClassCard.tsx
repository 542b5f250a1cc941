// The scratch space page's second card: the class picker (Filesystem support, a missing class, the fallback
// explained), Save to the setting's owner, and the convergence of CDIConfig's status afterwards.
import type { FC } from 'react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  Title,
} from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import InProgressIcon from '@patternfly/react-icons/dist/esm/icons/in-progress-icon';
import { filesystemSupport } from '../../../lib/scratch-space';
import { StickyActionBar } from '../../components/StickyActionBar';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { convergenceText, fallbackText, filesystemSupportText } from './scratch-words';
import type { ScratchSpace } from './useScratchSpace';

export const ChangeClassCard: FC<{ scratch: ScratchSpace }> = ({ scratch }) => {
  const { t } = usePluginTranslation();
  const {
    unknown,
    owner,
    ownerObject,
    classes,
    profiles,
    choice,
    setChoice,
    selected,
    selectedClass,
    support,
    saving,
    saveError,
    save,
    denied,
    accessLoaded,
    wanted,
    convergence,
    converged,
  } = scratch;
  const supportWarning =
    support && selected ? filesystemSupportText(t, selected, support) : undefined;
  const fallback =
    selected && scratch.fallback ? fallbackText(t, selected, scratch.fallback) : undefined;
  return (
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
  );
};
