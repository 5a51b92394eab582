import { z } from 'zod';
import { Session } from './access.js';

/** A six-digit authenticator code or a recovery code (`xxxxx-xxxxx`). */
const Code = z
  .string()
  .trim()
  .min(6, 'must be a 6-digit code or a recovery code')
  .max(32, 'must be a 6-digit code or a recovery code');

/** A new secret to add to an authenticator app: the `otpauth://` URI (as a QR code) or the secret itself. */
export const TotpEnrolment = z.object({
  secret: z.string(),
  uri: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

/** The password was right; a second step is due before the session exists. */
export const SignInChallenge = z.object({
  challenge: z.object({
    /** Send back with the code to POST /api/v1/session/two-factor; valid for 5 minutes. */
    token: z.string(),
    /** `code`: enter a code from the app; `enrol`: two-factor is required, set it up now. */
    step: z.enum(['code', 'enrol']),
    /** Present for `enrol`: the secret to add to an authenticator app. */
    enrolment: TotpEnrolment.optional(),
  }),
});
export type SignInChallenge = z.infer<typeof SignInChallenge>;

export const TwoFactorSignInBody = z.object({ token: z.string().min(1).max(200), code: Code });
export type TwoFactorSignInBody = z.infer<typeof TwoFactorSignInBody>;

/** A session, with the recovery codes when the sign-in step enrolled the user (shown once). */
export const TwoFactorSession = Session.extend({ recoveryCodes: z.array(z.string()).optional() });
export type TwoFactorSession = z.infer<typeof TwoFactorSession>;

/** The caller's two-factor state. */
export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  /** Admins require two-factor for everyone signing in with a password. */
  required: z.boolean(),
  recoveryCodesLeft: z.number(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

export const ConfirmTwoFactorBody = z.object({ code: Code });

/** The recovery codes, shown only this once. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** Turning two-factor off needs the password or a current code. */
export const DisableTwoFactorBody = z
  .object({ password: z.string().max(200).optional(), code: Code.optional() })
  .refine((body) => body.password !== undefined || body.code !== undefined, {
    error: 'send your password or a code',
    path: ['password'],
  });
export type DisableTwoFactorBody = z.infer<typeof DisableTwoFactorBody>;

/** How people can sign in, for the login page. */
export const SignInOptions = z.object({
  /** Single sign-on, when configured: the button's name and where it starts. */
  sso: z.object({ name: z.string(), loginUrl: z.string() }).nullable(),
  /** `admins`: single sign-on only, passwords kept for admins (break-glass). */
  passwordSignIn: z.enum(['everyone', 'admins']),
});
export type SignInOptions = z.infer<typeof SignInOptions>;
