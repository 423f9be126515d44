import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { TeamChannel } from '../src/reach/team-channels';

interface TeamsChannelData {
  team?: { id?: unknown; aadGroupId?: unknown };
  tenant?: { id?: unknown };
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * The team an activity comes from, when it comes from one: Teams names the team's thread (which
 * is its General channel's conversation id) and usually its Microsoft 365 group id, which Graph
 * and the cohort's link use; when it does not, the bot asks Teams for the team's details.
 */
export async function teamChannelOf(context: TurnContext): Promise<TeamChannel | null> {
  const { activity } = context;
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const channelId = text(data.team?.id);
  if (channelId === null || !activity.serviceUrl || !activity.recipient?.id) return null;
  let groupId = text(data.team?.aadGroupId);
  if (groupId === null) {
    try {
      groupId = text((await TeamsInfo.getTeamDetails(context, channelId)).aadGroupId);
    } catch {
      return null;
    }
  }
  if (groupId === null) return null;
  return { groupId, channelId, serviceUrl: activity.serviceUrl, tenantId: text(data.tenant?.id) ?? activity.conversation?.tenantId ?? null, botId: activity.recipient.id };
}
