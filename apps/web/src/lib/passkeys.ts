import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from "@simplewebauthn/browser";
import { type AuthResult, authRequest } from "./auth-request";

/**
 * The browser's part of a passkey ceremony, between Better Auth's passkey endpoints (the same
 * steps as the plugin's own client). Import lazily: only a click on a passkey button needs it.
 */
async function ceremony<T>(run: () => Promise<T>): Promise<AuthResult<T>> {
  try {
    return { data: await run(), error: null };
  } catch (error) {
    // NotAllowedError (the person cancelled, or it timed out) comes through as a passthrough.
    const code = error instanceof WebAuthnError ? error.code : undefined;
    return {
      data: null,
      error: {
        status: 0,
        code:
          code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED"
            ? code
            : "PASSKEY_CEREMONY_CANCELLED",
      },
    };
  }
}

/** Creates a passkey on this device for the signed-in user; `name` labels it in settings. */
export async function addPasskey(name?: string): Promise<AuthResult<unknown>> {
  const options = await authRequest<PublicKeyCredentialCreationOptionsJSON>(
    "/passkey/generate-register-options",
  );
  if (options.error) return options;
  const credential = await ceremony(() => startRegistration({ optionsJSON: options.data }));
  if (credential.error) return credential;
  return authRequest("/passkey/verify-registration", { response: credential.data, name });
}

/** Signs in with a passkey this device holds (Better Auth then sets the session cookie). */
export async function signInWithPasskey(): Promise<AuthResult<unknown>> {
  const options = await authRequest<PublicKeyCredentialRequestOptionsJSON>(
    "/passkey/generate-authenticate-options",
  );
  if (options.error) return options;
  const assertion = await ceremony(() => startAuthentication({ optionsJSON: options.data }));
  if (assertion.error) return assertion;
  return authRequest("/passkey/verify-authentication", { response: assertion.data });
}
