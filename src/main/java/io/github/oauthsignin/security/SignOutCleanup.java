package io.github.oauthsignin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Something a browser holds outside its session that signing out must forget too (such as the sign-ins and
 * connections it started and has not finished). Every bean of this type runs whenever a browser signs out:
 * {@code POST /logout}, and the pages that sign a person out themselves ({@link SessionSignOut}).
 */
@FunctionalInterface
public interface SignOutCleanup {

	/** Forgets what the browser that sent this request holds. */
	void forget(HttpServletRequest request, HttpServletResponse response);

}
