import type { User } from './graph-api';
import { badRequest, graphError, requestBodyRead, type GraphResponse, type RequestIds } from './graph-errors';

/** What a valid "Create team" body asks for. */
export interface TeamRequest {
  displayName: string;
  description: string;
  owner: User;
}

export interface TeamBodyDeps {
  users: User[];
  /** The double's Graph origin: a binding may name it or Microsoft's public host. */
  graphUrl: string;
}

/** `team` properties the double takes; anything else is refused as OData refuses an unknown property. */
const KNOWN = ['template@odata.bind', 'displayName', 'description', 'members', 'visibility', 'firstChannelName'];
/** The longest `displayName` and `description` of a Microsoft 365 group, which a team is. */
const MAX_NAME = 256;
const MAX_DESCRIPTION = 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{host}/v1.0/{rest}` on the double's host or Microsoft's, with what follows the version; null otherwise. */
function boundTo(value: unknown, hosts: readonly string[]): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(https:\/\/[^/]+)\/(?:v1\.0|beta)\/(.+)$/.exec(value);
  return match && hosts.includes(match[1]!) ? match[2]! : null;
}

function template(body: Record<string, unknown>, hosts: readonly string[], ids: RequestIds): GraphResponse | null {
  if (!('template@odata.bind' in body)) return badRequest("A team needs a template: bind 'template@odata.bind' to {graph}/v1.0/teamsTemplates('standard').", ids);
  const rest = boundTo(body['template@odata.bind'], hosts);
  const name = rest === null ? null : /^teamsTemplates\('([^']+)'\)$/.exec(rest)?.[1];
  if (!name) return badRequest(`Invalid template binding '${String(body['template@odata.bind'])}'.`, ids);
  return name === 'standard' ? null : badRequest(`The template '${name}' is not available; the double knows only 'standard'.`, ids);
}

/** Application permissions have no signed-in user to own the team: exactly one member, an owner, bound to a user. */
function owner(members: unknown, deps: TeamBodyDeps, hosts: readonly string[], ids: RequestIds): User | GraphResponse {
  if (!Array.isArray(members) || members.length !== 1) {
    return badRequest('A team created with application permissions needs exactly one member in members: its owner (aadUserConversationMember with roles ["owner"]).', ids);
  }
  const member: unknown = members[0];
  if (!isObject(member) || member['@odata.type'] !== '#microsoft.graph.aadUserConversationMember') {
    return badRequest("The member must be a '#microsoft.graph.aadUserConversationMember'.", ids);
  }
  const roles = member.roles;
  if (!Array.isArray(roles) || roles.length !== 1 || String(roles[0]).toLowerCase() !== 'owner') {
    return badRequest('A team created with application permissions needs its one member to have roles ["owner"].', ids);
  }
  if (!('user@odata.bind' in member)) return badRequest('The navigation bind for the user was missing in request', ids);
  const rest = boundTo(member['user@odata.bind'], hosts);
  const key = rest === null ? null : (/^users\('((?:[^']|'')+)'\)$/.exec(rest)?.[1]?.replaceAll("''", "'") ?? /^users\/([^/]+)$/.exec(rest)?.[1]);
  if (!key) return badRequest(`Invalid user binding '${String(member['user@odata.bind'])}'.`, ids);
  const wanted = decodeURIComponent(key).toLowerCase();
  const user = deps.users.find((u) => u.id.toLowerCase() === wanted || u.upn.toLowerCase() === wanted);
  return user ?? graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`, ids);
}

function text(body: Record<string, unknown>, name: 'displayName' | 'description', max: number, ids: RequestIds): string | GraphResponse {
  const value = body[name] ?? '';
  if (typeof value !== 'string') return requestBodyRead(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.String'.`, ids);
  if (value.length > max) return badRequest(`${name} may be at most ${max} characters.`, ids);
  return value;
}

/**
 * A "Create team" body as Graph checks it for an application caller: the `standard` template bound,
 * a display name, and exactly one member, the owner, bound to a user of the tenant. A bind property
 * Graph does not know is refused in its words ("Invalid bind property name owners in request.").
 */
export function checkTeamBody(body: unknown, deps: TeamBodyDeps, ids: RequestIds): TeamRequest | GraphResponse {
  if (body === undefined || body === null || body === '') return badRequest('Empty Payload. JSON content expected.', ids);
  if (!isObject(body)) return requestBodyRead('The request body must be a JSON object.', ids);
  for (const key of Object.keys(body)) {
    if (key.endsWith('@odata.bind') && key !== 'template@odata.bind') return badRequest(`Invalid bind property name ${key.replace(/@odata\.bind$/, '')} in request.`, ids);
    if (!KNOWN.includes(key)) {
      return requestBodyRead(`The property '${key}' does not exist on type 'microsoft.graph.team'. Make sure to only use property names that are defined by the type or mark the type as open type.`, ids);
    }
  }
  const hosts = [deps.graphUrl, 'https://graph.microsoft.com'];
  const refused = template(body, hosts, ids);
  if (refused) return refused;
  const displayName = text(body, 'displayName', MAX_NAME, ids);
  if (typeof displayName !== 'string') return displayName;
  if (displayName.trim() === '') return badRequest('displayName is required.', ids);
  const description = text(body, 'description', MAX_DESCRIPTION, ids);
  if (typeof description !== 'string') return description;
  const visibility = String(body.visibility ?? 'private').toLowerCase();
  if (visibility !== 'private' && visibility !== 'public') return requestBodyRead(`The value '${visibility}' is not valid for teamVisibilityType.`, ids);
  const user = owner(body.members, deps, hosts, ids);
  if ('status' in user) return user;
  return { displayName, description, owner: user };
}
