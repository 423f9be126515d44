import { z } from 'zod';
import { DEFAULT_SETTINGS, PARTICIPANT_ROLES, PRESENTATION_STATUSES, RSVP_ANSWERS, RSVP_SOURCES, TIMES_OF_DAY } from '../domain/cohort';
import { DIETARY_NOTE_MAX } from '../domain/rsvp';
import { email, httpsLink, instant, localDate, localDateTime, localTime, slug, text } from './document-formats';

/** Bumped when a document of the old format would be read wrongly by the new code. */
export const COHORT_DOCUMENT_FORMAT = 'gruppeforloeb.cohort/1';

const NAME_MAX = 200;
const LONG_TEXT_MAX = 2000;

const texts = z
  .strictObject({
    da: text(NAME_MAX).describe('Dansk tekst. / Danish text.'),
    en: text(NAME_MAX).describe('Engelsk tekst. / English text.'),
  })
  .describe('En tekst på dansk og engelsk. / A text in Danish and English.');

const settings = z
  .strictObject({
    cateringWorkingDays: z
      .int()
      .min(0)
      .max(30)
      .default(DEFAULT_SETTINGS.cateringWorkingDays)
      .describe('Arbejdsdage før et fysisk møde, hvor antallet til forplejning er endeligt. / Working days before a physical meeting when the catering head-count is final.'),
    eraseAfterMonths: z
      .int()
      .min(0)
      .max(120)
      .default(DEFAULT_SETTINGS.eraseAfterMonths)
      .describe('Måneder efter opfølgningen, hvorefter persondata slettes. / Months after the follow-up when personal data is erased.'),
    presentationReminderDays: z
      .array(z.int().min(0).max(90))
      .max(5)
      .refine((days) => new Set(days).size === days.length, { message: 'Hver dag kun én gang. / Each day only once.' })
      .default(DEFAULT_SETTINGS.presentationReminderDays)
      .describe('Dage før et plenummøde, hvor kommunerne mindes om at forberede oplægget. / Days before a plenary when the municipalities are reminded to prepare their presentation.'),
    rsvpReminderDays: z
      .int()
      .min(0)
      .max(30)
      .default(DEFAULT_SETTINGS.rsvpReminderDays)
      .describe('Dage før fristen for forplejning (virtuelle møder: før mødet), hvor de, der ikke har svaret, spørges. / Days before the catering deadline (virtual meetings: before the meeting) when those who have not answered are asked.'),
    slotBreakMinutes: z
      .int()
      .min(0)
      .max(120)
      .default(DEFAULT_SETTINGS.slotBreakMinutes)
      .describe('Minutters pause mellem to tider til et individuelt møde, så rådgiveren får en pause mellem samtalerne. / Minutes between two slots of an individual meeting, so the advisor has a break between calls.'),
  })
  .describe('Indstillinger for gruppeforløbet. / The cohort\'s settings.');

const personFields = {
  name: text(NAME_MAX).describe('Fulde navn. / Full name.'),
  email: email().describe('E-mailadresse; invitationer sendes hertil, og den identificerer personen i dokumentet. / E-mail address; invitations go here, and it names the person within the document.'),
  phone: text(40).optional().describe('Telefonnummer, fx "+45 12 34 56 78". / Phone number, e.g. "+45 12 34 56 78".'),
  entraObjectId: z.guid().optional().describe('Entra ID-objekt-id, når personen er bruger eller gæst i styrelsens tenant. / Entra ID object id, when the person is a user or guest of the agency\'s tenant.'),
};

const advisor = z
  .strictObject({
    name: personFields.name,
    title: text(NAME_MAX).describe('Stillingsbetegnelse, fx "Specialkonsulent". / Job title, e.g. "Specialkonsulent".'),
    phone: personFields.phone,
    email: personFields.email,
    entraObjectId: personFields.entraObjectId,
  })
  .describe('En rådgiver fra styrelsen; vises i invitationer og kort. / An advisor of the agency; shown in invitations and cards.');

const role = z
  .enum(PARTICIPANT_ROLES)
  .describe('Rolle: linjeleder, faglig leder, kommende M-ACT-koordinator, projektleder, konsulent, samarbejdspartner, anden. / Role: line leader, professional leader, coming M-ACT coordinator, project leader, consultant, partner, other.');
const contact = z
  .boolean()
  .describe('Leder/tovholder og kontaktperson: må tilmelde kommunen og booke dens individuelle møder. / Leader/tovholder contact: may register the municipality and book its individual meetings.');

const liveParticipant = z
  .strictObject({
    erased: z.literal(false).optional().describe('Udelades for en deltager med persondata. / Left out for a participant with personal data.'),
    name: personFields.name,
    email: personFields.email,
    phone: personFields.phone,
    role,
    contact,
    entraObjectId: personFields.entraObjectId,
  })
  .describe('En deltager fra kommunen. / A participant from the municipality.');

const erasedParticipant = z
  .strictObject({
    erased: z.literal(true).describe('Persondata er slettet; kun rolle og kontakt er tilbage. / Personal data erased; only role and contact remain.'),
    role,
    contact,
  })
  .describe('En deltager, hvis persondata er slettet. / A participant whose personal data has been erased.');

const registration = z
  .strictObject({
    preparatoryDay: localDate().describe('Ønsket dag for det forberedende møde; en af de tilbudte dage. / Wished day for the preparatory meeting; one of the offered days.'),
    timeOfDay: z.enum(TIMES_OF_DAY).describe('Foretrukken tid på dagen. / Preferred time of day.'),
    registeredAt: instant().describe('Hvornår kommunen blev tilmeldt. / When the municipality registered.'),
  })
  .describe('Kommunens tilmelding (ønske til det forberedende møde). / The municipality\'s registration (its wish for the preparatory meeting).');

const municipality = z
  .strictObject({
    name: text(NAME_MAX).describe('Kommunens navn, fx "Vejle Kommune"; entydigt i dokumentet. / The municipality\'s name, e.g. "Vejle Kommune"; unique in the document.'),
    registration: registration.optional(),
    participants: z
      .array(z.discriminatedUnion('erased', [liveParticipant, erasedParticipant]))
      .describe('Kommunens deltagere; mindst én skal være leder/tovholder (contact). / The municipality\'s participants; at least one must be a leader/tovholder (contact).'),
  })
  .describe('En deltagende kommune. / A participating municipality.');

const meetingKey = slug().describe('Mødets nøgle, fx "opstart"; entydig i dokumentet, og svar, oplæg og tider henviser til den. / The meeting\'s key, e.g. "opstart"; unique in the document, answers, presentations and slots refer to it.');
const titleAndThemes = {
  title: texts.describe('Mødets titel. / The meeting\'s title.'),
  themes: z.array(text(LONG_TEXT_MAX)).describe('Vejledende temaer for mødet. / Guiding themes of the meeting.'),
};
const version = z
  .int()
  .min(1)
  .optional()
  .describe('Stiger, hver gang mødet flyttes ("ny dato"); udeladt betyder 1. / Goes up each time the meeting moves ("ny dato"); left out means 1.');
const movedAt = instant().describe('Hvornår mødet blev flyttet herfra. / When the meeting was moved from this time.');
const earlierVersion = z.int().min(1).describe('Mødets version før flytningen. / The meeting\'s version before the move.');

const fixedTime = {
  start: localDateTime().describe('Start i dansk tid (Europe/Copenhagen), ÅÅÅÅ-MM-DDTTT:MM. / Start in Copenhagen wall-clock time, YYYY-MM-DDTHH:MM.'),
  durationMinutes: z.int().min(1).max(24 * 60).describe('Varighed i minutter. / Duration in minutes.'),
};
const slotWindow = {
  days: z.array(localDate()).describe('De tilbudte dage, stigende. / The offered days, ascending.'),
  from: localTime().describe('Tidligste start, TT:MM. / Earliest start, HH:MM.'),
  to: localTime().describe('Seneste slut, TT:MM. / Latest end, HH:MM.'),
  slotMinutes: z.int().min(1).max(24 * 60).describe('Længden af ét møde i minutter. / Length of one meeting in minutes.'),
};

const plenary = z
  .strictObject({
    key: meetingKey,
    kind: z.literal('plenary').describe('Fællesmøde for hele gruppeforløbet. / Plenary meeting of the whole cohort.'),
    form: z.enum(['physical', 'virtual']).describe('Fysisk (i Odense, med forplejning) eller virtuelt (Teams). / Physical (in Odense, with catering) or virtual (Teams).'),
    ...titleAndThemes,
    ...fixedTime,
    place: z.string().max(NAME_MAX).describe('Adresse for fysiske møder; tom for virtuelle, hvor Teams-linket er stedet. / Address of a physical meeting; empty for a virtual one, where the Teams link is the place.'),
    presentations: z.boolean().describe('Om hver kommune holder et kort oplæg på mødet. / Whether each municipality gives a short presentation at the meeting.'),
    cancelled: z.boolean().optional().describe('Aflyst; udeladt betyder nej. / Called off; left out means no.'),
    generation: z
      .int()
      .min(1)
      .optional()
      .describe('Stiger, hver gang et aflyst møde bookes igen; udeladt betyder 1. / Goes up each time a cancelled meeting is booked again; left out means 1.'),
    version,
    history: z
      .array(z.strictObject({ version: earlierVersion, ...fixedTime, movedAt }))
      .optional()
      .describe('Mødets tidligere tidspunkter, ældste først. / The meeting\'s earlier times, oldest first.'),
  })
  .describe('Et fællesmøde på ét fast tidspunkt. / A plenary meeting at one fixed time.');

const individual = z
  .strictObject({
    key: meetingKey,
    kind: z
      .enum(['preparatory', 'followup'])
      .describe('Forberedende møde eller opfølgning, ét pr. kommune. / Preparatory meeting or follow-up, one per municipality.'),
    form: z.enum(['virtual', 'phone']).describe('Virtuelt (Teams) eller telefon. / Virtual (Teams) or phone.'),
    ...titleAndThemes,
    ...slotWindow,
    version,
    history: z
      .array(z.strictObject({ version: earlierVersion, ...slotWindow, movedAt }))
      .optional()
      .describe('Mødets tidligere tilbudte tider, ældste først. / The meeting\'s earlier offered times, oldest first.'),
  })
  .describe('Et individuelt møde, som hver kommune booker i de tilbudte dage. / An individual meeting each municipality books within the offered days.');

const participantByPosition = z
  .strictObject({
    municipality: text(NAME_MAX).describe('Kommunens navn. / The municipality\'s name.'),
    position: z.int().min(1).describe('Deltagerens nummer i kommunens liste, fra 1. / The participant\'s position in the municipality\'s list, from 1.'),
  })
  .describe('Bruges, når persondata er slettet og der ikke er nogen adresse. / Used once personal data is erased and there is no address.');

const participantRef = z
  .union([email().describe('Deltagerens e-mailadresse. / The participant\'s e-mail address.'), participantByPosition])
  .describe('Hvem der svarede. / Who answered.');

const rsvp = z
  .strictObject({
    meeting: slug().describe('Fællesmødets nøgle. / The plenary meeting\'s key.'),
    participant: participantRef,
    answer: z
      .enum(RSVP_ANSWERS)
      .describe('Fysisk møde: in_person eller declined; virtuelt møde: online eller declined. / Physical meeting: in_person or declined; virtual meeting: online or declined.'),
    dietaryNote: text(DIETARY_NOTE_MAX).optional().describe('Bemærkning om kost; kun ved fysiske møder og kun ved tilsagn. / Dietary note; only for physical meetings and only with an acceptance.'),
    forStart: localDateTime()
      .optional()
      .describe('Mødets start, da svaret blev givet; udeladt betyder mødets nuværende start. / The meeting\'s start when the answer was given; left out means its current start.'),
    answeredAt: instant().describe('Hvornår svaret blev givet. / When the answer was given.'),
    source: z.enum(RSVP_SOURCES).optional().describe('Hvor svaret kom fra; udeladt betyder "import". / Where the answer came from; left out means "import".'),
  })
  .describe('Et svar på en invitation til et fællesmøde. / An answer to the invitation to a plenary meeting.');

const presentation = z
  .strictObject({
    meeting: slug().describe('Fællesmødets nøgle. / The plenary meeting\'s key.'),
    municipality: text(NAME_MAX).describe('Kommunens navn. / The municipality\'s name.'),
    status: z.enum(PRESENTATION_STATUSES).describe('Ikke begyndt, under forberedelse eller klar. / Not started, in preparation or ready.'),
    link: httpsLink().optional().describe('Link til oplægget (https). / Link to the presentation (https).'),
    updatedAt: instant().optional().describe('Hvornår status sidst blev meldt. / When the status was last reported.'),
  })
  .describe('Status for en kommunes korte oplæg på et fællesmøde. / The status of a municipality\'s short presentation at a plenary meeting.');

const slotBooking = z
  .strictObject({
    meeting: slug().describe('Det individuelle mødes nøgle (forberedende møde eller opfølgning). / The individual meeting\'s key (preparatory meeting or follow-up).'),
    municipality: text(NAME_MAX).describe('Kommunens navn. / The municipality\'s name.'),
    start: localDateTime().describe('Tidens start i dansk tid (Europe/Copenhagen), ÅÅÅÅ-MM-DDTTT:MM. / The slot\'s start in Copenhagen wall-clock time, YYYY-MM-DDTHH:MM.'),
    phone: text(40).optional().describe('Nummeret, der skal ringes til ved et telefonmøde; udeladt ved et Teams-møde. / The number to call for a phone meeting; left out for a Teams meeting.'),
    bookedBy: z
      .union([email().describe('E-mailadressen på den deltager eller rådgiver, der bookede. / The e-mail address of the participant or advisor who booked.'), participantByPosition])
      .optional()
      .describe('Hvem der bookede tiden sidst; udeladt, når vedkommende ikke længere er med i forløbet. / Who booked the slot last; left out when they are no longer in the cohort.'),
    bookedAt: instant().describe('Hvornår tiden sidst blev booket. / When the slot was last booked.'),
    version: z
      .int()
      .min(1)
      .optional()
      .describe('Stiger, hver gang tiden flyttes, aflyses eller bookes igen; udeladt betyder 1. / Goes up each time the slot is moved, cancelled or booked again; left out means 1.'),
    generation: z
      .int()
      .min(1)
      .optional()
      .describe('Stiger, hver gang en aflyst tid bookes igen; udeladt betyder 1. / Goes up each time a cancelled slot is booked again; left out means 1.'),
    cancelled: z.boolean().optional().describe('Aflyst; tiden er fri igen. Udeladt betyder nej. / Cancelled; the slot is free again. Left out means no.'),
  })
  .describe('En kommunes tid til et individuelt møde. / A municipality\'s slot for an individual meeting.');

export const cohortDocumentSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Sti eller adresse til dette JSON Schema, for editorer. / Path or address of this JSON Schema, for editors.'),
    format: z.literal(COHORT_DOCUMENT_FORMAT).describe('Dokumentets format og version. / The document\'s format and version.'),
    id: slug().optional().describe('Gruppeforløbets id (slug eller uuid); udeladt ved import giver et nyt. / The cohort\'s id (slug or uuid); left out on import, a new one is given.'),
    name: text(NAME_MAX).describe('Gruppeforløbets navn. / The cohort\'s name.'),
    edition: text(NAME_MAX).describe('Programudgaven, forløbet er lavet ud fra, fx "mact-2023". / The programme edition the cohort was made from, e.g. "mact-2023".'),
    erasedAt: instant().optional().describe('Hvornår persondata blev slettet; udeladt, så længe de findes. / When personal data was erased; left out while it exists.'),
    booking: z
      .strictObject({
        organizer: z.email().describe('Postkassen, hvis kalender ejer møderne. / The mailbox whose calendar owns the meetings.'),
        bookedAt: instant().describe('Hvornår forløbet blev booket. / When the series was booked.'),
      })
      .optional()
      .describe('Mødeserien booket i Outlook; udeladt, indtil den er. / The meeting series booked in Outlook; left out until it is.'),
    settings: settings.default(DEFAULT_SETTINGS),
    advisors: z.array(advisor).describe('Rådgiverne; mindst én. / The advisors; at least one.'),
    meetings: z
      .array(z.discriminatedUnion('kind', [plenary, individual]))
      .min(1)
      .describe('Møderne i rækkefølge: forberedende, fællesmøder, opfølgning. / The meetings in order: preparatory, plenaries, follow-up.'),
    municipalities: z.array(municipality).describe('De deltagende kommuner, højst 6. / The participating municipalities, at most 6.'),
    rsvps: z.array(rsvp).default([]).describe('Svar på invitationer til fællesmøderne. / Answers to the invitations to the plenary meetings.'),
    presentations: z.array(presentation).default([]).describe('Status for kommunernes oplæg. / Status of the municipalities\' presentations.'),
    slotBookings: z
      .array(slotBooking)
      .default([])
      .describe('Kommunernes tider til de individuelle møder, højst én pr. kommune og møde. / The municipalities\' slots for the individual meetings, at most one per municipality and meeting.'),
  })
  .meta({
    title: 'Gruppeforløb: cohort document',
    description: 'Et gruppeforløb (M-ACT) som JSON: program, rådgivere, kommuner, deltagere, svar, oplæg og tider til de individuelle møder. Personer, møder og kommuner nævnes ved e-mail, nøgle og navn. / A cohort (M-ACT group programme) as JSON: programme, advisors, municipalities, participants, answers, presentations and slots for the individual meetings. People, meetings and municipalities are referred to by e-mail, key and name.',
  });

/** A document as read: defaults filled in. */
export type CohortDocument = z.output<typeof cohortDocumentSchema>;
export type DocumentMeeting = CohortDocument['meetings'][number];
export type DocumentParticipant = CohortDocument['municipalities'][number]['participants'][number];
export type ParticipantRef = z.output<typeof participantRef>;

/** The document's JSON Schema (draft 2020-12), describing what a person writes: defaults are optional. */
export function cohortDocumentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(cohortDocumentSchema, { target: 'draft-2020-12', io: 'input' });
}
