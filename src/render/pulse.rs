//! The `/pulse` chart: one partner's last 12 pulse weeks as four lines, as PNG bytes; and what
//! the pulse adds to the weekly digest's layout (its button, and the shared lines).
//!
//! Weeks run left to right (oldest first, this week on the right), scores 1 to 5 bottom to top.
//! Each statement has its own colour, its own marker (circle, square, diamond, triangle) and its
//! own line (solid, dashed, dotted, dash-dot), with a legend, so no line rests on colour alone.
//! A week without an answer is a gap: no marker, and no line into or out of it.
//!
//! Like the heatmap it is drawn on its own opaque dark card with a fixed palette and a bitmap
//! font, so it reads the same in Discord's dark and light themes, and the same input gives the
//! same bytes.

use embedded_graphics::{
    mono_font::{iso_8859_1::FONT_7X13, MonoTextStyle},
    pixelcolor::Rgb888,
    prelude::*,
    primitives::{Circle, Line, PrimitiveStyle, Rectangle, Triangle},
    text::{Alignment, Baseline, Text, TextStyleBuilder},
};

use super::canvas::{draw, encode, point, rgb, Canvas};
use crate::copy::Lang;
use crate::domain::post::{Button, ButtonStyle, Post};
use crate::domain::pulse::{Statement, CHART_WEEKS};

pub use super::heatmap::{CARD, TEXT};

pub const WIDTH: u32 = 560;
pub const HEIGHT: u32 = 214;
/// The x of the oldest week, and the distance between weeks.
const PLOT_X: u32 = 44;
const STEP: u32 = 44;
/// The y of a score of 5, and the distance between scores.
const PLOT_Y: u32 = 22;
const ROW: u32 = 32;
/// Half the side of a marker.
const MARK: u32 = 4;
const LEGEND_Y: u32 = 192;
/// The faint lines at each score.
pub const GRID: [u8; 3] = [0x2E, 0x30, 0x35];

/// The colour of each statement's line, in [`Statement::ALL`]'s order.
pub const COLOURS: [[u8; 3]; 4] = [
    [0x23, 0xA5, 0x5A],
    [0x4A, 0x8F, 0xE0],
    [0xBA, 0x82, 0x00],
    [0xC8, 0x4F, 0xD0],
];

/// The words drawn on the picture (they come from `crate::copy`).
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    /// The short name of each statement, in [`Statement::ALL`]'s order.
    pub legend: [&'a str; 4],
    /// Under the oldest week.
    pub oldest: &'a str,
    /// Under this week.
    pub newest: &'a str,
}

/// The colour of a statement's line and markers.
pub fn colour(s: Statement) -> [u8; 3] {
    COLOURS[s as usize]
}

/// The centre of the marker of statement `s` scoring `score` (1-5) in week `week` (0 the
/// oldest). The four statements sit a few pixels apart, so equal scores never hide each other.
pub fn marker_centre(s: Statement, week: u32, score: u8) -> (u32, u32) {
    let offset = [0u32, 6, 12, 18][s as usize];
    let x = PLOT_X - 9 + week * STEP + offset;
    let y = PLOT_Y + (5 - u32::from(score.clamp(1, 5))) * ROW;
    (x, y)
}

/// Renders the chart of `weeks` (oldest first, at most [`CHART_WEEKS`]; `None` is a week
/// without an answer; a score outside 1-5 is drawn as a gap) as PNG bytes.
pub fn render(weeks: &[Option<[u8; 4]>], labels: &Labels<'_>) -> Vec<u8> {
    let mut canvas = Canvas::new(WIDTH, HEIGHT, CARD);
    let text = MonoTextStyle::new(&FONT_7X13, rgb(TEXT));
    let right_middle = TextStyleBuilder::new()
        .alignment(Alignment::Right)
        .baseline(Baseline::Middle)
        .build();
    for score in 1..=5u8 {
        let (_, y) = marker_centre(Statement::Close, 0, score);
        let line = Line::new(point(PLOT_X - 12, y), point(WIDTH - 16, y));
        draw(
            &line.into_styled(PrimitiveStyle::with_stroke(rgb(GRID), 1)),
            &mut canvas,
        );
        let digit = [b'0' + score];
        let digit = std::str::from_utf8(&digit).unwrap_or("");
        draw(
            &Text::with_text_style(digit, point(PLOT_X - 18, y), text, right_middle),
            &mut canvas,
        );
    }
    let top = TextStyleBuilder::new().baseline(Baseline::Top).build();
    let top_right = TextStyleBuilder::new()
        .alignment(Alignment::Right)
        .baseline(Baseline::Top)
        .build();
    let below = marker_centre(Statement::Close, 0, 1).1 + 12;
    draw(
        &Text::with_text_style(labels.oldest, point(PLOT_X - 12, below), text, top),
        &mut canvas,
    );
    draw(
        &Text::with_text_style(labels.newest, point(WIDTH - 16, below), text, top_right),
        &mut canvas,
    );

    let weeks: Vec<Option<[u8; 4]>> = weeks
        .iter()
        .take(CHART_WEEKS)
        .map(|w| w.filter(|s| s.iter().all(|v| (1..=5).contains(v))))
        .collect();
    // Right-aligned: the last entry is this week.
    let shift = (CHART_WEEKS - weeks.len()) as u32;
    for s in Statement::ALL {
        let colour = rgb(colour(s));
        for (i, pair) in weeks.windows(2).enumerate() {
            if let [Some(a), Some(b)] = pair {
                let w = shift + i as u32;
                let from = marker_centre(s, w, a[s as usize]);
                let to = marker_centre(s, w + 1, b[s as usize]);
                draw_line(&mut canvas, s, from, to, colour);
            }
        }
    }
    for s in Statement::ALL {
        for (i, week) in weeks.iter().enumerate() {
            if let Some(scores) = week {
                let (x, y) = marker_centre(s, shift + i as u32, scores[s as usize]);
                draw_marker(&mut canvas, s, x, y);
            }
        }
    }

    let left_middle = TextStyleBuilder::new().baseline(Baseline::Middle).build();
    let mut x = PLOT_X - 12;
    for (s, name) in Statement::ALL.into_iter().zip(labels.legend) {
        let sample_from = (x, LEGEND_Y);
        let sample_to = (x + 22, LEGEND_Y);
        draw_line(&mut canvas, s, sample_from, sample_to, rgb(colour(s)));
        draw_marker(&mut canvas, s, x + 11, LEGEND_Y);
        x += 28;
        draw(
            &Text::with_text_style(name, point(x, LEGEND_Y), text, left_middle),
            &mut canvas,
        );
        x += FONT_7X13.character_size.width * name.chars().count() as u32 + 14;
    }
    encode(&canvas)
}

/// Draws a statement's line from one point to another in its pattern: solid, dashed, dotted,
/// dash-dot (on and off lengths in pixels along the line).
fn draw_line(canvas: &mut Canvas, s: Statement, from: (u32, u32), to: (u32, u32), c: Rgb888) {
    let pattern: &[u32] = match s {
        Statement::Close => &[],
        Statement::BeyondLogistics => &[7, 4],
        Statement::FreeToShare => &[2, 3],
        Statement::Unsettled => &[8, 3, 2, 3],
    };
    let (x0, y0) = (f64::from(from.0), f64::from(from.1));
    let (x1, y1) = (f64::from(to.0), f64::from(to.1));
    let length = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
    let at = |d: f64| -> Point {
        let t = if length == 0.0 { 0.0 } else { d / length };
        Point::new(
            (x0 + (x1 - x0) * t).round() as i32,
            (y0 + (y1 - y0) * t).round() as i32,
        )
    };
    let style = PrimitiveStyle::with_stroke(c, 2);
    if pattern.is_empty() {
        draw(&Line::new(at(0.0), at(length)).into_styled(style), canvas);
        return;
    }
    let mut d = 0.0;
    let mut i = 0;
    while d < length {
        let run = f64::from(pattern[i % pattern.len()]);
        if i % 2 == 0 {
            let end = (d + run).min(length);
            draw(&Line::new(at(d), at(end)).into_styled(style), canvas);
        }
        d += run;
        i += 1;
    }
}

/// Draws a statement's marker centred on (x, y): circle, square, diamond or triangle.
fn draw_marker(canvas: &mut Canvas, s: Statement, x: u32, y: u32) {
    let fill = PrimitiveStyle::with_fill(rgb(colour(s)));
    let (xi, yi, m) = (x as i32, y as i32, MARK as i32);
    match s {
        Statement::Close => draw(
            &Circle::with_center(point(x, y), 2 * MARK + 1).into_styled(fill),
            canvas,
        ),
        Statement::BeyondLogistics => draw(
            &Rectangle::with_center(point(x, y), Size::new(2 * MARK + 1, 2 * MARK + 1))
                .into_styled(fill),
            canvas,
        ),
        Statement::FreeToShare => {
            for (a, b, c) in [
                ((xi, yi - m - 1), (xi - m - 1, yi), (xi + m + 1, yi)),
                ((xi, yi + m + 1), (xi - m - 1, yi), (xi + m + 1, yi)),
            ] {
                let t = Triangle::new(
                    Point::new(a.0, a.1),
                    Point::new(b.0, b.1),
                    Point::new(c.0, c.1),
                );
                draw(&t.into_styled(fill), canvas);
            }
        }
        Statement::Unsettled => {
            let t = Triangle::new(
                Point::new(xi, yi - m - 1),
                Point::new(xi - m - 1, yi + m),
                Point::new(xi + m + 1, yi + m),
            );
            draw(&t.into_styled(fill), canvas);
        }
    }
}

/// The digest's pulse button: the same on every couple's digest (in the couple's language),
/// whoever takes the pulse.
pub fn digest_button(lang: Lang, marker: &str) -> Button {
    Button {
        custom_id: crate::domain::custom_id::ComponentId::pulse_digest(marker),
        label: crate::copy::pulse::digest_button(lang),
        style: ButtonStyle::Secondary,
    }
}

/// Adds the pulse to a rendered digest: its button always; and, only when both partners share,
/// each partner's own line for the week (side by side, nothing compared).
pub fn add_to_digest(
    lang: Lang,
    post: &mut Post,
    shared: &[(crate::domain::ids::UserId, [u8; 4])],
    marker: &str,
) {
    post.buttons.push(digest_button(lang, marker));
    if let Some(embed) = post.embeds.first_mut() {
        for (who, scores) in shared {
            embed.fields.push((
                crate::copy::pulse::shared_title(lang),
                crate::copy::pulse::shared_line(lang, *who, *scores),
            ));
        }
        if !shared.is_empty() {
            embed.inline = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: Labels<'static> = Labels {
        legend: ["Close", "Beyond logistics", "Free to share", "Unsettled"],
        oldest: "11 weeks ago",
        newest: "This week",
    };
    const DARK_THEME: [u8; 3] = [0x31, 0x33, 0x38];
    const LIGHT_THEME: [u8; 3] = [0xFF, 0xFF, 0xFF];

    struct Decoded {
        width: u32,
        height: u32,
        rgb: Vec<u8>,
    }

    impl Decoded {
        fn at(&self, x: u32, y: u32) -> [u8; 3] {
            let i = ((y * self.width + x) * 3) as usize;
            [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
        }
    }

    fn decode(bytes: &[u8]) -> Decoded {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buf.truncate(info.buffer_size());
        Decoded {
            width: info.width,
            height: info.height,
            rgb: buf,
        }
    }

    fn luminance([r, g, b]: [u8; 3]) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Twelve weeks with a few gaps and every score somewhere.
    fn sample() -> Vec<Option<[u8; 4]>> {
        (0..12u8)
            .map(|w| {
                (w % 5 != 3).then(|| {
                    [
                        1 + (w + 2) % 5,
                        1 + (w * 3) % 5,
                        1 + (w + 4) % 5,
                        1 + (w * 2 + 1) % 5,
                    ]
                })
            })
            .collect()
    }

    #[test]
    fn the_png_has_its_fixed_size_and_is_small() {
        let bytes = render(&sample(), &LABELS);
        let image = decode(&bytes);
        assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
        assert!(bytes.len() < 16_000, "{} bytes", bytes.len());
        // The same input gives the same bytes.
        assert_eq!(bytes, render(&sample(), &LABELS));
        assert_ne!(bytes, render(&[None; 12], &LABELS));
    }

    #[test]
    fn a_known_score_draws_its_marker_where_and_in_the_colour_expected() {
        for s in Statement::ALL {
            for score in 1..=5u8 {
                for week in [0u32, 5, 11] {
                    let mut weeks = vec![None; 12];
                    // Only this statement differs from a gap: the others score 1 elsewhere.
                    let mut scores = [1u8; 4];
                    scores[s as usize] = score;
                    if score == 1 {
                        scores = [1, 1, 1, 1];
                    }
                    weeks[week as usize] = Some(scores);
                    let image = decode(&render(&weeks, &LABELS));
                    let (x, y) = marker_centre(s, week, score);
                    assert_eq!(image.at(x, y), colour(s), "{s:?} {score} in week {week}");
                }
            }
        }
        // Week 11 with a 5 in "close": top right of the plot.
        assert_eq!(marker_centre(Statement::Close, 11, 5), (35 + 11 * 44, 22));
    }

    #[test]
    fn a_week_without_an_answer_draws_nothing() {
        let mut weeks = sample();
        weeks[7] = None;
        weeks[8] = Some([5, 5, 5, 5]);
        let image = decode(&render(&weeks, &LABELS));
        let (left, _) = marker_centre(Statement::Close, 7, 1);
        let (right, _) = marker_centre(Statement::Unsettled, 7, 1);
        let (_, top) = marker_centre(Statement::Close, 7, 5);
        let (_, bottom) = marker_centre(Statement::Close, 7, 1);
        for x in left - MARK..=right + MARK {
            for y in top - MARK - 1..=bottom + MARK {
                let px = image.at(x, y);
                assert!(px == CARD || px == GRID, "{px:?} at {x},{y} in a gap");
            }
        }
        // A week with an answer next to it has its markers.
        let (x, y) = marker_centre(Statement::Close, 8, 5);
        assert_eq!(image.at(x, y), colour(Statement::Close));
        // Nothing at all: only the grid, the labels and the legend.
        let empty = decode(&render(&[None; 12], &LABELS));
        let (x, y) = marker_centre(Statement::Close, 4, 3);
        assert_eq!(empty.at(x, y), GRID);
    }

    #[test]
    fn hostile_input_renders() {
        for weeks in [
            vec![],
            vec![Some([0, 6, 255, 9]); 40],
            vec![Some([5, 5, 5, 5]); 1],
            vec![None; 3],
        ] {
            let image = decode(&render(&weeks, &LABELS));
            assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
        }
        let long = "x".repeat(500);
        let labels = Labels {
            legend: [&long, "é", "", "\u{202e}"],
            oldest: &long,
            newest: "",
        };
        decode(&render(&sample(), &labels));
        // Out-of-range scores are gaps, never a marker off the plot.
        let image = decode(&render(&[Some([0, 1, 2, 3])], &LABELS));
        let (x, y) = marker_centre(Statement::BeyondLogistics, 11, 1);
        assert_ne!(image.at(x, y), colour(Statement::BeyondLogistics));
    }

    #[test]
    fn every_language_s_legend_fits_on_the_picture() {
        for lang in Lang::shipped() {
            let letters: u32 = Statement::ALL
                .iter()
                .map(|s| crate::copy::pulse::chart_legend(lang, *s).chars().count() as u32)
                .sum();
            // A sample and a gap for each name, as `render` lays them out.
            let end = PLOT_X - 12 + 4 * (28 + 14) - 14 + FONT_7X13.character_size.width * letters;
            assert!(end <= WIDTH, "{}: the legend ends at {end}", lang.code());
        }
    }

    #[test]
    fn colours_contrast_in_both_themes_and_differ() {
        for s in Statement::ALL {
            for (against, name) in [(DARK_THEME, "dark"), (LIGHT_THEME, "light"), (CARD, "card")] {
                let ratio = contrast(colour(s), against);
                assert!(ratio >= 3.0, "{s:?} against {name}: {ratio:.2}");
            }
        }
        assert!(contrast(TEXT, CARD) >= 4.5);
        assert!(contrast(CARD, LIGHT_THEME) >= 3.0);
        for (i, a) in COLOURS.iter().enumerate() {
            for b in &COLOURS[i + 1..] {
                assert_ne!(a, b);
            }
            assert_ne!(*a, GRID);
        }
    }

    /// Set HAVEN_PULSE_SAMPLE=/path/to/file.png to write a sample picture for a look.
    #[test]
    fn writes_a_sample_when_asked() {
        if let Some(path) = std::env::var_os("HAVEN_PULSE_SAMPLE") {
            std::fs::write(path, render(&sample(), &LABELS)).unwrap();
        }
    }
}
