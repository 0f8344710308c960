package io.github.oauthsignin.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import io.github.oauthsignin.SignInApplication;

/**
 * Starts the app in a test that expects the start to fail, without the "APPLICATION FAILED TO START" banner Spring
 * Boot prints for operators (a build log full of them reads as failures): the banner's reporter and the failed-run
 * line are silenced for this start, and the test reads the same analysis from the app's registered failure
 * analyzers ({@code META-INF/spring.factories}) instead.
 * @param failure what the start threw
 * @param analysis what the banner would have said: its description and action, or null when no analyzer knows
 */
public record FailedStart(Throwable failure, FailureAnalysis analysis) {

	/** Starts the app with these arguments; fails the test if it starts. */
	public static FailedStart of(String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.add("--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off");
		all.add("--logging.level.org.springframework.boot.SpringApplication=off");
		try {
			new SpringApplicationBuilder(SignInApplication.class).run(all.toArray(String[]::new)).close();
		}
		catch (RuntimeException ex) {
			return new FailedStart(ex, analyze(ex));
		}
		throw new AssertionError("The app started, though it should not have: " + List.of(arguments));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(), (type, name, ex) -> {
				// an analyzer that needs the failed context's bean factory is of no use here
			})) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
