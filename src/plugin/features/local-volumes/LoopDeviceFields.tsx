// For a Block PV backed by a loop device: the backing file on the node and the `dd` / `losetup` commands that make
// the device the PV names (seed 6.12.3.4).
import type { FC } from 'react';
import {
  Checkbox,
  ClipboardCopy,
  Content,
  FormGroup,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { fieldHelp } from '../../components/FieldHelp';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export interface LoopDeviceFieldsProps {
  node: string;
  loopBacked: boolean;
  backingFile: string;
  backingFileError: string | undefined;
  commands: string[] | undefined;
  onLoopBacked: (loopBacked: boolean) => void;
  onBackingFile: (path: string) => void;
}

export const LoopDeviceFields: FC<LoopDeviceFieldsProps> = ({
  node,
  loopBacked,
  backingFile,
  backingFileError,
  commands,
  onLoopBacked,
  onBackingFile,
}) => {
  const { t } = usePluginTranslation();
  return (
    <>
      <Checkbox
        id="lv-loop"
        data-test="lv-loop"
        label={t('The device is a loop device backed by a file I create on the node')}
        isChecked={loopBacked}
        onChange={(_event, checked) => {
          onLoopBacked(checked);
        }}
      />
      {loopBacked ? (
        <FormGroup label={t('Backing file on the node')} fieldId="lv-backing-file">
          <TextInput
            id="lv-backing-file"
            data-test="lv-backing-file"
            value={backingFile}
            onChange={(_event, value) => {
              onBackingFile(value);
            }}
            validated={backingFileError ? 'error' : 'default'}
          />
          {fieldHelp(backingFileError)}
        </FormGroup>
      ) : null}
      {commands ? (
        <div data-test="lv-commands">
          <Title headingLevel="h2" size="md">
            {t('Run as root on {{node}} before creating the PV', {
              node: node || t('the node'),
            })}
          </Title>
          {commands.map((command) => (
            <ClipboardCopy
              key={command}
              isReadOnly
              isCode
              hoverTip={t('Copy')}
              clickTip={t('Copied')}
              data-test="lv-command"
            >
              {command}
            </ClipboardCopy>
          ))}
          <Content component="small">
            {t(
              'dd writes a file of exactly the PV capacity; losetup attaches it as the device the PV names.',
            )}
          </Content>
        </div>
      ) : null}
    </>
  );
};
