package io.github.oauthsignin.signin;

import java.util.List;
import java.util.Optional;

/**
 * The facts about one provider that do not depend on its protocol: its id, the name people see, how its button
 * looks, the environment variables that turn it on, and the addresses it posts to on its own. Each preset
 * (Facebook, GitHub, Google, X) is one such descriptor; a provider added by properties alone gets a plain one.
 * <p>
 * Everything the pages and the filter chain say about providers comes from descriptors: the buttons, the home
 * page's wording, the setup hints, the paths exempt from CSRF protection.
 */
public interface ProviderDescriptor {

	/** Short lower-case name used in URLs and in social ids, such as {@code facebook}. */
	String id();

	/** Name shown to people, such as {@code Facebook}. */
	String displayName();

	/**
	 * The button's brand colour, as the CSS modifier {@code button-<brand>} (such as {@code facebook}); empty for
	 * a neutral button.
	 */
	default Optional<String> brand() {
		return Optional.empty();
	}

	/**
	 * The pairs of environment variables that turn the provider on, each one way of doing so (X has two: OAuth 2.0
	 * and OAuth 1.0a). Empty for a provider configured by properties alone.
	 */
	default List<CredentialSettings> credentials() {
		return List.of();
	}

	/**
	 * Paths the provider posts to on its own, server to server, which carry a signature instead of a CSRF token
	 * (Facebook's data-deletion and deauthorize callbacks). They are exempt from CSRF protection while the
	 * provider is configured.
	 */
	default List<String> serverToServerPosts() {
		return List.of();
	}

	/**
	 * Whether the provider adds a fragment of its own to its redirect back to the callback (Facebook adds
	 * {@code #_=_}). A browser keeps a fragment across redirects that name none, so it would stay in the address bar
	 * of whatever page the callback leads to; the callback's redirects then name an empty one, which replaces it.
	 */
	default boolean addsFragmentToCallback() {
		return false;
	}

	/**
	 * Whether the provider answers by a cross-site POST to the callback ({@code response_mode=form_post}, Apple), which
	 * the app turns into a GET of the callback that carries the browser's cookies ({@code FormPostCallbacks}). The
	 * callback's path must then be among {@link #serverToServerPosts()}.
	 */
	default boolean answersByFormPost() {
		return false;
	}

	/** A descriptor with nothing but an id and a name, for a provider the app has no preset for. */
	static ProviderDescriptor plain(String id, String displayName) {
		return new PlainProviderDescriptor(id, displayName);
	}

	/** The descriptor of a provider configured by properties alone. */
	record PlainProviderDescriptor(String id, String displayName) implements ProviderDescriptor {
	}

}
