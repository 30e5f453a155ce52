//! The `/streak` heatmap: the last 26 weeks as a GitHub-style grid of days, as PNG bytes.
//!
//! Columns are weeks (oldest on the left, the week of today on the right), rows are weekdays
//! Monday to Sunday. Weekday labels sit on the left, month labels across the top and a legend
//! naming the states along the bottom. The picture has no title: the embed carries it.
//!
//! It is drawn on its own opaque dark card, so it looks the same in Discord's dark (#313338) and
//! light (#FFFFFF) themes. Each meaningful state's colour (both, one, none, frozen) also keeps a
//! contrast of at least 3:1 against both theme backgrounds and the card, and the states differ in
//! hue as well (green, amber, grey, blue) with a text legend, so nothing rests on one cue alone.
//!
//! Pure and deterministic: the same input gives the same bytes. Pixels come only from a small
//! fixed palette (the fonts are bitmaps and nothing is anti-aliased), so the PNG is written as an
//! indexed image of a few KB.

use chrono::{Datelike, NaiveDate};

use super::canvas::{draw, encode, point, rgb, Canvas};
use embedded_graphics::{
    mono_font::{iso_8859_1::FONT_7X13, MonoTextStyle},
    prelude::*,
    primitives::{
        PrimitiveStyle, PrimitiveStyleBuilder, Rectangle, RoundedRectangle, StrokeAlignment,
    },
    text::{Alignment, Baseline, Text, TextStyleBuilder},
};

/// What one day's cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Both partners checked in: the day counted.
    Both,
    /// One partner checked in.
    One,
    /// A required day on which nobody checked in (yet).
    None,
    /// Not required or paused: a rest day.
    NotRequired,
    /// Missed, but a freeze kept the streak alive.
    Frozen,
    /// After today: drawn as an empty outline.
    Future,
}

/// Number of week columns.
pub const WEEKS: u32 = 26;
/// Number of weekday rows.
pub const WEEKDAYS: u32 = 7;
/// Side of a cell in pixels.
pub const CELL: u32 = 16;
/// Gap between cells in pixels.
pub const GAP: u32 = 3;
/// Image width in pixels.
pub const WIDTH: u32 = 560;
/// Image height in pixels.
pub const HEIGHT: u32 = 200;
/// Top of the legend row; everything from here down is the legend.
pub const LEGEND_Y: u32 = GRID_Y + GRID_H + 14;

const PITCH: u32 = CELL + GAP;
const GRID_X: u32 = 48;
const GRID_Y: u32 = 30;
const GRID_H: u32 = WEEKDAYS * PITCH - GAP;
const DAYS: i64 = (WEEKS * WEEKDAYS) as i64;
const SWATCH: u32 = 13;
const CORNER: u32 = 3;

/// The card the picture is drawn on (Discord's darkest neutral).
pub const CARD: [u8; 3] = [0x1E, 0x1F, 0x22];
/// Labels and legend text.
pub const TEXT: [u8; 3] = [0xB5, 0xBA, 0xC1];
/// The ring marking today's cell.
const TODAY_RING: [u8; 3] = [0xDB, 0xDE, 0xE1];
/// The outline of a future cell.
const FUTURE_OUTLINE: [u8; 3] = [0x4E, 0x50, 0x58];

/// The legend: each named state in the order shown.
pub const LEGEND: [Cell; 5] = [
    Cell::Both,
    Cell::One,
    Cell::None,
    Cell::NotRequired,
    Cell::Frozen,
];

/// The words drawn on the picture (they come from `crate::copy`).
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    /// Month names, January first.
    pub months: [&'a str; 12],
    /// Monday, Wednesday and Friday.
    pub weekdays: [&'a str; 3],
    /// The name of each state of [`LEGEND`], in its order.
    pub legend: [&'a str; 5],
}

/// The fill of each state. A future cell is filled with the card colour and outlined.
pub fn colour(cell: Cell) -> [u8; 3] {
    match cell {
        Cell::Both => [0x23, 0xA5, 0x5A],
        Cell::One => [0xBA, 0x82, 0x00],
        Cell::None => [0x8A, 0x8D, 0x93],
        Cell::NotRequired => [0x3F, 0x42, 0x48],
        Cell::Frozen => [0x4A, 0x8F, 0xE0],
        Cell::Future => CARD,
    }
}

/// Top-left pixel of a cell: week 0 is the oldest column, weekday 0 is Monday.
pub fn cell_origin(week: u32, weekday: u32) -> (u32, u32) {
    (GRID_X + week * PITCH, GRID_Y + weekday * PITCH)
}

/// Renders the heatmap of the 26 weeks ending with the week of `today` as PNG bytes.
///
/// `days`: (date, state) for any dates; dates inside the 26 weeks are drawn, others ignored; a
/// later entry for the same date wins; missing dates are drawn as [`Cell::NotRequired`] and dates
/// after today as [`Cell::Future`].
pub fn render(days: &[(NaiveDate, Cell)], today: NaiveDate, labels: &Labels<'_>) -> Vec<u8> {
    Heatmap::new(days, today).to_png(labels)
}

/// The grid of states for the 26 weeks ending with the week of a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heatmap {
    cells: [[Cell; WEEKDAYS as usize]; WEEKS as usize],
    /// Day number (days from the common era) of the Monday of week 0.
    first_day: i64,
    /// Offset of today from `first_day`.
    today: i64,
}

impl Heatmap {
    /// Lays out `days` as [`render`] describes.
    pub fn new(days: &[(NaiveDate, Cell)], today: NaiveDate) -> Self {
        let today_offset =
            (WEEKS as i64 - 1) * 7 + i64::from(today.weekday().num_days_from_monday());
        let first_day = i64::from(today.num_days_from_ce()) - today_offset;
        let mut map = Heatmap {
            cells: [[Cell::NotRequired; WEEKDAYS as usize]; WEEKS as usize],
            first_day,
            today: today_offset,
        };
        for &(date, cell) in days {
            if let Some((week, weekday)) = map.position(date) {
                map.cells[week as usize][weekday as usize] = cell;
            }
        }
        for offset in today_offset + 1..DAYS {
            map.cells[(offset / 7) as usize][(offset % 7) as usize] = Cell::Future;
        }
        map
    }

    /// The (week, weekday) of `date`, if it is drawn.
    pub fn position(&self, date: NaiveDate) -> Option<(u32, u32)> {
        let offset = i64::from(date.num_days_from_ce()) - self.first_day;
        if (0..DAYS).contains(&offset) {
            Some(((offset / 7) as u32, (offset % 7) as u32))
        } else {
            None
        }
    }

    /// The state drawn at (week, weekday), if inside the grid.
    pub fn cell(&self, week: u32, weekday: u32) -> Option<Cell> {
        self.cells
            .get(week as usize)
            .and_then(|column| column.get(weekday as usize))
            .copied()
    }

    /// The date at (week, weekday), if inside the grid and the calendar.
    pub fn date(&self, week: u32, weekday: u32) -> Option<NaiveDate> {
        if week >= WEEKS || weekday >= WEEKDAYS {
            return None;
        }
        let day = self.first_day + i64::from(week * 7 + weekday);
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
    }

    /// Month labels as (week column, month index from 0 for January): over each column where a
    /// month begins, and over the first column for the month it shows unless that would crowd
    /// the next label.
    pub fn month_labels(&self) -> Vec<(u32, usize)> {
        let mut labels: Vec<(u32, usize)> = Vec::new();
        for week in 0..WEEKS {
            let starts = (0..WEEKDAYS)
                .filter_map(|weekday| self.date(week, weekday))
                .find(|date| date.day() == 1);
            let shown = match starts {
                Some(date) => Some(date),
                None if week == 0 => self.date(0, WEEKDAYS - 1),
                None => None,
            };
            if let Some(date) = shown {
                labels.push((week, date.month0() as usize));
            }
        }
        if labels.len() >= 2 && labels[1].0 - labels[0].0 < 2 {
            labels.remove(0);
        }
        labels
    }

    /// Draws the picture and encodes it as PNG.
    pub fn to_png(&self, labels: &Labels<'_>) -> Vec<u8> {
        encode(&self.draw(labels))
    }

    fn draw(&self, labels: &Labels<'_>) -> Canvas {
        let mut canvas = Canvas::new(WIDTH, HEIGHT, CARD);
        let text = MonoTextStyle::new(&FONT_7X13, rgb(TEXT));

        let top_left = TextStyleBuilder::new().baseline(Baseline::Top).build();
        for (week, month) in self.month_labels() {
            let name = labels.months[month];
            let (x, _) = cell_origin(week, 0);
            draw(
                &Text::with_text_style(name, point(x, 10), text, top_left),
                &mut canvas,
            );
        }

        let right_middle = TextStyleBuilder::new()
            .alignment(Alignment::Right)
            .baseline(Baseline::Middle)
            .build();
        for (weekday, name) in [0, 2, 4].into_iter().zip(labels.weekdays) {
            let (_, y) = cell_origin(0, weekday);
            let at = point(GRID_X - 6, y + CELL / 2);
            draw(
                &Text::with_text_style(name, at, text, right_middle),
                &mut canvas,
            );
        }

        for week in 0..WEEKS {
            for weekday in 0..WEEKDAYS {
                let cell = self.cells[week as usize][weekday as usize];
                let (x, y) = cell_origin(week, weekday);
                draw_cell(&mut canvas, cell, x, y, CELL);
            }
        }

        let (week, weekday) = ((self.today / 7) as u32, (self.today % 7) as u32);
        let (x, y) = cell_origin(week, weekday);
        let ring = Rectangle::new(point(x - 2, y - 2), Size::new(CELL + 4, CELL + 4));
        let style = PrimitiveStyleBuilder::new()
            .stroke_color(rgb(TODAY_RING))
            .stroke_width(1)
            .stroke_alignment(StrokeAlignment::Inside)
            .build();
        let ring = RoundedRectangle::with_equal_corners(ring, Size::new(CORNER + 2, CORNER + 2));
        draw(&ring.into_styled(style), &mut canvas);

        let left_middle = TextStyleBuilder::new().baseline(Baseline::Middle).build();
        let mut x = GRID_X;
        for (cell, name) in LEGEND.into_iter().zip(labels.legend) {
            draw_cell(&mut canvas, cell, x, LEGEND_Y, SWATCH);
            x += SWATCH + 5;
            let at = point(x, LEGEND_Y + SWATCH / 2);
            draw(
                &Text::with_text_style(name, at, text, left_middle),
                &mut canvas,
            );
            x += FONT_7X13.character_size.width * name.chars().count() as u32 + 16;
        }
        canvas
    }
}

fn draw_cell(canvas: &mut Canvas, cell: Cell, x: u32, y: u32, side: u32) {
    let style = match cell {
        Cell::Future => PrimitiveStyleBuilder::new()
            .fill_color(rgb(colour(cell)))
            .stroke_color(rgb(FUTURE_OUTLINE))
            .stroke_width(1)
            .stroke_alignment(StrokeAlignment::Inside)
            .build(),
        _ => PrimitiveStyle::with_fill(rgb(colour(cell))),
    };
    let square = Rectangle::new(point(x, y), Size::new(side, side));
    let square = RoundedRectangle::with_equal_corners(square, Size::new(CORNER, CORNER));
    draw(&square.into_styled(style), canvas);
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: Labels<'static> = Labels {
        months: [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ],
        weekdays: ["Mon", "Wed", "Fri"],
        legend: ["Both checked in", "One", "Not yet", "Rest day", "Frozen"],
    };
    use chrono::Duration;

    const DARK_THEME: [u8; 3] = [0x31, 0x33, 0x38];
    const LIGHT_THEME: [u8; 3] = [0xFF, 0xFF, 0xFF];

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A Wednesday.
    fn today() -> NaiveDate {
        date(2024, 6, 12)
    }

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
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        Decoded {
            width: info.width,
            height: info.height,
            rgb: buf,
        }
    }

    fn centre(image: &Decoded, map: &Heatmap, day: NaiveDate) -> [u8; 3] {
        let (week, weekday) = map.position(day).unwrap();
        let (x, y) = cell_origin(week, weekday);
        image.at(x + CELL / 2, y + CELL / 2)
    }

    /// A plausible history: mostly both, some one, a few misses and freezes, weekends off.
    fn sample(today: NaiveDate) -> Vec<(NaiveDate, Cell)> {
        (0..200)
            .map(|back| {
                let day = today - Duration::days(back);
                let cell = match (day.weekday().num_days_from_monday(), back % 11, back % 17) {
                    (5 | 6, _, _) => Cell::NotRequired,
                    (_, _, 3) => Cell::Frozen,
                    (_, 4, _) => Cell::None,
                    (_, 2 | 7, _) => Cell::One,
                    _ => Cell::Both,
                };
                (day, cell)
            })
            .collect()
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

    #[test]
    fn png_has_the_fixed_size_and_is_small() {
        let bytes = render(&sample(today()), today(), &LABELS);
        let image = decode(&bytes);
        assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
        assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
    }

    #[test]
    fn known_cells_have_their_state_colour() {
        let t = today();
        let ten_weeks_ago = t - Duration::weeks(10);
        let missing = t - Duration::days(3);
        let tomorrow = t + Duration::days(1);
        let days = [
            (t, Cell::Both),
            (ten_weeks_ago, Cell::Frozen),
            (t - Duration::days(1), Cell::One),
            (t - Duration::days(2), Cell::None),
            (tomorrow, Cell::Both), // after today: drawn as future whatever it says
        ];
        let map = Heatmap::new(&days, t);
        let image = decode(&map.to_png(&LABELS));

        assert_eq!(map.position(t), Some((WEEKS - 1, 2)));
        assert_eq!(map.position(ten_weeks_ago), Some((WEEKS - 11, 2)));
        assert_eq!(map.cell(WEEKS - 1, 3), Some(Cell::Future));
        assert_eq!(centre(&image, &map, t), colour(Cell::Both));
        assert_eq!(centre(&image, &map, ten_weeks_ago), colour(Cell::Frozen));
        assert_eq!(
            centre(&image, &map, t - Duration::days(1)),
            colour(Cell::One)
        );
        assert_eq!(
            centre(&image, &map, t - Duration::days(2)),
            colour(Cell::None)
        );
        assert_eq!(centre(&image, &map, missing), colour(Cell::NotRequired));
        assert_eq!(centre(&image, &map, tomorrow), colour(Cell::Future));
        // A future cell is an outline: its edge differs from its fill.
        let (x, y) = cell_origin(WEEKS - 1, 3);
        assert_eq!(image.at(x + CELL / 2, y), FUTURE_OUTLINE);
        // The oldest Monday and the last Sunday are the grid's corners.
        assert_eq!(map.position(t - Duration::days(7 * 25 + 2)), Some((0, 0)));
        assert_eq!(map.position(t - Duration::days(7 * 25 + 3)), None);
        assert_eq!(map.position(t + Duration::days(4)), Some((WEEKS - 1, 6)));
        assert_eq!(map.position(t + Duration::days(5)), None);
    }

    #[test]
    fn today_is_ringed() {
        let map = Heatmap::new(&[], today());
        let image = decode(&map.to_png(&LABELS));
        let (x, y) = cell_origin(WEEKS - 1, 2);
        assert_eq!(image.at(x + CELL / 2, y - 2), TODAY_RING);
        assert_eq!(image.at(x + CELL / 2, y - 1), CARD);
    }

    #[test]
    fn legend_shows_every_named_state() {
        let image = decode(&render(&[], today(), &LABELS));
        let legend: Vec<[u8; 3]> = (LEGEND_Y..HEIGHT)
            .flat_map(|y| (0..WIDTH).map(move |x| (x, y)))
            .map(|(x, y)| image.at(x, y))
            .collect();
        for cell in LEGEND {
            assert!(
                legend.contains(&colour(cell)),
                "{cell:?} missing from the legend"
            );
        }
        assert!(legend.contains(&TEXT));
    }

    #[test]
    fn same_input_gives_same_bytes() {
        let days = sample(today());
        assert_eq!(
            render(&days, today(), &LABELS),
            render(&days, today(), &LABELS)
        );
        assert_ne!(
            render(&days, today(), &LABELS),
            render(&[], today(), &LABELS)
        );
    }

    #[test]
    fn hostile_input_renders() {
        let t = today();
        let days = [
            (NaiveDate::MIN, Cell::Both),
            (NaiveDate::MAX, Cell::Frozen),
            (t, Cell::None),
            (t, Cell::One), // duplicate: the last one wins
            (t - Duration::days(4000), Cell::Both),
            (t + Duration::days(4000), Cell::Both),
        ];
        let map = Heatmap::new(&days, t);
        let image = decode(&map.to_png(&LABELS));
        assert_eq!(centre(&image, &map, t), colour(Cell::One));
        assert_eq!((image.width, image.height), (WIDTH, HEIGHT));

        for day in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            date(1970, 1, 1),
            date(2000, 2, 29),
        ] {
            for days in [&days[..], &[]] {
                let image = decode(&render(days, day, &LABELS));
                assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
            }
        }
    }

    #[test]
    fn month_labels_mark_where_months_begin() {
        let map = Heatmap::new(&[], today());
        let labels = map.month_labels();
        // 2023-12-18 is the oldest Monday; Jan 1 2024 falls two columns later.
        assert_eq!(map.date(0, 0), Some(date(2023, 12, 18)));
        assert_eq!(
            labels,
            vec![(0, 11), (2, 0), (6, 1), (10, 2), (15, 3), (19, 4), (23, 5)]
        );
        // A first column with room before the next month keeps its label...
        let roomy = Heatmap::new(&[], date(2024, 6, 5));
        assert_eq!(roomy.date(0, 0), Some(date(2023, 12, 11)));
        assert_eq!(roomy.month_labels()[..2], [(0, 11), (3, 0)]);
        // ...and one crowded by the next month's label loses it.
        let crowded = Heatmap::new(&[], date(2024, 6, 19));
        assert_eq!(crowded.date(0, 0), Some(date(2023, 12, 25)));
        assert_eq!(crowded.month_labels()[0], (1, 0));
    }

    #[test]
    fn colours_contrast_in_both_themes() {
        for cell in [Cell::Both, Cell::One, Cell::None, Cell::Frozen] {
            let fill = colour(cell);
            for (against, name) in [(DARK_THEME, "dark"), (LIGHT_THEME, "light"), (CARD, "card")] {
                let ratio = contrast(fill, against);
                assert!(ratio >= 3.0, "{cell:?} against {name}: {ratio:.2}");
            }
        }
        // Rest days are quiet but visible, and clearly apart from a missed day.
        assert!(contrast(colour(Cell::NotRequired), CARD) >= 1.5);
        assert!(contrast(colour(Cell::NotRequired), colour(Cell::None)) >= 3.0);
        // Text is readable on the card; the card stands out on the light theme.
        assert!(contrast(TEXT, CARD) >= 4.5);
        assert!(contrast(CARD, LIGHT_THEME) >= 3.0);
        // Every state has its own fill.
        let all = [
            Cell::Both,
            Cell::One,
            Cell::None,
            Cell::NotRequired,
            Cell::Frozen,
            Cell::Future,
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(colour(*a), colour(*b), "{a:?} and {b:?}");
            }
        }
    }

    /// Set HAVEN_HEATMAP_SAMPLE=/path/to/file.png to write a sample picture for a look.
    #[test]
    fn writes_a_sample_when_asked() {
        if let Some(path) = std::env::var_os("HAVEN_HEATMAP_SAMPLE") {
            std::fs::write(path, render(&sample(today()), today(), &LABELS)).unwrap();
        }
    }
}
