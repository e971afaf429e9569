import { localIssuer } from './local-issuer';

/** `npm run staff-token`: prints a bearer token the local twin accepts for the staff routes. */
async function main() {
  const issuer = await localIssuer();
  process.stdout.write(`${await issuer.staffToken()}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
