// One cluster write of a page or wizard step as a TanStack Query mutation: `[run, { pending, error }]`, the error as
// the API server's message for the step to show in an Alert. No write is fire-and-forget: a refused patch
// (403, 409, an admission webhook's denial) stays on screen until the next attempt.
import { useMutation } from '@tanstack/react-query';
import { messageOf } from '../load-error';

export interface ClusterWriteState {
  pending: boolean;
  /** The failure of the last attempt, as the API server worded it. */
  error: string | undefined;
  reset: () => void;
}

export const useClusterWrite = <A extends unknown[]>(
  write: (...args: A) => Promise<unknown>,
): [(...args: A) => Promise<boolean>, ClusterWriteState] => {
  const mutation = useMutation({
    mutationFn: (args: A) => write(...args),
  });
  const run = (...args: A): Promise<boolean> =>
    mutation.mutateAsync(args).then(
      () => true,
      () => false,
    );
  return [
    run,
    {
      pending: mutation.isPending,
      error: mutation.error ? messageOf(mutation.error) : undefined,
      reset: mutation.reset,
    },
  ];
};
