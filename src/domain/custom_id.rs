//! Stateless, versioned custom ids for buttons and forms: `hv1:<kind>:<fields>`.
//!
//! Every component carries what it needs, so one global handler serves it and a button made
//! before a restart still works after it. Anything that does not parse exactly is refused.

use chrono::NaiveDate;

use super::checkin::{day_code, parse_day_code};
use super::forget::ForgetChoice;
use super::ids::{CoupleId, InvitationId};
use super::onmymind::OmId;
use super::prompt::Deck;

const VERSION: &str = "hv1";
/// Discord's limit on a custom id.
pub const MAX_LEN: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentId {
    /// The invited partner accepts the invitation.
    AcceptInvitation(InvitationId),
    /// The invited partner declines the invitation.
    DeclineInvitation(InvitationId),
    /// A partner answers /forget's first question: remove haven's posts, or leave them.
    /// Nothing is deleted yet.
    ForgetPosts {
        couple: CoupleId,
        remove_posts: bool,
    },
    /// A partner answers /forget's last question (tell the partner, or forget quietly), with
    /// the first answer carried along: the couple is deleted. Couple ids are never given twice,
    /// so a stale button never reaches a newer couple.
    ConfirmForget {
        couple: CoupleId,
        choice: ForgetChoice,
    },
    /// A partner keeps their data after all.
    CancelForget(CoupleId),
    /// Another prompt of this deck (a practice's deck has the practice's key, so buttons made
    /// before decks still work), please. The id also carries the post's marker, which finds the
    /// post again when a channel is read back; the handler does not need it.
    AnotherPrompt(Deck),
    /// Something lighter from this deck, please (a light prompt).
    Lighter(Deck),
    /// Show the help (the welcome post's button; it also carries the post's marker).
    Help,
    /// Check in for today (a post's button; the day is decided when it is pressed).
    CheckIn,
    /// The check-in form, for the couple-day fixed when it was opened.
    CheckinForm(NaiveDate),
    /// Reopen the form of a day, pre-filled with the kept draft.
    EditCheckin(NaiveDate),
    /// Reflect back the answer of the partner in `slot` (0 or 1) on a day's reveal.
    ReflectBack { day: NaiveDate, slot: u8 },
    /// The reflection form for that answer.
    ReflectForm { day: NaiveDate, slot: u8 },
    /// The answer's author says whether they felt heard.
    FeltHeard { reflection: u64, heard: bool },
    /// Show the couple's anniversary, privately (the button under the note that it changed).
    ShowAnniversary,
    /// "On my mind": its buttons and form (`hv1:om:…`).
    OnMyMind(OmId),
    /// The weekly digest's pulse button, the same for every couple (it carries the post's
    /// marker): this week's pulse form for a partner who takes it, a word about it otherwise.
    PulseDigest,
    /// Opens the couple's pulse form for the week it is when pressed (`/pulse`'s button, and
    /// Try again after a form that could not be saved).
    PulseOpen(CoupleId),
    /// The pulse form of one couple's week (the couple-day of that week's digest day).
    PulseForm { couple: CoupleId, week: NaiveDate },
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
            ComponentId::ForgetPosts {
                couple,
                remove_posts,
            } => format!(
                "{VERSION}:fgt:posts:{}:{}",
                couple.0,
                u8::from(*remove_posts)
            ),
            ComponentId::ConfirmForget { couple, choice } => format!(
                "{VERSION}:fgt:go:{}:{}:{}",
                couple.0,
                u8::from(choice.remove_posts),
                u8::from(choice.tell_partner)
            ),
            ComponentId::CancelForget(c) => format!("{VERSION}:fgt:no:{}", c.0),
            ComponentId::AnotherPrompt(d) => Self::another_prompt(*d, "x"),
            ComponentId::Lighter(d) => Self::lighter(*d, "x"),
            ComponentId::Help => Self::help("x"),
            ComponentId::CheckIn => Self::check_in("x"),
            ComponentId::CheckinForm(d) => format!("{VERSION}:cf:{}", day_code(*d)),
            ComponentId::EditCheckin(d) => format!("{VERSION}:ce:{}", day_code(*d)),
            ComponentId::ReflectBack { day, slot } => Self::reflect_back(*day, *slot, "x"),
            ComponentId::ReflectForm { day, slot } => {
                format!("{VERSION}:rf:{}:{slot}", day_code(*day))
            }
            ComponentId::FeltHeard { reflection, heard } => {
                Self::felt_heard(*reflection, *heard, "x")
            }
            ComponentId::ShowAnniversary => Self::show_anniversary("x"),
            ComponentId::OnMyMind(o) => format!("{VERSION}:om:{}", o.encode_tail()),
            ComponentId::PulseDigest => Self::pulse_digest("x"),
            ComponentId::PulseOpen(c) => format!("{VERSION}:pl:o:{}", c.0),
            ComponentId::PulseForm { couple, week } => {
                format!("{VERSION}:pl:f:{}:{}", couple.0, day_code(*week))
            }
        }
    }

    /// The pulse button of a digest carrying `marker`.
    pub fn pulse_digest(marker: &str) -> String {
        format!("{VERSION}:pl:d:{marker}")
    }

    /// A Felt heard / Not quite button of a reflection post carrying `marker`.
    pub fn felt_heard(reflection: u64, heard: bool, marker: &str) -> String {
        format!("{VERSION}:fh:{reflection}:{}:{marker}", u8::from(heard))
    }

    /// The See the date button of the note carrying `marker` that the anniversary changed.
    pub fn show_anniversary(marker: &str) -> String {
        format!("{VERSION}:an:show:{marker}")
    }

    /// The Check in button of a post carrying `marker`.
    pub fn check_in(marker: &str) -> String {
        format!("{VERSION}:ci:{marker}")
    }

    /// The Reflect back button of a reveal carrying `marker`.
    pub fn reflect_back(day: NaiveDate, slot: u8, marker: &str) -> String {
        format!("{VERSION}:rb:{}:{slot}:{marker}", day_code(day))
    }

    /// The help button of a post carrying `marker` (lowercase letters and digits).
    pub fn help(marker: &str) -> String {
        format!("{VERSION}:help:{marker}")
    }

    /// The Another prompt button of a post carrying `marker` (lowercase letters and digits).
    pub fn another_prompt(deck: impl Into<Deck>, marker: &str) -> String {
        format!("{VERSION}:ap:{}:{marker}", deck.into().key())
    }

    /// The Lighter button of a post carrying `marker` (lowercase letters and digits).
    pub fn lighter(deck: Deck, marker: &str) -> String {
        format!("{VERSION}:lt:{}:{marker}", deck.key())
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
            ["fgt", "posts", n, posts @ ("0" | "1")] => Ok(ComponentId::ForgetPosts {
                couple: CoupleId(id(n)?),
                remove_posts: posts == "1",
            }),
            ["fgt", "go", n, posts @ ("0" | "1"), tell @ ("0" | "1")] => {
                Ok(ComponentId::ConfirmForget {
                    couple: CoupleId(id(n)?),
                    choice: ForgetChoice {
                        remove_posts: posts == "1",
                        tell_partner: tell == "1",
                    },
                })
            }
            ["fgt", "no", n] => Ok(ComponentId::CancelForget(CoupleId(id(n)?))),
            ["help", marker] if is_marker(marker) => Ok(ComponentId::Help),
            ["ci", marker] if is_marker(marker) => Ok(ComponentId::CheckIn),
            ["cf", d] => parse_day_code(d)
                .map(ComponentId::CheckinForm)
                .ok_or(CustomIdError::Malformed),
            ["ce", d] => parse_day_code(d)
                .map(ComponentId::EditCheckin)
                .ok_or(CustomIdError::Malformed),
            ["rb", d, slot @ ("0" | "1"), marker] if is_marker(marker) => {
                let day = parse_day_code(d).ok_or(CustomIdError::Malformed)?;
                Ok(ComponentId::ReflectBack {
                    day,
                    slot: u8::from(slot == "1"),
                })
            }
            ["rf", d, slot @ ("0" | "1")] => {
                let day = parse_day_code(d).ok_or(CustomIdError::Malformed)?;
                Ok(ComponentId::ReflectForm {
                    day,
                    slot: u8::from(slot == "1"),
                })
            }
            ["fh", n, flag @ ("0" | "1"), marker] if is_marker(marker) => {
                Ok(ComponentId::FeltHeard {
                    reflection: id(n)?,
                    heard: flag == "1",
                })
            }
            ["an", "show", marker] if is_marker(marker) => Ok(ComponentId::ShowAnniversary),
            ["ap", deck, marker] if is_marker(marker) => Deck::ALL
                .into_iter()
                .filter(|d| d.on_request())
                .find(|d| d.key() == deck)
                .map(ComponentId::AnotherPrompt)
                .ok_or(CustomIdError::Malformed),
            ["lt", deck, marker] if is_marker(marker) => Deck::ALL
                .into_iter()
                .filter(|d| d.on_request())
                .find(|d| d.key() == deck)
                .map(ComponentId::Lighter)
                .ok_or(CustomIdError::Malformed),
            ["om", ref rest @ ..] => OmId::parse_tail(rest)
                .map(ComponentId::OnMyMind)
                .ok_or(CustomIdError::Malformed),
            ["pl", "d", marker] if is_marker(marker) => Ok(ComponentId::PulseDigest),
            ["pl", "o", n] => Ok(ComponentId::PulseOpen(CoupleId(id(n)?))),
            ["pl", "f", n, d] => Ok(ComponentId::PulseForm {
                couple: CoupleId(id(n)?),
                week: parse_day_code(d).ok_or(CustomIdError::Malformed)?,
            }),
            _ => Err(CustomIdError::Malformed),
        }
    }
}

/// A post's marker: 1-40 lowercase letters and digits.
fn is_marker(m: &str) -> bool {
    !m.is_empty()
        && m.len() <= 40
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
            ComponentId::ForgetPosts {
                couple: CoupleId(42),
                remove_posts: true,
            },
            ComponentId::ForgetPosts {
                couple: CoupleId(42),
                remove_posts: false,
            },
            ComponentId::ConfirmForget {
                couple: CoupleId(u64::MAX),
                choice: ForgetChoice {
                    remove_posts: true,
                    tell_partner: false,
                },
            },
            ComponentId::ConfirmForget {
                couple: CoupleId(43),
                choice: ForgetChoice {
                    remove_posts: false,
                    tell_partner: true,
                },
            },
            ComponentId::CancelForget(CoupleId(7)),
            ComponentId::AnotherPrompt(Deck::ActiveListening),
            ComponentId::AnotherPrompt(Deck::Repair),
            ComponentId::Lighter(Deck::TheirWorld),
            ComponentId::Lighter(Deck::Appreciation),
            ComponentId::Help,
            ComponentId::CheckIn,
            ComponentId::CheckinForm(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()),
            ComponentId::EditCheckin(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            ComponentId::ReflectBack {
                day: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                slot: 1,
            },
            ComponentId::ReflectForm {
                day: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                slot: 0,
            },
            ComponentId::FeltHeard {
                reflection: 9,
                heard: false,
            },
            ComponentId::ShowAnniversary,
            ComponentId::PulseDigest,
            ComponentId::PulseOpen(CoupleId(u64::MAX)),
            ComponentId::PulseForm {
                couple: CoupleId(3),
                week: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            },
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
            // The confirmations of earlier versions deleted at once: stale now.
            "hv1:fgt:yes:1",
            "hv1:fgt:del:1",
            "hv1:fgt:no:x",
            "hv1:fgt:posts:1",
            "hv1:fgt:posts:1:2",
            "hv1:fgt:posts:0:1",
            "hv1:fgt:go:1:1",
            "hv1:fgt:go:1:1:0:0",
            "hv1:fgt:go:1:y:n",
            "hv1:ap:appreciation:",
            "hv1:ap:appreciation:N1",
            "hv1:ap:Appreciation:n1",
            "hv1:ap:romance:n1",
            "hv1:ap:appreciation:n1:2",
            "hv1:lt:appreciation:",
            "hv1:lt:Us:n1",
            "hv1:lt:romance:n1",
            "hv1:help:",
            "hv1:help:W1",
            "hv1:help:w1:x",
            "hv1:cf:20260230",
            "hv1:cf:2026-02-28",
            "hv1:ce:",
            "hv1:rb:20260101:2:v1",
            "hv1:rb:20260101:0",
            "hv1:rf:20260101:01",
            "hv1:fh:1:2:f1",
            "hv1:fh:0:1:f1",
            "hv1:fh:1:1",
            "hv1:ci:",
            // The anniversary's deck is never asked for by a button.
            "hv1:ap:anniversary:n1",
            "hv1:lt:anniversary:n1",
            "hv1:an:show:",
            "hv1:an:show:Y1",
            "hv1:an:show:y1:x",
            "hv1:an:hide:y1",
            "hv1:an:y1",
            "HV1:inv:acc:1",
            "hv1:inv:acc:１",
            "hv1:inv:acc:1\u{0}",
            "hv1:pl",
            "hv1:pl:d",
            "hv1:pl:d:",
            "hv1:pl:d:D1",
            "hv1:pl:d:d1:x",
            "hv1:pl:o",
            "hv1:pl:o:0",
            "hv1:pl:o:x",
            "hv1:pl:o:1:2",
            "hv1:pl:f:1",
            "hv1:pl:f:1:20261330",
            "hv1:pl:f:0:20261129",
            "hv1:pl:f:1:2026-11-29",
            "hv1:pl:f:1:20261129:x",
            "hv1:pl:x:1",
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
