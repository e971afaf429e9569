/**
 * What an erasure leaves in place of a customer id on the records the law keeps (the documents,
 * their receivables, a claim's hold): `erased:<requestId>` for a request, `inactive:<…>` for the
 * retention sweep. Here, in the kernel, because invoices and rights both need to tell one.
 */
export const isErasurePseudonym = (customerId: string) => customerId.startsWith('erased:') || customerId.startsWith('inactive:');
