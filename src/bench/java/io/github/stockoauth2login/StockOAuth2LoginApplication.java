package io.github.stockoauth2login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.http.RequestEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequestEntityConverter;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.oauthsignin.user.SignInOrigin;
import io.github.oauthsignin.user.SignInProfile;
import io.github.oauthsignin.user.User;
import io.github.oauthsignin.user.UserRegistration;
import io.github.oauthsignin.user.UserRepository;

/**
 * The benchmark's baseline: Facebook sign-in the way most Spring projects do it, with Spring Security's
 * {@code oauth2Login()} and a custom {@link OAuth2UserService} that wraps {@link DefaultOAuth2UserService} and finds
 * or creates the person's row in the same {@code users} table through the same JPA entity and registration as the
 * real app. Everything else is stock: {@code /oauth2/authorization/facebook} starts the sign-in (a plain link),
 * {@code /login/oauth2/code/facebook} takes the callback, the authorization request waits in the HTTP session, the
 * access token is kept by Boot's default {@code OAuth2AuthorizedClientService} (in memory).
 * <p>
 * Two additions only, both what a real Facebook app needs and the real app does too: PKCE (Spring adds it only for
 * public clients unless asked) and {@code appsecret_proof} on the Graph call ("Require App Secret", which the fake
 * Facebook enforces). Sessions are in the database like the real app's: Spring Session JDBC is on the classpath and
 * Boot configures it for both, with the same properties (the app's {@code application.properties} is on this
 * classpath too).
 * <p>
 * It lives outside the {@code io.github.oauthsignin} package on purpose: the real app's component scan covers that
 * package and everything below it, and tests that start {@code SignInApplication} with the test classes on the
 * classpath would otherwise pick up this second security configuration and controller.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = User.class)
@EnableJpaRepositories(basePackageClasses = UserRepository.class)
@Import(UserRegistration.class)
public class StockOAuth2LoginApplication {

	/** The same user store as ours, history row included (the baseline has no request here to read it from). */
	private static final SignInOrigin STOCK_ORIGIN = new SignInOrigin(null, null, null);


	public static void main(String[] args) {
		SpringApplication.run(StockOAuth2LoginApplication.class, args);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
			OAuth2UserService<OAuth2UserRequest, OAuth2User> users) {
		DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/", "/css/**", "/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(withPkce))
				.userInfoEndpoint((userInfo) -> userInfo.userService(users))
				.defaultSuccessUrl("/"))
			.logout((logout) -> logout.logoutSuccessUrl("/?signed-out"));
		return http.build();
	}

	/**
	 * Facebook's profile through the stock user service, with {@code appsecret_proof} added to its request, then
	 * the person found or registered in {@code users}.
	 */
	@Bean
	OAuth2UserService<OAuth2UserRequest, OAuth2User> facebookUserService(UserRegistration registration) {
		DefaultOAuth2UserService graph = new DefaultOAuth2UserService();
		OAuth2UserRequestEntityConverter standard = new OAuth2UserRequestEntityConverter();
		graph.setRequestEntityConverter((request) -> withAppSecretProof(standard.convert(request), request));
		return (request) -> {
			OAuth2User facebook = graph.loadUser(request);
			Map<String, Object> attributes = facebook.getAttributes();
			String email = (String) attributes.get("email");
			SignInProfile profile;
			try {
				profile = SignInProfile.of("facebook", String.valueOf(attributes.get("id")), email,
						pictureUrl(attributes), (String) attributes.get("name"), SignInProfile.localPart(email),
						"Facebook user");
			}
			catch (IllegalArgumentException ex) {
				throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user_info_response"), ex);
			}
			User user = registration.findOrRegister(profile, STOCK_ORIGIN).user();
			Map<String, Object> withUser = new LinkedHashMap<>(attributes);
			withUser.put("user_id", user.getId());
			withUser.put("nickname", user.getNickname());
			return new DefaultOAuth2User(facebook.getAuthorities(), withUser, "id");
		};
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	private static RequestEntity<?> withAppSecretProof(RequestEntity<?> standard, OAuth2UserRequest request) {
		String accessToken = request.getAccessToken().getTokenValue();
		String secret = request.getClientRegistration().getClientSecret();
		URI uri = UriComponentsBuilder.fromUri(standard.getUrl())
			.queryParam("appsecret_proof", hmacSha256Hex(secret, accessToken))
			.build(true)
			.toUri();
		return RequestEntity.method(standard.getMethod(), uri).headers(standard.getHeaders()).build();
	}

	/** The Graph API's picture, unless it is the default silhouette. */
	@SuppressWarnings("unchecked")
	private static String pictureUrl(Map<String, Object> attributes) {
		if (attributes.get("picture") instanceof Map<?, ?> picture
				&& picture.get("data") instanceof Map<?, ?> data && !Boolean.TRUE.equals(data.get("is_silhouette"))) {
			return (String) ((Map<String, Object>) data).get("url");
		}
		return null;
	}

	private static String hmacSha256Hex(String key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
