//! "On my mind" (PRODUCT.md section 11): a partner's private notes of things they would like to
//! talk about, bringing one up, the time the other partner picks, and the buttons and forms of
//! it all. Pure rules: no Discord, no SQL.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;

use super::checkin::couple_day;
use super::ids::{CoupleId, UserId};
use super::text::clean;
use super::time::{local_instant, LocalTime};

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;
/// The most notes a partner keeps open (brought up but not talked about counts as open).
pub const MAX_OPEN_NOTES: u32 = 20;
/// The longest part of the opener (what I feel / about what / what I'd love), in characters.
pub const MAX_PART_CHARS: usize = 600;
/// "Tonight" and "tomorrow" mean this hour, local to the couple.
pub const EVENING_HOUR: u32 = 20;
/// Past this local hour "tonight" means tomorrow evening; before it and after the evening
/// hour, an hour from now.
pub const LATE_HOUR: u32 = 23;
/// "This weekend" means the next Saturday or Sunday at this hour.
pub const WEEKEND_HOUR: u32 = 11;
/// The author is asked how it went at this local hour of the day after the talk.
pub const ASK_HOUR: u32 = 10;

/// Where a note stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteStatus {
    /// Kept privately: only its author knows it exists.
    Open,
    /// Posted in the channel; the talk is still to come.
    BroughtUp,
    /// Its author said they talked about it.
    Done,
}

impl NoteStatus {
    pub fn code(self) -> &'static str {
        match self {
            NoteStatus::Open => "open",
            NoteStatus::BroughtUp => "brought_up",
            NoteStatus::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<NoteStatus> {
        [NoteStatus::Open, NoteStatus::BroughtUp, NoteStatus::Done]
            .into_iter()
            .find(|n| n.code() == s)
    }
}

/// One note, as its author sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: u64,
    pub couple_id: CoupleId,
    pub author: UserId,
    pub text: String,
    pub status: NoteStatus,
    /// The opener as the author edited it, waiting for them to choose how to post it.
    pub draft: Option<String>,
    /// Whether the post carried the author's words.
    pub with_words: Option<bool>,
    /// What the partner picked, and when that is.
    pub picked: Option<Pick>,
    pub talk_at: Option<DateTime<Utc>>,
    /// The occurrences of its posts in the outbox: the bring-up, the reminder, the follow-up.
    pub post_at: Option<DateTime<Utc>>,
    pub reminder_at: Option<DateTime<Utc>>,
    pub ask_at: Option<DateTime<Utc>>,
    /// The follow-up could not reach the author by DM: it waits for their next reply here.
    pub ask_here: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// When the other partner would like to talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Tonight,
    Tomorrow,
    Weekend,
}

impl Pick {
    pub const ALL: [Pick; 3] = [Pick::Tonight, Pick::Tomorrow, Pick::Weekend];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Pick::Tonight => "tonight",
            Pick::Tomorrow => "tomorrow",
            Pick::Weekend => "weekend",
        }
    }

    pub fn parse(s: &str) -> Option<Pick> {
        Pick::ALL.into_iter().find(|p| p.code() == s)
    }

    /// One letter in a custom id.
    fn letter(self) -> &'static str {
        match self {
            Pick::Tonight => "t",
            Pick::Tomorrow => "m",
            Pick::Weekend => "w",
        }
    }

    /// The instant a pick made at `now` means, in the couple's time zone: tonight is today at
    /// 20:00, or an hour from now once 20:00 has passed (until 23:00, after which it is
    /// tomorrow at 20:00); tomorrow is the next day at 20:00; this weekend is the next
    /// Saturday or Sunday at 11:00 that is still ahead. A wall-clock time a DST change skips
    /// follows haven's DST rule.
    pub fn time(self, now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let local = now.with_timezone(&tz);
        let today = local.date_naive();
        let at = |d: NaiveDate, h: u32| {
            local_instant(tz, d, NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default())
        };
        let next_day = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        match self {
            Pick::Tonight => {
                let evening = at(today, EVENING_HOUR);
                if now < evening {
                    evening
                } else if local.hour() < LATE_HOUR {
                    let later = now + Duration::hours(1);
                    later
                        .with_second(0)
                        .and_then(|t| t.with_nanosecond(0))
                        .unwrap_or(later)
                } else {
                    at(next_day(today), EVENING_HOUR)
                }
            }
            Pick::Tomorrow => at(next_day(today), EVENING_HOUR),
            Pick::Weekend => {
                let mut d = today;
                for _ in 0..9 {
                    if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                        let t = at(d, WEEKEND_HOUR);
                        if t > now {
                            return t;
                        }
                    }
                    d = next_day(d);
                }
                at(d, WEEKEND_HOUR)
            }
        }
    }
}

/// When the author is asked how it went: 10:00 local (or when the couple-day starts, if later)
/// on the couple-day after the talk's.
pub fn ask_time(talk_at: DateTime<Utc>, tz: Tz, day_start: LocalTime) -> DateTime<Utc> {
    let day = couple_day(talk_at, tz, day_start);
    let next = day.succ_opt().unwrap_or(day);
    let ask = NaiveTime::from_hms_opt(ASK_HOUR, 0, 0).unwrap_or_default();
    let start = NaiveTime::from_hms_opt(day_start.hour.into(), day_start.minute.into(), 0)
        .unwrap_or_default();
    local_instant(tz, next, ask.max(start))
}

/// Why a note's text cannot be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteTextError {
    Empty,
    TooLong { max: usize },
}

/// A note's text through the one cleaning rule, at most [`MAX_NOTE_CHARS`] characters.
pub fn note_text(input: &str) -> Result<String, NoteTextError> {
    let text = clean(input).ok_or(NoteTextError::Empty)?;
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(NoteTextError::TooLong {
            max: MAX_NOTE_CHARS,
        });
    }
    Ok(text)
}

/// The opener from the form's three parts, each through the cleaning rule (an empty part is
/// left out): one paragraph per part, in the author's own words. `None` when all are empty or
/// one is too long.
pub fn opener(parts: [&str; 3]) -> Result<String, NoteTextError> {
    let mut kept = Vec::new();
    for p in parts {
        if p.chars().count() > MAX_PART_CHARS {
            return Err(NoteTextError::TooLong {
                max: MAX_PART_CHARS,
            });
        }
        if let Some(p) = clean(p) {
            kept.push(p);
        }
    }
    if kept.is_empty() {
        return Err(NoteTextError::Empty);
    }
    Ok(kept.join("\n"))
}

/// A reason to say no to something about a note, shown as one kind sentence. A note that is not
/// the asker's own is refused exactly as a missing one, so nobody learns another's notes exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteRefusal {
    NotFound,
    Text(NoteTextError),
    TooMany {
        max: u32,
    },
    /// It was brought up already (a second press, or an edit of a posted note).
    AlreadyBroughtUp,
    /// The form was not filled in (or the note changed since).
    NoDraft,
    /// The author pressed a button meant for their partner.
    ForYourPartner,
    /// Someone other than the partner it was brought up with (or an outsider).
    NotForYou,
    /// The talk was already reminded of; the time can no longer change.
    AlreadyReminded,
    /// A button of a talk that is over (answered, deleted or forgotten).
    Over,
}

/// The buttons and forms of "on my mind" (`hv1:om:…`). Each carries what it needs; a note id
/// never tells anyone but its author anything, because every handler checks who presses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OmId {
    /// Open the form that helps phrase a gentle start (`/onmymind list`'s button).
    Bring(u64),
    /// The form itself.
    Form(u64),
    /// Post the opener, with or without the author's words.
    Post { note: u64, with_words: bool },
    /// The partner picks a time (`None`: "I need a little more time"). Carries the post's marker.
    Pick {
        note: u64,
        pick: Option<Pick>,
        marker: MarkerTail,
    },
    /// The author says whether they talked (in a DM, so the couple travels along). Carries the
    /// follow-up's marker.
    Answer {
        couple: CoupleId,
        note: u64,
        talked: bool,
        marker: MarkerTail,
    },
}

/// A post's marker carried at the end of a custom id (at most 40 lowercase letters and digits),
/// stored inline so ids stay `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerTail {
    len: u8,
    bytes: [u8; 40],
}

impl MarkerTail {
    pub fn new(m: &str) -> Option<MarkerTail> {
        let ok = !m.is_empty()
            && m.len() <= 40
            && m.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !ok {
            return None;
        }
        let mut bytes = [0; 40];
        bytes[..m.len()].copy_from_slice(m.as_bytes());
        Some(MarkerTail {
            len: m.len() as u8,
            bytes,
        })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("x")
    }
}

/// Digits only: no sign, no spaces, no leading zeros, nonzero.
fn id(p: &str) -> Option<u64> {
    if p.is_empty() || p.len() > 20 || !p.bytes().all(|b| b.is_ascii_digit()) || p.starts_with('0')
    {
        return None;
    }
    p.parse().ok()
}

impl OmId {
    /// The fields after `hv1:om:`.
    pub fn encode_tail(&self) -> String {
        match self {
            OmId::Bring(n) => format!("b:{n}"),
            OmId::Form(n) => format!("f:{n}"),
            OmId::Post { note, with_words } => format!("w:{note}:{}", u8::from(*with_words)),
            OmId::Pick { note, pick, marker } => format!(
                "p:{note}:{}:{}",
                pick.map_or("l", Pick::letter),
                marker.as_str()
            ),
            OmId::Answer {
                couple,
                note,
                talked,
                marker,
            } => format!(
                "a:{}:{note}:{}:{}",
                couple.0,
                u8::from(*talked),
                marker.as_str()
            ),
        }
    }

    /// Reads the fields after `hv1:om:`; anything that does not parse exactly is `None`.
    pub fn parse_tail(parts: &[&str]) -> Option<OmId> {
        match parts {
            ["b", n] => Some(OmId::Bring(id(n)?)),
            ["f", n] => Some(OmId::Form(id(n)?)),
            ["w", n, flag @ ("0" | "1")] => Some(OmId::Post {
                note: id(n)?,
                with_words: *flag == "1",
            }),
            ["p", n, which, marker] => {
                let pick = match *which {
                    "l" => None,
                    w => Some(Pick::ALL.into_iter().find(|p| p.letter() == w)?),
                };
                Some(OmId::Pick {
                    note: id(n)?,
                    pick,
                    marker: MarkerTail::new(marker)?,
                })
            }
            ["a", c, n, flag @ ("0" | "1"), marker] => Some(OmId::Answer {
                couple: CoupleId(id(c)?),
                note: id(n)?,
                talked: *flag == "1",
                marker: MarkerTail::new(marker)?,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn berlin() -> Tz {
        "Europe/Berlin".parse().unwrap()
    }

    fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        tz.with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn tonight_is_eight_in_the_evening_then_an_hour_from_now_then_tomorrow() {
        let tz = berlin();
        // Thursday 2026-11-26.
        assert_eq!(
            Pick::Tonight.time(local(tz, 2026, 11, 26, 9, 30), tz),
            local(tz, 2026, 11, 26, 20, 0)
        );
        assert_eq!(
            Pick::Tonight.time(local(tz, 2026, 11, 26, 21, 15), tz),
            local(tz, 2026, 11, 26, 22, 15)
        );
        assert_eq!(
            Pick::Tonight.time(local(tz, 2026, 11, 26, 23, 5), tz),
            local(tz, 2026, 11, 27, 20, 0)
        );
        assert_eq!(
            Pick::Tomorrow.time(local(tz, 2026, 11, 26, 23, 5), tz),
            local(tz, 2026, 11, 27, 20, 0)
        );
    }

    #[test]
    fn the_weekend_is_the_next_saturday_or_sunday_morning_still_ahead() {
        let tz = berlin();
        // Thursday -> Saturday 11:00.
        assert_eq!(
            Pick::Weekend.time(local(tz, 2026, 11, 26, 12, 0), tz),
            local(tz, 2026, 11, 28, 11, 0)
        );
        // Saturday afternoon -> Sunday 11:00; Sunday afternoon -> next Saturday.
        assert_eq!(
            Pick::Weekend.time(local(tz, 2026, 11, 28, 15, 0), tz),
            local(tz, 2026, 11, 29, 11, 0)
        );
        assert_eq!(
            Pick::Weekend.time(local(tz, 2026, 11, 29, 15, 0), tz),
            local(tz, 2026, 12, 5, 11, 0)
        );
    }

    #[test]
    fn times_are_the_couples_own_across_a_dst_change() {
        let tz = berlin();
        // Saturday 2027-03-27; the clocks go forward on Sunday at 02:00.
        let t = Pick::Tomorrow.time(local(tz, 2027, 3, 27, 12, 0), tz);
        assert_eq!(t, Utc.with_ymd_and_hms(2027, 3, 28, 18, 0, 0).unwrap());
        let ny: Tz = "America/New_York".parse().unwrap();
        let t = Pick::Tonight.time(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap(), ny);
        assert_eq!(t, Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0).unwrap());
    }

    #[test]
    fn the_author_is_asked_the_next_morning() {
        let tz = berlin();
        let start = LocalTime::parse("04:00").unwrap();
        assert_eq!(
            ask_time(local(tz, 2026, 11, 26, 20, 0), tz, start),
            local(tz, 2026, 11, 27, 10, 0)
        );
        // A talk at 01:00 belongs to the couple-day before: asked that morning at 10:00.
        assert_eq!(
            ask_time(local(tz, 2026, 11, 27, 1, 0), tz, start),
            local(tz, 2026, 11, 27, 10, 0)
        );
        let late = LocalTime::parse("11:30").unwrap();
        assert_eq!(
            ask_time(local(tz, 2026, 11, 26, 20, 0), tz, late),
            local(tz, 2026, 11, 27, 11, 30)
        );
    }

    #[test]
    fn note_text_is_cleaned_and_limited() {
        assert_eq!(note_text("  \u{202e}  \n "), Err(NoteTextError::Empty));
        assert_eq!(note_text("a\u{0}b\u{200b}c"), Ok("abc".into()));
        assert_eq!(
            note_text(&"é".repeat(500)).map(|t| t.chars().count()),
            Ok(500)
        );
        assert_eq!(
            note_text(&"x".repeat(10_000)),
            Err(NoteTextError::TooLong { max: 500 })
        );
        assert_eq!(opener(["", " ", "\u{7}"]), Err(NoteTextError::Empty));
        assert_eq!(
            opener(["I feel", "", "I'd love"]),
            Ok("I feel\nI'd love".into())
        );
        assert!(opener(["x", &"y".repeat(601), ""]).is_err());
    }

    #[test]
    fn ids_round_trip_and_anything_else_is_refused() {
        let m = MarkerTail::new("o1700000000c42").unwrap();
        for id in [
            OmId::Bring(7),
            OmId::Form(7),
            OmId::Post {
                note: 7,
                with_words: true,
            },
            OmId::Pick {
                note: 7,
                pick: Some(Pick::Weekend),
                marker: m,
            },
            OmId::Pick {
                note: 7,
                pick: None,
                marker: m,
            },
            OmId::Answer {
                couple: CoupleId(3),
                note: 7,
                talked: false,
                marker: m,
            },
        ] {
            let tail = id.encode_tail();
            let parts: Vec<&str> = tail.split(':').collect();
            assert_eq!(OmId::parse_tail(&parts), Some(id), "{tail}");
        }
        for bad in [
            "b:0",
            "b:07",
            "b:-1",
            "b:1:2",
            "w:1:2",
            "p:1:x:o1c1",
            "p:1:t:O1C1",
            "p:1:t:",
            "a:1:2:1",
            "a:0:2:1:o1c1",
            "z:1",
            "b:99999999999999999999999",
        ] {
            let parts: Vec<&str> = bad.split(':').collect();
            assert_eq!(OmId::parse_tail(&parts), None, "{bad}");
        }
    }
}
