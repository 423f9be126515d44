/** Notices before a physical meeting: the catering head-count for advisors, practical details for all. */
import type { CardLanguage, DietaryNoteData, HeadcountCardData, PracticalCardData } from './card-data';
import { CARD_TEXTS, type CardLabels } from './card-texts';
import { attendanceFacts, contactRows, joinLink, meetingFacts, placeText } from './card-views';
import { cardTemplate, type AdaptiveCardJson } from './expand-template';
import headcountJson from './headcount.json';
import practicalJson from './practical.json';

const headcount = cardTemplate(headcountJson);
const practical = cardTemplate(practicalJson);

/** Shown as plain text runs: a note typed by a participant cannot turn into a link or markup. */
function noteRun(note: DietaryNoteData) {
  return { name: note.name, where: ` (${note.municipality}): `, note: note.note };
}

function headcountFacts(data: HeadcountCardData, t: CardLabels) {
  return [
    { title: t.common.meeting, value: data.meeting.title },
    ...meetingFacts(data.meeting, t),
    { title: t.headcount.deadline, value: data.deadlineText },
  ];
}

export function renderHeadcount(data: HeadcountCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  const advisors = { title: t.headcount.advisors, value: String(data.advisors) };
  return headcount({
    t,
    facts: headcountFacts(data, t),
    changedAfterDeadline: data.changedAfterDeadline,
    counts: [...attendanceFacts(data.attendance, data.meeting.form, t), advisors],
    totalText: p.cateringTotal(data.attendance.inPerson + data.advisors),
    hasNotes: data.dietaryNotes.length > 0,
    notes: data.dietaryNotes.map(noteRun),
  });
}

/** A route planner needs only the address; nothing about the reader leaves the card. */
function mapUrl(address: string): string {
  return `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(address)}`;
}

export function renderPractical(data: PracticalCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t } = CARD_TEXTS[lang];
  const { meeting } = data;
  const address = meeting.form === 'physical' ? (meeting.place?.trim() ?? '') : '';
  const facts = [
    { title: t.common.date, value: meeting.dateText },
    { title: t.common.time, value: meeting.timeText },
    address ? { title: t.practical.address, value: address } : { title: t.common.place, value: placeText(meeting, t) },
  ];
  return practical({
    t,
    title: meeting.title,
    facts,
    hasMap: address !== '',
    mapUrl: mapUrl(address),
    ...joinLink(meeting),
    hasContacts: data.contacts.length > 0,
    contacts: contactRows(data.contacts),
  });
}
