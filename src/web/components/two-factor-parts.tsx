import type { TotpEnrolment } from '../../core/schemas/two-factor.js';
import { CodeBlock } from './copy.js';

/** The new secret to add to an authenticator app: the otpauth:// URI and the secret to type in. */
export function TotpSecret({ enrolment }: { enrolment: TotpEnrolment }) {
  return (
    <div className="two-factor-secret">
      <p>
        Add Beacon to your authenticator app (1Password, Google Authenticator, Aegis…): open this link on the
        device with the app, or paste the setup key into it.
      </p>
      <CodeBlock code={enrolment.uri} label="Authenticator link" />
      <CodeBlock code={enrolment.secret} label="Setup key" />
    </div>
  );
}

/** Recovery codes, shown once: each signs in one time when the authenticator is lost. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <div className="recovery-codes">
      <p className="alert alert-ok" role="status">
        Two-factor authentication is on. Keep these recovery codes somewhere safe: each works once, and they
        are not shown again.
      </p>
      <CodeBlock code={codes.join('\n')} label="Recovery codes" />
    </div>
  );
}
