/**
 * The largest JSON body a handler reads. Counter requests are small (an order of 50 lines is a few
 * KB); anything near this is a mistake or an attack, refused before it is parsed. API Gateway's own
 * limit, 10 MB, applies before a request reaches a function.
 */
export const MAX_BODY_BYTES = 64 * 1024;
