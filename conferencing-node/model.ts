/**
 * The conference model of the local node: conferences, participants, tokens and the events every
 * state change implies, one file per concern under `model/`; the rules of the commands participants
 * send are in `model/rules.ts` and `model/dial-out.ts`. The HTTP layer (`api.ts`, `routes/`) only
 * parses and validates input and calls into this.
 */
export * from './model/conference.js';
export * from './model/node-state.js';
export * from './model/participant.js';
export * from './model/records.js';
