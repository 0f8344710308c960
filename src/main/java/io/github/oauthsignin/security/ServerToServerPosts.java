package io.github.oauthsignin.security;

import java.util.List;

/**
 * The POST endpoints that a provider calls on its own, server to server (such as Facebook's data-deletion
 * callback). They carry a signature instead of a CSRF token, so the filter chain exempts exactly these paths
 * from CSRF protection, and nothing else.
 */
@FunctionalInterface
public interface ServerToServerPosts {

	/** The paths, such as {@code /facebook/data-deletion}. */
	List<String> serverToServerPostPaths();

}
