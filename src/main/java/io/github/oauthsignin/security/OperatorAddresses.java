package io.github.oauthsignin.security;

import java.util.List;
import java.util.function.Supplier;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.validation.annotation.Validated;

import io.github.oauthsignin.web.ClientAddress;

/**
 * Who may read the operator views ({@code /actuator/info}, and {@code /actuator/prometheus} when metrics are on, on
 * the management port): the connections from these ranges, such as {@code 10.0.0.0/8} for the network Prometheus
 * scrapes from. Only this machine by default. A request whose client address came from a header
 * ({@code X-Forwarded-For}, even a named proxy's) is never an operator's. Everyone else gets 403.
 * @param addresses single addresses or CIDR ranges, IPv4 or IPv6
 */
@Validated
@ConfigurationProperties("signin.operators")
public record OperatorAddresses(@NotNull @DefaultValue({ "127.0.0.1/32", "::1/128" }) List<String> addresses) {

	public OperatorAddresses {
		addresses.forEach(IpAddressMatcher::new); // refuses a malformed range at start, naming it
	}

	/** Grants a request whose client address is in one of the ranges. */
	AuthorizationManager<RequestAuthorizationContext> access() {
		List<IpAddressMatcher> ranges = this.addresses.stream().map(IpAddressMatcher::new).toList();
		return new AuthorizationManager<>() {

			@Override
			public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
					RequestAuthorizationContext context) {
				// Never through a proxy, even a named one: operators connect directly (the operator port believes no
				// forwarded header; this holds wherever these views are served).
				if (ClientAddress.isForwarded(context.getRequest())) {
					return new AuthorizationDecision(false);
				}
				return new AuthorizationDecision(ClientAddress.of(context.getRequest())
					.map((client) -> ranges.stream().anyMatch((range) -> range.matches(client)))
					.orElse(false));
			}

		};
	}

}
