package io.github.oauthsignin.signin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The configured providers for a {@code @WebMvcTest} slice: the real {@link SignInProviders} (button order, display
 * names, the CSP's form targets, the server-to-server posts the filter chain exempts) over the {@link SignInProvider}
 * beans a test declares (none: no provider configured). Used through
 * {@code io.github.oauthsignin.person.SignInWebMvcTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SignInProviders.class)
@EnableConfigurationProperties(SignInProperties.class)
public class SignInSlice {

}
