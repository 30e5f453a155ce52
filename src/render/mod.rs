//! Pictures: pure functions from data to image bytes.

pub mod heatmap;
