package io.github.oauthsignin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.session.Installation;
import io.github.oauthsignin.user.SessionVersions;

/**
 * Checks every stored sign-in when it is used: a security context read from the session (Tomcat's, including the
 * sessions it saved at a graceful stop and read back, or Spring Session JDBC's) counts only if its
 * {@link SignedInUser.Stamp stamp} says it was made in this very database (the installation id) for the account as
 * it is now (its session version, and the provider it was signed in through still connected). Anything else, a
 * session from an app on another database, from before this database was reset or restored, or from before the
 * person ended their sessions, signs nobody in: the session is invalidated with everything in it, and the request
 * goes on signed out.
 * <p>
 * It decorates the {@link SecurityContextRepository} the filter chain loads the context from, so the check runs
 * once per request, when the context is first read. The cost is a string comparison and a lookup in memory
 * ({@link SessionVersions} keeps what the database said for a few seconds).
 */
final class SignedInSessionCheck implements SecurityContextRepository {

	private static final Logger logger = LoggerFactory.getLogger(SignedInSessionCheck.class);

	private final SecurityContextRepository repository;

	private final Installation installation;

	private final SessionVersions versions;

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	SignedInSessionCheck(SecurityContextRepository repository, Installation installation, SessionVersions versions) {
		this.repository = repository;
		this.installation = installation;
		this.versions = versions;
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		return new Checked(this.repository.loadDeferredContext(request), request);
	}

	@Override
	@Deprecated
	@SuppressWarnings("deprecation")
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return checked(this.repository.loadContext(holder), holder.getRequest());
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		this.repository.saveContext(context, request, response);
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return this.repository.containsContext(request);
	}

	/** The context, or an empty one (and the session gone) when its sign-in does not belong here. */
	private SecurityContext checked(SecurityContext context, HttpServletRequest request) {
		Authentication authentication = context.getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
			return context;
		}
		String refusal = refusal(user);
		if (refusal == null) {
			return context;
		}
		logger.info("A session signed in as user {} was refused: {}", user.id(), refusal);
		HttpSession session = request.getSession(false);
		if (session != null) {
			try {
				session.invalidate();
			}
			catch (IllegalStateException alreadyInvalidated) {
				// another request of this browser ended it first
			}
		}
		return this.contextHolder.createEmptyContext();
	}

	/** Why this sign-in does not belong here, or null when it does. */
	private String refusal(SignedInUser user) {
		SignedInUser.Stamp stamp = user.stamp();
		if (stamp == null || !this.installation.id().equals(stamp.installation())) {
			return "it was made with another database (another folder, or before a reset)";
		}
		if (!this.versions.admits(user.id(), stamp.sessionVersion(), user.wayIn())) {
			return "the account's sessions were ended, the provider it came through was disconnected, or the account "
					+ "is not the one it was made for";
		}
		return null;
	}

	/** The loaded context, checked when it is first asked for. */
	private final class Checked implements DeferredSecurityContext {

		private final DeferredSecurityContext loaded;

		private final HttpServletRequest request;

		private SecurityContext context;

		Checked(DeferredSecurityContext loaded, HttpServletRequest request) {
			this.loaded = loaded;
			this.request = request;
		}

		private boolean refused;

		@Override
		public SecurityContext get() {
			if (this.context == null) {
				SecurityContext loadedContext = this.loaded.get();
				this.context = checked(loadedContext, this.request);
				this.refused = this.context != loadedContext;
			}
			return this.context;
		}

		@Override
		public boolean isGenerated() {
			get();
			return this.refused || this.loaded.isGenerated();
		}

	}

}
