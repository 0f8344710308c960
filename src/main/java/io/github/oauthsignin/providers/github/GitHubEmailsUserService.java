package io.github.oauthsignin.providers.github;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestOperations;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.signin.oauth2.OAuth2Preset;

/**
 * Reads a GitHub person with Spring's {@link DefaultOAuth2UserService} from {@code /user}, then their email address
 * from {@code /user/emails}: the one that is both {@code primary} and {@code verified}, never another. The
 * {@code email} of {@code /user} is only the public address, often null, and is not used. A person whose primary
 * address is unverified, or who did not grant {@code user:email}, signs in without an email.
 */
final class GitHubEmailsUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> EMAILS = new ParameterizedTypeReference<>() {
	};

	private final DefaultOAuth2UserService users;

	private final RestOperations http;

	GitHubEmailsUserService(RestOperations http) {
		this.http = http;
		this.users = OAuth2Preset.standardUserService(http);
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest request) throws OAuth2AuthenticationException {
		OAuth2User user = this.users.loadUser(request);
		Map<String, Object> attributes = new LinkedHashMap<>(user.getAttributes());
		attributes.remove("email");
		String email = primaryVerifiedEmail(request);
		if (email != null) {
			attributes.put("email", email);
		}
		return new DefaultOAuth2User(user.getAuthorities(), attributes,
				request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName());
	}

	private String primaryVerifiedEmail(OAuth2UserRequest request) {
		List<Map<String, Object>> emails;
		try {
			emails = this.http.exchange(emailsRequest(request), EMAILS).getBody();
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
					|| ex.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
				// The person did not grant user:email: no address, and no reason to refuse them.
				return null;
			}
			throw emailsFailed(ex);
		}
		catch (RestClientException ex) {
			throw emailsFailed(ex);
		}
		if (emails == null) {
			return null;
		}
		return emails.stream()
			.filter((email) -> Boolean.TRUE.equals(email.get("primary")) && Boolean.TRUE.equals(email.get("verified")))
			.map((email) -> email.get("email"))
			.filter(String.class::isInstance)
			.map(String.class::cast)
			.findFirst()
			.orElse(null);
	}

	/** {@code <user-info-uri>/emails}, such as {@code https://api.github.com/user/emails}. */
	private static RequestEntity<?> emailsRequest(OAuth2UserRequest request) {
		String userInfo = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri();
		URI emails = UriComponentsBuilder.fromUriString(userInfo).replaceQuery(null).path("/emails").build().toUri();
		return RequestEntity.get(emails)
			.accept(MediaType.APPLICATION_JSON)
			.headers((headers) -> headers.setBearerAuth(request.getAccessToken().getTokenValue()))
			.build();
	}

	private static OAuth2AuthenticationException emailsFailed(RestClientException cause) {
		OAuth2Error error = new OAuth2Error("invalid_user_info_response",
				"An error occurred while reading the person's email addresses", null);
		return new OAuth2AuthenticationException(error, error.toString(), cause);
	}

}
