/**
 * The built plugin (`dist/`) at the bridge's asset path (standalone: `/api/plugins/vm-disks-plugin/<asset>`)
 * or at the plugin service's base path (in-cluster: `/<asset>`, which is what the bridge requests).
 * The query string (the loader's `?cacheBuster=`) is ignored, as the bridge drops it.
 */
import type { FastifyPluginCallback } from 'fastify';
import { notFound, pathAfter, resolveFile, safeSegments, sendFile } from './static-assets';

export interface PluginAssetsOptions {
  distDir: string;
  /** Mount point ending in '/'. */
  mountPath: string;
  /** Serve `*.map` files (default true; in-cluster false: no source maps to a cluster's users). */
  sourceMaps?: boolean;
}

export const pluginAssets: FastifyPluginCallback<PluginAssetsOptions> = (
  app,
  { distDir, mountPath, sourceMaps = true },
  done,
) => {
  app.get(`${mountPath}*`, async (request, reply) => {
    const rest = pathAfter(request.raw.url ?? '', mountPath);
    if (!sourceMaps && /\.map$/i.test((rest ?? '').split('?')[0] ?? '')) {
      return notFound(reply, `plugin asset ${rest ?? ''}`);
    }
    const segments = rest === undefined ? undefined : safeSegments(rest);
    const resolved = segments ? await resolveFile(distDir, segments) : undefined;
    if (!resolved) return notFound(reply, `plugin asset ${rest ?? ''}`);
    // Names other than the entry and chunks are not content-hashed (manifest, locales): always revalidate.
    return sendFile(reply, resolved, { cacheControl: 'no-cache' });
  });
  done();
};
