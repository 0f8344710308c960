package io.github.oauthsignin.providers.apple;

import java.util.Map;
import java.util.Optional;

import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.signin.oauth2.ProfileMapper;
import io.github.oauthsignin.user.IdentityRepository;
import io.github.oauthsignin.user.SignInProfile;
import io.github.oauthsignin.user.SocialId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a person signed in with Apple: the id ({@code sub}) and the email from the validated ID token only, the
 * email when {@code email_verified} is true (Apple sends it as a boolean or as the string {@code "true"}); the name
 * from the {@code user} field of the callback, which Apple sends on the very first consent only, and otherwise the
 * name kept from then. The {@code user} field is not signed: its email is never read.
 */
final class AppleProfileMapper implements ProfileMapper {

	/** Apple's {@code user} field is a small JSON object; a longer one is not Apple's. */
	static final int MAX_USER_FIELD_LENGTH = 2048;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IdentityRepository identities;

	AppleProfileMapper(IdentityRepository identities) {
		this.identities = identities;
	}

	@Override
	public SignInProfile toProfile(ProviderDescriptor provider, OAuth2User user) {
		return toProfile(provider, user, Map.of());
	}

	@Override
	public SignInProfile toProfile(ProviderDescriptor provider, OAuth2User user,
			Map<String, String> callbackParameters) {
		if (!(user instanceof OidcUser person)) {
			throw new IllegalArgumentException("not an OpenID Connect user");
		}
		String subject = person.getSubject();
		String email = isTrue(person.getClaims().get(StandardClaimNames.EMAIL_VERIFIED)) ? person.getEmail() : null;
		boolean privateRelay = isTrue(person.getClaims().get("is_private_email"));
		String name = nameOf(callbackParameters.get("user")).orElseGet(() -> keptName(provider.id(), subject));
		return SignInProfile.of(provider.id(), subject, email, null, name,
				privateRelay ? null : SignInProfile.localPart(email), provider.displayName() + " user");
	}

	/** {@code true}, or {@code "true"} as Apple may send it. */
	static boolean isTrue(Object claim) {
		return Boolean.TRUE.equals(claim) || "true".equals(claim);
	}

	/** "First Last" from the {@code user} field's {@code name}, when it has one. */
	static Optional<String> nameOf(String userField) {
		if (userField == null || userField.isBlank() || userField.length() > MAX_USER_FIELD_LENGTH) {
			return Optional.empty();
		}
		try {
			JsonNode name = JSON.readTree(userField).path("name");
			String full = (text(name, "firstName") + " " + text(name, "lastName")).strip();
			return full.isEmpty() ? Optional.empty() : Optional.of(full);
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static String text(JsonNode name, String field) {
		JsonNode value = name.path(field);
		return value.isString() ? value.asString() : "";
	}

	/** The name this person gave at their first consent, as kept with their identity, or null. */
	private String keptName(String provider, String subject) {
		return this.identities.findWithUser(new SocialId(provider, subject))
			.map((identity) -> identity.getDetails().name())
			.orElse(null);
	}

}
