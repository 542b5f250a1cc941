// The smoke test form and its outcome, with the explanation of a missing SELinux label.
import { useState } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  TextInput,
  Title,
} from '@patternfly/react-core';
import type { HppSpecLike } from '../../../lib/hpp-manifests';
import { manualChconCommand } from '../../../lib/machine-config';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { useSmokeTest } from './useSmokeTest';

export const SmokeTest: FC<{
  classes: string[];
  nodes: string[];
  /** The HostPathProvisioner CR, for the pool paths of CSI volumes. */
  cr: { spec: HppSpecLike } | undefined;
}> = ({ classes, nodes, cr }) => {
  const { t } = usePluginTranslation();
  const { state, run } = useSmokeTest();
  const [storageClass, setStorageClass] = useState('');
  const [node, setNode] = useState('');
  const [namespace, setNamespace] = useState('default');
  const chosenClass = classes.includes(storageClass) ? storageClass : (classes[0] ?? '');
  const chosenNode = nodes.includes(node) ? node : (nodes[0] ?? '');
  const running = state.state === 'running';
  const pathHint = /mkdir (\/\S*?)\/[^/\s]+: Permission denied/.exec(
    state.state === 'failed' ? state.message : '',
  )?.[1];
  return (
    <div data-test="hpp-smoke-test" data-state={state.state} className="vm-disks-plugin__hpp-smoke">
      <Title headingLevel="h3" size="md">
        {t('Smoke test')}
      </Title>
      <p>
        {t(
          'Creates a small blank DataVolume on the class, waits until it is provisioned on the chosen node, reports where it landed, and deletes it.',
        )}
      </p>
      <Form
        isHorizontal
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <FormGroup label={t('StorageClass')} fieldId="hpp-smoke-class">
          <FormSelect
            id="hpp-smoke-class"
            data-test="hpp-smoke-class"
            value={chosenClass}
            onChange={(_e, v) => {
              setStorageClass(v);
            }}
          >
            {classes.map((c) => (
              <FormSelectOption key={c} value={c} label={c} />
            ))}
          </FormSelect>
        </FormGroup>
        <FormGroup label={t('Node')} fieldId="hpp-smoke-node">
          <FormSelect
            id="hpp-smoke-node"
            data-test="hpp-smoke-node"
            value={chosenNode}
            onChange={(_e, v) => {
              setNode(v);
            }}
          >
            {nodes.map((n) => (
              <FormSelectOption key={n} value={n} label={n} />
            ))}
          </FormSelect>
        </FormGroup>
        <FormGroup label={t('Namespace')} fieldId="hpp-smoke-ns">
          <TextInput
            id="hpp-smoke-ns"
            data-test="hpp-smoke-ns"
            value={namespace}
            onChange={(_e, v) => {
              setNamespace(v.trim());
            }}
          />
        </FormGroup>
      </Form>
      <Button
        variant="secondary"
        data-test="hpp-smoke-run"
        isDisabled={running || !chosenClass || !chosenNode || !namespace}
        isLoading={running}
        onClick={() => {
          void run({ namespace, storageClass: chosenClass, node: chosenNode, cr });
        }}
      >
        {running
          ? state.stage === 'cleaning'
            ? t('Cleaning up')
            : t('Running smoke test')
          : t('Run smoke test')}
      </Button>
      {state.state === 'running' && state.phase ? (
        <span className="vm-disks-plugin__hpp-smoke-phase" data-test="hpp-smoke-phase">
          {state.phase}
        </span>
      ) : null}
      {state.state === 'succeeded' ? (
        <Alert
          isInline
          variant="success"
          data-test="hpp-smoke-result"
          data-node={state.node ?? ''}
          title={t('The smoke test passed: the volume was provisioned on {{node}}', {
            node: state.node ?? '?',
          })}
        >
          {state.node && state.node !== state.requested
            ? t('It was asked for {{node}}.', { node: state.requested })
            : t('The test DataVolume has been deleted.')}
          {state.directory ? (
            <p data-test="hpp-smoke-directory">
              {t('Its directory on the node was {{directory}}.', { directory: state.directory })}
            </p>
          ) : null}
        </Alert>
      ) : null}
      {state.state === 'failed' ? (
        <Alert
          isInline
          variant="danger"
          data-test="hpp-smoke-result"
          data-reason={state.reason}
          title={
            state.reason === 'selinux'
              ? t(
                  'Provisioning on {{node}} failed: the backing directory lacks the SELinux label',
                  {
                    node: state.node,
                  },
                )
              : state.reason === 'timeout'
                ? t('The smoke test did not finish in time on {{node}}', { node: state.node })
                : t('The smoke test failed on {{node}}', { node: state.node })
          }
        >
          <p className="vm-disks-plugin__api-message">{state.message}</p>
          {state.reason === 'selinux' ? (
            <>
              <p>
                {t(
                  'The legacy provisioner could not create the volume directory ("Permission denied") because the backing directory on {{node}} is not labelled container_file_t. On an RHCOS node, wait for the MachineConfig rollout of its pool to finish; on any other node, run this command there and try again:',
                  { node: state.node },
                )}
              </p>
              <pre className="vm-disks-plugin__hpp-command">
                {manualChconCommand(pathHint ?? t('<backing directory>'))}
              </pre>
            </>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
};
