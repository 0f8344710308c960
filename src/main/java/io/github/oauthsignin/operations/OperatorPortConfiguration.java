package io.github.oauthsignin.operations;

import java.util.List;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The operator port (Spring Boot's management server, {@code management.server.port}) believes no forwarded header,
 * whatever the public port does: nobody reaches it through the proxy, and an operator view must never open for a
 * client address taken from a header. So the {@link RemoteIpValve} that {@code server.forward-headers-strategy=native}
 * adds is taken off this server again, and its requests carry their connection's own address.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class OperatorPortConfiguration {

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> operatorPortBelievesNoForwardedHeader(
			ApplicationContext context) {
		// Component scanning also finds this class in the app's own context (the public port): only the management
		// context, a child of the app's, is meant.
		boolean operatorPort = context.getParent() != null;
		return (factory) -> {
			if (!operatorPort) {
				return;
			}
			List<Valve> valves = factory.getEngineValves()
				.stream()
				.filter((valve) -> !(valve instanceof RemoteIpValve))
				.toList();
			factory.setEngineValves(valves);
		};
	}

}
