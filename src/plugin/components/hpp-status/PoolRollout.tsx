// A machine config pool's rollout, live: updated / total machines, and whether it is still updating.
import type { FC } from 'react';
import { Label, Progress, ProgressMeasureLocation, ProgressSize } from '@patternfly/react-core';
import { useMachineConfigPools } from '../../k8s/hooks/useHppSetupResources';
import { poolRolloutState } from '../../../lib/machine-config';
import { findCondition } from '../../k8s/selectors/conditions';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export const PoolRollout: FC<{ pool: string; machineConfig?: string }> = ({
  pool,
  machineConfig,
}) => {
  const { t } = usePluginTranslation();
  const [pools, loaded] = useMachineConfigPools();
  const mcp = pools.find((p) => p.metadata?.name === pool);
  if (!loaded) return null;
  if (!mcp) return <span>{t('pool not found')}</span>;
  const total = mcp.status?.machineCount ?? 0;
  const updated = mcp.status?.updatedMachineCount ?? 0;
  const updating = findCondition(mcp.status?.conditions, 'Updating')?.status === 'True';
  const inSource = (source: { name?: string }[] | undefined) =>
    machineConfig === undefined || (source ?? []).some((x) => x.name === machineConfig);
  const wanted = inSource(mcp.spec?.configuration?.source);
  const rolled = inSource(mcp.status?.configuration?.source);
  const { state, counts } = poolRolloutState({ wanted, rolled, updating, updated, total });
  return (
    <div data-test="pool-rollout" data-pool={pool} data-state={state}>
      {counts ? (
        <Progress
          size={ProgressSize.sm}
          value={total > 0 ? (updated / total) * 100 : 100}
          measureLocation={ProgressMeasureLocation.none}
          aria-label={t('Rollout of pool {{pool}}', { pool })}
        />
      ) : null}
      <span>
        {counts ? (
          <span data-test="pool-rollout-counts">
            {t('{{updated}} of {{total}} nodes updated', { updated, total })}{' '}
          </span>
        ) : null}
        {state === 'not-applied' ? (
          <Label isCompact color="grey">
            {t('MachineConfig not applied yet')}
          </Label>
        ) : state === 'updated' ? (
          <Label isCompact status="success">
            {t('Updated')}
          </Label>
        ) : (
          <Label isCompact color="blue">
            {t('Updating')}
          </Label>
        )}
      </span>
    </div>
  );
};
