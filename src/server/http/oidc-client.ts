import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.js';

/** What Beacon keeps between sending a browser to the provider and its return. */
export interface OidcLoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Loopback issuers (a provider on this machine, as in tests) may use plain http; nothing else may. */
function isLoopback(issuer: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

/** Beacon as an OpenID Connect relying party: authorization code flow with PKCE, state and nonce. */
export class OidcRelyingParty {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly settings: OidcConfig,
    /** Where the provider sends the browser back: `<base URL>/auth/oidc/callback`. */
    readonly redirectUri: string,
  ) {}

  /** The provider's metadata, fetched on first use (and again after a failed fetch). */
  private configuration(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    this.discovered ??= oidc
      .discovery(
        issuer,
        this.settings.clientId,
        undefined,
        this.settings.clientSecret === undefined
          ? oidc.None()
          : oidc.ClientSecretPost(this.settings.clientSecret),
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- plain http only for a provider on loopback (tests, local set-ups)
        isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }

  /** Fresh state, nonce and PKCE verifier, and the provider URL to send the browser to. */
  async start(): Promise<{ checks: OidcLoginChecks; url: string }> {
    const config = await this.configuration();
    const checks = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { checks, url: url.href };
  }

  /** Exchange the code of the callback URL, checking state, nonce and PKCE; the ID token's claims. */
  async finish(callbackUrl: URL, checks: OidcLoginChecks): Promise<Record<string, unknown>> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(
      config,
      callbackUrl,
      {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      },
      { redirect_uri: this.redirectUri },
    );
    const claims: Record<string, unknown> = { ...tokens.claims() };
    // Providers that keep email or groups out of the ID token give them at the userinfo endpoint.
    const sub = claims.sub;
    if (typeof sub === 'string' && (claims.email === undefined || this.needsUserinfoRoles(claims))) {
      Object.assign(claims, await oidc.fetchUserInfo(config, tokens.access_token, sub), { sub });
    }
    return claims;
  }

  private needsUserinfoRoles(claims: Record<string, unknown>): boolean {
    return this.settings.roleClaim !== undefined && claims[this.settings.roleClaim] === undefined;
  }
}
