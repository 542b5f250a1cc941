// The HostPathProvisioner setup wizard (seed 6.12.1): preflight, backing directory, SELinux, CR and
// StorageClass, review and apply, status with the smoke test.
import type { FC } from 'react';
import { PageSection, Wizard, WizardStep } from '@patternfly/react-core';
import { DocumentTitle, ListPageHeader } from '@openshift-console/dynamic-plugin-sdk';
import { useNavigate } from 'react-router';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { HppStatusPanel } from '../../components/hpp-status/HppStatusPanel';
import { BackingDirectoryStep } from './BackingDirectoryStep';
import { PreflightStep } from './PreflightStep';
import { ProvisionerStep } from './ProvisionerStep';
import { ReviewStep } from './ReviewStep';
import { SelinuxStep } from './SelinuxStep';
import { useApply } from './useApply';
import { useHppWizard } from './useHppWizard';
import { AccessNotice } from '../../components/access/AccessNotice';
import { useDeniedText } from '../../components/access/useDeniedText';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';
import { HostPathProvisionerModel, StorageClassModel } from '../../k8s/models';
import './hpp-setup.css';

/** Asked before the wizard starts; the preflight step checks every object of the plan. */
const SETUP_NEEDS = [
  needOf('create', HostPathProvisionerModel),
  needOf('create', StorageClassModel),
];

export const HppSetupPage: FC = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const wizard = useHppWizard();
  const { run, apply, reset } = useApply();
  const title = t('Local storage setup (HostPathProvisioner)');
  const ready = Boolean(wizard.result?.version && wizard.values);
  const backingInvalid =
    wizard.pathProblems.length > 0 || wizard.poolProblems.length > 0 || wizard.selectorInvalid;
  const orphansInUse = wizard.orphans.filter((o) => o.claims.length > 0);
  const classInvalid = !wizard.classNameValid || wizard.classDifferences.length > 0;
  const [denied] = useAccessNeeds(SETUP_NEEDS);
  const deniedText = useDeniedText();
  const blockers = [
    ...denied.map(deniedText),
    ...(backingInvalid ? [t('The backing directory step has errors.')] : []),
    ...(classInvalid
      ? [t('Choose a StorageClass name that is free or has the same parameters.')]
      : []),
    ...orphansInUse.map((o) =>
      t('StorageClass {{name}} is used by {{claims}} and would lose its provisioner.', {
        name: o.className,
        claims: o.claims.join(', '),
      }),
    ),
    ...(wizard.claimsUnknown && wizard.orphans.length > 0
      ? [
          t(
            'You may not list PersistentVolumeClaims, so the wizard cannot tell whether {{names}} are in use.',
            { names: wizard.orphans.map((o) => o.className).join(', ') },
          ),
        ]
      : []),
    ...wizard.problemsOfPlan.map((p) =>
      t('{{key}}: {{field}} {{detail}}', { key: p.key, field: p.field, detail: p.detail }),
    ),
  ];
  const applied = Boolean(run?.finished && !run.failed);
  const close = () => {
    void navigate('/vm-disks/overview');
  };
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'From bare nodes to a working StorageClass: checks, SELinux labels, the provisioner, its StorageClass and a smoke test.',
        )}
      />
      <PageSection data-test="hpp-setup" className="vm-disks-plugin__hpp-setup">
        <AccessNotice subject={t('the local storage setup')} denied={denied} />
        <Wizard onClose={close} height="100%" navAriaLabel={t('Setup steps')}>
          <WizardStep
            name={t('Preflight')}
            id="hpp-step-preflight"
            footer={{ isNextDisabled: !ready || wizard.preflight.isFetching }}
          >
            <PreflightStep wizard={wizard} />
          </WizardStep>
          <WizardStep
            name={t('Backing directory')}
            id="hpp-step-backing"
            isDisabled={!ready}
            footer={{ isNextDisabled: backingInvalid }}
          >
            <BackingDirectoryStep wizard={wizard} />
          </WizardStep>
          <WizardStep
            name={t('SELinux')}
            id="hpp-step-selinux"
            isDisabled={!ready || backingInvalid}
          >
            <SelinuxStep wizard={wizard} />
          </WizardStep>
          <WizardStep
            name={t('Provisioner and StorageClass')}
            id="hpp-step-provisioner"
            isDisabled={!ready || backingInvalid}
            footer={{ isNextDisabled: classInvalid }}
          >
            <ProvisionerStep wizard={wizard} />
          </WizardStep>
          <WizardStep
            name={t('Review and apply')}
            id="hpp-step-review"
            isDisabled={!ready || backingInvalid || classInvalid}
            footer={{ isNextDisabled: !applied }}
          >
            <ReviewStep
              wizard={wizard}
              run={run}
              blockers={blockers}
              onApply={() => {
                reset();
                void apply(wizard.objects).then(() => wizard.preflight.refetch());
              }}
            />
          </WizardStep>
          {/* Reachable any time: the rollout and the smoke test of what exists, not only after an apply. */}
          <WizardStep
            name={t('Status')}
            id="hpp-step-status"
            isDisabled={!ready}
            footer={{ nextButtonText: t('Go to the overview'), isCancelHidden: true }}
          >
            <HppStatusPanel setupLink={false} />
          </WizardStep>
        </Wizard>
      </PageSection>
    </>
  );
};
