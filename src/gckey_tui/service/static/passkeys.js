// The WebAuthn ceremony of the passkey pages: navigator.credentials.create (add) or .get (sign in) with the
// options the service put in #ceremony, then the answer is posted, as JSON, to our own origin.
"use strict";
(function () {
  const box = document.getElementById("ceremony");
  if (!box) return;
  const status = document.getElementById("status");
  const start = document.getElementById("start");

  function say(text, outcome) {
    status.textContent = text;
    if (outcome) status.dataset.outcome = outcome;
  }

  function fromBase64url(text) {
    const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
  }

  function toBase64url(buffer) {
    let text = "";
    for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map((c) => Object.assign({}, c, { id: fromBase64url(c.id) }));
  }

  function creationOptions(options) {
    return Object.assign({}, options, {
      challenge: fromBase64url(options.challenge),
      user: Object.assign({}, options.user, { id: fromBase64url(options.user.id) }),
      excludeCredentials: descriptors(options.excludeCredentials),
    });
  }

  function requestOptions(options) {
    return Object.assign({}, options, {
      challenge: fromBase64url(options.challenge),
      allowCredentials: descriptors(options.allowCredentials),
    });
  }

  function serialise(credential) {
    const r = credential.response;
    const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
    };
  }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    say(box.dataset.unsupported, "unsupported");
    start.disabled = true;
    return;
  }

  start.addEventListener("click", async function () {
    start.disabled = true;
    say(box.dataset.working);
    const options = JSON.parse(box.dataset.options);
    let credential;
    try {
      credential =
        box.dataset.purpose === "enrol"
          ? await navigator.credentials.create({ publicKey: creationOptions(options) })
          : await navigator.credentials.get({ publicKey: requestOptions(options) });
    } catch (error) {
      // cancelled, timed out, or no matching authenticator: the ticket still holds, try again
      say(box.dataset.cancelled, "cancelled");
      start.disabled = false;
      return;
    }
    const body = { csrf: box.dataset.csrf, ticket: box.dataset.ticket, credential: serialise(credential) };
    const name = document.getElementById("name");
    if (name) body.name = name.value;
    try {
      const answer = await fetch(box.dataset.finish, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      const result = await answer.json();
      say(result.message, result.outcome);
    } catch (error) {
      say(box.dataset.failed, "refused");
    }
  });
  // the button works from now on (until then a click did nothing)
  box.dataset.ready = "yes";
})();
