package io.github.oauthsignin.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import io.github.oauthsignin.config.SharedSecrets;

/**
 * Flash attributes in a signed cookie ({@link CookieFlashMapManager}) instead of Spring Boot's session-held ones: the
 * bean name is the one the {@link DispatcherServlet} looks up, which Boot's own then steps aside for.
 */
@Configuration(proxyBeanMethods = false)
class FlashConfiguration {

	@Bean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)
	CookieFlashMapManager flashMapManager(SharedSecrets secrets) {
		return new CookieFlashMapManager(secrets.secret("flash-messages"));
	}

}
