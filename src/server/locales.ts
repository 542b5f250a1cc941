/**
 * The bridge's i18n endpoint: `GET /locales/resource.json?lng=<lng>&ns=<ns>` → for `plugin__<name>` the
 * plugin service's `locales/<lng>/<ns>.json` (`pkg/plugins/handlers.go`, `HandleI18nResources`).
 * Missing parameters or unsafe values → 400; a plugin we do not serve or a console namespace → 404; a missing
 * file → 404 (what the plugin service answers). i18next treats the 404 as "no resources" and falls back.
 */
import path from 'node:path';
import type { FastifyPluginCallback } from 'fastify';
import { LOCALES_ENDPOINT, PLUGIN_I18N_NAMESPACE } from './bridge-paths';
import { resolveFile, sendFile } from './static-assets';

const LANGUAGE = /^[a-zA-Z-]+$/;
const NAMESPACE = /^[a-zA-Z0-9_-]+$/;

export interface LocalesOptions {
  distDir: string;
}

function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

export const localesEndpoint: FastifyPluginCallback<LocalesOptions> = (app, { distDir }, done) => {
  app.get(LOCALES_ENDPOINT, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const lng = single(query.lng);
    const ns = single(query.ns);
    if (!lng || !ns) {
      return reply.code(400).send({
        error: `GET request ${JSON.stringify(request.url)} is missing 'lng' or 'ns' query parameter`,
      });
    }
    if (!LANGUAGE.test(lng) || !NAMESPACE.test(ns)) {
      return reply.code(400).send({
        error: `GET request ${JSON.stringify(request.url)} has an invalid 'lng' or 'ns' query parameter`,
      });
    }
    if (ns !== PLUGIN_I18N_NAMESPACE) {
      const message = ns.startsWith('plugin__')
        ? `failed to get endpoint for ${JSON.stringify(ns.slice('plugin__'.length))} plugin`
        : 'locale resource not found';
      return reply.code(404).send({ error: message });
    }
    const resolved = await resolveFile(path.join(distDir, 'locales'), [lng, `${ns}.json`]);
    if (!resolved) return reply.code(404).send({ error: `no ${lng} resources for ${ns}` });
    return sendFile(reply, resolved, { cacheControl: 'no-cache' });
  });

  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: LOCALES_ENDPOINT,
    handler: (_request, reply) =>
      reply
        .code(405)
        .header('allow', 'GET')
        .send({ error: 'Method unsupported, the only supported methods is GET' }),
  });
  done();
};
