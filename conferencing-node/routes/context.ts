/**
 * What every route handler of the client REST API gets: the request, the node, the path parameters
 * and (for authenticated routes) the participant the token belongs to; plus the checks they share.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, Reasons } from '../errors.js';
import { header } from '../http-util.js';
import type { NodeState, Participant } from '../model.js';

export const VERSION = { version_id: '36', pseudo_version: '36.0.0-local' };
export const MAX_NAME = 256;
export const DTMF_RE = /^[0-9*#A-Da-d]{1,32}$/;

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  state: NodeState;
  method: string;
  /** Alias from the path, decoded. */
  alias: string;
  /** Path segments after the alias, decoded. */
  rest: string[];
  /** The `{name}` segments of the matched route pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  remoteAddress: string;
}

/** A request whose token was checked: `me` is its participant. */
export interface Authed extends Ctx {
  me: Participant;
}

export type Result = { status: number; result: unknown } | 'streamed';
export const ok = (result: unknown): Result => ({ status: 200, result });

export function tokenOf(ctx: Ctx): string | undefined {
  return header(ctx.req, 'token') ?? ctx.query.get('token') ?? undefined;
}

/** The token's participant; the path alias must belong to its conference (or be the one it joined by). */
export function authenticate(ctx: Ctx): Participant {
  const me = ctx.state.participantFor(tokenOf(ctx));
  if (!me) throw new ApiError(403, Reasons.invalidToken);
  const alias = ctx.alias.toLowerCase();
  const sameConference = ctx.state.conferenceFor(alias) === me.conference;
  if (!sameConference && alias !== me.requestAlias) throw new ApiError(403, Reasons.invalidToken);
  takeRate(ctx, me);
  return me;
}

/** One participant's request rate (all its tokens share one bucket): 429 past it. */
export function takeRate(ctx: Ctx, me: Participant, cost = 1): void {
  const rates = ctx.state.tokenRates;
  if (rates.take(me.uuid, cost)) return;
  ctx.res.setHeader('Retry-After', String(rates.retryAfter(me.uuid, cost)));
  throw new ApiError(429, Reasons.tooManyRequests);
}

/**
 * The body of a command is read before it runs: by then the sender or the target may have left
 * (released, kicked, expired). A command must not act for, or resurrect, someone who is gone.
 */
export function assertPresent(me: Participant, target?: Participant): void {
  const participants = me.conference.participants;
  if (participants.get(me.uuid) !== me) throw new ApiError(403, Reasons.invalidToken);
  if (target && participants.get(target.uuid) !== target) throw new ApiError(404, 'Participant not found');
}
