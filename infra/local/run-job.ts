/**
 * `npm run job -- <id> [--as-of YYYY-MM-DD]`: runs a scheduled job in the running twin (the same
 * handler EventBridge Scheduler invokes in AWS) and prints what it did.
 */
async function main() {
  const [id, ...rest] = process.argv.slice(2);
  if (!id) throw new Error('Usage: npm run job -- <job> [--as-of YYYY-MM-DD]');
  const input: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--as-of') input.asOf = new Date(`${rest[++i]}T12:00:00Z`).toISOString();
    else throw new Error(`Unknown argument ${rest[i]}`);
  }
  const base = `http://localhost:${process.env.PORT ?? 3000}`;
  let response: Response;
  try {
    response = await fetch(`${base}/local/jobs/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  } catch {
    throw new Error(`No local twin answers on ${base}: start it with npm start (or set PORT)`);
  }
  const body = await response.text();
  if (!response.ok) throw new Error(`The job failed (${response.status}): ${body}`);
  console.log(JSON.stringify(JSON.parse(body), null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
