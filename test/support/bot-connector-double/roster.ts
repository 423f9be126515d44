import type { TeamsUser } from './teams-user';

/**
 * A member as the roster APIs answer. Microsoft's REST samples name the Entra id `objectId`;
 * botbuilder's ChannelAccount reads `aadObjectId`; the double sends both.
 */
export function teamsChannelAccount(user: TeamsUser, tenantId: string): Record<string, string> {
  return {
    id: user.id,
    name: user.name,
    aadObjectId: user.aadObjectId,
    objectId: user.aadObjectId,
    ...(user.givenName === undefined ? {} : { givenName: user.givenName }),
    ...(user.surname === undefined ? {} : { surname: user.surname }),
    email: user.email,
    userPrincipalName: user.userPrincipalName,
    tenantId,
    userRole: user.userRole ?? 'user',
  };
}

export interface RosterPage {
  members: Record<string, string>[];
  continuationToken?: string;
}

/** "Page size less than 50 are treated as 50, and greater than 500 are capped at 500." */
const MIN_PAGE = 50;
const MAX_PAGE = 500;

/** One page of the roster; null when the continuation token is not one the double gave out. */
export function roster(members: TeamsUser[], tenantId: string, pageSize: string | null, continuationToken: string | null): RosterPage | null {
  const offset = continuationToken === null ? 0 : offsetOf(continuationToken);
  if (offset === null || offset > members.length) return null;
  const size = Math.min(MAX_PAGE, Math.max(MIN_PAGE, Number(pageSize ?? MAX_PAGE) || MAX_PAGE));
  const end = offset + size;
  return {
    members: members.slice(offset, end).map((m) => teamsChannelAccount(m, tenantId)),
    ...(end < members.length ? { continuationToken: Buffer.from(JSON.stringify({ offset: end })).toString('base64url') } : {}),
  };
}

function offsetOf(token: string): number | null {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    return Number.isInteger(offset) && (offset as number) >= 0 ? (offset as number) : null;
  } catch {
    // Not one of ours: the caller answers 400 for every such token alike.
    return null;
  }
}
