package io.github.oauthsignin.fake.oauth2;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading OAuth parameters the strict way: repeated ones are found, not silently reduced to the first. */
final class Parameters {

	private Parameters() {
	}

	/** The first value of a parameter, or null. */
	static String first(List<Map.Entry<String, String>> parameters, String name) {
		for (Map.Entry<String, String> entry : parameters) {
			if (entry.getKey().equals(name)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/** The first value of each parameter, in order. */
	static Map<String, String> firstValues(List<Map.Entry<String, String>> parameters) {
		Map<String, String> values = new LinkedHashMap<>();
		parameters.forEach((entry) -> values.putIfAbsent(entry.getKey(), entry.getValue()));
		return Collections.unmodifiableMap(values);
	}

	/** The first of these names given more than once, or null. */
	static String duplicate(List<Map.Entry<String, String>> parameters, List<String> names) {
		Map<String, Integer> counts = new HashMap<>();
		for (Map.Entry<String, String> entry : parameters) {
			if (names.contains(entry.getKey()) && counts.merge(entry.getKey(), 1, Integer::sum) > 1) {
				return entry.getKey();
			}
		}
		return null;
	}

	/** The scopes of a {@code scope} parameter, split by the separators (a regular expression) a flavour takes. */
	static Set<String> scopes(String scope, String separators) {
		Set<String> scopes = new LinkedHashSet<>();
		if (scope != null) {
			for (String part : scope.split(separators)) {
				if (!part.isEmpty()) {
					scopes.add(part);
				}
			}
		}
		return Collections.unmodifiableSet(scopes);
	}

	/** A value for a refusal's text: quoted, or {@code (missing)}. */
	static String quote(String value) {
		return (value != null) ? "'" + value + "'" : "(missing)";
	}

}
