// Step 5: every object as YAML (editable; edits are checked and carried into the apply), then apply in order
// with per-object progress, stopping at the first error.
import type { FC } from 'react';
import {
  Alert,
  Button,
  ExpandableSection,
  Label,
  List,
  ListItem,
  Title,
} from '@patternfly/react-core';
import { CodeEditor } from '@openshift-console/dynamic-plugin-sdk';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { ObjectChange } from '../../../lib/hpp-review-diff';
import type { PlannedYamlProblem } from './planned-objects';
import type { HppWizard } from './useHppWizard';
import type { ApplyRun, ObjectProgress } from './useApply';

const useYamlProblemText = () => {
  const { t } = usePluginTranslation();
  return (p: PlannedYamlProblem): string => {
    switch (p.code) {
      case 'syntax':
        return t('YAML syntax error: {{detail}}', { detail: p.detail });
      case 'not-object':
        return t('The YAML must be one object.');
      case 'kind':
        return t('kind must stay {{expected}} (found "{{actual}}").', p);
      case 'api-version':
        return t('apiVersion "{{actual}}" is not one the wizard can write for {{expected}}.', p);
      case 'name':
        return t('metadata.name {{detail}}', { detail: p.detail });
      case 'namespaced':
        return t('This object is cluster-scoped; remove metadata.namespace.');
      case 'hpp-spec':
        return t('spec must have either pathConfig or storagePools, not both.');
      case 'provisioner':
        return t('provisioner is required.');
      case 'mc-units':
        return t('spec.config.systemd.units must list the SELinux unit.');
    }
  };
};

const ProgressLabel: FC<{ progress: ObjectProgress | undefined }> = ({ progress }) => {
  const { t } = usePluginTranslation();
  if (!progress) return null;
  switch (progress.state) {
    case 'pending':
      return (
        <Label isCompact color="grey" data-test="apply-state" data-state="pending">
          {t('waiting')}
        </Label>
      );
    case 'running':
      return (
        <Label isCompact color="blue" data-test="apply-state" data-state="running">
          {t('applying')}
        </Label>
      );
    case 'failed':
      return (
        <Label isCompact status="danger" data-test="apply-state" data-state="failed">
          {t('failed')}
        </Label>
      );
    case 'done':
      return (
        <Label isCompact status="success" data-test="apply-state" data-state={progress.outcome}>
          {progress.outcome === 'created'
            ? t('created')
            : progress.outcome === 'updated'
              ? t('updated')
              : t('unchanged')}
        </Label>
      );
  }
};

/** What the apply changes on the cluster for one object: new, unchanged, or a line diff. */
const ChangeView: FC<{ change: ObjectChange }> = ({ change }) => {
  const { t } = usePluginTranslation();
  if (change.state === 'new')
    return (
      <Label isCompact color="blue" data-test="hpp-change" data-state="new">
        {t('new object')}
      </Label>
    );
  if (change.state === 'unchanged')
    return (
      <Label isCompact color="grey" data-test="hpp-change" data-state="unchanged">
        {t('same as on the cluster')}
      </Label>
    );
  return (
    <div data-test="hpp-change" data-state="changed">
      <Label isCompact color="orange">
        {t('changes what exists: {{added}} lines added, {{removed}} removed', change)}
      </Label>
      <pre className="vm-disks-plugin__hpp-diff" data-test="hpp-diff">
        {change.lines.map((l, i) => (
          <span key={i} className={`vm-disks-plugin__hpp-diff-${l.op}`} data-op={l.op}>
            {l.op === 'add' ? '+ ' : l.op === 'remove' ? '- ' : '  '}
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </div>
  );
};

export const ReviewStep: FC<{
  wizard: HppWizard;
  run: ApplyRun | undefined;
  onApply: () => void;
  blockers: string[];
}> = ({ wizard, run, onApply, blockers }) => {
  const { t } = usePluginTranslation();
  const problemText = useYamlProblemText();
  const invalid = wizard.objects.some((o) => o.problems.length > 0);
  const failed = run?.failed
    ? wizard.objects.find((o) => run.progress[o.key]?.state === 'failed')
    : undefined;
  const failure = failed ? run?.progress[failed.key] : undefined;
  const written = run
    ? wizard.objects.filter((o) => {
        const p = run.progress[o.key];
        return p?.state === 'done' && p.outcome !== 'unchanged';
      })
    : [];
  return (
    <div data-test="hpp-review">
      <Title headingLevel="h2" size="xl">
        {t('Review and apply')}
      </Title>
      <p className="vm-disks-plugin__hpp-lead">
        {t(
          'These objects are applied in this order. You can edit the YAML; your edits are validated and applied as written.',
        )}
      </p>
      {wizard.objects.map((o, index) => (
        <div
          key={o.key}
          className="vm-disks-plugin__hpp-object"
          data-test="hpp-object"
          data-key={o.key}
        >
          <ExpandableSection
            isExpanded
            toggleContent={
              <span>
                {index + 1}. {o.key}{' '}
                {o.edited ? (
                  <Label isCompact color="purple">
                    {t('edited')}
                  </Label>
                ) : null}{' '}
                <ProgressLabel progress={run?.progress[o.key]} />
              </span>
            }
          >
            <ChangeView change={o.change} />
            <CodeEditor
              language="yaml"
              height="260px"
              value={o.yaml}
              onChange={(value: string) => {
                wizard.setEdit(o.key, value);
              }}
            />
            {o.problems.length > 0 ? (
              <Alert
                isInline
                variant="danger"
                title={t('This YAML cannot be applied')}
                data-test="hpp-yaml-problems"
              >
                <List>
                  {o.problems.map((p) => (
                    <ListItem key={p.code}>{problemText(p)}</ListItem>
                  ))}
                </List>
              </Alert>
            ) : null}
            {o.edited ? (
              <Button
                variant="link"
                isInline
                data-test="hpp-yaml-reset"
                onClick={() => {
                  wizard.setEdit(o.key, undefined);
                }}
              >
                {t('Discard my edits')}
              </Button>
            ) : null}
          </ExpandableSection>
        </div>
      ))}
      {wizard.orphans.length > 0 ? (
        <Alert
          isInline
          variant={wizard.orphans.some((o) => o.claims.length > 0) ? 'danger' : 'warning'}
          data-test="hpp-orphans"
          title={t('This change leaves StorageClasses without a provisioner')}
        >
          <List>
            {wizard.orphans.map((o) => (
              <ListItem key={o.className} data-test="hpp-orphan" data-class={o.className}>
                {o.reason === 'path-changed'
                  ? t('{{name}}: its volumes stay in {{path}}, new ones would go to {{newPath}}.', {
                      name: o.className,
                      path: o.path,
                      newPath: o.newPath ?? '',
                    })
                  : t('{{name}}: the changed HostPathProvisioner no longer serves it.', {
                      name: o.className,
                    })}{' '}
                {o.claims.length > 0
                  ? t('In use by {{claims}}.', { claims: o.claims.join(', ') })
                  : t('No claim uses it.')}
              </ListItem>
            ))}
          </List>
          <p>
            {t(
              'Keep the existing storage pool or provisioner (add a pool instead of replacing it), or move the claims away first.',
            )}
          </p>
        </Alert>
      ) : null}
      {blockers.length > 0 ? (
        <Alert
          isInline
          variant="warning"
          title={t('Fix these before applying')}
          data-test="hpp-blockers"
        >
          <List>
            {blockers.map((b) => (
              <ListItem key={b}>{b}</ListItem>
            ))}
          </List>
        </Alert>
      ) : null}
      {failed && failure?.state === 'failed' ? (
        <Alert
          isInline
          variant="danger"
          data-test="hpp-apply-error"
          title={t('Applying {{key}} failed; nothing after it was applied', { key: failed.key })}
        >
          <p className="vm-disks-plugin__api-message">{failure.message}</p>
          {failure.conflict ? (
            <p>
              {t(
                'StorageClass parameters cannot be changed. Go back and choose another class name.',
              )}
            </p>
          ) : null}
          <p data-test="hpp-apply-written">
            {written.length > 0
              ? t('Already written: {{objects}}', { objects: written.map((o) => o.key).join(', ') })
              : t('Nothing was written.')}
          </p>
        </Alert>
      ) : null}
      {run?.finished && !run.failed ? (
        <Alert
          isInline
          variant="success"
          data-test="hpp-apply-done"
          title={t('Everything is applied')}
        >
          {t('Continue to the status to follow the rollout and run the smoke test.')}
        </Alert>
      ) : null}
      <Button
        variant="primary"
        data-test="hpp-apply"
        isDisabled={invalid || blockers.length > 0 || Boolean(run?.running)}
        isLoading={Boolean(run?.running)}
        onClick={onApply}
      >
        {run?.finished ? t('Apply again') : t('Apply')}
      </Button>
    </div>
  );
};
