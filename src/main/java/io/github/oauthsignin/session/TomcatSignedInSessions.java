package io.github.oauthsignin.session;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.Session;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Signed-in sessions among Tomcat's own, found by the Spring Security context each holds. Tomcat keeps no index by
 * principal, so this looks at every session of this instance: fine for what it serves (deleting an account, a
 * provider's deauthorization, signing out everywhere), which is rare, and always right, including for sessions read
 * back after a restart.
 */
class TomcatSignedInSessions implements SignedInSessions, TomcatContextCustomizer {

	private volatile Context context;

	@Override
	public void customize(Context context) {
		this.context = context;
	}

	@Override
	public int count(String principalName) {
		return (int) signedInAs(principalName).count();
	}

	@Override
	public void removeAll(String principalName) {
		signedInAs(principalName).forEach(Session::expire);
	}

	@Override
	public void removeAllExcept(String principalName, String keptSessionId) {
		signedInAs(principalName).filter((session) -> !session.getId().equals(keptSessionId))
			.forEach(Session::expire);
	}

	@Override
	public void removeIf(String principalName, Predicate<Authentication> signIn) {
		signedInAs(principalName).filter((session) -> signIn.test(authenticationOf(session)))
			.forEach(Session::expire);
	}

	private Stream<Session> signedInAs(String principalName) {
		Context current = this.context;
		if (current == null || current.getManager() == null) {
			return Stream.empty();
		}
		return Arrays.stream(current.getManager().findSessions()).filter((session) -> {
			Authentication authentication = authenticationOf(session);
			return authentication != null && principalName.equals(authentication.getName());
		});
	}

	private static Authentication authenticationOf(Session session) {
		try {
			Object context = session.getSession()
				.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
			return (context instanceof SecurityContext security) ? security.getAuthentication() : null;
		}
		catch (IllegalStateException invalidatedMeanwhile) {
			return null;
		}
	}

}
