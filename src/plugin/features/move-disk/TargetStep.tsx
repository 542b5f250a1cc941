// Move-disk step "Target": the target node and an Available PV there (or a new one made with the local volume
// form, which comes back here with `pv=<name>`). Presentational over `useMoveDiskModel`; choices go to the URL.
import type { FC } from 'react';
import { Content, FormGroup, FormSelect, FormSelectOption, Radio } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router';
import { formatBytes, humanizeQuantity } from '../../../lib/quantity';
import { StatusLabel } from '../../components/StatusLabel';
import { getNodeRoles } from '../../k8s/selectors/node';
import { getPVVolumeMode } from '../../k8s/selectors/persistent-volume';
import { claimSize } from '../../k8s/selectors/vm-disks';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { RefusalAlerts } from './SourceSteps';
import type { StepProps } from './SourceSteps';
import { wizardHref } from './wizard-params';

const DASH = '—';

/** The local volume form's URL for the target node, coming back here with `pv=<name>`. */
const createPVHref = (
  node: string,
  capacity: string,
  mode: string,
  className: string,
  back: string,
) => {
  const query = new URLSearchParams({ node, capacity, mode, class: className, returnTo: back });
  return `/vm-disks/local-volumes/create?${query.toString()}`;
};

export const TargetStep: FC<StepProps> = ({ model, params, update }) => {
  const { t } = usePluginTranslation();
  const pvc = model.pvc;
  const nodes = model.nodes.filter((n) => !getNodeRoles(n).includes('master'));
  return (
    <>
      <FormGroup label={t('Target node')} fieldId="md-node">
        <FormSelect
          id="md-node"
          data-test="md-node"
          value={model.targetNode ?? ''}
          onChange={(_event, value) => {
            update({ node: value });
          }}
        >
          <FormSelectOption value="" label={t('Select a node')} isPlaceholder />
          {nodes.map((n) => {
            const name = n.metadata?.name ?? '';
            return (
              <FormSelectOption
                key={name}
                value={name}
                label={
                  name === model.source?.node
                    ? t('{{node}} (where the disk is now)', { node: name })
                    : name
                }
              />
            );
          })}
        </FormSelect>
      </FormGroup>
      <RefusalAlerts refusals={model.nodeRefusals} />
      {model.targetNode && model.nodeRefusals.length === 0 ? (
        <>
          {model.candidates.length === 0 ? (
            <Content component="p" data-test="md-no-pvs">
              {t('No PersistentVolumes on {{node}}.', { node: model.targetNode })}
            </Content>
          ) : (
            <Table
              aria-label={t('PersistentVolumes on the target node')}
              variant="compact"
              data-test="md-pvs"
            >
              <Thead>
                <Tr>
                  <Th screenReaderText={t('Select')} />
                  <Th>{t('Name')}</Th>
                  <Th>{t('Capacity')}</Th>
                  <Th>{t('Usable')}</Th>
                  <Th>{t('Volume mode')}</Th>
                  <Th>{t('Storage class')}</Th>
                  <Th>{t('Status')}</Th>
                  <Th>{t('Claim')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {model.candidates.map(({ pv, facts, refusals }) => (
                  <Tr
                    key={facts.name}
                    data-test-row={facts.name}
                    data-usable={refusals.length === 0 ? 'yes' : 'no'}
                  >
                    <Td>
                      <Radio
                        id={`md-pv-${facts.name}`}
                        name="md-pv"
                        aria-label={facts.name}
                        isChecked={params.pv === facts.name}
                        onChange={() => {
                          update({ pv: facts.name });
                        }}
                      />
                    </Td>
                    <Td dataLabel={t('Name')}>{facts.name}</Td>
                    <Td dataLabel={t('Capacity')}>
                      {humanizeQuantity(pv.spec?.capacity?.storage) || DASH}
                    </Td>
                    <Td dataLabel={t('Usable')}>{formatBytes(facts.usableBytes)}</Td>
                    <Td dataLabel={t('Volume mode')}>{getPVVolumeMode(pv)}</Td>
                    <Td dataLabel={t('Storage class')}>{pv.spec?.storageClassName || DASH}</Td>
                    <Td dataLabel={t('Status')}>
                      <StatusLabel phase={facts.phase} />
                    </Td>
                    <Td dataLabel={t('Claim')}>{facts.claim ?? DASH}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {model.source ? (
            <Content component="p">
              {t('The source needs {{size}} usable.', {
                size: formatBytes(model.source.usableBytes),
              })}{' '}
              {pvc ? (
                <Link
                  data-test="md-create-pv"
                  to={createPVHref(
                    model.targetNode,
                    claimSize(pvc) ?? '10Gi',
                    pvc.spec?.volumeMode ?? 'Filesystem',
                    pvc.spec?.storageClassName ?? '',
                    wizardHref(params),
                  )}
                >
                  {t('Create a local volume on {{node}}', { node: model.targetNode })}
                </Link>
              ) : null}
            </Content>
          ) : null}
          {model.target ? <RefusalAlerts refusals={model.target.refusals} /> : null}
        </>
      ) : null}
    </>
  );
};
