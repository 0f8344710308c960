package io.github.oauthsignin.person;

import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import io.github.oauthsignin.security.SecuritySlice;
import io.github.oauthsignin.session.Installation;
import io.github.oauthsignin.user.SessionVersions;

/**
 * Signs a MockMvc request in as a given person, the way Spring Security Test's {@code oauth2Login()} does for an app
 * on Spring's own login: {@code mvc.get().uri("/account").with(signedIn(ada))}. The request comes with a session
 * that holds what a real sign-in leaves there (the same principal, in the same kind of {@code Authentication}), so the
 * app's own checks run on it as on a browser's: {@code @AuthenticationPrincipal SignedInUser} gets the person, the
 * access rules see them signed in, POSTs need the session's CSRF token ({@code .with(csrf())} after this), and the
 * check that a session belongs to this database and account admits it.
 * <p>
 * Works in a {@link SignInWebMvcTest} slice, and in a full {@code @SpringBootTest} with MockMvc.
 */
public final class SignedInRequests {

	/** The account's session version the helper signs in with when the person carries no stamp. */
	public static final long SESSION_VERSION = 1;

	private SignedInRequests() {
	}

	/**
	 * Signs the request in as this person. Without a {@link SignedInUser#stamp() stamp} the person is stamped for the
	 * test's database and the sign-in announced as a real one is, so the session check admits it; with one, the stamp
	 * is kept as given and nothing announced, to show what happens to a session from elsewhere or from before its
	 * account's sessions were ended.
	 */
	public static RequestPostProcessor signedIn(SignedInUser person) {
		return (request) -> {
			SignedInUser signedIn = person;
			if (person.stamp() == null) {
				WebApplicationContext context = WebApplicationContextUtils
					.getRequiredWebApplicationContext(request.getServletContext());
				signedIn = new SignedInUser(person.id(), person.displayName(), person.email(), person.pictureUrl(),
						person.username(), person.wayIn(),
						new SignedInUser.Stamp(context.getBean(Installation.class).id(), SESSION_VERSION));
				context.getBean(SessionVersions.class).signedIn(person.id(), SESSION_VERSION, person.wayIn());
			}
			request.getSession()
				.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
						SecuritySlice.contextOf(signedIn));
			return request;
		};
	}

	/** A person signed in through this provider, with no email, picture or handle. */
	public static SignedInUser person(long id, String displayName, String wayIn) {
		return new SignedInUser(id, displayName, null, null, null, wayIn, null);
	}

}
