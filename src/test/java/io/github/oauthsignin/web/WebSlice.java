package io.github.oauthsignin.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The app's page machinery for a {@code @WebMvcTest} slice: messages in the signed FLASH cookie ({@link PageMessages},
 * {@link CookieFlashMapManager}), the languages of the pages. Used through
 * {@code io.github.oauthsignin.person.SignInWebMvcTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ FlashConfiguration.class, LanguageConfiguration.class, PageMessages.class })
public class WebSlice {

}
