#!/usr/bin/env node
// Runs every test: the static checks (types, ESLint with the import boundaries, stylelint; one test
// each), Vitest (unit and integration, real HTTP/kubectl/qemu-img) and Playwright (end-to-end in
// Debian's Chromium). Prints "N passed, N failed" as the last line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const unitReport = `${results}/unit.json`;
const e2eReport = `${results}/e2e.json`;
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });

const run = (command, args, env = {}) => {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return (
    spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
  );
};

const checks = [
  ['npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['npx', ['eslint', '.']],
  ['npx', ['stylelint', 'src/**/*.css']],
].map(([command, args]) => run(command, args));

const unitStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${unitReport}`,
]);
const buildStatus = run('npm', ['run', 'build:all']);
const e2eStatus =
  buildStatus !== 0
    ? buildStatus
    : run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });

const count = () => {
  let passed = checks.filter((status) => status === 0).length;
  let failed = checks.length - passed;
  if (existsSync(unitReport)) {
    const unit = JSON.parse(readFileSync(unitReport, 'utf8'));
    passed += unit.numPassedTests;
    failed += unit.numFailedTests;
    // A test file that fails to load counts as a failure even though it ran no test.
    failed += unit.testResults.filter(
      (file) => file.status === 'failed' && file.assertionResults.length === 0,
    ).length;
  } else failed += 1;
  if (existsSync(e2eReport)) {
    const e2e = JSON.parse(readFileSync(e2eReport, 'utf8'));
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    failed += (e2e.errors ?? []).length;
  } else failed += 1;
  return { passed, failed };
};

const { passed, failed } = count();
const status = unitStatus !== 0 || e2eStatus !== 0 || failed > 0 ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
