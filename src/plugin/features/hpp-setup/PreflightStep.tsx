// Step 1: what the cluster has and what the user may do. Re-runnable.
import type { FC } from 'react';
import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  List,
  ListItem,
  Spinner,
  TextInput,
  FormGroup,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import SyncAltIcon from '@patternfly/react-icons/dist/esm/icons/sync-alt-icon';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { describeCheck } from './access-checks';
import type { HppWizard } from './useHppWizard';

export const PreflightStep: FC<{ wizard: HppWizard }> = ({ wizard }) => {
  const { t } = usePluginTranslation();
  const { preflight, result, targets } = wizard;
  const missing = result?.access.filter((a) => !a.allowed) ?? [];
  return (
    <div data-test="hpp-preflight" data-state={preflight.isFetching ? 'loading' : 'done'}>
      <Title headingLevel="h2" size="xl">
        {t('Preflight')}
      </Title>
      <p className="vm-disks-plugin__hpp-lead">
        {t('What the cluster has and what you may change. Run it again after fixing anything.')}
      </p>
      <div className="vm-disks-plugin__hpp-toolbar">
        <FormGroup label={t('Namespace for the smoke test')} fieldId="hpp-smoke-namespace">
          <TextInput
            id="hpp-smoke-namespace"
            data-test="hpp-smoke-namespace"
            value={wizard.smokeNamespace}
            onChange={(_e, v) => {
              wizard.setSmokeNamespace(v.trim());
            }}
          />
        </FormGroup>
        <Button
          variant="secondary"
          icon={<SyncAltIcon />}
          data-test="hpp-preflight-rerun"
          isLoading={preflight.isFetching}
          onClick={() => {
            void preflight.refetch();
          }}
        >
          {t('Run preflight again')}
        </Button>
      </div>
      {!result ? (
        <Spinner size="lg" aria-label={t('Running preflight')} />
      ) : (
        <>
          {result.discoveryError ? (
            <Alert isInline variant="danger" title={t('API discovery failed')}>
              {result.discoveryError}
            </Alert>
          ) : null}
          {!result.version ? (
            <Alert
              isInline
              variant="danger"
              data-test="hpp-api-missing"
              title={t('The HostPathProvisioner API is not served')}
            >
              {t(
                'Install OpenShift Virtualization (it installs the hostpath provisioner operator), then run the preflight again.',
              )}
            </Alert>
          ) : null}
          <DescriptionList
            isHorizontal
            isCompact
            horizontalTermWidthModifier={{ default: '24ch' }}
            className="vm-disks-plugin__hpp-facts"
          >
            <DescriptionListGroup>
              <DescriptionListTerm>{t('HostPathProvisioner API')}</DescriptionListTerm>
              <DescriptionListDescription data-test="hpp-api-versions">
                {result.hppVersions.length > 0 ? result.hppVersions.join(', ') : t('not served')}
                {result.version ? (
                  <>
                    {' '}
                    <Label isCompact color="blue">
                      {t('using {{version}}', { version: result.version })}
                    </Label>
                  </>
                ) : null}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Existing HostPathProvisioner')}</DescriptionListTerm>
              <DescriptionListDescription data-test="hpp-existing-cr">
                {result.existing.error
                  ? t('Cannot read: {{message}}', { message: result.existing.error })
                  : result.existing.data
                    ? t('{{name}} exists; the wizard edits it instead of creating another.', {
                        name: result.existing.data.metadata?.name ?? '',
                      })
                    : t('None; the wizard creates one.')}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('MachineConfig API')}</DescriptionListTerm>
              <DescriptionListDescription>
                {result.mcServed
                  ? t('served (RHCOS nodes are labelled by a MachineConfig)')
                  : t('not served (every node needs the manual command)')}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('HostPathProvisioner StorageClasses')}</DescriptionListTerm>
              <DescriptionListDescription data-test="hpp-existing-classes">
                {wizard.hppClasses.length > 0
                  ? wizard.hppClasses
                      .map((sc) => `${sc.metadata?.name ?? ''} (${sc.provisioner})`)
                      .join(', ')
                  : t('None')}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>

          <Title headingLevel="h3" size="lg">
            {t('Nodes')}
          </Title>
          {result.nodes.error ? (
            <Alert isInline variant="warning" title={t('Cannot list nodes')}>
              {result.nodes.error}
            </Alert>
          ) : null}
          {result.pools.error ? (
            <Alert isInline variant="warning" title={t('Cannot list machine config pools')}>
              {result.pools.error}
            </Alert>
          ) : null}
          <Table variant="compact" aria-label={t('Nodes')} data-test="hpp-nodes">
            <Thead>
              <Tr>
                <Th>{t('Name')}</Th>
                <Th>{t('Operating system')}</Th>
                <Th>{t('Machine config pool')}</Th>
                <Th>{t('Provisioner runs here')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {targets.map((n) => (
                <Tr key={n.name} data-test-row={n.name}>
                  <Td dataLabel={t('Name')}>{n.name}</Td>
                  <Td dataLabel={t('Operating system')}>
                    {n.osImage}{' '}
                    {n.rhcos ? (
                      <Label isCompact color="blue" data-test="node-rhcos">
                        {t('RHCOS')}
                      </Label>
                    ) : (
                      <Label isCompact color="orange" data-test="node-not-rhcos">
                        {t('not RHCOS')}
                      </Label>
                    )}
                  </Td>
                  <Td dataLabel={t('Machine config pool')}>{n.pool ?? t('none')}</Td>
                  <Td dataLabel={t('Provisioner runs here')}>
                    {n.targeted
                      ? t('yes')
                      : n.reasonNotTargeted === 'tainted'
                        ? t('no (NoSchedule taint)')
                        : t('no (not selected)')}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>

          <Title headingLevel="h3" size="lg">
            {t('Permissions')}
          </Title>
          {missing.length > 0 ? (
            <Alert
              isInline
              variant="danger"
              data-test="hpp-missing-permissions"
              title={t('You are missing {{count}} permissions the setup needs', {
                count: missing.length,
              })}
            >
              <List>
                {missing.map((m) => (
                  <ListItem key={m.check.id} data-test-permission={m.check.id}>
                    {describeCheck(m.check)}
                  </ListItem>
                ))}
              </List>
              <p>{t('Ask a cluster administrator to grant them, or to run this setup.')}</p>
            </Alert>
          ) : (
            <Alert
              isInline
              variant="success"
              data-test="hpp-permissions-ok"
              title={t('You have every permission the setup needs')}
            />
          )}
        </>
      )}
    </div>
  );
};
