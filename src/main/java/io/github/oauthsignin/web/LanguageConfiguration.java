package io.github.oauthsignin.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language of the pages: the browser's preferred one ({@code Accept-Language}) among those the app has texts
 * for, English otherwise. The languages are the {@code messages_<language>.properties} files beside
 * {@code messages.properties} (English), so that adding a language is adding its file; the page's
 * {@code <html lang>} then names the language it is really in.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

	private static final Pattern TRANSLATION = Pattern.compile("messages_([a-z]{2,3})\\.properties");

	/** The bean name Spring MVC looks up ({@code DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME}). */
	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
		resolver.setDefaultLocale(Locale.ENGLISH);
		resolver.setSupportedLocales(languages());
		return resolver;
	}

	private static List<Locale> languages() {
		List<Locale> languages = new ArrayList<>(List.of(Locale.ENGLISH));
		try {
			for (Resource file : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:messages_*.properties")) {
				Matcher translation = TRANSLATION.matcher(String.valueOf(file.getFilename()));
				if (translation.matches()) {
					languages.add(Locale.forLanguageTag(translation.group(1)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return languages;
	}

}
