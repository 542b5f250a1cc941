#!/usr/bin/env node
// Runs every test: the static checks (types, ESLint with the import boundaries, stylelint; one test
// each), Vitest (unit and integration, real HTTP/kubectl/qemu-img) and Playwright (end-to-end in
// Debian's Chromium). Prints "N passed, N failed" as the last line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

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

const checkCommands = [
  ['npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['npx', ['eslint', '.']],
  ['npx', ['stylelint', 'src/**/*.css']],
];
const checks = checkCommands.map(([command, args]) => run(command, args));

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

// What failed, one line each, printed just before the closing line so that the tail of a CI log names it.
const failures = [];
const firstLine = (text) =>
  stripVTControlCharacters(String(text ?? ''))
    .trim()
    .split('\n')[0]
    .slice(0, 300);

const count = () => {
  let passed = checks.filter((status) => status === 0).length;
  let failed = checks.length - passed;
  checks.forEach((status, index) => {
    if (status !== 0) failures.push(`check: ${checkCommands[index][1].join(' ')} exited ${status}`);
  });
  if (existsSync(unitReport)) {
    const unit = JSON.parse(readFileSync(unitReport, 'utf8'));
    passed += unit.numPassedTests;
    failed += unit.numFailedTests;
    for (const file of unit.testResults) {
      const name = file.name.replace(`${process.cwd()}/`, '');
      for (const test of file.assertionResults) {
        if (test.status === 'failed')
          failures.push(
            `vitest: ${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
          );
      }
      // A test file that fails to load counts as a failure even though it ran no test.
      if (file.status === 'failed' && file.assertionResults.length === 0) {
        failed += 1;
        failures.push(`vitest: ${name} did not load: ${firstLine(file.message)}`);
      }
    }
  } else {
    failed += 1;
    failures.push(`vitest: no report (exit ${unitStatus})`);
  }
  if (existsSync(e2eReport)) {
    const e2e = JSON.parse(readFileSync(e2eReport, 'utf8'));
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    failed += (e2e.errors ?? []).length;
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests ?? []) {
          if (test.status !== 'unexpected') continue;
          const error = test.results?.at(-1)?.error?.message;
          const project = test.projectName ? `[${test.projectName}] ` : '';
          failures.push(
            `playwright: ${project}${[...path, spec.title].join(' › ')}: ${firstLine(error)}`,
          );
        }
      }
      for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
    };
    for (const suite of e2e.suites ?? []) walk(suite, [suite.title]);
    for (const error of e2e.errors ?? []) failures.push(`playwright: ${firstLine(error.message)}`);
  } else {
    failed += 1;
    failures.push(`playwright: no report (exit ${e2eStatus})`);
  }
  return { passed, failed };
};

const { passed, failed } = count();
if (failures.length > 0) {
  console.log('\nFailed:');
  for (const line of failures) console.log(`  ${line}`);
}
const status = unitStatus !== 0 || e2eStatus !== 0 || failed > 0 ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
