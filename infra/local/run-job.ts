/**
 * `npm run job -- <id> [--as-of YYYY-MM-DD] [--dry-run]`: runs a scheduled job in the twin on PORT (3000 by default)
 * (the same handler EventBridge Scheduler invokes in AWS) and prints what it did. A long run shows
 * a progress line here; the twin's own output has the job's progress log (counts only).
 */
async function main() {
  const [id, ...rest] = process.argv.slice(2);
  if (!id) throw new Error('Usage: npm run job -- <job> [--as-of YYYY-MM-DD] [--dry-run]');
  const input: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--as-of') {
      const day = rest[++i] ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) throw new Error('--as-of takes a date, YYYY-MM-DD');
      input.asOf = new Date(`${day}T12:00:00Z`).toISOString();
      if (Date.parse(input.asOf) > Date.now() && !rest.includes('--dry-run')) {
        // The job acts as if that day had come: what it does (reminders recorded as sent, customers
        // anonymised) carries that date, in this twin's data for good when it runs with --persist.
        process.stderr.write(`Note: --as-of ${day} is in the future; what the job does now is recorded as of that day. Add --dry-run to only see it.\n`);
      }
    } else if (rest[i] === '--dry-run') input.dryRun = true;
    else throw new Error(`Unknown argument ${rest[i]}`);
  }
  const base = `http://localhost:${process.env.PORT ?? 3000}`;
  let response: Response;
  const started = Date.now();
  const ticker = setInterval(() => process.stderr.write(`\r${id}: running for ${Math.round((Date.now() - started) / 1000)} s…`), 2000);
  try {
    response = await fetch(`${base}/local/jobs/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  } catch {
    throw new Error(`No local twin answers on ${base}: start it with npm start (or set PORT)`);
  } finally {
    clearInterval(ticker);
    if (Date.now() - started >= 2000) process.stderr.write('\n');
  }
  const body = await response.text();
  if (!response.ok) throw new Error(`The job failed (${response.status}): ${body}`);
  console.log(JSON.stringify(JSON.parse(body), null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
