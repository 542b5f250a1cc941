// The fields of a new upload target (`virtctl image-upload dv|pvc` flags): name, size (proposed from the image's
// virtual size plus CDI's filesystem overhead), storage class, access and volume mode (from the class's storage
// defaults until the user picks), and force-bind for a class that binds on first use.
import type { FC } from 'react';
import {
  Checkbox,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import type { ImageInspection } from '../../../lib/image-inspection';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { FieldProblems } from './FieldProblems';
import { problemsOf, type TargetFormModel, type TargetFormState } from './target-form-model';
import type { TargetContext } from './useTargetDefaults';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'];

export interface NewVolumeFieldsProps {
  idPrefix: string;
  state: TargetFormState;
  model: TargetFormModel;
  ctx: TargetContext;
  image: ImageInspection;
  update: (patch: Partial<TargetFormState>) => void;
}

export const NewVolumeFields: FC<NewVolumeFieldsProps> = ({
  idPrefix,
  state,
  model,
  ctx,
  image,
  update,
}) => {
  const { t } = usePluginTranslation();
  const id = (field: string) => `${idPrefix}-${field}`;
  const nameProblems = problemsOf(model, 'name');
  const sizeProblems = problemsOf(model, 'size');
  return (
    <>
      <FormGroup label={t('Name')} fieldId={id('name')} isRequired>
        <TextInput
          id={id('name')}
          data-test="upload-name"
          value={state.name}
          validated={nameProblems.length > 0 ? 'error' : 'default'}
          onChange={(_e, v) => {
            update({ name: v });
          }}
        />
        <FieldProblems problems={nameProblems} data-test="upload-name-problem" />
      </FormGroup>
      <FormGroup label={t('Size')} fieldId={id('size')} isRequired>
        <TextInput
          id={id('size')}
          data-test="upload-size"
          value={model.effectiveSize}
          validated={sizeProblems.length > 0 ? 'error' : 'default'}
          onChange={(_e, v) => {
            update({ size: v });
          }}
        />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>
              {image.virtualSize !== null
                ? t(
                    'Virtual size {{virtual}} bytes plus {{overhead}}% file system overhead: at least {{proposed}}.',
                    {
                      virtual: image.virtualSize,
                      overhead:
                        model.effectiveVolume === 'Block' ? 0 : (ctx.overhead * 100).toFixed(1),
                      proposed: model.proposed,
                    },
                  )
                : t('The virtual size cannot be read from this file: enter the disk size.')}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
        <FieldProblems problems={sizeProblems} data-test="upload-size-problem" />
      </FormGroup>
      <FormGroup label={t('Storage class')} fieldId={id('sc')}>
        <FormSelect
          id={id('sc')}
          data-test="upload-sc"
          value={model.values.storageClassName}
          onChange={(_e, v) => {
            update({ storageClassName: v });
          }}
        >
          {ctx.classes.map((sc) => (
            <FormSelectOption
              key={sc.metadata?.name}
              value={sc.metadata?.name ?? ''}
              label={
                sc === ctx.defaultClass
                  ? t('{{name}} (default, {{provisioner}})', {
                      name: sc.metadata?.name,
                      provisioner: sc.provisioner,
                    })
                  : `${sc.metadata?.name ?? ''} (${sc.provisioner})`
              }
            />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t('Access mode')} fieldId={id('access')}>
        <FormSelect
          id={id('access')}
          value={model.effectiveAccess}
          onChange={(_e, v) => {
            update({ accessMode: v });
          }}
        >
          {ACCESS_MODES.map((m) => (
            <FormSelectOption key={m} value={m} label={m} />
          ))}
        </FormSelect>
        <FieldProblems problems={problemsOf(model, 'access')} />
      </FormGroup>
      <FormGroup label={t('Volume mode')} fieldId={id('volume-mode')}>
        <FormSelect
          id={id('volume-mode')}
          data-test="upload-volume-mode"
          value={model.effectiveVolume}
          onChange={(_e, v) => {
            update({ volumeMode: v === 'Block' ? 'Block' : 'Filesystem' });
          }}
        >
          <FormSelectOption value="Filesystem" label={t('Filesystem')} />
          <FormSelectOption value="Block" label={t('Block')} />
        </FormSelect>
        <FormHelperText>
          <HelperText>
            <HelperTextItem>
              {t('Access and volume mode default to the storage defaults for this class.')}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
        <FieldProblems problems={problemsOf(model, 'volume-mode')} />
      </FormGroup>
      {model.wffc && (
        <Checkbox
          id={id('force-bind')}
          label={t(
            'Bind immediately (force-bind): the class waits for the first consumer, and an upload has none',
          )}
          isChecked={model.effectiveForceBind}
          onChange={(_e, v) => {
            update({ forceBind: v });
          }}
        />
      )}
    </>
  );
};
