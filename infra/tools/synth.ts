import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * `npm run synth`: `cdk synth --quiet` with only its warnings and errors on the console. The CDK
 * CLI prints two lines of information after every synth of more than one stack (where the
 * assembly went, how to print a template), and `--quiet` keeps them; they are dropped here,
 * everything else (warnings, cdk-nag findings, errors) passes through, and the exit code is the CLI's.
 */
const INFORMATION = [/^Successfully synthesized to /, /^Supply a stack id /];

const cli = spawn('cdk', ['synth', '--quiet', ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } });
createInterface({ input: cli.stderr }).on('line', (line) => {
  // eslint-disable-next-line no-control-regex -- the CLI colours its output
  if (!INFORMATION.some((pattern) => pattern.test(line.replace(/\u001b\[[0-9;]*m/g, '')))) process.stderr.write(`${line}\n`);
});
cli.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
