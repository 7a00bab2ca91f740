//! The proof that a webhook came from LINE: Base64(HMAC-SHA256(channel secret, raw body)), checked against every configured secret.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The channel secrets a webhook may be signed with: more than one while a secret is being rotated.
#[derive(Clone)]
pub struct ChannelSecrets(Vec<Vec<u8>>);

impl std::fmt::Debug for ChannelSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChannelSecrets([{} redacted])", self.0.len())
    }
}

impl ChannelSecrets {
    /// Secrets taken as the bytes they are written with (LINE's secret is hex text, but it is not hex-decoded).
    pub fn new(secrets: impl IntoIterator<Item = impl AsRef<[u8]>>) -> ChannelSecrets {
        ChannelSecrets(secrets.into_iter().map(|s| s.as_ref().to_vec()).filter(|s| !s.is_empty()).collect())
    }

    /// The secrets' bytes, for adding another secret beside them.
    pub fn raw(&self) -> &[Vec<u8>] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `signature` (the `x-line-signature` header) signs `body` under any of the secrets, compared in constant time.
    pub fn verify(&self, body: &[u8], signature: &str) -> bool {
        let Ok(claimed) = STANDARD.decode(signature.trim()) else {
            return false;
        };
        self.0.iter().any(|secret| {
            let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length");
            mac.update(body);
            mac.verify_slice(&claimed).is_ok()
        })
    }
}

/// Signs `body` as LINE would with `secret`; the emulator, tests and the benchmark use it.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(body);
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_signed_with_the_secret_verifies() {
        let secrets = ChannelSecrets::new(["secret"]);
        let body = "{\"events\":[],\"text\":\"🍣\"}".as_bytes();
        assert!(secrets.verify(body, &sign(b"secret", body)));
    }

    #[test]
    fn a_signature_made_with_another_secret_or_body_fails() {
        let secrets = ChannelSecrets::new(["secret"]);
        assert!(!secrets.verify(b"body", &sign(b"other", b"body")));
        assert!(!secrets.verify(b"body2", &sign(b"secret", b"body")));
    }

    #[test]
    fn a_truncated_or_non_base64_signature_fails() {
        let secrets = ChannelSecrets::new(["secret"]);
        let good = sign(b"secret", b"body");
        assert!(!secrets.verify(b"body", &good[..good.len() - 4]));
        assert!(!secrets.verify(b"body", "not base64!"));
        assert!(!secrets.verify(b"body", ""));
    }

    #[test]
    fn either_of_two_secrets_verifies_during_rotation() {
        let secrets = ChannelSecrets::new(["old", "new"]);
        assert!(secrets.verify(b"b", &sign(b"old", b"b")));
        assert!(secrets.verify(b"b", &sign(b"new", b"b")));
        assert!(!secrets.verify(b"b", &sign(b"retired", b"b")));
    }

    #[test]
    fn debug_output_never_shows_a_secret() {
        assert!(!format!("{:?}", ChannelSecrets::new(["topsecret"])).contains("topsecret"));
    }
}
