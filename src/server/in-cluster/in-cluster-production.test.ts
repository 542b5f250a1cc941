/**
 * The production layout of the container image (deploy/Containerfile): `npm run build:server` output run with
 * plain `node dist-server/main.js --in-cluster …` next to `package.json`, `dist/` and `node_modules/`. It
 * starts in in-cluster mode against the sandbox (HTTPS, token authentication), serves the probes, the
 * plugin and the API, never logs the user's token, and exits 0 on SIGTERM. The bundle imports nothing at run
 * time that `npm prune --omit=dev` would remove.
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../build-missing';
import { startEmbeddedSandbox, type RunningSandbox } from '../sandbox-launcher';
import { makeFakeBuilds, type FakeBuilds } from '../testing/fake-builds';
import { rawRequest } from '../testing/http-client';

const run = promisify(execFile);

let tmp: string;
let app: string;
let builds: FakeBuilds;
let sandbox: RunningSandbox;
let ca: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-production-'));
  app = path.join(tmp, 'app');
  await mkdir(app);
  await run(
    path.join(REPO_ROOT, 'node_modules/.bin/vite'),
    [
      'build',
      '--config',
      'deploy/server.vite.config.mjs',
      '--outDir',
      path.join(app, 'dist-server'),
    ],
    { cwd: REPO_ROOT },
  );
  builds = await makeFakeBuilds();
  await cp(builds.distDir, path.join(app, 'dist'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'package.json'), path.join(app, 'package.json'));
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(app, 'node_modules'));
  await mkdir(path.join(app, 'staging'));
  const started = await startEmbeddedSandbox({
    dataDir: path.join(tmp, 'sandbox'),
    tls: true,
    quiet: true,
  });
  if (!started) throw new Error('src/sandbox/index.ts is missing');
  sandbox = started;
  await sandbox.writeKubeconfig(path.join(tmp, 'kubeconfig'));
  const pems = await generate([{ name: 'commonName', value: 'vm-disks-plugin.vm-disks.svc' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  ca = pems.cert;
  await writeFile(path.join(tmp, 'tls.crt'), pems.cert);
  await writeFile(path.join(tmp, 'tls.key'), pems.private, { mode: 0o600 });
}, 180_000);

afterAll(async () => {
  await sandbox.close();
  await rm(tmp, { recursive: true, force: true });
  await rm(builds.root, { recursive: true, force: true });
});

describe('dist-server in the image layout', () => {
  it('imports only Node built-ins and runtime dependencies, and every runtime dependency is imported', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const files = (await readdir(path.join(app, 'dist-server'), { recursive: true })).filter((f) =>
      f.endsWith('.js'),
    );
    expect(files).toContain('main.js');
    const specifiers = new Set<string>();
    for (const file of files) {
      const code = await readFile(path.join(app, 'dist-server', file), 'utf8');
      for (const match of code.matchAll(/(?:from\s*|import\s*\(\s*)"([^"./][^"]*)"/g)) {
        if (match[1]) specifiers.add(match[1]);
      }
    }
    const packages = [...specifiers]
      .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s))
      .map((s) =>
        s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s),
      );
    expect(packages).toContain('fastify');
    // `vite` is imported only by the standalone "build what is missing" step, never in in-cluster mode.
    const missing = packages.filter((p) => !(p in pkg.dependencies) && p !== 'vite');
    expect(missing).toEqual([]);
    // The image installs only `dependencies` (deploy/Containerfile: npm prune --omit=dev): a package there that
    // the bundle never imports (React, PatternFly, … are bundled into dist/ at build time) is dead weight.
    const unused = Object.keys(pkg.dependencies).filter((p) => !packages.includes(p));
    expect(unused).toEqual([]);
    // The embedded sandbox is not part of the image.
    for (const file of files) {
      expect(await readFile(path.join(app, 'dist-server', file), 'utf8')).not.toContain(
        'startSandbox = async',
      );
    }
  });

  it('starts in in-cluster mode, serves, never logs the token and exits 0 on SIGTERM', async () => {
    const env = { ...process.env };
    delete env.KUBECONFIG;
    delete env.PORT;
    const child = spawn(
      process.execPath,
      [
        'dist-server/main.js',
        '--in-cluster',
        '--tls-cert',
        path.join(tmp, 'tls.crt'),
        '--tls-key',
        path.join(tmp, 'tls.key'),
        '--kubeconfig',
        path.join(tmp, 'kubeconfig'),
        '--staging-dir',
        'staging',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--log-level',
        'debug',
      ],
      { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /VM Disks backend \(in-cluster\): (https:\/\/localhost:\d+)/.exec(output);
          if (match?.[1]) {
            clearInterval(timer);
            resolve(match[1].replace('localhost', '127.0.0.1'));
          }
        }, 100);
        void exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`exited ${String(code)} before listening:\n${output}`));
        });
      });
      expect((await rawRequest(url, { path: '/healthz', ca })).status).toBe(200);
      expect((await rawRequest(url, { path: '/readyz', ca })).status).toBe(200);
      const manifest = await rawRequest(url, { path: '/plugin-manifest.json', ca });
      expect(JSON.parse(manifest.body)).toEqual(builds.manifest);
      const token = sandbox.users.find((u) => u.name === 'developer')?.token ?? '';
      expect(token).not.toBe('');
      const whoami = await rawRequest(url, {
        path: '/api/v1/whoami',
        ca,
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '10.128.0.5' },
      });
      expect(whoami.status).toBe(200);
      expect(JSON.parse(whoami.body)).toMatchObject({ username: 'developer' });
      // From the command line the X-Forwarded-For rule is on.
      const direct = await rawRequest(url, {
        path: '/api/v1/whoami',
        ca,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(direct.status).toBe(403);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('SIGTERM: shutting down');
      expect(output).toContain('/api/v1/whoami');
      expect(output).not.toContain(token);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('deploy/ files that cannot run here', () => {
  it('the Containerfile copies files that exist and runs scripts that exist', async () => {
    const text = await readFile(path.join(REPO_ROOT, 'deploy/Containerfile'), 'utf8');
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const copies = [...text.matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(.+) \S+$/gm)].flatMap((m) =>
      m[1].split(/\s+/),
    );
    expect(copies).toContain('src');
    for (const source of copies) {
      await expect(readdir(path.dirname(path.join(REPO_ROOT, source)))).resolves.toContain(
        path.basename(source),
      );
    }
    const scripts = [...text.matchAll(/npm run ([\w:]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(['build', 'build:server']);
    for (const script of scripts) expect(pkg.scripts).toHaveProperty([script]);
    expect(text).toMatch(/^USER 1001$/m);
    expect(text).toContain('ENTRYPOINT ["node", "dist-server/main.js"]');
  });

  it('start-console.sh is valid bash and configures the plugin, its proxy and i18n', async () => {
    const script = path.join(REPO_ROOT, 'deploy/start-console.sh');
    await run('bash', ['-n', script]);
    const text = await readFile(script, 'utf8');
    expect(text).toContain('BRIDGE_PLUGINS=$PLUGIN=$BACKEND_URL/');
    expect(text).toContain('"consoleAPIPath":"/api/proxy/plugin/$PLUGIN/backend/"');
    expect(text).toContain('BRIDGE_I18N_NAMESPACES=plugin__$PLUGIN');
    expect(text).toContain('--in-cluster');
  });
});
