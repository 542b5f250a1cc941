// Step 4: the HostPathProvisioner CR (pull policy, workload node selector) and the StorageClass.
import type { FC } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Radio,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { PULL_POLICIES, provisionerFor } from '../../../lib/hpp-manifests';
import type { PullPolicy, ReclaimPolicy } from '../../../lib/hpp-manifests';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { HppWizard } from './useHppWizard';

export const ProvisionerStep: FC<{ wizard: HppWizard }> = ({ wizard }) => {
  const { t } = usePluginTranslation();
  const { values } = wizard;
  if (!values) return null;
  return (
    <div data-test="hpp-provisioner">
      <Title headingLevel="h2" size="xl">
        {t('HostPathProvisioner and StorageClass')}
      </Title>
      <Form
        className="vm-disks-plugin__hpp-form"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <Title headingLevel="h3" size="lg">
          {t('HostPathProvisioner {{version}}', { version: values.version })}
        </Title>
        <FormGroup label={t('Image pull policy')} fieldId="hpp-pull-policy">
          <FormSelect
            id="hpp-pull-policy"
            data-test="hpp-pull-policy"
            value={values.imagePullPolicy}
            onChange={(_e, v) => {
              wizard.update({ imagePullPolicy: v as PullPolicy });
            }}
          >
            {PULL_POLICIES.map((p) => (
              <FormSelectOption key={p} value={p} label={p} />
            ))}
          </FormSelect>
        </FormGroup>
        <Title headingLevel="h3" size="lg">
          {t('StorageClass')}
        </Title>
        <Alert
          isInline
          variant="info"
          title={t('StorageClass parameters cannot be changed after creation')}
        >
          {t(
            'The provisioner, its parameters, the reclaim policy and the binding mode are fixed once the class exists. To change them, create a class with another name.',
          )}
        </Alert>
        <FormGroup label={t('Name')} isRequired fieldId="hpp-class-name">
          <TextInput
            id="hpp-class-name"
            data-test="hpp-class-name"
            value={values.className}
            validated={wizard.classNameValid ? 'default' : 'error'}
            onChange={(_e, v) => {
              wizard.update({ className: v });
            }}
          />
          <FormHelperText>
            <HelperText>
              {wizard.classNameError ? (
                <HelperTextItem variant="error" data-test="hpp-class-name-error">
                  {t('StorageClass name: {{detail}}', { detail: wizard.classNameError })}
                </HelperTextItem>
              ) : null}
              <HelperTextItem>
                {t('Provisioner: {{provisioner}}', { provisioner: provisionerFor(values.mode) })}
                {values.mode === 'csi'
                  ? ` · ${t('parameter storagePool: {{pool}}', { pool: values.poolName })}`
                  : ''}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        {wizard.sameNameClass && wizard.classDifferences.length > 0 ? (
          <Alert
            isInline
            variant="warning"
            data-test="hpp-class-conflict"
            title={t('A StorageClass {{name}} already exists with other parameters', {
              name: values.className,
            })}
          >
            <p>
              {wizard.classDifferences
                .map((d) => `${d.field}: ${d.existing} → ${d.desired}`)
                .join('; ')}
            </p>
            <Button
              variant="secondary"
              data-test="hpp-class-use-suggestion"
              onClick={() => {
                wizard.update({ className: wizard.suggestedClassName });
              }}
            >
              {t('Use the name {{name}}', { name: wizard.suggestedClassName })}
            </Button>
          </Alert>
        ) : wizard.sameNameClass ? (
          <Alert
            isInline
            variant="info"
            data-test="hpp-class-exists"
            title={t(
              'The StorageClass {{name}} already exists with these parameters; it is kept.',
              {
                name: values.className,
              },
            )}
          />
        ) : null}
        <FormGroup role="radiogroup" isInline label={t('Reclaim policy')} fieldId="hpp-reclaim">
          {(['Delete', 'Retain'] as ReclaimPolicy[]).map((p) => (
            <Radio
              key={p}
              id={`hpp-reclaim-${p}`}
              name="hpp-reclaim"
              data-test={`hpp-reclaim-${p}`}
              label={p}
              isChecked={values.reclaimPolicy === p}
              onChange={() => {
                wizard.update({ reclaimPolicy: p });
              }}
            />
          ))}
        </FormGroup>
        <FormGroup role="radiogroup" isStack label={t('Volume binding mode')} fieldId="hpp-binding">
          <Radio
            id="hpp-binding-wffc"
            name="hpp-binding"
            data-test="hpp-binding-wffc"
            label={t('WaitForFirstConsumer (recommended)')}
            description={t(
              "Provisioning and binding wait until a pod that uses the claim is created, so the volume is made on a node that meets the pod's scheduling requirements.",
            )}
            isChecked={values.mode === 'csi' || values.bindingMode === 'WaitForFirstConsumer'}
            onChange={() => {
              wizard.update({ bindingMode: 'WaitForFirstConsumer' });
            }}
          />
          <Radio
            id="hpp-binding-immediate"
            name="hpp-binding"
            data-test="hpp-binding-immediate"
            label={t('Immediate (deprecated; legacy provisioner only)')}
            isDisabled={values.mode === 'csi'}
            isChecked={values.mode !== 'csi' && values.bindingMode === 'Immediate'}
            onChange={() => {
              wizard.update({ bindingMode: 'Immediate' });
            }}
          />
        </FormGroup>
        <FormGroup fieldId="hpp-default-class">
          <Checkbox
            id="hpp-default-class"
            data-test="hpp-default-class"
            label={t('Make it the default StorageClass')}
            description={t(
              'Adds the annotation storageclass.kubernetes.io/is-default-class: "true". Claims without a class then use it; remove the annotation from the current default yourself.',
            )}
            isChecked={values.makeDefault}
            onChange={(_e, v) => {
              wizard.update({ makeDefault: v });
            }}
          />
        </FormGroup>
      </Form>
    </div>
  );
};
