/**
 * For application code built on the sign-in app: {@link io.github.oauthsignin.person.SignedInUser}, who is signed in,
 * received with {@code @AuthenticationPrincipal}. Nothing else here; docs/BUILD-ON-IT.md shows a page that uses it.
 */
package io.github.oauthsignin.person;
