/**
 * `npm start`: parse and validate the configuration (errors exit 2 naming the flag), then start. The server
 * modules load only after the configuration is valid, so `--help` and mistakes answer at once.
 */
import { ConfigError, HELP_TEXT, parseCommandLine } from './config';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`vm-disks: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (parsed.help) {
    process.stdout.write(`${HELP_TEXT}\n`);
    return;
  }
  const { start } = await import('./start');
  await start(parsed.options);
}

main().catch((err: unknown) => {
  process.stderr.write(`vm-disks: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
