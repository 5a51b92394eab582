// What a responder texts back to a page, as PagerDuty's SMS replies work: `4`, `1` or `ack`
// acknowledges, `6` or `resolve` resolves, and an incident number (`12`, `INC-12`, `#12`)
// picks one incident of the page; without one, every incident of the latest page is meant.

/** What a reply asks for. */
export type PhoneAction = 'ack' | 'resolve';

/** A reply understood: the action and, when named, the incident number. */
export interface PhoneReply {
  action: PhoneAction;
  incidentNumber: number | undefined;
}

const ACTION_WORDS: Record<string, PhoneAction> = {
  // `1` too: the first answer people try, and what several paging tools use.
  '1': 'ack',
  '4': 'ack',
  a: 'ack',
  ack: 'ack',
  acknowledge: 'ack',
  '6': 'resolve',
  r: 'resolve',
  res: 'resolve',
  resolve: 'resolve',
};

/** The digit a responder presses in a call to acknowledge, and to resolve. */
export const KEY_FOR: Record<PhoneAction, string> = { ack: '4', resolve: '6' };

/** The reply in `text`, or undefined when it is not one (a help text is sent back then). */
export function parsePhoneReply(text: string): PhoneReply | undefined {
  const words = text
    .trim()
    .toLowerCase()
    .split(/[\s,:;.!]+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 2) return undefined;
  const [first = '', second] = words;
  if (second === undefined) {
    const action = ACTION_WORDS[first];
    return action ? { action, incidentNumber: undefined } : undefined;
  }
  // `4 12`: the action first; `12 4` or `INC-12 ack`: the incident first.
  const actionFirst = ACTION_WORDS[first];
  const numberSecond = incidentNumberOf(second);
  if (actionFirst && numberSecond !== undefined) return { action: actionFirst, incidentNumber: numberSecond };
  const actionSecond = ACTION_WORDS[second];
  const numberFirst = incidentNumberOf(first);
  if (actionSecond && numberFirst !== undefined) return { action: actionSecond, incidentNumber: numberFirst };
  return undefined;
}

/** The action a key pressed in a call asks for. */
export function actionOfKey(digits: string): PhoneAction | undefined {
  if (digits === KEY_FOR.ack) return 'ack';
  if (digits === KEY_FOR.resolve) return 'resolve';
  return undefined;
}

function incidentNumberOf(word: string): number | undefined {
  const match = /^(?:inc-|#)?(\d{1,9})$/.exec(word);
  return match?.[1] ? Number(match[1]) : undefined;
}
