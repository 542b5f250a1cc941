// HostPathProvisioner status, live: the SELinux MachineConfig rollout per pool, the CR's Available /
// Progressing / Degraded conditions, provisioner readiness per node, and the smoke test. Shown after the
// wizard's apply and on the Overview.
import type { FC } from 'react';
import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  GridItem,
  Label,
  LabelGroup,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router';
import { isHppProvisioner } from '../../../lib/hpp-manifests';
import { selinuxMachineConfigName } from '../../../lib/machine-config';
import {
  CSI_PROVISIONER_APP,
  HPP_NAMESPACE,
  LEGACY_PROVISIONER_APP,
  hostPathProvisionerModelFor,
  PodModel,
} from '../../k8s/hpp-models';
import {
  useHostPathProvisioners,
  useMachineConfigs,
  useProvisionerPods,
} from '../../k8s/hooks/useHppSetupResources';
import { useNodes } from '../../k8s/hooks/useNodes';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import { conditionStatusOf } from '../../k8s/selectors/api-enums';
import { findCondition } from '../../k8s/selectors/conditions';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { LoadError } from '../LoadError';
import { qualifiedResource, statusOf } from '../../k8s/load-error';
import { QueryProvider } from '../QueryProvider';
import { PoolRollout } from './PoolRollout';
import { SmokeTest } from './SmokeTest';
import { useHppVersion } from './useHppVersion';
import './hpp-status.css';

const MC_PREFIX = selinuxMachineConfigName('');
const CONDITIONS = ['Available', 'Progressing', 'Degraded'] as const;

const conditionStatus = (type: string, status: string | undefined) => {
  if (status === undefined) return { color: 'grey' as const };
  const good = type === 'Available' ? status === 'True' : status === 'False';
  if (good) return { status: 'success' as const };
  return type === 'Degraded' ? { status: 'danger' as const } : { color: 'blue' as const };
};

export const HppStatusPanel: FC<{ setupLink?: boolean }> = ({ setupLink = true }) => {
  const { t } = usePluginTranslation();
  const { version, loaded: versionLoaded, error: versionError } = useHppVersion();
  const [crs, crsLoaded, crsError] = useHostPathProvisioners(version ?? 'v1beta1');
  const [machineConfigs] = useMachineConfigs();
  const [pods, podsLoaded, podsError] = useProvisionerPods();
  const [nodes] = useNodes();
  const [classes] = useStorageClasses();
  const cr = crs.filter((c) => !c.metadata?.deletionTimestamp).at(0);
  const ourConfigs = machineConfigs
    .map((mc) => mc.metadata?.name ?? '')
    .filter((name) => name.startsWith(MC_PREFIX));
  const hppClasses = classes.filter((sc) => isHppProvisioner(sc.provisioner));
  const provisionerPods = pods.filter((p) => {
    const app = p.metadata?.labels?.['k8s-app'];
    return app === LEGACY_PROVISIONER_APP || app === CSI_PROVISIONER_APP;
  });
  const nodesWithPods = [...new Set(provisionerPods.map((p) => p.spec?.nodeName ?? ''))]
    .filter(Boolean)
    .sort();
  const readyNodes = nodesWithPods.filter((node) =>
    provisionerPods
      .filter((p) => p.spec?.nodeName === node)
      .every(
        (p) =>
          p.status?.phase === 'Running' &&
          findCondition(p.status.conditions, 'Ready')?.status !== 'False',
      ),
  );
  const state =
    !versionLoaded || (version && !crsLoaded && !crsError)
      ? 'loading'
      : !version && versionError
        ? 'error'
        : !version
          ? 'not-installed'
          : cr
            ? 'ready'
            : crsError
              ? 'error'
              : 'absent';

  return (
    <Card
      isCompact
      component="section"
      data-test="hpp-status"
      data-state={state}
      className="vm-disks-plugin__section"
    >
      <CardHeader>
        <CardTitle>
          <Title headingLevel="h2" size="lg">
            {t('HostPathProvisioner')}
          </Title>
        </CardTitle>
      </CardHeader>
      <CardBody>
        {state === 'loading' ? (
          <Skeleton screenreaderText={t('Loading HostPathProvisioner status')} />
        ) : null}
        {state === 'not-installed' ? (
          <Content component="p">
            {t('The HostPathProvisioner API is not served in this cluster.')}
          </Content>
        ) : null}
        {state === 'error' && version && statusOf(crsError) === 403 ? (
          <Content component="p" data-test="hpp-status-unknown">
            {t('Unknown: you may not read {{resource}}', {
              resource: qualifiedResource(
                hostPathProvisionerModelFor(version).plural,
                hostPathProvisionerModelFor(version).apiGroup ?? '',
              ),
            })}
          </Content>
        ) : null}
        {state === 'error' ? (
          <LoadError
            error={version ? crsError : versionError}
            model={hostPathProvisionerModelFor(version ?? 'v1beta1')}
            verb="list"
          />
        ) : null}
        {state === 'absent' ? (
          <Content component="p" data-test="hpp-status-absent">
            {t('No HostPathProvisioner is set up.')}{' '}
            {setupLink ? <Link to="/vm-disks/hpp-setup">{t('Set up local storage')}</Link> : null}
          </Content>
        ) : null}
        {state === 'ready' && cr ? (
          <>
            <div className="vm-disks-plugin__hpp-status-row">
              <strong>{cr.metadata?.name}</strong>{' '}
              <LabelGroup data-test="hpp-conditions">
                {CONDITIONS.map((type) => {
                  const c = findCondition(cr.status?.conditions, type);
                  const status = conditionStatusOf(c?.status) ?? 'Unknown';
                  return (
                    <Label
                      key={type}
                      isCompact
                      {...conditionStatus(type, c?.status)}
                      data-test={`hpp-condition-${type}`}
                      data-status={status}
                      title={c?.message}
                    >
                      {`${type}: ${status}`}
                    </Label>
                  );
                })}
              </LabelGroup>
            </div>
            {ourConfigs.length > 0 ? (
              <>
                <Title headingLevel="h3" size="md">
                  {t('SELinux MachineConfig rollout')}
                </Title>
                {ourConfigs.map((mc) => (
                  <div key={mc} className="vm-disks-plugin__hpp-status-row">
                    <span>{mc}</span>
                    <PoolRollout pool={mc.slice(MC_PREFIX.length)} machineConfig={mc} />
                  </div>
                ))}
              </>
            ) : null}
            <Title headingLevel="h3" size="md">
              {t('Provisioner per node')}
            </Title>
            {podsError && !podsLoaded ? (
              <LoadError error={podsError} model={PodModel} verb="list" namespace={HPP_NAMESPACE} />
            ) : (
              <Table
                variant="compact"
                aria-label={t('Provisioner per node')}
                data-test="hpp-node-readiness"
              >
                <Thead>
                  <Tr>
                    <Th>{t('Node')}</Th>
                    <Th>{t('Provisioner pods')}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {nodesWithPods.map((node) => (
                    <Tr key={node} data-test-row={node}>
                      <Td>{node}</Td>
                      <Td>
                        {readyNodes.includes(node) ? (
                          <Label
                            isCompact
                            status="success"
                            data-test="node-provisioner"
                            data-state="ready"
                          >
                            {t('Ready')}
                          </Label>
                        ) : (
                          <Label
                            isCompact
                            color="blue"
                            data-test="node-provisioner"
                            data-state="starting"
                          >
                            {t('Starting')}
                          </Label>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
            <SmokeTest
              classes={hppClasses.map((sc) => sc.metadata?.name ?? '')}
              nodes={readyNodes.length > 0 ? readyNodes : nodes.map((n) => n.metadata?.name ?? '')}
              cr={cr.spec ? { spec: cr.spec } : undefined}
            />
          </>
        ) : null}
      </CardBody>
    </Card>
  );
};

/** The panel as one full-width item of the Overview's grid. */
export const HppOverviewSection: FC = () => (
  <GridItem>
    <QueryProvider>
      <HppStatusPanel />
    </QueryProvider>
  </GridItem>
);
