/**
 * How the Graph client reaches Graph. Production: the browser's fetch. Demo mode: the simulated tenant answers the
 * same Request in-process (src/demo), so every layer above the transport runs the production code path.
 */
export type GraphTransport = (request: Request) => Promise<Response>;

export const fetchTransport: GraphTransport = (request) => fetch(request);
