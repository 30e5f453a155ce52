//! Stateless, versioned custom ids for buttons and forms: `hv1:<kind>:<fields>`.
//!
//! Every component carries what it needs, so one global handler serves it and a button made
//! before a restart still works after it. Anything that does not parse exactly is refused.

use super::ids::{CoupleId, InvitationId};
use super::prompt::Practice;

const VERSION: &str = "hv1";
/// Discord's limit on a custom id.
pub const MAX_LEN: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentId {
    /// The invited partner accepts the invitation.
    AcceptInvitation(InvitationId),
    /// The invited partner declines the invitation.
    DeclineInvitation(InvitationId),
    /// A partner confirms `/forget` for their couple.
    ConfirmForget(CoupleId),
    /// A partner keeps their data after all.
    CancelForget(CoupleId),
    /// Another prompt of this practice, please. The id also carries the post's marker, which
    /// finds the post again when a channel is read back; the handler does not need it.
    AnotherPrompt(Practice),
    /// Show the help (the welcome post's button; it also carries the post's marker).
    Help,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CustomIdError {
    #[error("custom id too long")]
    TooLong,
    #[error("custom id from another version or app")]
    UnknownVersion,
    #[error("malformed custom id")]
    Malformed,
}

impl ComponentId {
    pub fn encode(&self) -> String {
        match self {
            ComponentId::AcceptInvitation(id) => format!("{VERSION}:inv:acc:{}", id.0),
            ComponentId::DeclineInvitation(id) => format!("{VERSION}:inv:dec:{}", id.0),
            ComponentId::ConfirmForget(c) => format!("{VERSION}:fgt:yes:{}", c.0),
            ComponentId::CancelForget(c) => format!("{VERSION}:fgt:no:{}", c.0),
            ComponentId::AnotherPrompt(p) => Self::another_prompt(*p, "x"),
            ComponentId::Help => Self::help("x"),
        }
    }

    /// The help button of a post carrying `marker` (lowercase letters and digits).
    pub fn help(marker: &str) -> String {
        format!("{VERSION}:help:{marker}")
    }

    /// The Another prompt button of a post carrying `marker` (lowercase letters and digits).
    pub fn another_prompt(practice: Practice, marker: &str) -> String {
        format!("{VERSION}:ap:{}:{marker}", practice.key())
    }

    pub fn parse(s: &str) -> Result<ComponentId, CustomIdError> {
        if s.len() > MAX_LEN {
            return Err(CustomIdError::TooLong);
        }
        let parts: Vec<&str> = s.split(':').collect();
        if parts.first() != Some(&VERSION) {
            return Err(CustomIdError::UnknownVersion);
        }
        let id = |p: &str| -> Result<u64, CustomIdError> {
            // Digits only: no sign, no spaces, no leading zeros, nonzero.
            if p.is_empty()
                || p.len() > 20
                || !p.bytes().all(|b| b.is_ascii_digit())
                || p.starts_with('0')
            {
                return Err(CustomIdError::Malformed);
            }
            p.parse().map_err(|_| CustomIdError::Malformed)
        };
        match parts[1..] {
            ["inv", "acc", n] => Ok(ComponentId::AcceptInvitation(InvitationId(id(n)?))),
            ["inv", "dec", n] => Ok(ComponentId::DeclineInvitation(InvitationId(id(n)?))),
            ["fgt", "yes", n] => Ok(ComponentId::ConfirmForget(CoupleId(id(n)?))),
            ["fgt", "no", n] => Ok(ComponentId::CancelForget(CoupleId(id(n)?))),
            ["help", marker] if is_marker(marker) => Ok(ComponentId::Help),
            ["ap", practice, marker] if is_marker(marker) => Practice::ALL
                .into_iter()
                .find(|p| p.key() == practice)
                .map(ComponentId::AnotherPrompt)
                .ok_or(CustomIdError::Malformed),
            _ => Err(CustomIdError::Malformed),
        }
    }
}

/// A post's marker: 1-24 lowercase letters and digits.
fn is_marker(m: &str) -> bool {
    !m.is_empty()
        && m.len() <= 24
        && m.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for c in [
            ComponentId::AcceptInvitation(InvitationId(1)),
            ComponentId::DeclineInvitation(InvitationId(u64::MAX)),
            ComponentId::ConfirmForget(CoupleId(42)),
            ComponentId::CancelForget(CoupleId(7)),
            ComponentId::AnotherPrompt(Practice::ActiveListening),
            ComponentId::Help,
        ] {
            let s = c.encode();
            assert!(s.len() <= MAX_LEN);
            assert_eq!(ComponentId::parse(&s), Ok(c));
        }
    }

    #[test]
    fn forged_and_stale_ids_are_refused() {
        for bad in [
            "",
            "hv1",
            "hv1:",
            "hv0:inv:acc:1",
            "hv2:inv:acc:1",
            "hv1:inv:acc:",
            "hv1:inv:acc:0",
            "hv1:inv:acc:01",
            "hv1:inv:acc:-1",
            "hv1:inv:acc:+1",
            "hv1:inv:acc: 1",
            "hv1:inv:acc:1:extra",
            "hv1:inv:acc:18446744073709551616",
            "hv1:inv:xyz:1",
            "hv1:fgt:yes",
            "hv1:fgt:yes:1:2",
            "hv1:fgt:no:x",
            "hv1:ap:appreciation:",
            "hv1:ap:appreciation:N1",
            "hv1:ap:Appreciation:n1",
            "hv1:ap:romance:n1",
            "hv1:ap:appreciation:n1:2",
            "hv1:help:",
            "hv1:help:W1",
            "hv1:help:w1:x",
            "HV1:inv:acc:1",
            "hv1:inv:acc:１",
            "hv1:inv:acc:1\u{0}",
        ] {
            assert!(ComponentId::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            ComponentId::parse(&format!("hv1:inv:acc:{}", "9".repeat(200))),
            Err(CustomIdError::TooLong)
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_strings_never_panic(s in ".{0,120}") {
            let _ = ComponentId::parse(&s);
        }
    }
}
