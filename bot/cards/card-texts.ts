/**
 * Every fixed word the cards show, Danish first. Templates bind the labels; the phrases build
 * sentences around a number or a value, where word order and plurals differ between languages.
 */
import type { PresentationStatus, RsvpAnswer } from '../../src/domain/cohort';
import type { CardLanguage, CardRole, IndividualMeetingData, SlotsCardData } from './card-data';

type SlotNotice = NonNullable<SlotsCardData['notice']>;

const da = {
  labels: {
    common: {
      myMeetings: 'Mine møder',
      help: 'Hjælp',
      status: 'Status',
      meeting: 'Møde',
      date: 'Dato',
      time: 'Tid',
      place: 'Sted',
      online: 'online (Teams)',
      placeLater: 'oplyses senere',
      join: 'Deltag i mødet',
      cancelled: 'Mødet er aflyst.',
      municipality: 'Kommune',
    },
    answers: {
      in_person: 'Jeg kommer',
      online: 'Jeg deltager online',
      declined: 'Jeg kommer ikke',
    } satisfies Record<RsvpAnswer, string>,
    presentationStatus: {
      not_started: 'Ikke startet',
      in_preparation: 'I gang',
      ready: 'Klar',
    } satisfies Record<PresentationStatus, string>,
    counts: {
      inPerson: 'Kommer',
      online: 'Online',
      declined: 'Kommer ikke',
      notAnswered: 'Ikke svaret',
      answeredForEarlierDate: 'Svarede til tidligere dato',
    },
    welcome: {
      intro: 'Jeg er gruppeforløbets assistent her i Teams.',
      roles: {
        advisor:
          'Du er rådgiver. Jeg viser dig tilmeldinger, forplejning og status for oplæg, og jeg minder deltagerne om møder og oplæg.',
        leader:
          'Du er tovholder for din kommune. Jeg minder dig om møder og jeres oplæg, du kan svare her, om du kommer, og du booker kommunens forberedende møde og opfølgning her.',
        participant: 'Jeg minder dig om møderne og jeres oplæg, og du kan svare her, om du kommer.',
      } satisfies Record<CardRole, string>,
    },
    help: {
      heading: 'Det kan jeg hjælpe med',
      intro: 'Skriv et af ordene herunder, eller tryk på en knap.',
      meetingsCommand: 'møder',
      meetingsDoes: 'dine kommende møder og dine svar',
      statusCommand: 'status',
      statusDoes: 'tilmeldinger og oplæg for gruppeforløbet',
      helpCommand: 'hjælp',
      helpDoes: 'denne oversigt',
      preparatoryCommand: 'forberedelse',
      preparatoryDoes: 'book kommunens forberedende møde',
      followupCommand: 'opfølgning',
      followupDoes: 'book kommunens opfølgningsopkald i januar',
    },
    meetings: {
      heading: 'Mine kommende møder',
      empty: 'Du har ingen kommende møder.',
      notAnswered: 'Ikke besvaret',
      moved: 'Mødet er flyttet – dit svar gjaldt den tidligere dato.',
    },
    status: {
      empty: 'Der er ingen kommende møder.',
      presentations: 'Oplæg',
      openLink: 'åbn',
      refresh: 'Opdater',
      notBooked: 'Ikke booket',
    },
    rsvp: {
      notAnswered: 'Du har ikke svaret endnu.',
      dietaryLabel: 'Bemærkning om kost (valgfri)',
      dietaryPlaceholder: 'Fx vegetar, glutenfri eller allergi',
      dietaryPrivacy: 'Kun rådgiverne ser din bemærkning; den bruges til at bestille forplejning.',
      thanks: 'Tak – dit svar er registreret.',
    },
    presentation: {
      heading: 'Påmindelse: jeres oplæg',
      themes: 'Temaer',
      prepare: 'Det skal I forberede',
      inPreparation: 'Vi er i gang',
      ready: 'Oplægget er klar',
      linkLabel: 'Link til oplægget (valgfrit)',
      openLink: 'Åbn oplægget',
      thanks: 'Tak – status for oplægget er opdateret.',
    },
    headcount: {
      heading: 'Forplejning: endelig optælling',
      deadline: 'Frist',
      advisors: 'Rådgivere',
      notesHeading: 'Bemærkninger om kost',
      noNotes: 'Ingen bemærkninger om kost.',
      notesPrivacy: 'Bemærkningerne er kun til bestilling af forplejning – del dem ikke videre.',
      changedAfterDeadline: 'Ændret efter fristen – giv køkkenet besked.',
    },
    practical: {
      heading: 'Praktisk om mødet i morgen',
      address: 'Adresse',
      planJourney: 'Find vej',
      contactsIntro: 'Spørgsmål? Kontakt rådgiverne:',
    },
    slots: {
      headings: {
        preparatory: 'Book jeres forberedende møde',
        followup: 'Book opfølgningen (telefon)',
      } satisfies Record<IndividualMeetingData['kind'], string>,
      duration: 'Varighed',
      form: 'Form',
      forms: {
        virtual: 'Teams-møde',
        phone: 'Telefonopkald',
      } satisfies Record<IndividualMeetingData['form'], string>,
      notices: {
        taken: 'Tiden blev lige taget af en anden kommune – vælg en af de ledige tider herunder.',
        not_offered: 'Den tid kan ikke længere vælges – vælg en af de ledige tider herunder.',
      } satisfies Record<SlotNotice, string>,
      empty: 'Der er ingen ledige tider lige nu. Kontakt rådgiverne.',
      choiceLabel: 'Vælg en tid',
      choiceError: 'Vælg en af tiderne.',
      phoneLabel: 'Telefonnummer, vi skal ringe til',
      phonePlaceholder: 'Fx +45 12 34 56 78',
      phoneError: 'Skriv det telefonnummer, vi skal ringe til.',
      book: 'Book tiden',
      move: 'Flyt til denne tid',
      cancel: 'Aflys',
    },
    slotBooked: {
      booked: 'Booket!',
      yourTime: 'Jeres tid',
      cancelled: 'Tiden er aflyst.',
      teamsInvite: 'Invitationen med Teams-linket kommer i Outlook.',
      pickAnother: 'Vælg en anden tid',
      cancel: 'Aflys tiden',
      bookNew: 'Book en ny tid',
    },
    error: {
      heading: 'Det gik ikke',
      contactsIntro: 'Brug for hjælp? Kontakt rådgiverne:',
    },
    notInCohort: {
      heading: 'Jeg kan ikke finde dig i et gruppeforløb',
      body: 'Du er ikke registreret som deltager med denne Teams-konto.',
      contactsIntro: 'Mener du, at du burde være med, så kontakt en af rådgiverne:',
      general: 'Mener du, at du burde være med, så kontakt den rådgiver, der har inviteret dig.',
    },
  },
  phrases: {
    hello: (firstName: string) => `Hej ${firstName}`,
    yourAnswer: (answer: string) => `Dit svar: ${answer}`,
    answeredEarlier: (answer: string) => `Du svarede «${answer}» til den tidligere dato.`,
    moved: (dateText: string) => `Mødet er flyttet til ${dateText} – kan du stadig komme?`,
    cateringDeadline: (deadlineText: string) => `Svarfrist for forplejning: ${deadlineText}`,
    coming: (n: number) => (n === 0 ? 'Ingen har meldt sig endnu' : `${n} kommer`),
    daysLeft: (n: number) => (n === 0 ? 'I dag' : n === 1 ? 'I morgen' : `Om ${n} dage`),
    dateTime: (dateText: string, timeText: string) => `${dateText} kl. ${timeText}`,
    statusOf: (cohortName: string) => `Status: ${cohortName}`,
    cateringTotal: (n: number) => `I alt til forplejning: ${n}`,
    currentBooking: (whenText: string) => `I har booket: ${whenText}`,
    wishedSlot: (label: string) => `★ ${label} (jeres ønske)`,
    phoneCall: (phone: string | null) => (phone === null ? 'Rådgiveren ringer til jer.' : `Rådgiveren ringer til ${phone}.`),
    bookedCount: (n: number, total: number) => `${n} af ${total} har booket`,
  },
};

export type CardTexts = typeof da;
/** The strings templates bind as `t`. */
export type CardLabels = CardTexts['labels'];
export type CardPhrases = CardTexts['phrases'];

const en: CardTexts = {
  labels: {
    common: {
      myMeetings: 'My meetings',
      help: 'Help',
      status: 'Status',
      meeting: 'Meeting',
      date: 'Date',
      time: 'Time',
      place: 'Place',
      online: 'online (Teams)',
      placeLater: 'to be announced',
      join: 'Join the meeting',
      cancelled: 'The meeting is cancelled.',
      municipality: 'Municipality',
    },
    answers: {
      in_person: "I'm coming",
      online: "I'll join online",
      declined: "I'm not coming",
    },
    presentationStatus: {
      not_started: 'Not started',
      in_preparation: 'In progress',
      ready: 'Ready',
    },
    counts: {
      inPerson: 'In person',
      online: 'Online',
      declined: 'Not coming',
      notAnswered: 'Not answered',
      answeredForEarlierDate: 'Answered for an earlier date',
    },
    welcome: {
      intro: "I'm the group programme's assistant here in Teams.",
      roles: {
        advisor:
          'You are an advisor. I show you RSVPs, catering and presentation status, and I remind the participants of meetings and presentations.',
        leader:
          "You are your municipality's lead contact. I remind you of meetings and your presentations, you can tell me here whether you're coming, and you book your municipality's preparatory meeting and follow-up here.",
        participant: "I remind you of the meetings and your presentations, and you can tell me here whether you're coming.",
      },
    },
    help: {
      heading: 'What I can help with',
      intro: 'Type one of the words below, or press a button.',
      meetingsCommand: 'meetings',
      meetingsDoes: 'your coming meetings and your answers',
      statusCommand: 'status',
      statusDoes: 'RSVPs and presentations for the group programme',
      helpCommand: 'help',
      helpDoes: 'this overview',
      preparatoryCommand: 'preparation',
      preparatoryDoes: "book your municipality's preparatory meeting",
      followupCommand: 'follow-up',
      followupDoes: "book your municipality's follow-up call in January",
    },
    meetings: {
      heading: 'My coming meetings',
      empty: 'You have no coming meetings.',
      notAnswered: 'Not answered',
      moved: 'The meeting has moved – your answer was for the earlier date.',
    },
    status: {
      empty: 'There are no coming meetings.',
      presentations: 'Presentations',
      openLink: 'open',
      refresh: 'Refresh',
      notBooked: 'Not booked',
    },
    rsvp: {
      notAnswered: "You haven't answered yet.",
      dietaryLabel: 'Dietary note (optional)',
      dietaryPlaceholder: 'E.g. vegetarian, gluten-free or allergy',
      dietaryPrivacy: 'Only the advisors see your note; it is used to order the catering.',
      thanks: 'Thank you – your answer is recorded.',
    },
    presentation: {
      heading: 'Reminder: your presentation',
      themes: 'Themes',
      prepare: 'What to prepare',
      inPreparation: "We're working on it",
      ready: 'The presentation is ready',
      linkLabel: 'Link to the presentation (optional)',
      openLink: 'Open the presentation',
      thanks: 'Thank you – the presentation status is updated.',
    },
    headcount: {
      heading: 'Catering: final head-count',
      deadline: 'Deadline',
      advisors: 'Advisors',
      notesHeading: 'Dietary notes',
      noNotes: 'No dietary notes.',
      notesPrivacy: 'The notes are only for ordering the catering – do not pass them on.',
      changedAfterDeadline: 'Changed after the deadline – please tell the kitchen.',
    },
    practical: {
      heading: "Practical details for tomorrow's meeting",
      address: 'Address',
      planJourney: 'Plan your journey',
      contactsIntro: 'Questions? Contact the advisors:',
    },
    slots: {
      headings: {
        preparatory: 'Book your preparatory meeting',
        followup: 'Book the follow-up (phone)',
      },
      duration: 'Duration',
      form: 'Format',
      forms: {
        virtual: 'Teams meeting',
        phone: 'Phone call',
      },
      notices: {
        taken: 'The time was just taken by another municipality – please pick one of the free times below.',
        not_offered: 'That time can no longer be chosen – please pick one of the free times below.',
      },
      empty: 'There are no free times right now. Please contact the advisors.',
      choiceLabel: 'Pick a time',
      choiceError: 'Please pick one of the times.',
      phoneLabel: 'Phone number to call',
      phonePlaceholder: 'E.g. +45 12 34 56 78',
      phoneError: 'Please give the phone number to call.',
      book: 'Book this time',
      move: 'Move to this time',
      cancel: 'Cancel',
    },
    slotBooked: {
      booked: 'Booked!',
      yourTime: 'Your booking',
      cancelled: 'The booking is cancelled.',
      teamsInvite: 'The invitation with the Teams link will arrive in Outlook.',
      pickAnother: 'Pick another time',
      cancel: 'Cancel the booking',
      bookNew: 'Book a new time',
    },
    error: {
      heading: "That didn't work",
      contactsIntro: 'Need help? Contact the advisors:',
    },
    notInCohort: {
      heading: "I can't find you in a group programme",
      body: "You aren't registered as a participant with this Teams account.",
      contactsIntro: 'If you think you should be, please contact one of the advisors:',
      general: 'If you think you should be, please contact the advisor who invited you.',
    },
  },
  phrases: {
    hello: (firstName) => `Hi ${firstName}`,
    yourAnswer: (answer) => `Your answer: ${answer}`,
    answeredEarlier: (answer) => `You answered "${answer}" for the earlier date.`,
    moved: (dateText) => `The meeting has moved to ${dateText} – can you still come?`,
    cateringDeadline: (deadlineText) => `Reply by ${deadlineText} for the catering`,
    coming: (n) => (n === 0 ? 'Nobody has said yes yet' : n === 1 ? '1 is coming' : `${n} are coming`),
    daysLeft: (n) => (n === 0 ? 'Today' : n === 1 ? 'Tomorrow' : `In ${n} days`),
    dateTime: (dateText, timeText) => `${dateText}, ${timeText}`,
    statusOf: (cohortName) => `Status: ${cohortName}`,
    cateringTotal: (n) => `Total for catering: ${n}`,
    currentBooking: (whenText) => `Your booking: ${whenText}`,
    wishedSlot: (label) => `★ ${label} (your wish)`,
    phoneCall: (phone) => (phone === null ? 'The advisor will call you.' : `The advisor will call ${phone}.`),
    bookedCount: (n, total) => `${n} of ${total} booked`,
  },
};

export const CARD_TEXTS: Readonly<Record<CardLanguage, CardTexts>> = { da, en };
