/*
 * Passkeys (WebAuthn) for the home page (sign in) and the account page (add one). Nothing here is needed for the
 * pages to work: the passkey controls are hidden until this script finds WebAuthn in the browser. The app answers
 * every post with where to go next ({"redirect": "/..."}), having left a message there; what goes wrong in the
 * browser is posted too ({"error": "NotAllowedError"}), so that the message comes from the app, in the page's
 * language.
 */
(function () {
    'use strict';

    if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) {
        return;
    }

    function decode(text) {
        var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
        while (base64.length % 4) {
            base64 += '=';
        }
        var binary = atob(base64);
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) {
            bytes[i] = binary.charCodeAt(i);
        }
        return bytes.buffer;
    }

    function encode(buffer) {
        if (!buffer) {
            return null;
        }
        var bytes = new Uint8Array(buffer);
        var binary = '';
        for (var i = 0; i < bytes.length; i++) {
            binary += String.fromCharCode(bytes[i]);
        }
        return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function credentialJson(credential, response) {
        return {
            id: credential.id,
            rawId: encode(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment || null,
            clientExtensionResults: credential.getClientExtensionResults(),
            response: response
        };
    }

    function csrfHeaders() {
        var headers = { 'Content-Type': 'application/json' };
        var token = document.querySelector('meta[name="_csrf"]');
        var header = document.querySelector('meta[name="_csrf_header"]');
        if (token && header) {
            headers[header.content] = token.content;
        }
        return headers;
    }

    function finish(url, body) {
        return fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: csrfHeaders(),
            body: JSON.stringify(body)
        }).then(function (answer) {
            return answer.json();
        }).then(function (next) {
            window.location.assign(next.redirect);
        });
    }

    function options(url, form) {
        return fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : csrfHeaders(),
            body: form ? new URLSearchParams(form) : '{}'
        }).then(function (answer) {
            if (answer.status === 429) {
                throw { name: 'RateLimited' };
            }
            if (!answer.ok) {
                throw { name: 'OptionsRefused' };
            }
            return answer.json();
        });
    }

    function failed(url, error) {
        return finish(url, { error: (error && error.name) ? String(error.name) : 'Error' });
    }

    /* The account page: add a passkey. */
    var add = document.getElementById('passkey-add');
    if (add) {
        var unsupported = document.getElementById('passkey-unsupported');
        if (unsupported) {
            unsupported.hidden = true;
        }
        add.hidden = false;
        add.querySelector('button').addEventListener('click', function () {
            var button = this;
            button.disabled = true;
            options(add.dataset.options, null).then(function (publicKey) {
                publicKey.challenge = decode(publicKey.challenge);
                publicKey.user.id = decode(publicKey.user.id);
                (publicKey.excludeCredentials || []).forEach(function (excluded) {
                    excluded.id = decode(excluded.id);
                });
                return navigator.credentials.create({ publicKey: publicKey });
            }).then(function (credential) {
                var response = credential.response;
                return finish(add.dataset.finish, {
                    credential: credentialJson(credential, {
                        attestationObject: encode(response.attestationObject),
                        clientDataJSON: encode(response.clientDataJSON),
                        transports: response.getTransports ? response.getTransports() : []
                    })
                });
            }).catch(function (error) {
                return failed(add.dataset.finish, error);
            });
        });
    }

    /* The home page: sign in with a passkey, by the button or by the browser's autofill. */
    var signIn = document.getElementById('passkey-signin');
    if (signIn) {
        signIn.hidden = false;
        var pending = null;

        var rememberMe = function () {
            var box = document.querySelector('input[name="remember-me"]');
            return box ? box.checked : false;
        };

        var start = function (mediation) {
            var form = { 'remember-me': String(rememberMe()) };
            var next = new URLSearchParams(window.location.search).get('next');
            if (next) {
                form.next = next;
            }
            var controller = new AbortController();
            var request = options(signIn.dataset.options, form).then(function (publicKey) {
                publicKey.challenge = decode(publicKey.challenge);
                (publicKey.allowCredentials || []).forEach(function (allowed) {
                    allowed.id = decode(allowed.id);
                });
                var asked = { publicKey: publicKey, signal: controller.signal };
                if (mediation) {
                    asked.mediation = mediation;
                }
                return navigator.credentials.get(asked);
            }).then(function (credential) {
                var response = credential.response;
                return finish(signIn.dataset.finish, {
                    rememberMe: rememberMe(),
                    credential: credentialJson(credential, {
                        authenticatorData: encode(response.authenticatorData),
                        clientDataJSON: encode(response.clientDataJSON),
                        signature: encode(response.signature),
                        userHandle: encode(response.userHandle)
                    })
                });
            }).catch(function (error) {
                if (controller.signal.aborted) {
                    return null;
                }
                return failed(signIn.dataset.finish, error);
            });
            return { controller: controller, request: request };
        };

        signIn.querySelector('button').addEventListener('click', function () {
            if (pending) {
                pending.controller.abort();
                pending = null;
            }
            this.disabled = true;
            start(null);
        });

        if (PublicKeyCredential.isConditionalMediationAvailable) {
            PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
                var autofill = document.getElementById('passkey-autofill');
                if (available && autofill) {
                    autofill.hidden = false;
                    /* Only once someone looks for it: each start is a sign-in attempt the app keeps for a while. */
                    autofill.querySelector('input').addEventListener('focus', function () {
                        if (!pending) {
                            pending = start('conditional');
                        }
                    });
                }
            });
        }
    }
}());
