package io.github.oauthsignin.security;

import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

import io.github.oauthsignin.user.UserRepository;

/**
 * "Keep me signed in": Spring Security's persistent-token remember-me (a series and a rotating token in the
 * {@code persistent_logins} table, so a stolen cookie is detected and every token can be revoked), with two
 * changes for a sign-in that happens at a provider rather than in a login form:
 * <ul>
 * <li>the person's choice is made before they leave for the provider, so it arrives from the pending attempt
 * ({@link #remember}) rather than as a request parameter of the callback;</li>
 * <li>an automatic sign-in yields the same {@link SignedInUser} principal as a provider sign-in.</li>
 * </ul>
 */
public class SignInRememberMeServices extends PersistentTokenBasedRememberMeServices {

	SignInRememberMeServices(String key, UserRepository users, PersistentTokenRepository tokens) {
		super(key, rememberedUsers(users), tokens);
	}

	/** Issues a remember-me cookie and its persistent token for a person who just signed in and asked for one. */
	public void remember(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		onLoginSuccess(request, response, authentication);
	}

	@Override
	protected Authentication createSuccessfulAuthentication(HttpServletRequest request, UserDetails user) {
		RememberedUser remembered = (RememberedUser) user;
		RememberMeAuthenticationToken authentication = new RememberMeAuthenticationToken(getKey(),
				remembered.principal(), remembered.getAuthorities());
		authentication.setDetails(getAuthenticationDetailsSource().buildDetails(request));
		return authentication;
	}

	private static UserDetailsService rememberedUsers(UserRepository users) {
		return (username) -> {
			long id;
			try {
				id = Long.parseLong(username);
			}
			catch (NumberFormatException ex) {
				throw new UsernameNotFoundException("not a user id");
			}
			return users.findById(id)
				.map((user) -> new RememberedUser(SignedInUser.of(user)))
				.orElseThrow(() -> new UsernameNotFoundException("no such user (deleted?)"));
		};
	}

	/** A user found again from a remember-me token; there is no password, sign-in happens at a provider. */
	record RememberedUser(SignedInUser principal) implements UserDetails {

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
