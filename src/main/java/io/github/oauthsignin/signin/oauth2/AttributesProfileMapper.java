package io.github.oauthsignin.signin.oauth2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.core.user.OAuth2User;

import io.github.oauthsignin.signin.ProviderDescriptor;
import io.github.oauthsignin.signin.SignInProperties.ProfileAttributes;
import io.github.oauthsignin.user.SignInProfile;

/**
 * Reads a profile by attribute names ({@code signin.providers.<id>.attributes.*} for a provider added by
 * properties; fixed names for presets). A dotted name reaches into nested objects: {@code data.name} is
 * {@code {"data": {"name": …}}}. The name to greet the person with is the first usable of: the name attributes,
 * the username, the email's local part, and "{@code <Provider> user}"; the username is also kept as their handle.
 */
public final class AttributesProfileMapper implements ProfileMapper {

	private final ProfileAttributes names;

	public AttributesProfileMapper(ProfileAttributes names) {
		this.names = names;
	}

	@Override
	public SignInProfile toProfile(ProviderDescriptor provider, OAuth2User user) {
		Map<String, Object> attributes = user.getAttributes();
		String email = text(attributes, this.names.email());
		List<String> nicknames = new ArrayList<>();
		this.names.name().forEach((name) -> nicknames.add(text(attributes, name)));
		nicknames.add(text(attributes, this.names.username()));
		nicknames.add(SignInProfile.localPart(email));
		nicknames.add(provider.displayName() + " user");
		return SignInProfile.of(provider.id(), user.getName(), email, text(attributes, this.names.picture()),
				nicknames.toArray(String[]::new))
			.withUsername(text(attributes, this.names.username()));
	}

	/** The attribute at a dotted path, as text when it is a string or a number; otherwise null. */
	static String text(Map<String, ?> attributes, String path) {
		if (path == null || path.isEmpty()) {
			return null;
		}
		Object value = attributes;
		for (String key : path.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(key);
		}
		return (value instanceof String || value instanceof Number) ? value.toString() : null;
	}

}
