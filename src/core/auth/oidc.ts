import * as client from 'openid-client';
import type { OidcConfig } from '../config.js';

/**
 * What one browser needs to finish the sign-in it started: kept in that browser's session
 * cookie, never in this process, so any instance can finish what another began.
 */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after signing in (a path on this service). */
  next: string | null;
  startedAt: number;
}

/** A sign-in that is not finished within this time must be started again. */
export const TRANSACTION_LIFETIME_MS = 10 * 60 * 1000;

/** Who the identity provider says the person is. */
export interface ProvedIdentity {
  issuer: string;
  subject: string;
  /** The value of the configured claim (for example preferred_username), if the provider sent one. */
  username: string | null;
}

/** Sign-in through the provider could not be finished; `kind` says why, for the page and the log. */
export class OidcSignInError extends Error {
  constructor(
    readonly kind: 'no_transaction' | 'expired' | 'refused_by_provider' | 'invalid_response' | 'provider_unreachable',
    options?: { cause?: unknown },
  ) {
    super(`single sign-on failed: ${kind}`, options);
    this.name = 'OidcSignInError';
  }
}

/**
 * The authorization code flow with PKCE, state and nonce, through openid-client. The
 * provider's published configuration is fetched on first use and kept (it is the same for
 * every person); a failed fetch is tried again next time.
 */
export class OidcClient {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(private readonly config: OidcConfig) {}

  private configuration(): Promise<client.Configuration> {
    this.discovered ??= client
      .discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        undefined,
        this.config.clientSecret ? client.ClientSecretBasic(this.config.clientSecret) : client.None(),
        {
          timeout: 10,
          // config.ts allows http only for a provider on this machine
          execute: new URL(this.config.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw new OidcSignInError('provider_unreachable', { cause: error });
      });
    return this.discovered;
  }

  /** The provider's sign-in address for this person, and what their browser must keep until they return. */
  async begin(next: string | null, now: number): Promise<{ url: string; transaction: OidcTransaction }> {
    const configuration = await this.configuration();
    const transaction: OidcTransaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      next,
      startedAt: now,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUrl,
      scope: this.config.scopes,
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, transaction };
  }

  /**
   * Exchanges the code the provider sent back for tokens, checking state, nonce, the PKCE
   * verifier and the ID token's signature, issuer, audience and age.
   */
  async finish(query: string, transaction: OidcTransaction | undefined, now: number): Promise<ProvedIdentity> {
    if (!transaction) throw new OidcSignInError('no_transaction');
    if (now - transaction.startedAt > TRANSACTION_LIFETIME_MS) throw new OidcSignInError('expired');
    const configuration = await this.configuration();
    // the address the provider sent the browser to, built from configuration, not from the Host header
    const currentUrl = new URL(this.config.redirectUrl);
    currentUrl.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) throw new OidcSignInError('refused_by_provider', { cause: error });
      throw new OidcSignInError(unreachable(error) ? 'provider_unreachable' : 'invalid_response', { cause: error });
    }
    const claims = tokens.claims()!;
    let username = claimValue(claims, this.config.usernameClaim);
    // many providers put profile claims only in the userinfo response
    if (username === null && configuration.serverMetadata().userinfo_endpoint) {
      try {
        const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        username = claimValue(userinfo, this.config.usernameClaim);
      } catch (error) {
        throw new OidcSignInError(unreachable(error) ? 'provider_unreachable' : 'invalid_response', { cause: error });
      }
    }
    return { issuer: claims.iss, subject: claims.sub, username };
  }
}

/**
 * The configured claim as a string, or null. An email address the provider says it has not
 * verified is not used to find anyone.
 */
export function claimValue(claims: Record<string, unknown>, claim: string): string | null {
  const value = claims[claim];
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (claim === 'email' && claims.email_verified === false) return null;
  return value.trim();
}

/** The provider did not answer (no connection, or too slow), as opposed to answering wrongly. */
function unreachable(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error instanceof TypeError && error.message === 'fetch failed'));
}
