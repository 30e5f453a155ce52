//! Presentation without words: pictures (pure functions from data to image bytes) and the
//! layout of haven's own posts. The words come from `crate::copy`.

mod canvas;
pub mod heatmap;
pub mod onmymind;
pub mod posts;
pub mod pulse;
