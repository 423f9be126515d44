/** The list cards: a person's coming meetings, and the advisors' status of a cohort and its bookings. */
import type { PresentationStatus } from '../../src/domain/cohort';
import type {
  BookingRowData,
  CardLanguage,
  MeetingsCardItem,
  MeetingsCardData,
  MyAnswerData,
  PresentationRowData,
  StatusCardData,
  StatusIndividualData,
  StatusMeetingData,
} from './card-data';
import { CARD_TEXTS, type CardLabels, type CardPhrases } from './card-texts';
import { attendanceFacts, joinLink, placeText } from './card-views';
import { cardTemplate, type AdaptiveCardJson } from './expand-template';
import meetingsJson from './meetings.json';
import statusJson from './status.json';

const meetings = cardTemplate(meetingsJson);
const status = cardTemplate(statusJson);

/** An answer for an earlier date no longer counts, so it reads as not answered (with a hint). */
function answerLine(myAnswer: MyAnswerData | null, t: CardLabels, p: CardPhrases): string {
  const counts = myAnswer !== null && !myAnswer.forEarlierDate;
  return p.yourAnswer(counts ? t.answers[myAnswer.answer] : t.meetings.notAnswered);
}

function meetingItem(item: MeetingsCardItem, t: CardLabels, p: CardPhrases) {
  const { meeting } = item;
  const active = !item.cancelled;
  const { hasJoinUrl, joinUrl } = joinLink(meeting);
  return {
    title: meeting.title,
    cohortName: item.cohortName,
    when: p.dateTime(meeting.dateText, meeting.timeText),
    place: placeText(meeting, t),
    cancelled: item.cancelled,
    active,
    answer: answerLine(item.myAnswer, t, p),
    moved: active && item.myAnswer?.forEarlierDate === true,
    showJoin: active && hasJoinUrl,
    joinUrl,
  };
}

export function renderMeetings(data: MeetingsCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  const cohorts = new Set(data.meetings.map((m) => m.meeting.cohortId));
  return meetings({
    t,
    isEmpty: data.meetings.length === 0,
    showCohort: cohorts.size > 1,
    items: data.meetings.map((item) => meetingItem(item, t, p)),
  });
}

/**
 * Colours that let an advisor spot a municipality that has not begun. Teams' light theme draws
 * Good and Warning text at about 2:1 against white, below WCAG's 4.5:1, so they are not used for text.
 */
const STATUS_COLOR: Record<PresentationStatus, 'Attention' | 'Accent' | 'Default'> = {
  not_started: 'Attention',
  in_preparation: 'Accent',
  ready: 'Default',
};

function presentationRow(row: PresentationRowData, t: CardLabels) {
  const hasLink = row.status === 'ready' && row.link !== null;
  const statusText = t.presentationStatus[row.status];
  return {
    municipalityName: row.municipalityName,
    statusText: hasLink ? `${statusText} · ${t.status.openLink}` : statusText,
    color: STATUS_COLOR[row.status],
    hasLink,
    link: row.link ?? '',
  };
}

function statusItem(item: StatusMeetingData, t: CardLabels, p: CardPhrases) {
  const { meeting } = item;
  return {
    title: meeting.title,
    when: p.dateTime(meeting.dateText, meeting.timeText),
    cancelled: item.cancelled,
    active: !item.cancelled,
    counts: attendanceFacts(item.attendance, meeting.form, t),
    hasPresentations: !item.cancelled && item.presentations.length > 0,
    presentations: item.cancelled ? [] : item.presentations.map((row) => presentationRow(row, t)),
  };
}

/** A municipality that has not booked stands out, as one that has not begun its presentation does. */
function bookingRow(row: BookingRowData, t: CardLabels) {
  return {
    municipalityName: row.municipalityName,
    bookedText: row.bookedText ?? t.status.notBooked,
    color: row.bookedText === null ? 'Attention' : 'Default',
  };
}

function individualItem(item: StatusIndividualData, t: CardLabels, p: CardPhrases) {
  const booked = item.rows.filter((row) => row.bookedText !== null).length;
  return {
    title: item.title,
    bookedCountText: p.bookedCount(booked, item.rows.length),
    rows: item.rows.map((row) => bookingRow(row, t)),
  };
}

export function renderStatus(data: StatusCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  return status({
    t,
    heading: p.statusOf(data.cohortName),
    isEmpty: data.meetings.length === 0 && data.individual.length === 0,
    items: data.meetings.map((item) => statusItem(item, t, p)),
    individual: data.individual.map((item) => individualItem(item, t, p)),
  });
}
