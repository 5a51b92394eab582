import { escapeHtml } from '../escape-html.js';

/*
 * The subscriber's public pages under /status: the subscribe form, "check your mail", and the
 * subscription page a token opens (confirm, choose components, unsubscribe). Plain HTML that
 * works without JavaScript, one column for phones, one inline stylesheet (allowed by its hash).
 */

/** The honeypot's field name: no browser autofills it, people are told to leave it empty. */
export const SUBSCRIBE_HONEYPOT = 'website_url_leave_empty';

/** The pages' only inline content; the routes' CSP allows it by its hash and nothing else. */
export const SUBSCRIBER_PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#f6f8fa}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
p{margin:.5rem 0 1rem}
form{display:grid;gap:1rem;margin:0 0 1.5rem}
fieldset{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;margin:0;background:#fff}
legend{font-weight:600;padding:0 .25rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.35rem 0}
.choice input{width:auto;margin-top:.3rem;min-width:1.1rem;min-height:1.1rem}
.hint{font-weight:400;color:#57606a;font-size:.9rem}
input[type=email],input[type=text]{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit}
input:focus,button:focus,a:focus{outline:3px solid #0969da;outline-offset:1px}
[aria-invalid=true]{border-color:#cf222e}
.error{color:#a40e26;font-size:.95rem;margin:.25rem 0 0}
.notice{border:2px solid #1a7f37;border-radius:6px;padding:.75rem 1rem;background:#fff}
.summary{border:2px solid #cf222e;border-radius:6px;padding:.75rem 1rem;background:#fff}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{font:inherit;font-weight:600;padding:.7rem 1.2rem;border:0;border-radius:6px;background:#1f6feb;color:#fff;cursor:pointer;min-height:44px}
button.secondary{background:#fff;color:#a40e26;border:1px solid #a40e26}
code{word-break:break-all;background:#fff;border:1px solid #d0d7de;border-radius:4px;padding:.1rem .3rem}
`;

/** A component a subscriber may choose. */
export interface PageComponent {
  id: number;
  name: string;
}

/** What the subscribe form shows again after a refusal. */
export interface SubscribeFormState {
  email: string;
  isAll: boolean;
  chosenIds: readonly number[];
  errors: Record<string, string>;
}

function page(pageName: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(pageName)}</title><style>${SUBSCRIBER_PAGE_CSS}</style></head>
<body><main>
<p><a href="/status">← ${escapeHtml(pageName)}</a></p>
${body}
</main></body></html>`;
}

function componentChoice(
  components: readonly PageComponent[],
  isAll: boolean,
  chosenIds: readonly number[],
  error?: string,
): string {
  if (components.length === 0) return '';
  const chosen = new Set(chosenIds);
  return `<fieldset${error ? ' aria-describedby="componentIds-error"' : ''}><legend>What to hear about</legend>
<label class="choice"><input type="radio" name="scope" value="all"${isAll ? ' checked' : ''}> Every component</label>
<label class="choice"><input type="radio" name="scope" value="chosen"${isAll ? '' : ' checked'}> Only the components I choose:</label>
<div id="componentIds">${components
    .map(
      (c) =>
        `<label class="choice" style="margin-left:1.6rem"><input type="checkbox" name="componentIds" value="${String(c.id)}"${
          chosen.has(c.id) ? ' checked' : ''
        }> ${escapeHtml(c.name)}</label>`,
    )
    .join('')}</div>
${error ? `<p class="error" id="componentIds-error">${escapeHtml(error)}</p>` : ''}
</fieldset>`;
}

/** The subscribe form, empty or with the values and errors of a refused attempt. */
export function subscribePage(
  pageName: string,
  components: readonly PageComponent[],
  state: SubscribeFormState = { email: '', isAll: true, chosenIds: [], errors: {} },
): string {
  const errors = Object.entries(state.errors);
  const summary =
    errors.length === 0
      ? ''
      : `<div class="summary" role="alert"><p><strong>Please check the form</strong></p><ul>${errors
          .map(([field, message]) => `<li><a href="#${field}">${escapeHtml(message)}</a></li>`)
          .join('')}</ul></div>`;
  const emailError = state.errors.email;
  return page(
    pageName,
    'Subscribe to updates',
    `<h1>Subscribe to updates</h1>
<p>Get an email when we post an incident or schedule maintenance. We will ask you to confirm first.</p>
${summary}
<form method="post" action="/status/subscribe" novalidate>
<div><label for="email">Your email address</label><input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(
      state.email,
    )}"${emailError ? ' aria-invalid="true" aria-describedby="email-error"' : ''}>${
      emailError ? `<p class="error" id="email-error">${escapeHtml(emailError)}</p>` : ''
    }</div>
${componentChoice(components, state.isAll, state.chosenIds, state.errors.componentIds)}
<div class="hp"><label for="${SUBSCRIBE_HONEYPOT}">Leave this field empty</label><input id="${SUBSCRIBE_HONEYPOT}" name="${SUBSCRIBE_HONEYPOT}" type="text" tabindex="-1" autocomplete="off"></div>
<div><button type="submit">Subscribe</button></div>
</form>
<p class="hint">Every message has a link to change your choice or unsubscribe in one click.</p>`,
  );
}

/** After a subscription request: the same words whether or not the address was known. */
export function checkMailPage(pageName: string): string {
  return page(
    pageName,
    'Check your email',
    `<h1>Check your email</h1>
<p>We sent you a mail with a link. Open it to confirm your subscription; until then, nothing else is sent.</p>`,
  );
}

/** A short page: a title and a sentence (refusals, too many requests, unknown links). */
export function subscriberMessagePage(pageName: string, title: string, text: string): string {
  return page(
    pageName,
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/status/subscribe">Subscribe to updates</a></p>`,
  );
}

/** What the subscription page shows. */
export interface SubscriptionPageInput {
  pageName: string;
  token: string;
  channel: string;
  address: string;
  state: string;
  allComponents: boolean;
  chosenIds: readonly number[];
  components: readonly PageComponent[];
  signingKey: string | null;
  notice?: string;
  error?: string;
}

/** The page a subscriber's link opens: confirm while pending, then choose components or unsubscribe. */
export function subscriptionPage(input: SubscriptionPageInput): string {
  const base = `/status/subscriptions/${encodeURIComponent(input.token)}`;
  const notice = input.notice
    ? `<div class="notice" role="status"><p>${escapeHtml(input.notice)}</p></div>`
    : '';
  const who = `<p>${input.channel === 'webhook' ? 'Webhook' : 'Email'}: <strong>${escapeHtml(input.address)}</strong></p>`;
  if (input.state === 'unsubscribed') {
    return page(
      input.pageName,
      'Unsubscribed',
      `<h1>You are unsubscribed</h1>${notice}${who}<p>We will send nothing more to this address.</p><p><a href="/status/subscribe">Subscribe again</a></p>`,
    );
  }
  if (input.state === 'pending') {
    return page(
      input.pageName,
      'Confirm your subscription',
      `<h1>Confirm your subscription</h1>${who}
<p>Confirm to receive updates of ${escapeHtml(input.pageName)}.</p>
<form method="post" action="${base}/confirm"><div><button type="submit">Confirm subscription</button></div></form>`,
    );
  }
  const key = input.signingKey
    ? `<p>Deliveries are signed with this key (<code>X-Beacon-Signature</code>):<br><code>${escapeHtml(input.signingKey)}</code></p>`
    : '';
  return page(
    input.pageName,
    'Your subscription',
    `<h1>Your subscription</h1>${notice}${who}${key}
${input.error ? `<div class="summary" role="alert"><p>${escapeHtml(input.error)}</p></div>` : ''}
<form method="post" action="${base}/preferences">
${componentChoice(input.components, input.allComponents, input.chosenIds) || '<p>You hear about every incident and maintenance.</p>'}
${input.components.length > 0 ? '<div><button type="submit">Save</button></div>' : ''}
</form>
<form method="post" action="${base}/unsubscribe"><div><button class="secondary" type="submit">Unsubscribe</button></div></form>`,
  );
}

/** The page the footer's unsubscribe link opens (a GET never unsubscribes: link checkers follow links). */
export function unsubscribePromptPage(pageName: string, token: string, address: string): string {
  return page(
    pageName,
    'Unsubscribe',
    `<h1>Unsubscribe</h1><p>Stop sending updates of ${escapeHtml(pageName)} to <strong>${escapeHtml(address)}</strong>?</p>
<form method="post" action="/status/subscriptions/${encodeURIComponent(token)}/unsubscribe"><div><button type="submit">Unsubscribe</button></div></form>`,
  );
}
