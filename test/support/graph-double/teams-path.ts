/** A request under `/teams`, as far as the double serves it. */
export type TeamsPath =
  | { kind: 'teams' }
  | { kind: 'team'; team: string }
  | { kind: 'installedApps'; team: string }
  | { kind: 'members'; team: string }
  | { kind: 'operation'; team: string; operation: string };

/**
 * `teams('id')` as one segment becomes `teams` and `id`: Graph's `Location` for a team's operation
 * uses OData's key syntax (`/teams('…')/operations('…')`), which a client may follow as it is.
 */
function segmentsOf(path: string): string[] {
  return path
    .replace(/^\//, '')
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .flatMap((segment) => {
      const keyed = /^([^(]+)\('((?:[^']|'')*)'\)$/.exec(segment);
      return keyed ? [keyed[1]!, keyed[2]!.replaceAll("''", "'")] : [segment];
    });
}

/**
 * `/teams`, `/teams/{id}`, `/teams/{id}/installedApps`, `/teams/{id}/members` and
 * `/teams/{id}/operations/{id}`; null for anything else.
 */
export function teamsPath(url: string): TeamsPath | null {
  let segments: string[];
  try {
    segments = segmentsOf(url.split('?')[0]!);
  } catch {
    return null;
  }
  const [teams, team, what, operation, ...more] = segments;
  if (teams?.toLowerCase() !== 'teams' || more.length > 0) return null;
  if (team === undefined || team === '') return { kind: 'teams' };
  if (what === undefined) return { kind: 'team', team };
  const lower = what.toLowerCase();
  if (lower === 'operations' && operation) return { kind: 'operation', team, operation };
  if (operation !== undefined) return null;
  if (lower === 'installedapps') return { kind: 'installedApps', team };
  if (lower === 'members') return { kind: 'members', team };
  return null;
}
