import { describe, expect, it } from 'vitest';
import { stemWord } from './stemming.js';
import { extractStrongTokens } from './strong-tokens.js';
import { analyzeText, normaliseText } from './text-analysis.js';

const terms = (text: string) => [...analyzeText(text).terms.keys()];

describe('report text analysis', () => {
  it('normalises case, accents and punctuation, and joins phrases that are one word elsewhere', () => {
    expect(normaliseText('Zahlungen fehlgeschlagen! Échec — ¿Qué pasó?')).toBe(
      'zahlungen fehlgeschlagen echec que paso',
    );
    expect(normaliseText('Straße, Œuvre')).toBe('strasse oeuvre');
    expect(normaliseText('I cannot log in; mot de passe oublié')).toBe('i cannot login motdepasse oublie');
  });

  it('reduces inflections to one stem in each language', () => {
    expect(new Set(['failing', 'failed', 'fails', 'fail'].map((w) => stemWord(w, 'en')))).toEqual(
      new Set(['fail']),
    );
    expect(stemWord('payments', 'en')).toBe(stemWord('payment', 'en'));
    expect(stemWord('crashes', 'en')).toBe(stemWord('crashed', 'en'));
    expect(stemWord('zahlungen', 'de')).toBe(stemWord('zahlung', 'de'));
    expect(stemWord('paiements', 'fr')).toBe(stemWord('paiement', 'fr'));
    expect(stemWord('betalingen', 'nl')).toBe(stemWord('betaling', 'nl'));
    expect(stemWord('pedidos', 'es')).toBe(stemWord('pedido', 'es'));
    expect(stemWord('notificacoes', 'pt')).toBe(stemWord('notificacao', 'pt'));
  });

  it('names the same support concept across languages, word forms and typos', () => {
    for (const text of [
      'payment failed',
      'Zahlung fehlgeschlagen',
      'le paiement a échoué',
      'el pago falló',
      'betaling mislukt',
      'o pagamento falhou',
      'paymnet failled',
    ]) {
      expect(terms(text), text).toEqual(expect.arrayContaining(['~pay', '~fail']));
    }
    expect(terms('dashbaord loads slowly')).toEqual(expect.arrayContaining(['~dashboard', '~load', '~slow']));
    // Stop words of the text's language go; what is left carries the meaning.
    expect(terms('Die Seite ist nicht erreichbar')).not.toContain('die');
  });

  it('keeps strong tokens verbatim: codes, statuses, ids, versions, links and acronyms', () => {
    const { tokens } = extractStrongTokens(
      'E1234 then ERR_CONN_RESET, HTTP 502s, order #48213 (ORD-2291), app 4.12.0, see https://www.shop.example.com/checkout/pay?x=1 on iOS, CSV export. Bad Gateway.',
    );
    expect(tokens).toEqual(
      expect.arrayContaining([
        'E1234',
        'ERR_CONN_RESET',
        '502',
        '#48213',
        'ORD2291',
        'v4.12',
        'shop.example.com/checkout/pay',
        'IOS',
        'CSV',
      ]),
    );
    // A date is not a version; shouting is not an acronym; 3-digit amounts outside 4xx/5xx are no status.
    expect(extractStrongTokens('on 07.12.2026 I paid 120').tokens).toEqual([]);
    expect(extractStrongTokens('PAYMENT FAILED AGAIN').tokens).toEqual([]);
  });

  it('tells fault reports from questions on the same topic', () => {
    expect(analyzeText('My card payment keeps getting declined').isFault).toBe(true);
    expect(analyzeText('How do I change the payment method on my account?').isRequest).toBe(true);
    expect(analyzeText('How do I change the payment method on my account?').isFault).toBe(false);
    // A question that names a symptom is a fault report, not a request.
    expect(analyzeText('Can you tell me why checkout fails with E4012?').isRequest).toBe(false);
  });
});
