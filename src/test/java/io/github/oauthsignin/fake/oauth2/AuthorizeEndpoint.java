package io.github.oauthsignin.fake.oauth2;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.oauthsignin.fake.FakePerson;
import io.github.oauthsignin.fake.FakeServer;
import io.github.oauthsignin.fake.FakeServer.Request;
import io.github.oauthsignin.fake.FakeServer.Response;
import io.github.oauthsignin.fake.oauth2.Dialect.AuthorizeProblem;
import io.github.oauthsignin.fake.oauth2.Grants.Grant;

/**
 * The authorize endpoint and its consent page, the same for every flavour: it validates the request (client,
 * redirect URI, response type, scopes, state, PKCE), then answers at once (auto-approve) or shows the consent page,
 * and sends the browser back with a code bound to the request, or with the flavour's denial. Whatever it refuses
 * gets an error page, never a redirect.
 */
final class AuthorizeEndpoint {

	/** base64url without padding of 32 bytes, as S256 gives. */
	private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final int MAX_NAME_LENGTH = 100;

	private static final int MAX_EMAIL_LENGTH = 254;

	private final FakeOAuth2Provider provider;

	private final Dialect dialect;

	private final Grants grants;

	AuthorizeEndpoint(FakeOAuth2Provider provider, Dialect dialect, Grants grants) {
		this.provider = provider;
		this.dialect = dialect;
		this.grants = grants;
	}

	Response authorize(Request request) {
		this.provider.recordAuthorizationRequest(Parameters.firstValues(request.query()));
		if (!"GET".equals(request.method())) {
			return refused(405, AuthorizeProblem.METHOD, request.method());
		}
		String duplicate = Parameters.duplicate(request.query(), Dialect.AUTHORIZE_PARAMETERS);
		if (duplicate != null) {
			return refused(400, AuthorizeProblem.DUPLICATE_PARAMETER, duplicate);
		}
		String client = query(request, "client_id");
		if (!this.provider.clientId().equals(client)) {
			return refused(400, AuthorizeProblem.UNKNOWN_CLIENT, Parameters.quote(client));
		}
		String redirectUri = query(request, "redirect_uri");
		if (redirectUri == null || !this.provider.redirectAllowed(redirectUri)) {
			return refused(400, AuthorizeProblem.REDIRECT_URI_NOT_ALLOWED, Parameters.quote(redirectUri));
		}
		String responseType = query(request, "response_type");
		if (!"code".equals(responseType)) {
			return refused(400, AuthorizeProblem.RESPONSE_TYPE, Parameters.quote(responseType));
		}
		String scope = query(request, "scope");
		Set<String> scopes = Parameters.scopes(scope, this.dialect.scopeSeparators());
		Set<String> unknown = new TreeSet<>(scopes);
		unknown.removeAll(this.dialect.knownScopes());
		if (!unknown.isEmpty()) {
			return refused(400, AuthorizeProblem.UNKNOWN_SCOPE, String.join(", ", unknown));
		}
		if (scopes.isEmpty() && this.dialect.requiresScope()) {
			return refused(400, AuthorizeProblem.MISSING_SCOPE, null);
		}
		String state = query(request, "state");
		if ((state == null || state.isEmpty()) && this.dialect.requiresState()) {
			return refused(400, AuthorizeProblem.MISSING_STATE, null);
		}
		String challenge = query(request, "code_challenge");
		String method = query(request, "code_challenge_method");
		if (challenge == null && method != null) {
			return refused(400, AuthorizeProblem.METHOD_WITHOUT_CHALLENGE, null);
		}
		if (challenge != null && !"S256".equals(method)) {
			return refused(400, AuthorizeProblem.CHALLENGE_METHOD, Parameters.quote(method));
		}
		if (challenge != null && !CHALLENGE.matcher(challenge).matches()) {
			return refused(400, AuthorizeProblem.CHALLENGE_MALFORMED, Parameters.quote(challenge));
		}
		if (challenge == null && this.dialect.requiresPkce()) {
			return refused(400, AuthorizeProblem.CHALLENGE_MISSING, null);
		}
		String accessType = this.dialect.knowsAccessType() ? query(request, "access_type") : null;
		if (accessType != null && !accessType.equals("online") && !accessType.equals("offline")) {
			return refused(400, AuthorizeProblem.ACCESS_TYPE, Parameters.quote(accessType));
		}
		String nonce = (this.provider.flavour() == Flavour.OIDC) ? query(request, "nonce") : null;
		Grant grant = new Grant(client, redirectUri, state, scope, scopes, challenge, nonce,
				this.provider.now().plus(FakeOAuth2Provider.CONSENT_PAGE_LIFETIME), "offline".equals(accessType));
		if (this.provider.consentPage()) {
			return openConsentPage(request, grant);
		}
		if (this.provider.takeDenial()) {
			return Response.redirect(callback(grant, this.dialect.denial()));
		}
		return Response.redirect(approval(grant, this.provider.approverOf(request)));
	}

	private Response refused(int status, AuthorizeProblem problem, String detail) {
		this.provider.refuse(this.dialect.authorizeEndpoint() + ": " + problem.describe(detail));
		String[] page = this.dialect.authorizeError(problem, detail);
		return ConsentPage.error(this.dialect.look(Set.of()), status, page[0], page[1]);
	}

	/** The code, bound to everything the token request must repeat, and the redirect carrying it. */
	private String approval(Grant grant, FakePerson person) {
		String code = this.grants.issueCode(grant, person, this.provider.now());
		return callback(grant, "code=" + FakeServer.urlEncode(code));
	}

	private String callback(Grant grant, String parameters) {
		String uri = grant.redirectUri();
		String separator = !uri.contains("?") ? "?" : (uri.endsWith("?") || uri.endsWith("&")) ? "" : "&";
		String state = (grant.state() != null) ? "&state=" + FakeServer.urlEncode(grant.state()) : "";
		String issuer = this.provider.takeCallbackIssuer();
		String iss = (issuer != null) ? "&iss=" + FakeServer.urlEncode(issuer) : "";
		return uri + separator + parameters + state + iss + this.dialect.callbackFragment();
	}

	// ---------------------------------------------------------------- the consent page

	private Response openConsentPage(Request request, Grant grant) {
		Integer index = personIndex(query(request, "person"));
		if (index == null) {
			return refused(400, AuthorizeProblem.UNKNOWN_PERSON, Parameters.quote(query(request, "person")));
		}
		String id = this.grants.openDialog(grant, this.provider.now());
		FakePerson person = FakePerson.READY_MADE.get(index);
		return consentPage(200, grant, new ConsentPage.Form(id, index, person.name(),
				Objects.requireNonNullElse(person.email(), ""), person.emailVerified()), null);
	}

	private Response consentPage(int status, Grant grant, ConsentPage.Form form, String problem) {
		return ConsentPage.render(this.dialect.look(grant.scopes()), status, form, this.dialect.consentPath(),
				this.dialect.authorizePath() + "?" + authorizeQuery(grant), problem);
	}

	Response consent(Request request) {
		ConsentPage.Look look = this.dialect.look(Set.of());
		if (!this.provider.consentPage()) {
			this.provider.refuse("consent: the fake is in auto-approve mode");
			return ConsentPage.error(look, 404, "This page isn't available", "There is no consent page in "
					+ "auto-approve mode.");
		}
		if (!"POST".equals(request.method())) {
			return consentRefused(405, "method " + request.method(), "The consent form is posted.");
		}
		String id = form(request, "dialog");
		Grant grant = this.grants.dialog(id, this.provider.now());
		if (grant == null) {
			return consentRefused(400, "unknown, used or expired dialog " + Parameters.quote(id), null);
		}
		String choice = form(request, "choice");
		if ("cancel".equals(choice)) {
			if (!this.grants.closeDialog(id)) {
				return consentRefused(400, "dialog already answered " + Parameters.quote(id), null);
			}
			return Response.redirect(callback(grant, this.dialect.denial()));
		}
		if (!"continue".equals(choice)) {
			return consentRefused(400, "unknown choice " + Parameters.quote(choice), "Choose Continue or Cancel.");
		}
		Integer index = personIndex(form(request, "person"));
		if (index == null) {
			return consentRefused(400, "unknown ready-made person " + Parameters.quote(form(request, "person")),
					"There is no such person to pick.");
		}
		FakePerson picked = FakePerson.READY_MADE.get(index);
		String name = Objects.requireNonNullElse(form(request, "name"), "").strip();
		String email = look.showsEmail() ? Objects.requireNonNullElse(form(request, "email"), "").strip()
				: Objects.requireNonNullElse(picked.email(), "");
		boolean verified = !look.showsEmailVerified() || "yes".equals(form(request, "verified"));
		String problem = problemWith(name, email);
		if (problem != null) {
			this.provider.refuse("consent: " + problem);
			return consentPage(400, grant, new ConsentPage.Form(id, index, name, email, verified), problem);
		}
		if (!this.grants.closeDialog(id)) {
			return consentRefused(400, "dialog already answered " + Parameters.quote(id), null);
		}
		return Response.redirect(approval(grant, this.provider.flavour().madeUp(picked, name, email, verified)));
	}

	private Response consentRefused(int status, String why, String message) {
		this.provider.refuse("consent: " + why);
		ConsentPage.Look look = this.dialect.look(Set.of());
		return (message != null) ? ConsentPage.error(look, status, "Sorry, something went wrong.", message)
				: ConsentPage.error(look, status, "This page has expired", "Go back to the app and sign in again.");
	}

	private static String problemWith(String name, String email) {
		if (name.isEmpty()) {
			return "the name is empty";
		}
		if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
			return "the name is longer than " + MAX_NAME_LENGTH + " characters";
		}
		if (!email.isEmpty() && (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches())) {
			return "the email is not an email address";
		}
		return null;
	}

	/** The authorization request again, for the consent page's links to pick someone else. */
	private static String authorizeQuery(Grant grant) {
		StringBuilder query = new StringBuilder();
		query.append("client_id=").append(FakeServer.urlEncode(grant.clientId()));
		query.append("&redirect_uri=").append(FakeServer.urlEncode(grant.redirectUri()));
		if (grant.state() != null) {
			query.append("&state=").append(FakeServer.urlEncode(grant.state()));
		}
		query.append("&response_type=code");
		if (grant.scope() != null) {
			query.append("&scope=").append(FakeServer.urlEncode(grant.scope()));
		}
		if (grant.codeChallenge() != null) {
			query.append("&code_challenge=").append(FakeServer.urlEncode(grant.codeChallenge()))
				.append("&code_challenge_method=S256");
		}
		if (grant.nonce() != null) {
			query.append("&nonce=").append(FakeServer.urlEncode(grant.nonce()));
		}
		return query.toString();
	}

	private static Integer personIndex(String value) {
		if (value == null) {
			return 0;
		}
		if (!value.matches("[0-9]{1,3}")) {
			return null;
		}
		int index = Integer.parseInt(value);
		return (index < FakePerson.READY_MADE.size()) ? index : null;
	}

	private static String query(Request request, String name) {
		return Parameters.first(request.query(), name);
	}

	private static String form(Request request, String name) {
		return Parameters.first(request.form(), name);
	}

}
