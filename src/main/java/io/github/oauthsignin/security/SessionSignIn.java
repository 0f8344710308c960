package io.github.oauthsignin.security;

import java.util.List;

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

import io.github.oauthsignin.user.User;

/**
 * Signs a user in to this browser through Spring Security's session, the way Spring Security's own login filters
 * do: a new session id (against session fixation) and a new CSRF token, then the security context saved with the
 * {@link SecurityContextRepository}.
 */
@Component
public class SessionSignIn {

	static final List<GrantedAuthority> AUTHORITIES = AuthorityUtils.createAuthorityList("ROLE_USER");

	private final SecurityContextHolderStrategy contextHolder = SecurityContextHolder.getContextHolderStrategy();

	private final SessionAuthenticationStrategy sessionStrategy;

	private final SecurityContextRepository contextRepository;

	private final SignInRememberMeServices rememberMe;

	SessionSignIn(SessionAuthenticationStrategy sessionStrategy, SecurityContextRepository contextRepository,
			SignInRememberMeServices rememberMe) {
		this.sessionStrategy = sessionStrategy;
		this.contextRepository = contextRepository;
		this.rememberMe = rememberMe;
	}

	/**
	 * Signs the user in to the browser that sent this request.
	 * @param rememberMe whether to keep them signed in beyond this session ("Keep me signed in")
	 */
	public void signIn(User user, boolean rememberMe, HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = new PreAuthenticatedAuthenticationToken(SignedInUser.of(user), null,
				AUTHORITIES);
		this.sessionStrategy.onAuthentication(authentication, request, response);
		SecurityContext context = this.contextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		this.contextHolder.setContext(context);
		this.contextRepository.saveContext(context, request, response);
		if (rememberMe) {
			this.rememberMe.remember(request, response, authentication);
		}
	}

}
