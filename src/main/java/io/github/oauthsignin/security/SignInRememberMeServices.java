package io.github.oauthsignin.security;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.rememberme.CookieTheftException;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationException;

import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.session.Installation;
import io.github.oauthsignin.user.SessionVersions;
import io.github.oauthsignin.user.UserRepository;

/**
 * "Keep me signed in": Spring Security's persistent-token remember-me (a series and a rotating token in the
 * {@code persistent_logins} table, so a stolen cookie is detected and every token can be revoked), with these
 * changes for a sign-in that happens at a provider rather than in a login form:
 * <ul>
 * <li>the person's choice is made before they leave for the provider, so it arrives from the pending attempt
 * ({@link #remember}) rather than as a request parameter of the callback;</li>
 * <li>a token records the provider it was made through, and an automatic sign-in yields the same
 * {@link SignedInUser} principal as a sign-in through that provider, stamped for this database; a token whose provider was disconnected signs nobody
 * in;</li>
 * <li>a token used twice (its cookie copied: Spring's {@link CookieTheftException}) ends every session and token of
 * the person ({@link RememberMeTheft}); the browser that found it gets a page that says so
 * ({@link RememberMeTheftPage}).</li>
 * </ul>
 */
public class SignInRememberMeServices extends PersistentTokenBasedRememberMeServices {

	private final RememberMeTokens tokens;

	private final SessionVersions versions;

	private final RememberMeTheft theft;

	SignInRememberMeServices(String key, UserRepository users, RememberMeTokens tokens, Installation installation,
			SessionVersions versions, RememberMeTheft theft) {
		super(key, rememberedUsers(users, installation), tokens);
		this.tokens = tokens;
		this.versions = versions;
		this.theft = theft;
	}

	/** Issues a remember-me cookie and its persistent token for a person who just signed in and asked for one. */
	public void remember(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		PersistentRememberMeToken token = new PersistentRememberMeToken(authentication.getName(), generateSeriesData(),
				generateTokenData(), new Date());
		String wayIn = (authentication.getPrincipal() instanceof SignedInUser user) ? user.wayIn() : null;
		this.tokens.createNewToken(token, wayIn);
		setCookie(new String[] { token.getSeries(), token.getTokenValue() }, getTokenValiditySeconds(), request,
				response);
	}

	/** Whether this request carries a remember-me cookie ("Keep me signed in" was ticked in this browser). */
	public boolean isRemembered(HttpServletRequest request) {
		return extractRememberMeCookie(request) != null;
	}

	@Override
	protected void onLoginSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		remember(request, response, authentication);
	}

	/**
	 * Spring's check of the cookie (series found, token matching, not expired, then a new token), with the provider
	 * the token was made through as the sign-in's way in, and a theft reported before Spring ends the cookie.
	 */
	@Override
	protected UserDetails processAutoLoginCookie(String[] cookieTokens, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<RememberMeTokens.Owner> owner = (cookieTokens.length == 2) ? this.tokens.ownerOf(cookieTokens[0])
				: Optional.empty();
		try {
			RememberedUser remembered = ((RememberedUser) super.processAutoLoginCookie(cookieTokens, request, response))
				.through(owner.map(RememberMeTokens.Owner::provider).orElse(null));
			SignedInUser user = remembered.principal();
			if (!this.versions.admits(user.id(), user.stamp().sessionVersion(), user.wayIn())) {
				throw new RememberMeAuthenticationException("the provider it was made through is no longer connected");
			}
			return remembered;
		}
		catch (CookieTheftException ex) {
			owner.ifPresent((stolen) -> this.theft.detected(stolen.username(), stolen.provider(), request));
			throw ex;
		}
	}

	@Override
	protected Authentication createSuccessfulAuthentication(HttpServletRequest request, UserDetails user) {
		RememberedUser remembered = (RememberedUser) user;
		RememberMeAuthenticationToken authentication = new RememberMeAuthenticationToken(getKey(),
				remembered.principal(), remembered.getAuthorities());
		authentication.setDetails(getAuthenticationDetailsSource().buildDetails(request));
		return authentication;
	}

	private static UserDetailsService rememberedUsers(UserRepository users, Installation installation) {
		return (username) -> {
			long id;
			try {
				id = Long.parseLong(username);
			}
			catch (NumberFormatException ex) {
				throw new UsernameNotFoundException("not a user id");
			}
			return users.findById(id)
				.map((user) -> new RememberedUser(SessionSignIn.principal(user, null, installation.id())))
				.orElseThrow(() -> new UsernameNotFoundException("no such user (deleted?)"));
		};
	}

	/** A user found again from a remember-me token; there is no password, sign-in happens at a provider. */
	record RememberedUser(SignedInUser principal) implements UserDetails {

		/** The same person, signed in through this provider (null: unknown). */
		RememberedUser through(String wayIn) {
			return new RememberedUser(this.principal.withWayIn(wayIn));
		}

		@Override
		public Collection<? extends GrantedAuthority> getAuthorities() {
			return List.copyOf(SessionSignIn.AUTHORITIES);
		}

		@Override
		public String getPassword() {
			return null;
		}

		@Override
		public String getUsername() {
			return this.principal.getName();
		}

	}

}
