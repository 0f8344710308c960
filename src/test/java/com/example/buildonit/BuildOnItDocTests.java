package com.example.buildonit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/BUILD-ON-IT.md quotes the example code, and the quotes must not go stale: each code block marked
 * {@code <!-- from: <path> -->} must appear, line for line (indentation aside), in that file.
 */
class BuildOnItDocTests {

	private static final Pattern QUOTE = Pattern.compile("<!-- from: (\\S+) -->\\n```\\w*\\n(.*?)\\n```",
			Pattern.DOTALL);

	@Test
	void docWhenCodeQuotedThenEachQuoteIsInItsSourceAsItIsNow() throws IOException {
		String doc = Files.readString(Path.of("docs/BUILD-ON-IT.md"));
		Matcher quotes = QUOTE.matcher(doc);
		int count = 0;
		while (quotes.find()) {
			count++;
			Path source = Path.of(quotes.group(1));
			assertThat(source).as("the quoted file").isRegularFile();
			List<String> quoted = stripped(quotes.group(2));
			List<String> lines = stripped(Files.readString(source));
			assertThat(Collections.indexOfSubList(lines, quoted))
				.as("the quote from %s is in it as it is now:%n%s", source, quotes.group(2))
				.isNotNegative();
		}
		assertThat(count).as("quotes in the page").isGreaterThanOrEqualTo(8);
		assertThat(doc.split("```").length / 2).as("every code block says where it is from").isEqualTo(count);
	}

	@Test
	void readmeWhenReadThenLinksToThePage() throws IOException {
		assertThat(Files.readString(Path.of("README.md"))).contains("(docs/BUILD-ON-IT.md)");
	}

	private static List<String> stripped(String text) {
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\\R", -1)) {
			lines.add(line.strip());
		}
		return lines;
	}

}
