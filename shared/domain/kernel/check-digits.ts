/**
 * Check digits used in Norwegian payments.
 * MOD10 is the Luhn algorithm (ISO/IEC 7812-1), one of the two check-digit methods Nets accepts for
 * a KID; MOD11 (weights 2–7 from the right) is the check digit of a Norwegian bank account number.
 */
export function mod10CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidMod10(number: string): boolean {
  return /^\d{2,}$/.test(number) && mod10CheckDigit(number.slice(0, -1)) === Number(number.at(-1));
}

/** Account numbers: 10 digits weighted 5,4,3,2,7,6,5,4,3,2 and a MOD11 check digit (a remainder of 1 is never issued). */
export function isValidNorwegianAccount(account: string): boolean {
  if (!/^\d{11}$/.test(account)) return false;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(account[i]), 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check !== 10 && check === Number(account[10]);
}

/** 1234.56.78903 — how Norwegians write an account number. */
export function formatAccount(account: string): string {
  return `${account.slice(0, 4)}.${account.slice(4, 6)}.${account.slice(6)}`;
}

/**
 * Organisation numbers (Enhetsregisteret): 9 digits, the last a MOD11 check digit over the first
 * eight weighted 3,2,7,6,5,4,3,2; a remainder giving 10 is never assigned (Brønnøysundregistrene,
 * "Organisasjonsnummeret").
 */
export function isValidOrganisationNumber(number: string): boolean {
  if (!/^\d{9}$/.test(number)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(number[i]), 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check !== 10 && check === Number(number[8]);
}
