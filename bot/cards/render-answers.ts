/** The cards a person answers from: the RSVP and the presentation reminder. */
import { PRESENTATION_LINK_MAX } from '../../src/domain/presentations';
import { DIETARY_NOTE_MAX } from '../../src/domain/rsvp';
import type { CardLanguage, MyAnswerData, PresentationCardData, RsvpCardData } from './card-data';
import { CARD_TEXTS, type CardLabels, type CardPhrases } from './card-texts';
import { joinLink, meetingFacts } from './card-views';
import { cardTemplate, withRefresh, type AdaptiveCardJson } from './expand-template';
import presentationJson from './presentation.json';
import rsvpJson from './rsvp.json';

const rsvp = cardTemplate(rsvpJson);
const presentation = cardTemplate(presentationJson);

function answerText(myAnswer: MyAnswerData | null, t: CardLabels, p: CardPhrases): string {
  if (!myAnswer) return t.rsvp.notAnswered;
  const words = t.answers[myAnswer.answer];
  return myAnswer.forEarlierDate ? p.answeredEarlier(words) : p.yourAnswer(words);
}

export function renderRsvp(data: RsvpCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  const { meeting } = data;
  const active = !data.cancelled;
  const physical = meeting.form === 'physical';
  const { hasJoinUrl, joinUrl } = joinLink(meeting);
  const card = rsvp({
    t,
    cohortId: meeting.cohortId,
    meetingId: meeting.meetingId,
    version: meeting.version,
    title: meeting.title,
    facts: meetingFacts(meeting, t),
    cancelled: data.cancelled,
    active,
    showMoved: active && data.moved,
    movedText: p.moved(meeting.dateText),
    showDeadline: active && physical && data.cateringDeadlineText !== null,
    deadlineText: p.cateringDeadline(data.cateringDeadlineText ?? ''),
    answerText: answerText(data.myAnswer, t, p),
    comingText: p.coming(data.coming),
    offersInPerson: active && physical,
    offersOnline: active && !physical,
    offersNote: active && physical,
    noteMax: DIETARY_NOTE_MAX,
    dietaryNote: data.myDietaryNote ?? '',
    showThanks: active && data.confirmation,
    showJoin: active && hasJoinUrl,
    joinUrl,
  });
  return withRefresh(card, { card: 'rsvp', cohortId: meeting.cohortId, meetingId: meeting.meetingId }, data.sharedChat);
}

function presentationFacts(data: PresentationCardData, t: CardLabels) {
  const themes = data.themes.length > 0 ? [{ title: t.presentation.themes, value: data.themes.join(', ') }] : [];
  return [
    { title: t.common.meeting, value: data.meeting.title },
    { title: t.common.date, value: data.meeting.dateText },
    { title: t.common.municipality, value: data.municipalityName },
    ...themes,
    { title: t.common.status, value: t.presentationStatus[data.status] },
  ];
}

export function renderPresentation(data: PresentationCardData, lang: CardLanguage): AdaptiveCardJson {
  if (!Number.isInteger(data.daysLeft) || data.daysLeft < 0) {
    throw new RangeError(`A presentation reminder is for a coming meeting; daysLeft was ${data.daysLeft}.`);
  }
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  const { meeting } = data;
  const card = presentation({
    t,
    cohortId: meeting.cohortId,
    meetingId: meeting.meetingId,
    municipalityId: data.municipalityId,
    daysLeftText: p.daysLeft(data.daysLeft),
    facts: presentationFacts(data, t),
    hasPreparation: data.preparation.trim() !== '',
    preparation: data.preparation,
    hasLink: data.status === 'ready' && data.link !== null,
    link: data.link ?? '',
    linkMax: PRESENTATION_LINK_MAX,
    confirmation: data.confirmation,
  });
  const refresh = { card: 'presentation' as const, cohortId: meeting.cohortId, meetingId: meeting.meetingId, municipalityId: data.municipalityId };
  return withRefresh(card, refresh, data.sharedChat);
}
