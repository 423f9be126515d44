import type { Instant } from '../domain/local-time';
import type { Executor } from '../store/schema';

/** A team the bot is installed in, as the bot can reach it. */
export interface TeamChannel {
  groupId: string;
  channelId: string;
  serviceUrl: string;
  tenantId: string | null;
  botId: string;
}

export async function saveTeamChannel(db: Executor, channel: TeamChannel, now: Instant): Promise<void> {
  const row = {
    group_id: channel.groupId.trim().toLowerCase(),
    channel_id: channel.channelId,
    service_url: channel.serviceUrl,
    tenant_id: channel.tenantId,
    bot_id: channel.botId,
    updated_at: now,
  };
  const { group_id: _groupId, ...changed } = row;
  await db.insertInto('team_channels').values(row).onConflict((oc) => oc.column('group_id').doUpdateSet(changed)).execute();
}

/** The app was removed from the team: nothing is posted there, and no chat is opened through it. */
export async function dropTeamChannel(db: Executor, channelId: string): Promise<void> {
  await db.deleteFrom('team_channels').where('channel_id', '=', channelId).execute();
}

export async function teamChannel(db: Executor, groupId: string): Promise<TeamChannel | null> {
  const row = await db.selectFrom('team_channels').selectAll().where('group_id', '=', groupId.trim().toLowerCase()).executeTakeFirst();
  return row ? { groupId: row.group_id, channelId: row.channel_id, serviceUrl: row.service_url, tenantId: row.tenant_id, botId: row.bot_id } : null;
}
