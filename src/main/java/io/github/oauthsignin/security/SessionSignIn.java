package io.github.oauthsignin.security;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.session.Installation;
import io.github.oauthsignin.user.SessionVersions;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRepository;

/**
 * Signs a user in to this browser through Spring Security's session, the way Spring Security's own login filters
 * do: a new session id (against session fixation) and a new CSRF token, then the security context saved with the
 * {@link SecurityContextRepository}. The principal is stamped with this database's installation id and the account's
 * session version ({@link SignedInSessionCheck}).
 */
@Component
public class SessionSignIn {

	static final List<GrantedAuthority> AUTHORITIES = AuthorityUtils.createAuthorityList("ROLE_USER");

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final SessionAuthenticationStrategy sessionStrategy;

	private final SecurityContextRepository contextRepository;

	private final SignInRememberMeServices rememberMe;

	private final Installation installation;

	private final SessionVersions versions;

	private final UserRepository users;

	SessionSignIn(SessionAuthenticationStrategy sessionStrategy, SecurityContextRepository contextRepository,
			SignInRememberMeServices rememberMe, Installation installation, SessionVersions versions,
			UserRepository users) {
		this.sessionStrategy = sessionStrategy;
		this.contextRepository = contextRepository;
		this.rememberMe = rememberMe;
		this.installation = installation;
		this.versions = versions;
		this.users = users;
	}

	/**
	 * Signs the user in to the browser that sent this request.
	 * @param wayIn the id of the provider they signed in through
	 * @param rememberMe whether to keep them signed in beyond this session ("Keep me signed in")
	 */
	public void signIn(User user, String wayIn, boolean rememberMe, HttpServletRequest request,
			HttpServletResponse response) {
		Authentication authentication = new PreAuthenticatedAuthenticationToken(
				principal(user, wayIn, this.installation.id()), null, AUTHORITIES);
		this.sessionStrategy.onAuthentication(authentication, request, response);
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		this.contextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
		this.versions.signedIn(user.getId(), user.getSessionVersion(), wayIn);
		if (rememberMe) {
			this.rememberMe.remember(request, response, authentication);
		}
	}

	/**
	 * The principal for an account as stored, signed in through this way in, in the database with this installation
	 * id: what its session keeps, so that no request reads the account again to know who it is.
	 */
	static SignedInUser principal(User user, String wayIn, String installation) {
		return new SignedInUser(user.getId(), user.getNickname(), user.getEmail(), user.getPictureUrl(),
				user.getUsername(), wayIn, new SignedInUser.Stamp(installation, user.getSessionVersion()));
	}

	/**
	 * Signs this browser in again as the account is now, through the same provider, after its session version
	 * changed ({@link SignOutEverywhere#allBut}): a new session id, and a new "Keep me signed in" token when it had
	 * one.
	 * @return false when the account no longer exists
	 */
	public boolean again(SignedInUser signedIn, HttpServletRequest request, HttpServletResponse response) {
		Optional<User> account = this.users.findById(signedIn.id());
		account.ifPresent((user) -> signIn(user, signedIn.wayIn(), this.rememberMe.isRemembered(request), request,
				response));
		return account.isPresent();
	}

}
