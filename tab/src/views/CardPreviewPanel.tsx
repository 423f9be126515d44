import {
  Body1, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Spinner, Subtitle2, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CardPreviewsResponse } from '../api';
import { Failure, Loading, useLoad, useStyles, useTab } from '../common';
import { pick, type Lang } from '../texts';

type Preview = CardPreviewsResponse['previews'][number];

const BUTTON = {
  minHeight: '32px',
  padding: '0 12px',
  borderRadius: tokens.borderRadiusMedium,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  backgroundColor: tokens.colorNeutralBackground1,
  color: tokens.colorNeutralForeground1,
  fontFamily: 'inherit',
  fontSize: tokens.fontSizeBase300,
  fontWeight: tokens.fontWeightSemibold,
  cursor: 'default',
};

/** The renderer draws the card's layout and colours from the host config; buttons and inputs look as Teams draws them. */
const useCardStyles = makeStyles({
  frame: {
    maxWidth: '520px',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    overflow: 'hidden',
    boxShadow: tokens.shadow4,
    '& .ac-pushButton': BUTTON,
    '& .ac-pushButton.style-positive': {
      backgroundColor: tokens.colorBrandBackground,
      color: tokens.colorNeutralForegroundOnBrand,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandBackground}`,
    },
    '& .ac-pushButton.style-destructive': { color: tokens.colorPaletteRedForeground1 },
    '& .ac-pushButton:focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
    '& .ac-input': {
      fontFamily: 'inherit',
      fontSize: tokens.fontSizeBase300,
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorNeutralBackground1,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusMedium,
      padding: '4px 8px',
    },
    '& .ac-choiceSetInput-expanded': { border: 'none', padding: 0, backgroundColor: 'transparent' },
  },
});

/** Advisors: each card the bot sends, as Teams shows it, from the cohort's data; nothing here sends anything. */
export function CardPreviewPanel({ cohortId }: { cohortId: string }) {
  const { t, lang, api } = useTab();
  const styles = useStyles();
  const [cardLang, setCardLang] = useState<Lang>(lang);
  const previews = useLoad(useCallback(() => api.cardPreviews(cohortId, cardLang), [api, cohortId, cardLang]));

  return (
    <div className={styles.stack}>
      <Title3 as="h3" className={styles.heading}>{t.cardPreview.heading}</Title3>
      <Body1>{t.cardPreview.intro}</Body1>
      <Field label={t.cardPreview.language}>
        <RadioGroup layout="horizontal" value={cardLang} onChange={(_e, data) => setCardLang(data.value === 'en' ? 'en' : 'da')}>
          <Radio value="da" label={t.cardPreview.languages.da} />
          <Radio value="en" label={t.cardPreview.languages.en} />
        </RadioGroup>
      </Field>
      {previews.state === 'loading' && <Loading />}
      {previews.state === 'error' && <Failure error={previews.error} onRetry={() => void previews.reload()} />}
      {previews.state === 'ok' && (
        <div className={styles.cards}>
          {previews.data.previews.map((preview, i) => (
            <PreviewCard key={`${previews.data.lang}-${preview.kind}-${i}`} preview={preview} cardLang={previews.data.lang} />
          ))}
        </div>
      )}
    </div>
  );
}

function PreviewCard({ preview, cardLang }: { preview: Preview; cardLang: Lang }) {
  const { t, lang } = useTab();
  const styles = useStyles();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={styles.stack}>
      <div>
        <Subtitle2 as="h4" id={headingId} className={styles.heading}>{t.cardPreview.kinds[preview.kind] ?? preview.kind}</Subtitle2>
        <div>
          <Caption1 className={styles.muted}>
            {t.cardPreview.to(preview.recipient)}
            {preview.meeting && ` · ${t.cardPreview.about(preview.meeting)}`}
          </Caption1>
        </div>
      </div>
      {preview.card ? (
        <RenderedCard card={preview.card} cardLang={cardLang} />
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>{t.cardPreview.notSent}</MessageBarTitle>
            {preview.notSent && pick(preview.notSent, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** The adaptivecards renderer is loaded with the first preview, not with the tab. */
function RenderedCard({ card, cardLang }: { card: object; cardLang: Lang }) {
  const { t, theme } = useTab();
  const cardStyles = useCardStyles();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'failed'>('loading');

  useEffect(() => {
    let current = true;
    import('../card-renderer')
      .then(({ renderCard }) => {
        if (!current || !host.current) return;
        host.current.replaceChildren(renderCard(card, theme));
        setState('ok');
      })
      .catch(() => current && setState('failed'));
    return () => {
      current = false;
    };
  }, [card, theme]);

  return (
    <>
      {state === 'loading' && <Spinner size="tiny" label={t.loading} />}
      {state === 'failed' && (
        <MessageBar intent="error"><MessageBarBody>{t.cardPreview.renderFailed}</MessageBarBody></MessageBar>
      )}
      <div ref={host} lang={cardLang} className={cardStyles.frame} data-card-preview hidden={state !== 'ok'} />
    </>
  );
}
