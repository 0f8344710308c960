package io.github.oauthsignin.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.oauthsignin.SignInApplication;

/**
 * The app against stand-ins for Facebook and X, so that anyone can try both sign-ins with no account and no
 * setting: {@code ./mvnw spring-boot:test-run}, then http://localhost:8080.
 * <p>
 * It runs the real {@link SignInApplication#main} with {@link SandboxConfiguration} added and the profile
 * {@code sandbox} ({@code application-sandbox.properties}) on; everything else is the app as deployed, but for the
 * differences docs/SANDBOX.md lists (the database in memory, no sessions written at a stop). It lives in
 * {@code src/test}, with the fakes, so that none of it can reach the packaged app. Being the only main class among
 * the test classes is what makes {@code spring-boot:test-run} pick it.
 */
public final class SandboxApplication {

	static final String PROFILE = "sandbox";

	private SandboxApplication() {
	}

	public static void main(String[] args) {
		run(args);
	}

	/** Starts the sandbox; closing the returned context stops the app and the stand-ins. */
	static ConfigurableApplicationContext run(String... args) {
		return SpringApplication.from(SignInApplication::main)
			.with(SandboxConfiguration.class)
			.withAdditionalProfiles(PROFILE)
			.run(args)
			.getApplicationContext();
	}

}
