package io.github.oauthsignin.web;

import java.time.Duration;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The static files, under content-hashed URLs ({@code /css/app-<md5>.css}) cached for a year: a new version is a new
 * URL. Spring's resource chain, on the paths that are files and no others.
 * <p>
 * Spring Boot's own static handler serves {@code /**}, and with the resource chain on, every link of every page
 * ({@code @{/account}}, {@code @{/logout}}…) is then looked up as a file in each static location before it is known
 * not to be one, a classpath search inside the fat jar that is not cached when nothing is found: it cost a third of
 * a sign-in's CPU. So Boot's handler is off ({@code spring.web.resources.add-mappings=false}) and these are the
 * only static paths.
 */
@Configuration(proxyBeanMethods = false)
class StaticFilesConfiguration implements WebMvcConfigurer {

	private static final CacheControl A_YEAR = CacheControl.maxAge(Duration.ofDays(365)).cachePublic();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		hashed(registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/"));
		hashed(registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/"));
		hashed(registry.addResourceHandler("/favicon.svg", "/favicon.ico").addResourceLocations("classpath:/static/"));
	}

	private static void hashed(ResourceHandlerRegistration registration) {
		registration.setCacheControl(A_YEAR)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
	}

	/** Rewrites the links Thymeleaf builds to the static files ({@code @{/css/app.css}}) to their hashed URLs. */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		return new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
	}

}
