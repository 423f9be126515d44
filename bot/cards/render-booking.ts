/** The cards a leader books the municipality's individual meetings from: the free slots, and the booking. */
import type { CardLanguage, IndividualMeetingData, SlotBookedCardData, SlotChoiceData, SlotsCardData } from './card-data';
import { CARD_TEXTS, type CardLabels, type CardPhrases } from './card-texts';
import type { Fact } from './card-views';
import { cardTemplate, type AdaptiveCardJson } from './expand-template';
import slotBookedJson from './slot-booked.json';
import slotsJson from './slots.json';

const slots = cardTemplate(slotsJson);
const slotBooked = cardTemplate(slotBookedJson);

/** The longest phone number the card accepts; the domain checks what it looks like. */
const PHONE_INPUT_MAX = 30;

/** Up to this many choices show as radio buttons; more become a drop-down, so the card stays short. */
const EXPANDED_CHOICES_MAX = 10;

/** What the actions send: the server reloads the meeting and knows who pressed. */
function slotIds(meeting: IndividualMeetingData, municipalityId: string) {
  return { cohortId: meeting.cohortId, meetingId: meeting.meetingId, municipalityId };
}

function slotsFacts(data: SlotsCardData, t: CardLabels): Fact[] {
  return [
    { title: t.common.municipality, value: data.municipalityName },
    { title: t.slots.duration, value: data.meeting.durationText },
    { title: t.slots.form, value: t.slots.forms[data.meeting.form] },
  ];
}

function choice(slot: SlotChoiceData, p: CardPhrases) {
  return { title: slot.wished ? p.wishedSlot(slot.label) : slot.label, value: slot.start };
}

export function renderSlots(data: SlotsCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  const hasChoices = data.choices.length > 0;
  const hasCurrent = data.currentText !== null;
  return slots({
    t,
    ...slotIds(data.meeting, data.municipalityId),
    heading: t.slots.headings[data.meeting.kind],
    facts: slotsFacts(data, t),
    hasCurrent,
    currentLine: p.currentBooking(data.currentText ?? ''),
    hasNotice: data.notice !== null,
    noticeText: data.notice === null ? '' : t.slots.notices[data.notice],
    hasChoices,
    choiceStyle: data.choices.length <= EXPANDED_CHOICES_MAX ? 'expanded' : 'compact',
    choices: data.choices.map((slot) => choice(slot, p)),
    // Without a time to book there is nothing to send a number with.
    askPhone: hasChoices && data.askPhone,
    phoneMax: PHONE_INPUT_MAX,
    bookTitle: hasCurrent ? t.slots.move : t.slots.book,
  });
}

function heading(data: SlotBookedCardData, t: CardLabels): { heading: string; headingColor: 'Default' | 'Attention' } {
  if (data.cancelled) return { heading: t.slotBooked.cancelled, headingColor: 'Attention' };
  if (data.confirmation) return { heading: t.slotBooked.booked, headingColor: 'Default' };
  return { heading: t.slotBooked.yourTime, headingColor: 'Default' };
}

function bookedFacts(data: SlotBookedCardData, t: CardLabels): Fact[] {
  const when = data.cancelled ? [] : [{ title: t.common.time, value: data.whenText }];
  return [
    { title: t.common.meeting, value: data.meeting.title },
    { title: t.common.municipality, value: data.municipalityName },
    ...when,
  ];
}

export function renderSlotBooked(data: SlotBookedCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  return slotBooked({
    t,
    ...slotIds(data.meeting, data.municipalityId),
    ...heading(data, t),
    facts: bookedFacts(data, t),
    active: !data.cancelled,
    cancelled: data.cancelled,
    howText: data.meeting.form === 'phone' ? p.phoneCall(data.phone) : t.slotBooked.teamsInvite,
  });
}
