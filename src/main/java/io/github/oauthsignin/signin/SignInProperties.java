package io.github.oauthsignin.signin;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every provider. (The time limits of calls to providers are Spring Boot's own
 * {@code spring.http.clients.*}.)
 * @param publicUrl the address people reach the app at, such as {@code https://signin.example.com}; callback URLs
 * sent to providers are built on it. When unset they are built from the request (and the proxy's
 * {@code X-Forwarded-*} headers).
 * @param pending limits on sign-ins started but not yet finished
 * @param brake how many sign-ins one client address may start
 * @param order the ids of the providers whose buttons come first, in this order; the others follow, presets first
 * @param providers per provider (by registration id), how to read a plain OAuth 2 provider's profile, and whether to
 * keep its tokens
 */
@Validated
@ConfigurationProperties("signin")
public record SignInProperties(URI publicUrl, @Valid @DefaultValue Pending pending, @Valid @DefaultValue Brake brake,
		@DefaultValue List<String> order,
		@DefaultValue Map<String, @Valid Provider> providers) {

	/** How to read the profile of the provider with this id: as configured, or the standard names. */
	public ProfileAttributes attributesOf(String providerId) {
		Provider provider = this.providers.get(providerId);
		return (provider != null) ? provider.attributes() : ProfileAttributes.STANDARD;
	}

	/**
	 * @param maxPerBrowser how many unfinished sign-ins (and connections) one browser may have at once; the oldest
	 * goes first
	 * @param maxTotal how many unfinished sign-ins this app keeps at once, from every browser together; past it the
	 * oldest goes first (per instance in memory, for all instances together in the database)
	 * @param timeout how long a person may take at the provider before the attempt expires
	 */
	public record Pending(@Min(1) @Max(20) @DefaultValue("3") int maxPerBrowser,
			@Min(1) @DefaultValue("10000") int maxTotal, @NotNull @DefaultValue("10m") Duration timeout) {
	}

	/**
	 * @param startsPerMinute how many sign-ins (and connections) one client address may start a minute; past it
	 * the start is refused with 429 before the provider is contacted
	 * @param addresses how many client addresses are tracked at once; the least recently active are forgotten first
	 */
	public record Brake(@Min(1) @DefaultValue("20") int startsPerMinute,
			@Min(100) @DefaultValue("100000") int addresses) {
	}

	/** The ids of the providers whose tokens the operator asked to keep, sorted. */
	public List<String> providersKeepingTokens() {
		return this.providers.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().keepTokens())
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
	}

	/** Whether the operator asked to keep this provider's tokens ({@code signin.providers.<id>.keep-tokens}). */
	public boolean keepsTokens(String providerId) {
		Provider provider = this.providers.get(providerId);
		return provider != null && provider.keepTokens();
	}

	/**
	 * @param attributes where a plain OAuth 2 provider's profile answer keeps the person's details
	 * @param keepTokens whether to keep the person's access token (and refresh token, granted scopes, or OAuth 1.0a
	 * token and secret), encrypted, at each sign-in and connection, for the application to call the provider as
	 * them; off by default
	 */
	public record Provider(@DefaultValue ProfileAttributes attributes, @DefaultValue("false") boolean keepTokens) {
	}

	/**
	 * Attribute names in a provider's profile (UserInfo) answer; a dotted name reaches into nested objects
	 * ({@code picture.data.url}). The person's id is always the registration's {@code user-name-attribute}.
	 * @param name the display name; several names are tried in order ({@code name,login})
	 * @param email the email address
	 * @param picture the picture's URL
	 * @param username the handle, such as {@code login} or {@code preferred_username}
	 */
	public record ProfileAttributes(@DefaultValue("name") List<String> name, @DefaultValue("email") String email,
			@DefaultValue("picture") String picture, @DefaultValue("username") String username) {

		/** The names most providers use, and the defaults of the properties. */
		public static final ProfileAttributes STANDARD = new ProfileAttributes(List.of("name"), "email", "picture",
				"username");

	}

}
