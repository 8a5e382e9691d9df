/**
 * The most rows one replication push carries: the server refuses more (413), and the client
 * sends batches of up to this many by default (one request, one transaction on the server).
 */
export const MAX_PUSH_ROWS = 1000;
