import type { SandboxContext } from '../../contract';

/** The Status a validating webhook answers with besides its message (reason, causes). */
export interface WebhookDenialDetails {
  reason?: string;
  causes?: { reason: string; message: string; field: string }[];
}

/**
 * A validating webhook's denial, as the API server reports it:
 * `admission webhook "<name>" denied the request: <message>`. CDI answers with code 422, no
 * reason and a message that begins with a space (it joins causes with a leading space); KubeVirt
 * with 422, reason `Invalid` and its causes. Uses the machinery's `webhookDenied` when it offers
 * one (exact code, reason and causes), else a 400 Bad Request.
 */
export function webhookDenied(
  ctx: SandboxContext,
  webhook: string,
  message: string,
  code = 422,
  details: WebhookDenialDetails = {},
): Error {
  const errors = ctx.errors as SandboxContext['errors'] & {
    webhookDenied?: (
      webhook: string,
      message: string,
      code: number,
      details: WebhookDenialDetails,
    ) => Error;
  };
  if (errors.webhookDenied) return errors.webhookDenied(webhook, message, code, details);
  return errors.badRequest(`admission webhook "${webhook}" denied the request: ${message}`);
}
