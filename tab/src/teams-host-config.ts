import type { ThemeName } from './host';

/**
 * Microsoft Teams' Adaptive Card host config (Segoe UI, Teams' sizes, spacing and colours), for its
 * default, dark and high-contrast themes: a preview looks as the card does in a Teams chat.
 * Colours are #AARRGGBB where Teams gives an alpha, as the adaptivecards renderer reads them.
 */
interface Palette {
  text: string;
  subtle: string;
  dark: [string, string];
  light: [string, string];
  accent: [string, string];
  good: [string, string];
  warning: [string, string];
  attention: [string, string];
  background: string;
  emphasis: string;
  /** The coloured containers (a notice that a meeting moved, a warning) and the text on them. */
  tints: { accent: string; good: string; attention: string; warning: string; text: string; subtle: string };
  separator: string;
}

const PALETTES: Record<ThemeName, Palette> = {
  default: {
    text: '#ff252424',
    subtle: '#bf252424',
    dark: ['#252424', '#bf252424'],
    light: ['#ffffff', '#fff3f2f1'],
    accent: ['#6264a7', '#8b8cc7'],
    good: ['#92c353', '#e592c353'],
    warning: ['#f8d22a', '#e5f8d22a'],
    attention: ['#c4314b', '#e5c4314b'],
    background: '#ffffff',
    emphasis: '#fff9f8f7',
    tints: { accent: '#c7def9', good: '#ccffcc', attention: '#ffc5b2', warning: '#ffe2b2', text: '#ff252424', subtle: '#bf252424' },
    separator: '#eeeeee',
  },
  dark: {
    text: '#ffffffff',
    subtle: '#bfffffff',
    dark: ['#ff201f1f', '#ff2d2c2c'],
    light: ['#ffffffff', '#bfffffff'],
    accent: ['#ffa6a7dc', '#ff8b8cc7'],
    good: ['#ff92c353', '#e592c353'],
    warning: ['#fff8d22a', '#e5f8d22a'],
    attention: ['#ffd74654', '#e5d74654'],
    background: '#ff2d2c2c',
    emphasis: '#ff292828',
    tints: { accent: '#c7def9', good: '#ccffcc', attention: '#ffc5b2', warning: '#ffe2b2', text: '#ff201f1f', subtle: '#ff2d2c2c' },
    separator: '#ff3b3a39',
  },
  // High contrast has no subtle shades: every colour stands out fully against black.
  contrast: {
    text: '#ffffff',
    subtle: '#ffffff',
    dark: ['#ffffff', '#ffffff'],
    light: ['#ffffff', '#ffffff'],
    accent: ['#1aebff', '#1aebff'],
    good: ['#3ff23f', '#3ff23f'],
    warning: ['#ffff01', '#ffff01'],
    attention: ['#ff8080', '#ff8080'],
    background: '#000000',
    emphasis: '#000000',
    tints: { accent: '#000000', good: '#000000', attention: '#000000', warning: '#000000', text: '#ffffff', subtle: '#ffffff' },
    separator: '#ffffff',
  },
};

const pair = ([normal, subtle]: [string, string]) => ({ default: normal, subtle });

function containerStyle(p: Palette, backgroundColor: string, text = { default: p.text, subtle: p.subtle }) {
  return {
    backgroundColor,
    foregroundColors: {
      default: text,
      dark: pair(p.dark),
      light: pair(p.light),
      accent: pair(p.accent),
      good: pair(p.good),
      warning: pair(p.warning),
      attention: pair(p.attention),
    },
  };
}

const FONT_SIZES = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const FONT_WEIGHTS = { lighter: 200, default: 400, bolder: 600 };

/** The host config for the current Teams theme, as the `adaptivecards` HostConfig constructor takes it. */
export function teamsHostConfig(theme: ThemeName) {
  const p = PALETTES[theme];
  return {
    supportsInteractivity: true,
    choiceSetInputValueSeparator: ',',
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.separator },
    fontTypes: {
      default: { fontFamily: "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif", fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
      monospace: { fontFamily: "Consolas, 'Courier New', Courier, monospace", fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
    },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: containerStyle(p, p.background),
      emphasis: containerStyle(p, p.emphasis),
      accent: containerStyle(p, p.tints.accent, { default: p.tints.text, subtle: p.tints.subtle }),
      good: containerStyle(p, p.tints.good, { default: p.tints.text, subtle: p.tints.subtle }),
      attention: containerStyle(p, p.tints.attention, { default: p.tints.text, subtle: p.tints.subtle }),
      warning: containerStyle(p, p.tints.warning, { default: p.tints.text, subtle: p.tints.subtle }),
    },
    actions: {
      maxActions: 6,
      spacing: 'Default',
      buttonSpacing: 8,
      showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
      preExpandSingleShowCardAction: false,
      actionsOrientation: 'Horizontal',
      actionAlignment: 'Left',
    },
    adaptiveCard: { allowCustomStyle: false },
    imageSet: { imageSize: 'Medium', maxImageHeight: 100 },
    factSet: {
      title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true },
      value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
      spacing: 16,
    },
  };
}
