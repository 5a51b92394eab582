// Incident titles, notes and names are typed by people (or arrive in alerts from anywhere), and
// chat apps read markup in message text. Unescaped, a title like `<!channel>` would mention a
// whole Slack channel, and `<https://evil.example|Acknowledge>` or `[Acknowledge](https://…)`
// would show a forged link. Text from people is escaped for where it goes; only the links
// Beacon builds itself are markup.

/** Text for Slack (`text` and mrkdwn blocks): `&`, `<` and `>` escaped, as Slack asks. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text for a Teams Adaptive Card TextBlock (a Markdown subset): the punctuation that starts
 * links, emphasis, code, headings and HTML is backslash-escaped, as Markdown allows for any
 * ASCII punctuation, so it shows as typed.
 */
export function teamsEscape(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#~|!]/g, '\\$&');
}
