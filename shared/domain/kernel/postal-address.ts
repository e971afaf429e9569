/** A Norwegian postal address as a document or an account prints it. */
export type PostalAddress = { street: string; postalCode: string; city: string };
