// Step 3: the SELinux label. A MachineConfig per pool of RHCOS nodes (which reboots that pool's nodes, shown
// live), and the exact command for every other node, with a checkbox the user ticks once it has been run.
import type { FC } from 'react';
import {
  Alert,
  Checkbox,
  ClipboardCopy,
  Label,
  List,
  ListItem,
  Switch,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { manualChconCommand, selinuxMachineConfigName } from '../../../lib/machine-config';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { PoolRollout } from '../../components/hpp-status/PoolRollout';
import type { HppWizard } from './useHppWizard';

export const SelinuxStep: FC<{ wizard: HppWizard }> = ({ wizard }) => {
  const { t } = usePluginTranslation();
  const { values, plan } = wizard;
  if (!values) return null;
  const path = values.path.trim();
  return (
    <div data-test="hpp-selinux">
      <Title headingLevel="h2" size="xl">
        {t('SELinux label')}
      </Title>
      <p className="vm-disks-plugin__hpp-lead">
        {t(
          'Volumes in the backing directory must carry the SELinux type container_file_t, or the legacy provisioner fails with "Permission denied".',
        )}
      </p>
      {wizard.selinuxRequired ? null : (
        <Switch
          id="hpp-selinux-enabled"
          data-test="hpp-selinux-enabled"
          label={t('Label the backing directory as well (the CSI driver does not need it)')}
          isChecked={wizard.selinuxEnabled}
          onChange={(_e, v) => {
            wizard.setSelinuxEnabled(v);
          }}
        />
      )}
      {!wizard.labelling ? null : (
        <>
          <Title headingLevel="h3" size="lg">
            {t('RHCOS nodes: a MachineConfig per pool')}
          </Title>
          {plan.pools.length === 0 ? (
            <p data-test="hpp-no-pools">
              {t('No targeted node is managed by a machine config pool.')}
            </p>
          ) : (
            <>
              <Alert
                isInline
                variant="warning"
                data-test="hpp-reboot-warning"
                title={t('Applying a MachineConfig reboots every node of its pool')}
              >
                {t(
                  'The Machine Config Operator drains and reboots the nodes one at a time; virtual machines on them are moved or stopped. The label is set by a systemd unit before the kubelet starts.',
                )}
              </Alert>
              <Table
                variant="compact"
                aria-label={t('Machine config pools')}
                data-test="hpp-mc-pools"
              >
                <Thead>
                  <Tr>
                    <Th>{t('Pool')}</Th>
                    <Th>{t('MachineConfig')}</Th>
                    <Th>{t('Targeted nodes')}</Th>
                    <Th>{t('Rollout')}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {plan.pools.map((p) => (
                    <Tr key={p.pool} data-test-row={p.pool}>
                      <Td>{p.pool}</Td>
                      <Td>{selinuxMachineConfigName(p.pool)}</Td>
                      <Td>{p.nodes.join(', ')}</Td>
                      <Td>
                        <PoolRollout
                          pool={p.pool}
                          machineConfig={selinuxMachineConfigName(p.pool)}
                        />
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </>
          )}
          <Title headingLevel="h3" size="lg">
            {t('Other nodes: run the command yourself')}
          </Title>
          {plan.manualNodes.length === 0 ? (
            <p data-test="hpp-no-manual">
              {t('Every targeted node is covered by a MachineConfig.')}
            </p>
          ) : (
            <>
              <p>
                {t(
                  'These nodes are not managed by the Machine Config Operator (for example RHEL compute nodes). Log in to each one (ssh, or oc debug node/<name> then chroot /host) and run:',
                )}
              </p>
              <List isPlain data-test="hpp-manual-nodes">
                {plan.manualNodes.map((node) => (
                  <ListItem key={node} data-test-row={node}>
                    <div className="vm-disks-plugin__hpp-manual">
                      <strong>{node}</strong>{' '}
                      {wizard.manualDone[node] ? (
                        <Label isCompact status="success">
                          {t('done')}
                        </Label>
                      ) : null}
                      <ClipboardCopy
                        isReadOnly
                        hoverTip={t('Copy')}
                        clickTip={t('Copied')}
                        data-test="hpp-chcon-command"
                      >
                        {manualChconCommand(path)}
                      </ClipboardCopy>
                      <Checkbox
                        id={`hpp-chcon-done-${node}`}
                        data-test="hpp-chcon-done"
                        label={t('I have run this command on {{node}}', { node })}
                        isChecked={wizard.manualDone[node] ?? false}
                        onChange={(_e, v) => {
                          wizard.setManualDone({ ...wizard.manualDone, [node]: v });
                        }}
                      />
                    </div>
                  </ListItem>
                ))}
              </List>
              {wizard.manualPending.length > 0 ? (
                <Alert
                  isInline
                  variant="info"
                  data-test="hpp-manual-pending"
                  title={t('Not yet confirmed on: {{nodes}}', {
                    nodes: wizard.manualPending.join(', '),
                  })}
                >
                  {t(
                    'You can continue; volumes on these nodes fail with "Permission denied" until the command has run there.',
                  )}
                </Alert>
              ) : null}
            </>
          )}
        </>
      )}
    </div>
  );
};
