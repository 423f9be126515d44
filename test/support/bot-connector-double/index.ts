import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTlsMaterial, type TlsMaterial } from '../graph-double/tls';
import { ChannelAuthority, type ChannelTokenOptions } from './channel-auth';
import { ConnectorApi } from './connector-api';
import { Directory, type TeamOptions } from './directory';
import { ScriptedFaults, type LostAnswer, type StatusFault } from './faults';
import { MessageIds } from './ids';
import { TEAMS_RATE_LIMITS, type BotConnectorDoubleOptions } from './options';
import { RateLimiter } from './rate-limiter';
import { Records, type ActivityUpdate, type Counts, type SentActivity } from './records';
import { connectorServer, METADATA_PATH } from './server';
import type { PersonalChat, TeamsBot } from './teams-activities';
import type { TeamsUser } from './teams-user';

export { BOT_FRAMEWORK_ISSUER, type ChannelTokenOptions } from './channel-auth';
export type { TeamOptions } from './directory';
export type { LostAnswer, StatusFault } from './faults';
export { TEAMS_RATE_LIMITS, type BotConnectorDoubleOptions, type RateLimits, type RateWindow } from './options';
export { postActivity, type BotAnswer, type PostOptions } from './post-activity';
export type { ActivityUpdate, Counts, SentActivity } from './records';
export {
  botAddedActivity,
  cardActionActivity,
  installationUpdateActivity,
  messageActivity,
  type CardAction,
  type PersonalChat,
  type TeamsActivity,
  type TeamsBot,
} from './teams-activities';
export { makeTeamsUser, type TeamsUser } from './teams-user';

/**
 * The Bot Connector service as Teams runs it for one bot in one tenant, with the Bot Framework's
 * token signing beside it, on one loopback port. See README.md beside this file for what it models
 * and where Microsoft documents it.
 */
export class BotConnectorDouble {
  readonly tenantId: string;
  readonly bot: TeamsBot;
  private readonly directory = new Directory();
  private readonly records = new Records();
  private readonly faults = new ScriptedFaults();
  private readonly authority = new ChannelAuthority();
  private readonly server: Server;

  private constructor(options: BotConnectorDoubleOptions, private readonly tls: TlsMaterial | undefined) {
    this.tenantId = options.tenantId ?? randomUUID();
    this.bot = { appId: options.botAppId ?? randomUUID(), name: options.botName ?? 'Gruppeforløb' };
    const api = new ConnectorApi({
      tenantId: this.tenantId,
      directory: this.directory,
      records: this.records,
      limiter: new RateLimiter(),
      limits: { ...TEAMS_RATE_LIMITS, ...options.limits },
      faults: this.faults,
      messageIds: new MessageIds(),
      requireBearer: options.requireBearer,
      now: Date.now,
    });
    this.server = connectorServer({ api, authority: this.authority, origin: () => this.url }, tls);
  }

  static async start(options: BotConnectorDoubleOptions = {}): Promise<BotConnectorDouble> {
    const double = new BotConnectorDouble(options, options.tls ? await makeTlsMaterial() : undefined);
    await new Promise<void>((done) => double.server.listen(0, '127.0.0.1', done));
    return double;
  }

  /** The origin, without a trailing slash. */
  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What activities carry as `serviceUrl`, and a ConnectorClient takes as its base: the origin and a slash. */
  get serviceUrl(): string {
    return `${this.url}/`;
  }

  /** For botbuilder's `ToBotFromChannelOpenIdMetadataUrl`. */
  get openIdMetadataUrl(): string {
    return `${this.url}${METADATA_PATH}`;
  }

  /** The certificate (PEM) to trust when started with `tls: true`. */
  get ca(): string {
    return this.tlsMaterial().cert;
  }

  /** The same certificate in a file, for a child process's NODE_EXTRA_CA_CERTS. */
  get caFile(): string {
    return this.tlsMaterial().caFile;
  }

  addUser(user: TeamsUser): void {
    this.directory.addUser(user);
  }

  /** The user's 1:1 chat with the bot, which exists from now on (the app is installed for them). */
  personalConversation(userId: string): string {
    return this.directory.personalConversation(userId);
  }

  /** A team with the bot installed; returns its id, which is also its General channel's conversation id. */
  addTeam(options: TeamOptions): string {
    return this.directory.addTeam(options);
  }

  /** Everything an activity in the user's 1:1 chat carries; adds the user when the double does not know them. */
  chat(user: TeamsUser, client: { locale?: string; timeZone?: string } = {}): PersonalChat {
    if (!this.directory.findUser(user.id)) this.addUser(user);
    return { serviceUrl: this.serviceUrl, tenantId: this.tenantId, conversationId: this.personalConversation(user.id), user, bot: this.bot, ...client };
  }

  /** The user blocks the bot: 403 ConversationBlockedByUser for their 1:1 chat and for creating it. */
  block(userId: string): void {
    this.directory.block(userId);
  }

  /** The app is uninstalled from the conversation: 403 BotNotInConversationRoster. */
  removeBot(conversationId: string): void {
    this.directory.removeBot(conversationId);
  }

  /** The next `n` calls (about `fault.conversationId`, when given) are answered with this error. */
  failNext(n: number, fault: StatusFault): void {
    this.faults.failNext(n, fault);
  }

  /** The next `n` calls (about the conversation, when given) do their work, then lose the connection. */
  loseNext(n: number, fault: LostAnswer = {}): void {
    this.faults.loseNext(n, fault);
  }

  /** What the bot sent and replied, in arrival order; of one conversation when given. */
  activities(conversationId?: string): SentActivity[] {
    return this.records.activities(conversationId);
  }

  updates(): ActivityUpdate[] {
    return this.records.updates();
  }

  counts(): Counts {
    return { ...this.records.counts };
  }

  /** A JWT as the Bot Framework sends a bot with each activity; see ChannelTokenOptions for bad ones. */
  channelToken(options: ChannelTokenOptions): string {
    return this.authority.token(options);
  }

  async close(): Promise<void> {
    // Keep-alive connections of the bot's HTTP client would otherwise keep close() waiting.
    this.server.closeAllConnections();
    await new Promise<void>((done, fail) => this.server.close((e) => (e ? fail(e) : done())));
    this.tls?.remove();
  }

  private tlsMaterial(): TlsMaterial {
    if (!this.tls) throw new Error('the double serves plain HTTP; start it with tls: true');
    return this.tls;
  }
}
