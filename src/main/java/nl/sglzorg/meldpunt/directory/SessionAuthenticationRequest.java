package nl.sglzorg.meldpunt.directory;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The token of a staff desk session cookie, to be turned into the account it signs in. */
final class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    SessionAuthenticationRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
