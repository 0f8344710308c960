package io.github.oauthsignin.session;

import java.util.Arrays;
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
 * provider's deauthorization), which is rare, and always right, including for sessions read back after a restart.
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

	private Stream<Session> signedInAs(String principalName) {
		Context current = this.context;
		if (current == null || current.getManager() == null) {
			return Stream.empty();
		}
		return Arrays.stream(current.getManager().findSessions())
			.filter((session) -> principalName.equals(principalNameOf(session)));
	}

	private static String principalNameOf(Session session) {
		try {
			Object context = session.getSession()
				.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
			Authentication authentication = (context instanceof SecurityContext security)
					? security.getAuthentication() : null;
			return (authentication != null) ? authentication.getName() : null;
		}
		catch (IllegalStateException invalidatedMeanwhile) {
			return null;
		}
	}

}
