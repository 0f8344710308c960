package io.github.oauthsignin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sign in with Facebook (OAuth 2) or Twitter (OAuth 1.0a); the first sign-in registers the person.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SignInApplication {

	public static void main(String[] args) {
		SpringApplication.run(SignInApplication.class, args);
	}

}
