package io.github.oauthsignin.account;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.github.oauthsignin.passkey.PasskeyCredentials;
import io.github.oauthsignin.passkey.PasskeyCredentials.Removal;
import io.github.oauthsignin.security.SessionSignOut;
import io.github.oauthsignin.security.SignOutEverywhere;
import io.github.oauthsignin.person.SignedInUser;
import io.github.oauthsignin.web.PageMessages;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * The account page's passkey forms, the controller alone: removing one ends the passkey sessions (and this one,
 * when it was signed in with a passkey), the last way in stays, renaming, and links that change nothing. Spring Boot's default
 * filter chain stands in for the app's (whose rules are the security tests'); only this controller is loaded.
 */
@WebMvcTest(useDefaultFilters = false,
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = AccountPasskeysController.class))
class AccountPasskeysControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private PasskeyCredentials passkeys;

	@MockitoBean
	private SignOutEverywhere signOutEverywhere;

	@MockitoBean
	private SessionSignOut signOut;

	@MockitoBean
	private PageMessages messages;

	@Test
	void removeWhenAnotherWayInThenRemovedAndEveryPasskeySessionEnds() throws Exception {
		given(this.passkeys.remove(42, "cred-1")).willReturn(Removal.REMOVED);

		this.mvc.perform(as("facebook", post("/account/passkeys/cred-1/remove"))).andExpect(redirectedUrl("/account"));

		then(this.signOutEverywhere).should().signedInThrough(42, "passkey");
		then(this.signOut).shouldHaveNoInteractions();
		then(this.messages).should().flash(any(RedirectAttributes.class), eq("passkey.removed"));
	}

	@Test
	void removeWhenSignedInWithAPasskeyThenThisBrowserIsSignedOutToo() throws Exception {
		given(this.passkeys.remove(42, "cred-1")).willReturn(Removal.REMOVED);

		this.mvc.perform(as("passkey", post("/account/passkeys/cred-1/remove"))).andExpect(redirectedUrl("/"));

		then(this.signOutEverywhere).should().signedInThrough(42, "passkey");
		then(this.signOut).should().signOut(any(), any(), any());
		then(this.messages).should().flash(any(RedirectAttributes.class), eq("passkey.removedSignedOut"));
	}

	@Test
	void removeWhenTheLastWayInThenItStaysAndNobodyIsSignedOut() throws Exception {
		given(this.passkeys.remove(42, "cred-1")).willReturn(Removal.LAST_WAY_IN);

		this.mvc.perform(as("passkey", post("/account/passkeys/cred-1/remove"))).andExpect(redirectedUrl("/account"));

		then(this.signOutEverywhere).shouldHaveNoInteractions();
		then(this.signOut).shouldHaveNoInteractions();
		then(this.messages).should().flash(any(RedirectAttributes.class), eq("passkey.lastWayIn"));
	}

	@Test
	void renameWhenOneOfTheirsThenRenamed() throws Exception {
		given(this.passkeys.rename(42, "cred-1", "Work laptop")).willReturn(true);

		this.mvc.perform(as("facebook", post("/account/passkeys/cred-1/name").param("label", "Work laptop")))
			.andExpect(redirectedUrl("/account"));

		then(this.messages).should().flash(any(RedirectAttributes.class), eq("passkey.renamed"));
	}

	@Test
	void renameWhenNotTheirsOrEmptyThenNotRenamed() throws Exception {
		this.mvc.perform(as("facebook", post("/account/passkeys/cred-2/name"))).andExpect(redirectedUrl("/account"));

		then(this.messages).should().flash(any(RedirectAttributes.class), eq("passkey.notRenamed"));
	}

	@Test
	void removeOrRenameByALinkThenTheAccountPageAndNothingChanges() throws Exception {
		this.mvc.perform(as("facebook", get("/account/passkeys/cred-1/remove"))).andExpect(redirectedUrl("/account"));
		this.mvc.perform(as("facebook", get("/account/passkeys/cred-1/name"))).andExpect(redirectedUrl("/account"));

		then(this.passkeys).should(org.mockito.Mockito.never()).remove(anyLong(), anyString());
	}

	private static MockHttpServletRequestBuilder as(String wayIn, MockHttpServletRequestBuilder request) {
		PreAuthenticatedAuthenticationToken signedIn = new PreAuthenticatedAuthenticationToken(
				new SignedInUser(42, "Ada Lovelace", null, null, null, wayIn, new SignedInUser.Stamp("installation", 1)),
				null, AuthorityUtils.createAuthorityList("ROLE_USER"));
		return request.with(authentication(signedIn)).with(csrf());
	}

}
