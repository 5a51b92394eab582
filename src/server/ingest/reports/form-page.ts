import { createHash } from 'node:crypto';
import { escapeHtml } from '../../../core/escape-html.js';
import { REPORT_MESSAGE_LIMIT } from '../../../core/schemas/reports.js';

/** The honeypot's field name: no browser autofills it, people are told to leave it empty. */
export const HONEYPOT_FIELD = 'contact_me_by_fax_only';

/** The page's only inline content; the CSP allows it by its hash and nothing else. */
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#f6f8fa}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
p{margin:.5rem 0 1rem}
form{display:grid;gap:1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{font-weight:400;color:#57606a;font-size:.9rem}
input,textarea,select{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:9rem;resize:vertical}
input:focus,textarea:focus,select:focus,button:focus{outline:3px solid #0969da;outline-offset:1px}
[aria-invalid=true]{border-color:#cf222e}
.error{color:#a40e26;font-size:.95rem;margin:.25rem 0 0}
.summary{border:2px solid #cf222e;border-radius:6px;padding:.75rem 1rem;background:#fff}
.summary h2{font-size:1.1rem;margin:0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{font:inherit;font-weight:600;padding:.7rem 1.2rem;border:0;border-radius:6px;background:#1f6feb;color:#fff;cursor:pointer;min-height:44px}
.ref{font-size:1.4rem;font-weight:700;letter-spacing:.03em}
`;

/** The Content-Security-Policy of the form's pages: no script, only the style above, posts to itself. */
export const PAGE_CSP = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'style-src': [`'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`],
};

/** What the form shows again after a refusal: the values sent and each field's error. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

const FIELDS = [
  { name: 'name', label: 'Your name', type: 'text', autocomplete: 'name', isRequired: true },
  { name: 'email', label: 'Your email address', type: 'email', autocomplete: 'email', isRequired: true },
  { name: 'orderId', label: 'Order number', type: 'text', autocomplete: 'off', isRequired: false },
  { name: 'pageUrl', label: 'Address of the page', type: 'url', autocomplete: 'url', isRequired: false },
] as const;

/** A component a customer may say the problem is about. */
export interface FormComponent {
  id: number;
  name: string;
}

/** The report form, empty or with the values and errors of a refused attempt. */
export function formPage(
  state: FormState = { values: {}, errors: {} },
  components: readonly FormComponent[] = [],
): string {
  const summary = Object.entries(state.errors);
  const errorSummary =
    summary.length === 0
      ? ''
      : `<div class="summary" role="alert" tabindex="-1"><h2>Please check the form</h2><ul>${summary
          .map(([field, message]) => `<li><a href="#${field}">${escapeHtml(message)}</a></li>`)
          .join('')}</ul></div>`;
  const fields = FIELDS.map((field) => {
    const extra = field.isRequired ? '' : ' <span class="hint">(optional)</span>';
    return `<div>${label(field.name, `${field.label}${extra}`)}${control(
      `<input id="${field.name}" name="${field.name}" type="${field.type}" autocomplete="${field.autocomplete}"${
        field.isRequired ? ' required' : ''
      } value="${escapeHtml(state.values[field.name] ?? '')}"`,
      field.name,
      state,
      '>',
    )}</div>`;
  });
  const [name, email, orderId, pageUrl] = fields;
  const message = `<div>${label('message', `What is wrong? <span class="hint">(up to ${REPORT_MESSAGE_LIMIT.toLocaleString('en')} characters)</span>`)}${control(
    '<textarea id="message" name="message" required',
    'message',
    state,
    `>${escapeHtml(state.values.message ?? '')}</textarea>`,
  )}</div>`;
  const chosen = state.values.componentId ?? '';
  const component =
    components.length === 0
      ? ''
      : `<div>${label('componentId', 'What is it about? <span class="hint">(optional)</span>')}${control(
          '<select id="componentId" name="componentId"',
          'componentId',
          state,
          `><option value="">Not sure</option>${components
            .map(
              (c) =>
                `<option value="${String(c.id)}"${String(c.id) === chosen ? ' selected' : ''}>${escapeHtml(c.name)}</option>`,
            )
            .join('')}</select>`,
        )}</div>`;
  const honeypot = `<div class="hp"><label for="${HONEYPOT_FIELD}">Leave this field empty</label><input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"></div>`;
  return page(
    summary.length > 0 ? 'Report a problem (please check the form)' : 'Report a problem',
    `<h1>Report a problem</h1>
<p>Tell us what is not working. We will confirm by email and write again when it is fixed.</p>
${errorSummary}
<form method="post" action="/report" novalidate>
${name ?? ''}${email ?? ''}${component}${message}${orderId ?? ''}${pageUrl ?? ''}${honeypot}
<div><button type="submit">Send report</button></div>
</form>`,
  );
}

/** The page after a report is taken: its reference (none after a honeypot catch). */
export function thanksPage(reference: string | null): string {
  const ref = reference === null ? '' : `<p>Your reference:</p><p class="ref">${escapeHtml(reference)}</p>`;
  return page(
    'Thank you for your report',
    `<h1>Thank you for your report</h1>
${ref}<p>We sent you a confirmation by email and will write again when the problem is fixed.</p>
<p><a href="/report">Report another problem</a></p>`,
  );
}

/** The page refusing a sender over the limits. */
export function tooManyPage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page(
    'Too many reports',
    `<h1>Too many reports</h1>
<p>We received several reports from you in a short time. Please try again in ${String(minutes)} minute${
      minutes === 1 ? '' : 's'
    }.</p>
<p><a href="/report">Back to the form</a></p>`,
  );
}

/** A page refusing the request outright (another site's form, a body too large). */
export function refusedPage(title: string, text: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/report">Back to the form</a></p>`,
  );
}

function label(field: string, html: string): string {
  return `<label for="${field}">${html}</label>`;
}

function control(open: string, field: string, state: FormState, close: string): string {
  const error = state.errors[field];
  if (error === undefined) return `${open}${close}`;
  return `${open} aria-invalid="true" aria-describedby="${field}-error"${close}<p class="error" id="${field}-error">${escapeHtml(error)}</p>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
