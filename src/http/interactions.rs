//! `POST /interactions`, for HTTP interactions mode: Discord signs each request with the
//! application's key (Ed25519 over the `X-Signature-Timestamp` header followed by the body).
//! Anything unsigned, badly signed or stale is answered 401 before it is read (Discord sends
//! bad signatures on purpose to check this); a body over [`MAX_BODY_BYTES`] is answered 413.
//! A verified PING is answered `{"type":1}`; anything else runs the same handlers as the
//! gateway, through the Discord layer's [`crate::ops::InteractionSink`].
//!
//! Answering: the handlers answer through the REST callback endpoint, exactly as on the
//! gateway, and the POST is then answered 202 with no body, as Discord documents for a
//! callback sent over REST. Answering inline instead would need a second way for every
//! handler to answer, and could not carry an attachment (`/export`'s file goes as multipart).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use ed25519_dalek::{Signature, VerifyingKey};

use crate::ops::SinkReply;

/// Discord's interaction payloads are a few kilobytes; a message command's resolved message
/// is the largest. Anything far beyond is refused unread.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How far a signature's timestamp may be from this machine's clock (a replayed request is
/// refused once it is older than this).
pub const TIMESTAMP_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Why a request was refused before it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    MissingHeader,
    MalformedHeader,
    BadSignature,
    StaleTimestamp,
}

/// Checks Discord's signature over `timestamp` + `body`, and that the timestamp is recent.
pub fn verify(
    key: &VerifyingKey,
    signature: Option<&[u8]>,
    timestamp: Option<&[u8]>,
    body: &[u8],
    now_unix: u64,
) -> Result<(), Rejected> {
    let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
        return Err(Rejected::MissingHeader);
    };
    let bytes: [u8; 64] = hex::decode(signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(Rejected::MalformedHeader)?;
    let signature = Signature::from_bytes(&bytes);
    let mut signed = Vec::with_capacity(timestamp.len() + body.len());
    signed.extend_from_slice(timestamp);
    signed.extend_from_slice(body);
    key.verify_strict(&signed, &signature)
        .map_err(|_| Rejected::BadSignature)?;
    let at: u64 = std::str::from_utf8(timestamp)
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .ok_or(Rejected::MalformedHeader)?;
    if now_unix.abs_diff(at) > TIMESTAMP_TOLERANCE.as_secs() {
        return Err(Rejected::StaleTimestamp);
    }
    Ok(())
}

pub async fn receive(
    State(state): State<super::State>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(key) = &state.public_key else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let header = |name: &str| headers.get(name).map(|v| v.as_bytes());
    if let Err(why) = verify(
        key,
        header("x-signature-ed25519"),
        header("x-signature-timestamp"),
        &body,
        now,
    ) {
        tracing::debug!(?why, "an interaction POST was refused");
        return (StatusCode::UNAUTHORIZED, "invalid request signature").into_response();
    }
    let Some(sink) = state.services.ops.interactions() else {
        // Still starting (or stopping): Discord shows the person that it failed.
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    match sink.handle(body.to_vec()).await {
        SinkReply::Pong => (
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"type":1}"#,
        )
            .into_response(),
        SinkReply::Accepted => StatusCode::ACCEPTED.into_response(),
        SinkReply::BadRequest => StatusCode::BAD_REQUEST.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::{Signer, SigningKey};

    use super::*;

    fn signed(key: &SigningKey, ts: &str, body: &[u8]) -> String {
        let mut m = ts.as_bytes().to_vec();
        m.extend_from_slice(body);
        hex::encode(key.sign(&m).to_bytes())
    }

    #[test]
    fn only_a_fresh_signature_over_timestamp_and_body_passes() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let public = key.verifying_key();
        let body = br#"{"type":1}"#;
        let now = 1_800_000_000;
        let ts = now.to_string();
        let sig = signed(&key, &ts, body);
        let check = |sig: Option<&str>, ts: Option<&str>, body: &[u8], now| {
            verify(
                &public,
                sig.map(str::as_bytes),
                ts.map(str::as_bytes),
                body,
                now,
            )
        };
        assert_eq!(check(Some(&sig), Some(&ts), body, now), Ok(()));
        assert_eq!(check(Some(&sig), Some(&ts), body, now + 200), Ok(()));
        assert_eq!(
            check(None, Some(&ts), body, now),
            Err(Rejected::MissingHeader)
        );
        assert_eq!(
            check(Some(&sig), None, body, now),
            Err(Rejected::MissingHeader)
        );
        assert_eq!(
            check(Some("zz"), Some(&ts), body, now),
            Err(Rejected::MalformedHeader)
        );
        assert_eq!(
            check(Some(&sig[..126]), Some(&ts), body, now),
            Err(Rejected::MalformedHeader)
        );
        assert_eq!(
            check(Some(&sig), Some(&(now + 1).to_string()), body, now),
            Err(Rejected::BadSignature)
        );
        assert_eq!(
            check(Some(&sig), Some(&ts), br#"{"type":2}"#, now),
            Err(Rejected::BadSignature)
        );
        let other = SigningKey::from_bytes(&[8; 32]);
        assert_eq!(
            check(Some(&signed(&other, &ts, body)), Some(&ts), body, now),
            Err(Rejected::BadSignature)
        );
        // A genuine signature replayed long after.
        assert_eq!(
            check(Some(&sig), Some(&ts), body, now + 3600),
            Err(Rejected::StaleTimestamp)
        );
    }
}
