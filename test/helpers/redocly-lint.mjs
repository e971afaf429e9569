// Lints an OpenAPI document read on stdin with Redocly's `recommended` rules, and any rules given
// as JSON in the first argument on top of them, and prints the problems found as JSON. A child
// process, because @redocly/openapi-core ships ESM only, which jest's CommonJS runtime cannot load.
import { createConfig, lintFromString } from '@redocly/openapi-core';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const config = await createConfig({ extends: ['recommended'], rules: JSON.parse(process.argv[2] ?? '{}') });
const problems = await lintFromString({ source: Buffer.concat(chunks).toString('utf8'), absoluteRef: 'openapi.json', config });
process.stdout.write(
  JSON.stringify(problems.map((p) => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, at: p.location.map((l) => l.pointer).join(' ') }))),
);
