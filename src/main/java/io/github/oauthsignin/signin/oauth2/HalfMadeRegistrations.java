package io.github.oauthsignin.signin.oauth2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Settings under {@code spring.security.oauth2.client.*} that make no provider, said at start-up rather than
 * dropped without a word: a name that is no registration or provider setting (most often an environment variable
 * for an id with a {@code -}: {@code SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_MY_CORP_CLIENTID} is the id
 * {@code my} with the setting {@code corp.clientid}), and provider endpoints that no registration uses. Spring Boot's
 * binder finds the names it could not bind ({@link NoUnboundElementsBindHandler}), each with where it was set.
 */
final class HalfMadeRegistrations {

	private static final String ROOT = "spring.security.oauth2.client";

	private HalfMadeRegistrations() {
	}

	/**
	 * One warning per half-made registration or provider: its id, what is wrong and what is missing.
	 * @param registrationIds the registrations that are configured (ids with their credentials)
	 * @param presetIds the presets' ids, whose providers may be set without a registration
	 */
	static List<String> warnings(Environment environment, OAuth2ClientProperties properties,
			Collection<String> registrationIds, Set<String> presetIds) {
		List<String> warnings = new ArrayList<>();
		unbound(environment).forEach((id, settings) -> warnings.add(unboundWarning(id, settings, registrationIds)));
		properties.getProvider().keySet().stream().filter((id) -> !presetIds.contains(id)).filter((id) -> !used(id,
				properties, registrationIds)).forEach((id) -> warnings.add("Sign-in provider '" + id + "' is half-made: "
						+ ROOT + ".provider." + id + ".* is set, but no registration uses it, so it is not used: set "
						+ ROOT + ".registration." + id + ".client-id and client-secret"));
		return warnings;
	}

	private static boolean used(String providerId, OAuth2ClientProperties properties,
			Collection<String> registrationIds) {
		return registrationIds.contains(providerId) || properties.getRegistration()
			.values()
			.stream()
			.anyMatch((registration) -> providerId.equals(registration.getProvider()));
	}

	/** The settings no registration or provider property took, by "registration 'id'" or "provider 'id'". */
	private static Map<String, List<ConfigurationProperty>> unbound(Environment environment) {
		try {
			Binder.get(environment)
				.bind(ROOT, Bindable.of(OAuth2ClientProperties.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
			return Map.of();
		}
		catch (BindException ex) {
			if (!(ex.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
				return Map.of();
			}
			Map<String, List<ConfigurationProperty>> byId = new LinkedHashMap<>();
			unbound.getUnboundProperties().forEach((property) -> byId.computeIfAbsent(owner(property.getName()),
					(owner) -> new ArrayList<>()).add(property));
			return byId;
		}
	}

	/** "registration 'my'" for {@code spring.security.oauth2.client.registration.my.corp.clientid}. */
	private static String owner(ConfigurationPropertyName name) {
		int depth = ConfigurationPropertyName.of(ROOT).getNumberOfElements();
		String kind = (name.getNumberOfElements() > depth) ? name.getElement(depth, ConfigurationPropertyName.Form.ORIGINAL)
				: "setting";
		String id = (name.getNumberOfElements() > depth + 1)
				? name.getElement(depth + 1, ConfigurationPropertyName.Form.ORIGINAL) : "";
		return kind + " '" + id + "'";
	}

	private static String unboundWarning(String owner, List<ConfigurationProperty> settings,
			Collection<String> registrationIds) {
		String id = owner.substring(owner.indexOf('\'') + 1, owner.length() - 1);
		boolean registration = owner.startsWith("registration");
		String names = settings.stream()
			.map((setting) -> setting.getName() + origin(setting.getOrigin()))
			.collect(Collectors.joining(", "));
		StringBuilder warning = new StringBuilder("Sign-in ").append(owner)
			.append(" is half-made: ")
			.append(names)
			.append((settings.size() == 1) ? " is not a " : " are not ")
			.append(registration ? "registration" : "provider")
			.append((settings.size() == 1) ? " setting" : " settings");
		if (registration && !registrationIds.contains(id)) {
			warning.append(", and it has no client-id and no client-secret, so it is not used");
		}
		if (settings.stream().anyMatch((setting) -> variable(setting.getOrigin()) != null)) {
			warning.append(". An environment variable cannot spell '-' in an id (MY_CORP is 'my' and 'corp'): set "
					+ "such an id in SPRING_APPLICATION_JSON or a properties file (README, \"Add a provider\")");
		}
		return warning.toString();
	}

	private static String origin(Origin origin) {
		String variable = variable(origin);
		if (variable != null) {
			return " (environment variable " + variable + ")";
		}
		return (origin != null) ? " (" + origin + ")" : "";
	}

	/** The environment variable a setting came from, or null when it came from elsewhere. */
	private static String variable(Origin origin) {
		if (origin instanceof SystemEnvironmentOrigin variable) {
			return variable.getProperty();
		}
		if (origin instanceof PropertySourceOrigin source) {
			if (source.getOrigin() instanceof SystemEnvironmentOrigin variable) {
				return variable.getProperty();
			}
			if (source.getPropertySource() instanceof SystemEnvironmentPropertySource) {
				return source.getPropertyName();
			}
		}
		return null;
	}

}
