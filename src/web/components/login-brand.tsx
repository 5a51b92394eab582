/** The Beacon mark above the sign-in, reset and set-password cards. */
export function LoginBrand() {
  return (
    <div className="brand login-brand">
      <span className="brand-mark" aria-hidden="true" />
      Beacon
    </div>
  );
}
