import type { ButtonProps } from '@patternfly/react-core';
import { Button, Content, Flex, FlexItem, PageSection, Title } from '@patternfly/react-core';
import type { FC, ReactNode } from 'react';
import { useAccessReview } from '../access-review';
import type { K8sGroupVersionKind } from '../k8s-types';
import { useOptionalK8sModel } from '../use-k8s-model';

export interface ListPageHeaderProps {
  badge?: ReactNode;
  children?: ReactNode;
  helpAlert?: ReactNode;
  helpText?: ReactNode;
  hideFavoriteButton?: boolean;
  title: string;
}

export const ListPageHeader: FC<ListPageHeaderProps> = ({
  badge,
  children,
  helpAlert,
  helpText,
  title,
}) => (
  <PageSection className="vm-disks-host__list-page-header">
    {(title || badge || children) && (
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
      >
        <FlexItem>
          <Flex alignItems={{ default: 'alignItemsCenter' }}>
            {title && (
              <Title headingLevel="h1" data-test="page-heading">
                {title}
              </Title>
            )}
            {badge && <FlexItem>{badge}</FlexItem>}
          </Flex>
        </FlexItem>
        {children && <FlexItem>{children}</FlexItem>}
      </Flex>
    )}
    {helpText && <Content component="p">{helpText}</Content>}
    {helpAlert}
  </PageSection>
);

export const ListPageBody: FC<{ children?: ReactNode }> = ({ children }) => (
  <PageSection className="vm-disks-host__list-page-body">{children}</PageSection>
);

interface CreateAccessReview {
  groupVersionKind: string | K8sGroupVersionKind;
  namespace?: string;
}

const useCreateAllowed = (review: CreateAccessReview | undefined): boolean => {
  const [model] = useOptionalK8sModel(review?.groupVersionKind);
  const [allowed, loading] = useAccessReview(
    {
      group: model?.apiGroup ?? '',
      resource: model?.plural ?? '',
      verb: 'create',
      ...(review?.namespace ? { namespace: review.namespace } : {}),
    },
    undefined,
    true,
  );
  if (!review) return true;
  return allowed && !loading;
};

export type ListPageCreateButtonProps = ButtonProps & { createAccessReview?: CreateAccessReview };

export const ListPageCreateButton: FC<ListPageCreateButtonProps> = ({
  createAccessReview,
  ...props
}) => {
  const allowed = useCreateAllowed(createAccessReview);
  return (
    <Button
      variant="primary"
      data-test="item-create"
      {...props}
      isDisabled={props.isDisabled ?? !allowed}
    />
  );
};
