// Step 2: the backing directory, its storage pool, and the naming prefix.
import { useState } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  Radio,
  HelperTextItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { formatNodeSelector, parseNodeSelector } from '../../../lib/hpp-manifests';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { usePathMessages } from './usePathMessages';
import type { HppWizard } from './useHppWizard';

export const BackingDirectoryStep: FC<{ wizard: HppWizard }> = ({ wizard }) => {
  const { t } = usePluginTranslation();
  const { pathMessage, poolMessage } = usePathMessages();
  const { values } = wizard;
  const [selectorText, setSelectorText] = useState(() =>
    values ? formatNodeSelector(values.nodeSelector) : '',
  );
  const selectorError = wizard.selectorInvalid;
  if (!values) return null;
  return (
    <div data-test="hpp-backing">
      <Title headingLevel="h2" size="xl">
        {t('Backing directory')}
      </Title>
      <Alert
        isInline
        variant="warning"
        title={t('Use a separate partition')}
        data-test="hpp-partition-warning"
      >
        {t(
          'If the directory shares space with the operating system, volumes can fill the partition and the node stops working. Create a separate partition on every node and point the provisioner to a directory on it.',
        )}
      </Alert>
      <Form
        className="vm-disks-plugin__hpp-form"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <FormGroup role="radiogroup" isStack label={t('Provisioner')} fieldId="hpp-mode">
          {wizard.modes.map((mode) => (
            <Radio
              key={mode}
              id={`hpp-mode-${mode}`}
              name="hpp-mode"
              data-test={`hpp-mode-${mode}`}
              isChecked={values.mode === mode}
              onChange={() => {
                wizard.update({ mode });
              }}
              label={
                mode === 'csi'
                  ? t('CSI driver with a storage pool (v1beta1 storagePools)')
                  : t('Legacy provisioner (pathConfig)')
              }
              description={
                mode === 'csi'
                  ? t(
                      'The current design. The CSI driver relabels its volumes for SELinux itself and supports only WaitForFirstConsumer binding.',
                    )
                  : t(
                      'The seed procedure. Needs the container_file_t SELinux label on the backing directory of every node, or provisioning fails with "Permission denied".',
                    )
              }
            />
          ))}
        </FormGroup>
        <FormGroup label={t('Backing directory on every node')} isRequired fieldId="hpp-path">
          <TextInput
            id="hpp-path"
            data-test="hpp-path"
            isRequired
            value={values.path}
            validated={wizard.pathProblems.length > 0 ? 'error' : 'default'}
            onChange={(_e, v) => {
              wizard.update({ path: v });
            }}
          />
          <FormHelperText>
            <HelperText data-test="hpp-path-problems">
              {wizard.pathProblems.length > 0 ? (
                wizard.pathProblems.map((p) => (
                  <HelperTextItem key={p.code} variant="error" data-problem={p.code}>
                    {pathMessage(p)}
                  </HelperTextItem>
                ))
              ) : (
                <HelperTextItem>
                  {t(
                    'An absolute path where the provisioner creates one directory per volume. If it does not exist, the provisioner creates it.',
                  )}
                </HelperTextItem>
              )}
            </HelperText>
          </FormHelperText>
        </FormGroup>
        {values.mode === 'csi' ? (
          <FormGroup label={t('Storage pool name')} isRequired fieldId="hpp-pool">
            <TextInput
              id="hpp-pool"
              data-test="hpp-pool"
              value={values.poolName}
              validated={wizard.poolProblems.length > 0 ? 'error' : 'default'}
              onChange={(_e, v) => {
                wizard.update({ poolName: v });
              }}
            />
            <FormHelperText>
              <HelperText>
                {wizard.poolProblems.length > 0 ? (
                  wizard.poolProblems.map((p) => (
                    <HelperTextItem key={p.code} variant="error">
                      {poolMessage(p)}
                    </HelperTextItem>
                  ))
                ) : (
                  <HelperTextItem>
                    {t(
                      'The v1beta1 API groups directories into storage pools; the StorageClass names its pool in the storagePool parameter.',
                    )}
                  </HelperTextItem>
                )}
              </HelperText>
            </FormHelperText>
          </FormGroup>
        ) : (
          <FormGroup fieldId="hpp-prefix">
            <Checkbox
              id="hpp-prefix"
              data-test="hpp-prefix"
              label={t('Prefix volume directories with the claim name (useNamingPrefix)')}
              description={t(
                'With it, a volume of the claim "db" lives in "db-pvc-<uid>" instead of "pvc-<uid>", so you can tell on the node which claim a directory belongs to.',
              )}
              isChecked={values.useNamingPrefix}
              onChange={(_e, v) => {
                wizard.update({ useNamingPrefix: v });
              }}
            />
          </FormGroup>
        )}
        <FormGroup label={t('Workload node selector (optional)')} fieldId="hpp-node-selector">
          <TextInput
            id="hpp-node-selector"
            data-test="hpp-node-selector"
            value={selectorText}
            validated={selectorError ? 'error' : 'default'}
            aria-invalid={selectorError}
            onChange={(_e, v) => {
              setSelectorText(v);
              const parsed = parseNodeSelector(v);
              wizard.setSelectorInvalid(parsed === undefined);
              if (parsed) wizard.update({ nodeSelector: parsed });
            }}
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem
                variant={selectorError ? 'error' : 'default'}
                data-test="hpp-node-selector-help"
              >
                {selectorError
                  ? t(
                      'Write label=value pairs separated by commas; keys are label names (prefix/name), values at most 63 letters, digits, "-", "_" or ".".',
                    )
                  : t(
                      'The provisioner runs only on nodes with these labels; empty means every schedulable node. The SELinux step covers the selected nodes.',
                    )}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
      </Form>
    </div>
  );
};
