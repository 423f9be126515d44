/** The cards that answer a command or a refusal: welcome, help, error, not in a cohort. */
import type { CardLanguage, CardRole, ErrorCardData, HelpCardData, NotInCohortCardData, WelcomeCardData } from './card-data';
import { CARD_TEXTS } from './card-texts';
import { contactRows } from './card-views';
import { cardTemplate, type AdaptiveCardJson } from './expand-template';
import errorJson from './error.json';
import helpJson from './help.json';
import notInCohortJson from './not-in-cohort.json';
import welcomeJson from './welcome.json';

const welcome = cardTemplate(welcomeJson);
const help = cardTemplate(helpJson);
const error = cardTemplate(errorJson);
const notInCohort = cardTemplate(notInCohortJson);

export function renderWelcome(data: WelcomeCardData, lang: CardLanguage): AdaptiveCardJson {
  const { labels: t, phrases: p } = CARD_TEXTS[lang];
  return welcome({
    t,
    heading: p.hello(data.firstName),
    roleText: t.welcome.roles[data.role],
    isAdvisor: data.role === 'advisor',
  });
}

function commands(role: CardRole, lang: CardLanguage) {
  const { help: h } = CARD_TEXTS[lang].labels;
  return [
    { title: h.meetingsCommand, value: h.meetingsDoes },
    ...(role === 'advisor' ? [{ title: h.statusCommand, value: h.statusDoes }] : []),
    ...(role === 'leader'
      ? [
          { title: h.preparatoryCommand, value: h.preparatoryDoes },
          { title: h.followupCommand, value: h.followupDoes },
        ]
      : []),
    { title: h.helpCommand, value: h.helpDoes },
  ];
}

export function renderHelp(data: HelpCardData, lang: CardLanguage): AdaptiveCardJson {
  return help({
    t: CARD_TEXTS[lang].labels,
    commands: commands(data.role, lang),
    isAdvisor: data.role === 'advisor',
  });
}

export function renderError(data: ErrorCardData, lang: CardLanguage): AdaptiveCardJson {
  return error({
    t: CARD_TEXTS[lang].labels,
    message: data.message,
    hasContacts: data.contacts.length > 0,
    contacts: contactRows(data.contacts),
  });
}

export function renderNotInCohort(data: NotInCohortCardData, lang: CardLanguage): AdaptiveCardJson {
  return notInCohort({
    t: CARD_TEXTS[lang].labels,
    hasContacts: data.contacts.length > 0,
    contacts: contactRows(data.contacts),
  });
}
