// The user's name, from a SelfSubjectReview (authentication.k8s.io/v1), cached for the page's lifetime.
import { useQuery } from '@tanstack/react-query';
import { k8sCreate } from '@openshift-console/dynamic-plugin-sdk';
import { SelfSubjectReviewModel } from '../auth-models';
import type { SelfSubjectReviewKind } from '../auth-models';

export const useCurrentUser = (): {
  username: string | undefined;
  loaded: boolean;
  error: unknown;
} => {
  const query = useQuery({
    queryKey: ['vm-disks', 'self-subject-review'],
    queryFn: async () => {
      const review = (await k8sCreate({
        model: SelfSubjectReviewModel,
        data: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'SelfSubjectReview',
        },
      })) as SelfSubjectReviewKind;
      return review.status?.userInfo?.username ?? '';
    },
    staleTime: Infinity,
    retry: false,
    // Asked again after a failure (5xx, 429, a cut connection) until it answers.
    refetchInterval: (query) => (query.state.status === 'error' ? 5000 : false),
  });
  return {
    username: query.data || undefined,
    loaded: !query.isPending,
    error: query.error ?? undefined,
  };
};
