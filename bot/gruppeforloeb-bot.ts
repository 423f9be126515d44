import { CardFactory, MessageFactory, TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { answerRsvp, reportPresentation } from '../src/app/answer-in-person';
import type { Clock } from '../src/app/clock';
import { joinUrls } from '../src/app/join-urls';
import { cohortTeamRoster } from '../src/app/team-roster';
import { bookSlotAs, cancelSlotAs, slotOffer, type SlotDeps } from '../src/app/slot-booking';
import { whoIs, type Someone } from '../src/app/who-is';
import { firstName, type Cohort, type PlenaryMeeting } from '../src/domain/cohort';
import { isDomainError } from '../src/domain/errors';
import { findMemberships, type Identity } from '../src/domain/identity';
import { parseLocalDateTime } from '../src/domain/local-time';
import { activeBooking, bookerPhone, individualMeeting, type BusyTime } from '../src/domain/slots';
import { advisorIn, assertMayReportPresentation, bookerIn, notPermitted, participantIn } from '../src/domain/permissions';
import { dropConversation } from '../src/reach/conversation-references';
import { dropTeamChannel, saveTeamChannel } from '../src/reach/team-channels';
import { refreshUserIds } from '../src/reach/teams-message';
import type { CohortStore } from '../src/store/cohort-store';
import type { Executor } from '../src/store/schema';
import type { Log } from '../src/server/log';
import { parseCardAction, type CardAction } from './card-actions';
import { contactsOf, meetingsItems, plenaries, presentationData, roleOf, rsvpData, slotBookedData, slotsData, statusData, type RsvpView } from './card-models';
import {
  renderError,
  renderHelp,
  renderMeetings,
  renderNotInCohort,
  renderPresentation,
  renderRsvp,
  renderSlotBooked,
  renderSlots,
  renderStatus,
  renderWelcome,
  type AdaptiveCardJson,
  type CardLanguage,
  type ContactData,
  type SharedChatData,
  type SlotActionData,
  type SlotsCardData,
} from './cards/render-card';
import { commandOf } from './commands';
import { teamChannelOf } from './team-install';
import { identify, languageOf } from './teams-identity';

export interface BotDeps {
  store: CohortStore;
  db: Executor;
  clock: Clock;
  log: Log;
  /** The advisors' busy time as last read from Outlook, for the slots offered. */
  busy(cohortId: string): Promise<BusyTime[]>;
}

const NOT_UNDERSTOOD = { da: 'Det forstod jeg ikke. Her er, hvad jeg kan:', en: "I didn't understand that. Here is what I can do:" };
const ADVISORS_ONLY = { da: 'Status er kun for gruppeforløbets rådgivere.', en: "Status is for the cohort's advisors only." };
const SOMETHING_WRONG = {
  da: 'Noget gik galt hos os, og intet blev ændret. Prøv igen om lidt.',
  en: 'Something went wrong on our side, and nothing was changed. Please try again shortly.',
};
const BAD_ACTION = {
  da: 'Kortet sendte noget, jeg ikke kan bruge, og intet blev ændret. Skriv "møder" for et nyt kort.',
  en: 'The card sent something I cannot use, and nothing was changed. Type "meetings" for a new card.',
};

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';

function nameOf(someone: Someone): string {
  for (const m of someone.memberships) {
    const cohort = someone.cohorts.find((c) => c.id === m.cohortId);
    const person = m.role === 'advisor' ? cohort?.advisors.find((a) => a.id === m.personId) : cohort?.municipalities.flatMap((x) => x.participants).find((p) => p.id === m.personId)?.person;
    if (person) return person.name;
  }
  return '';
}

/**
 * The Teams edge of the product: it works out who wrote, calls a use-case, and answers with a card.
 * Every state a card shows is read afresh from the store; a card's data is ids only, checked here
 * against the identity Teams vouches for.
 */
export class GruppeforloebBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // In a team the bot introduces itself to no one; it remembers where to post and whom it can reach.
      const team = await teamChannelOf(context);
      if (team !== null) await saveTeamChannel(this.deps.db, team, this.deps.clock.now());
      else await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const team = await teamChannelOf(context);
      if (team !== null) await dropTeamChannel(this.deps.db, team.channelId);
      else await dropConversation(this.deps.db, context.activity.conversation.id);
      await next();
    });
    // Teams announces an installation twice (installationUpdate and conversationUpdate); the
    // Emulator only with the latter, so only there is it the welcome's cue.
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      const team = botAdded ? await teamChannelOf(context) : null;
      if (team !== null) await saveTeamChannel(this.deps.db, team, this.deps.clock.now());
      else if (botAdded && context.activity.channelId !== 'msteams') await this.welcome(context);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const card = await this.answerAction(context);
    return { status: 200, body: { statusCode: 200, type: CARD_RESPONSE, value: card } };
  }

  private language(context: TurnContext): CardLanguage {
    return languageOf(context.activity.locale);
  }

  private async someone(context: TurnContext): Promise<Someone> {
    const identity = await identify(context, this.deps);
    return whoIs(this.deps.store, identity);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const someone = await this.someone(context);
    const lang = this.language(context);
    if (someone.memberships.length === 0) return this.send(context, renderNotInCohort({ contacts: await this.allAdvisors() }, lang));
    const role = roleOf(someone.memberships);
    await this.send(context, renderWelcome({ firstName: firstName(nameOf(someone)), role }, lang));
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const lang = this.language(context);
    const someone = await this.someone(context);
    if (someone.memberships.length === 0) return this.send(context, renderNotInCohort({ contacts: await this.allAdvisors() }, lang));
    const command = commandOf(context.activity.text);
    const role = roleOf(someone.memberships);
    if (command === 'unknown') return this.send(context, renderHelp({ role }, lang), NOT_UNDERSTOOD[lang]);
    if (command === 'help') return this.send(context, renderHelp({ role }, lang));
    if (command === 'meetings') return this.send(context, await this.meetingsCard(someone, lang));
    if (command === 'preparatory' || command === 'followup') {
      for (const card of await this.bookingCards(someone, command, lang)) await this.send(context, card);
      return;
    }
    for (const card of await this.statusCards(someone, lang)) await this.send(context, card);
  }

  private async send(context: TurnContext, card: AdaptiveCardJson, text?: string): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card), text));
  }

  private async meetingsCard(someone: Someone, lang: CardLanguage): Promise<AdaptiveCardJson> {
    const links = new Map<string, string>();
    for (const cohort of someone.cohorts) for (const [id, url] of await joinUrls(this.deps.db, cohort)) links.set(id, url);
    return renderMeetings({ meetings: meetingsItems(someone.cohorts, someone.memberships, lang, links, this.deps.clock.now()) }, lang);
  }

  private async statusCards(someone: Someone, lang: CardLanguage): Promise<AdaptiveCardJson[]> {
    const advised = someone.cohorts.filter((c) => someone.memberships.some((m) => m.cohortId === c.id && m.role === 'advisor'));
    if (advised.length === 0) return [renderError({ message: ADVISORS_ONLY[lang], contacts: [] }, lang)];
    const now = this.deps.clock.now();
    return Promise.all(advised.map(async (cohort) => renderStatus(statusData(cohort, lang, await joinUrls(this.deps.db, cohort), now), lang)));
  }

  /** Anyone Teams lets talk to the bot may ask whom to contact: the advisors are the agency's public contacts. */
  private async allAdvisors(): Promise<ContactData[]> {
    const seen = new Map<string, ContactData>();
    for (const cohort of await this.deps.store.loadAll()) {
      if (cohort.erasedAt === null) for (const contact of contactsOf(cohort)) seen.set(contact.email.toLowerCase(), contact);
    }
    return [...seen.values()];
  }

  private async answerAction(context: TurnContext): Promise<AdaptiveCardJson> {
    const lang = this.language(context);
    const parsed = parseCardAction(context.activity.value);
    const who = `${context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown'}`;
    if (!parsed.ok) {
      this.deps.log.warn(`bot: kort-handling afvist / card action refused (${who}): ${parsed.problem}`);
      return renderError({ message: BAD_ACTION[lang], contacts: [] }, lang);
    }
    try {
      return await this.act(context, parsed.action, lang);
    } catch (error) {
      if (isDomainError(error)) {
        this.deps.log.warn(`bot: ${parsed.action.verb} afvist / refused (${who}): ${error.code}`);
        return renderError({ message: error.text[lang], contacts: [] }, lang);
      }
      this.deps.log.error(`bot: ${parsed.action.verb} fejlede / failed (${who}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return renderError({ message: SOMETHING_WRONG[lang], contacts: [] }, lang);
    }
  }

  private async act(context: TurnContext, action: CardAction, lang: CardLanguage): Promise<AdaptiveCardJson> {
    const identity = await identify(context, this.deps);
    const deps = this.deps;
    switch (action.verb) {
      case 'help':
      case 'meetings':
      case 'status': {
        const someone = await whoIs(deps.store, identity);
        if (someone.memberships.length === 0) return renderNotInCohort({ contacts: await this.allAdvisors() }, lang);
        if (action.verb === 'help') return renderHelp({ role: roleOf(someone.memberships) }, lang);
        if (action.verb === 'meetings') return this.meetingsCard(someone, lang);
        const [first] = await this.statusCards(someone, lang);
        return first!;
      }
      case 'rsvp':
        return this.rsvp(identity, action, lang, await this.shared(context, action.data.cohortId));
      case 'presentation': {
        const { cohortId, meetingId, municipalityId, status, presentationLink } = action.data;
        const stored = await reportPresentation(deps, identity, { cohortId, meetingId, municipalityId, status, link: presentationLink });
        return this.presentationCard(stored.cohort, meetingId, municipalityId, lang, true);
      }
      case 'refresh':
        return this.refresh(identity, action.data, lang, await this.shared(context, action.data.cohortId));
      case 'slots':
        return this.slotsCard(identity, action.data, lang, null);
      case 'bookSlot':
        return this.bookSlot(identity, action.data, lang);
      case 'cancelSlot': {
        const stored = await cancelSlotAs(this.slotDeps(), identity, action.data);
        return this.bookedCard(stored.cohort, action.data, lang, false);
      }
    }
  }

  private slotDeps(): SlotDeps {
    return { store: this.deps.store, db: this.deps.db, clock: this.deps.clock, busy: (cohortId) => this.deps.busy(cohortId) };
  }

  /**
   * The slots card of each municipality the person leads, for the preparatory meeting or the
   * follow-up; a booked municipality gets its booking with the way to change it.
   */
  private async bookingCards(someone: Someone, kind: 'preparatory' | 'followup', lang: CardLanguage): Promise<AdaptiveCardJson[]> {
    const leads = someone.memberships.filter((m) => m.role === 'leader');
    if (leads.length === 0) {
      const refusal = { da: 'Det er kommunens tovholder, der booker kommunens møder. Kontakt jeres tovholder eller rådgiverne.', en: "The municipality's lead contact books its meetings. Contact your lead contact or the advisors." };
      return [renderError({ message: refusal[lang], contacts: someone.cohorts.flatMap(contactsOf) }, lang)];
    }
    return Promise.all(
      leads.map(async (lead) => {
        const cohort = someone.cohorts.find((c) => c.id === lead.cohortId)!;
        const meeting = cohort.meetings.find((m) => m.kind === kind);
        if (!meeting) return renderError({ message: BAD_ACTION[lang], contacts: contactsOf(cohort) }, lang);
        const choice = { cohortId: cohort.id, meetingId: meeting.id, municipalityId: lead.municipalityId! };
        const booked = activeBooking(cohort, meeting.id, choice.municipalityId);
        return booked ? this.bookedCard(cohort, choice, lang, false) : this.slotsCard(someone.identity, choice, lang, null);
      }),
    );
  }

  private async slotsCard(identity: Identity, choice: SlotActionData, lang: CardLanguage, notice: SlotsCardData['notice']): Promise<AdaptiveCardJson> {
    const offer = await slotOffer(this.slotDeps(), identity, choice);
    const municipality = offer.cohort.municipalities.find((m) => m.id === choice.municipalityId)!;
    const booker = bookerIn(findMemberships([offer.cohort], identity), offer.cohort.id, choice.municipalityId);
    const phoneKnown = (offer.booking?.phone ?? bookerPhone(offer.cohort, booker, choice.municipalityId)) !== null;
    return renderSlots(slotsData(offer, municipality, lang, notice, phoneKnown), lang);
  }

  /** A slot taken meanwhile, or no longer offered, answers with the slots as they are now and says why. */
  private async bookSlot(identity: Identity, data: Extract<CardAction, { verb: 'bookSlot' }>['data'], lang: CardLanguage): Promise<AdaptiveCardJson> {
    const { slot, phone, ...choice } = data;
    try {
      const stored = await bookSlotAs(this.slotDeps(), identity, { ...choice, start: parseLocalDateTime(slot), phone });
      return this.bookedCard(stored.cohort, choice, lang, true);
    } catch (error) {
      if (isDomainError(error) && (error.code === 'slot_taken' || error.code === 'slot_not_offered' || error.code === 'invalid_date')) {
        return this.slotsCard(identity, choice, lang, error.code === 'slot_taken' ? 'taken' : 'not_offered');
      }
      throw error;
    }
  }

  private bookedCard(cohort: Cohort, choice: SlotActionData, lang: CardLanguage, confirmation: boolean): AdaptiveCardJson {
    const meeting = individualMeeting(cohort, choice.meetingId);
    const municipality = cohort.municipalities.find((m) => m.id === choice.municipalityId);
    const booking = cohort.slotBookings.find((b) => b.meetingId === choice.meetingId && b.municipalityId === choice.municipalityId);
    if (!municipality || !booking) throw notPermitted();
    return renderSlotBooked(slotBookedData(cohort, meeting, municipality, booking, lang, confirmation), lang);
  }

  /**
   * A card pressed in the cohort team's channel stays shared: the answer shows the presser their own
   * card, and the others keep getting theirs through refresh.
   */
  private async shared(context: TurnContext, cohortId: string): Promise<SharedChatData | null> {
    const type = context.activity.conversation?.conversationType;
    if (type === undefined || type === 'personal') return null;
    const roster = await cohortTeamRoster(this.deps.db, cohortId);
    const userIds = refreshUserIds(roster?.members.map((m) => m.userId) ?? []);
    return userIds.length > 0 ? { userIds } : null;
  }

  private async rsvp(identity: Identity, action: Extract<CardAction, { verb: 'rsvp' }>, lang: CardLanguage, sharedChat: SharedChatData | null): Promise<AdaptiveCardJson> {
    const { cohortId, meetingId, version, answer, dietaryNote } = action.data;
    const current = await this.cohort(cohortId);
    const meeting = plenaryOf(current, meetingId);
    const participantId = participantIn(findMemberships([current], identity), cohortId).personId;
    // A press on a card of a called-off or since moved meeting gets the card as it is now: the
    // answer was given for a date that no longer holds.
    if (meeting.cancelled || meeting.version !== version) return this.rsvpCard(current, meeting, participantId, lang, { moved: !meeting.cancelled, sharedChat });
    const { stored } = await answerRsvp(this.deps, identity, { cohortId, meetingId, answer, dietaryNote }, 'chat');
    return this.rsvpCard(stored.cohort, plenaryOf(stored.cohort, meetingId), participantId, lang, { confirmation: true, sharedChat });
  }

  private async refresh(identity: Identity, data: Extract<CardAction, { verb: 'refresh' }>['data'], lang: CardLanguage, sharedChat: SharedChatData | null): Promise<AdaptiveCardJson> {
    const cohort = await this.cohort(data.cohortId);
    const memberships = findMemberships([cohort], identity);
    if (data.card === 'presentation') {
      assertMayReportPresentation(memberships, cohort.id, data.municipalityId);
      return this.presentationCard(cohort, data.meetingId, data.municipalityId, lang, false);
    }
    const meeting = plenaryOf(cohort, data.meetingId);
    if (!memberships.some((m) => m.role !== 'advisor')) advisorIn(memberships, cohort.id);
    const participant = memberships.find((m) => m.role !== 'advisor');
    return this.rsvpCard(cohort, meeting, participant?.personId ?? '', lang, { sharedChat });
  }

  private async cohort(cohortId: string): Promise<Cohort> {
    const stored = await this.deps.store.load(cohortId);
    // The same refusal as for a cohort the person is not in: ids are not to be probed.
    if (!stored) throw notPermitted();
    return stored.cohort;
  }

  private async rsvpCard(cohort: Cohort, meeting: PlenaryMeeting, participantId: string, lang: CardLanguage, view: RsvpView): Promise<AdaptiveCardJson> {
    return renderRsvp(rsvpData(cohort, meeting, participantId, lang, await joinUrls(this.deps.db, cohort), view), lang);
  }

  private async presentationCard(cohort: Cohort, meetingId: string, municipalityId: string, lang: CardLanguage, confirmation: boolean): Promise<AdaptiveCardJson> {
    const meeting = plenaryOf(cohort, meetingId);
    const links = await joinUrls(this.deps.db, cohort);
    return renderPresentation(presentationData(cohort, meeting, municipalityId, lang, links, this.deps.clock.now(), confirmation), lang);
  }
}

function plenaryOf(cohort: Cohort, meetingId: string): PlenaryMeeting {
  const meeting = plenaries(cohort).find((m) => m.id === meetingId);
  // Not in this cohort: answered as for a stranger, so meeting ids cannot be probed either.
  if (!meeting) throw notPermitted();
  return meeting;
}

